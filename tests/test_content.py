"""The content files and their loader: validation, idempotence, round trip, sourcing."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
import textstat

from conditions.citations import strip_citations
from conditions.loading import CONTENT_DIR, ContentError, export_content, load_content
from conditions.models import Condition, Source, Study

SAMPLE = Path(__file__).parent / "data" / "sample_content"


@pytest.fixture
def sample_dir(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(SAMPLE, target)
    return target


def table_counts():
    from django.apps import apps

    return {m.__name__: m.objects.count() for m in apps.get_app_config("conditions").get_models()}


@pytest.mark.django_db
def test_loading_sample_content_creates_the_records(sample_dir):
    report = load_content(sample_dir)
    assert report.created > 0
    condition = Condition.objects.get(slug="sample-condition")
    assert condition.studies.get().source.key == "sample-trial"
    # A source cited only inline joins the condition's reference list.
    assert set(condition.sources.values_list("key", flat=True)) == {"sample-trial", "sample-guideline"}


@pytest.mark.django_db
def test_loading_twice_changes_nothing(sample_dir):
    load_content(sample_dir)
    history_before = Condition.history.count()
    report = load_content(sample_dir)
    assert report.changed == 0
    assert Condition.history.count() == history_before


@pytest.mark.django_db
def test_a_malformed_file_is_rejected_whole_and_named(sample_dir):
    load_content(sample_dir)
    before = table_counts()
    path = sample_dir / "conditions" / "sample-condition.yaml"
    text = path.read_text().replace("research_stage: early_human\nresearch_stage_reason", "research_stage: miracle\nresearch_stage_reason")
    path.write_text(text.replace("name: Sample condition", "name: Renamed condition"))
    with pytest.raises(ContentError) as error:
        load_content(sample_dir)
    assert "sample-condition.yaml" in str(error.value)
    assert "research_stage" in str(error.value)
    assert table_counts() == before
    assert Condition.objects.get(slug="sample-condition").name == "Sample condition"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "old, new, field",
    [
        ("participants: 34", "participants: lots", "participants"),
        ("source: sample-trial\nreadings", "source: no-such-source\nreadings", "source"),
        ("[@sample-trial].\nlast", "[@made-up-source].\nlast", "made-up-source"),
        ("order: 1", "order: 1\ncolour: blue", "colour"),
        ("next_review_due: 2027-11-22", "next_review_due: 2020-01-01", "next_review"),
    ],
)
def test_bad_values_name_the_field(sample_dir, old, new, field):
    path = sample_dir / "conditions" / "sample-condition.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ContentError, match=field):
        load_content(sample_dir)
    assert not Condition.objects.filter(slug="sample-condition").exists()


@pytest.mark.django_db
def test_invalid_yaml_is_reported_with_the_file(sample_dir):
    (sample_dir / "sources" / "all.yaml").write_text("- key: [unclosed\n")
    with pytest.raises(ContentError, match="sources/all.yaml"):
        load_content(sample_dir)


@pytest.mark.django_db
def test_removed_records_are_deleted(sample_dir):
    load_content(sample_dir)
    path = sample_dir / "conditions" / "sample-condition.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("studies:")] + "studies: []\nreadings: []\n")
    load_content(sample_dir)
    assert not Study.objects.filter(condition__slug="sample-condition").exists()


@pytest.mark.django_db
def test_export_round_trips_the_real_content(tmp_path):
    load_content(CONTENT_DIR)
    export_content(tmp_path / "a")
    report = load_content(tmp_path / "a")
    assert report.changed == 0, str(report)
    export_content(tmp_path / "b")
    for first in sorted((tmp_path / "a").rglob("*.yaml")):
        second = tmp_path / "b" / first.relative_to(tmp_path / "a")
        assert first.read_text() == second.read_text(), first


@pytest.mark.django_db
def test_every_study_cites_a_source_with_doi_pmid_or_url():
    studies = list(Study.objects.select_related("source"))
    assert studies
    for study in studies:
        source = study.source
        assert source.doi or source.pmid or source.url, study


@pytest.mark.django_db
def test_every_source_has_a_link():
    sources = list(Source.objects.all())
    assert sources
    for source in sources:
        assert source.link.startswith("https://") or source.link.startswith("http://"), source.key


@pytest.mark.django_db
def test_every_condition_is_due_for_review_in_the_future():
    today = dt.date.today()
    for condition in Condition.objects.all():
        assert condition.last_reviewed <= today, condition
        assert condition.next_review_due > today, condition


EXPECTED_CONDITIONS = {
    "eczema", "psoriasis", "burns", "atrophic-scars", "hypertrophic-scars", "keloid-scars",
    "contracture-scars", "stretch-marks", "leukaemia", "sickle-cell-disease", "thalassaemia",
    "severe-combined-immunodeficiency", "inherited-metabolic-disorders", "cerebral-palsy",
    "autism", "type-1-diabetes",
}


@pytest.mark.django_db
def test_all_sixteen_conditions_are_published():
    published = set(Condition.objects.published().values_list("slug", flat=True))
    assert EXPECTED_CONDITIONS <= published, EXPECTED_CONDITIONS - published


@pytest.mark.django_db
def test_every_condition_summary_reads_at_grade_8_or_lower():
    too_hard = {}
    for condition in Condition.objects.all():
        grade = textstat.flesch_kincaid_grade(strip_citations(condition.summary))
        if grade > 8:
            too_hard[condition.slug] = grade
    assert not too_hard, f"Flesch-Kincaid grade above 8: {too_hard}"
