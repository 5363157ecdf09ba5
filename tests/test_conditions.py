"""The conditions library: list with filters, condition pages and the JSON API."""

import pytest

from conditions.models import Condition, OwnBloodUse, ResearchStage


@pytest.fixture
def condition(db):
    condition = Condition.objects.published().with_details().first()
    assert condition is not None, "no content loaded"
    return condition


def test_list_shows_every_published_condition(client, condition):
    html = client.get("/conditions/").content.decode()
    for c in Condition.objects.published():
        assert c.get_absolute_url() in html


def test_list_filters_by_research_stage_without_javascript(client, condition):
    response = client.get("/conditions/", {"stage": condition.research_stage})
    html = response.content.decode()
    assert condition.get_absolute_url() in html
    for other in Condition.objects.exclude(research_stage=condition.research_stage):
        assert other.get_absolute_url() not in html


def test_list_filters_by_own_blood_use(client, condition):
    for value in OwnBloodUse.values:
        html = client.get("/conditions/", {"own_blood": value}).content.decode()
        for c in Condition.objects.published():
            assert (c.get_absolute_url() in html) == (c.own_blood_used == value)


def test_an_unknown_filter_value_is_a_friendly_error(client, db):
    response = client.get("/conditions/", {"stage": "miracle"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "There is a problem" in html


def test_condition_page_shows_studies_sources_stage_and_review_dates(client, condition):
    html = client.get(condition.get_absolute_url()).content.decode()
    assert condition.name in html
    assert ResearchStage(condition.research_stage).label in html
    assert OwnBloodUse(condition.own_blood_used).label in html
    for study in condition.studies.all():
        assert study.title in html
        assert f'id="source-{study.source.key}"' in html
    assert "Last reviewed:" in html and "Next review due:" in html
    assert condition.next_review_due.strftime("%Y-%m-%d") in html
    assert "[@" not in html, "an unrendered citation marker leaked onto the page"


def test_citation_markers_become_numbered_links(client, condition):
    html = client.get(condition.get_absolute_url()).content.decode()
    assert 'class="cite" href="#source-' in html


def test_unknown_condition_is_404(client, db):
    assert client.get("/conditions/no-such-thing/").status_code == 404


def test_api_lists_conditions(client, condition):
    data = client.get("/api/conditions/").json()
    first = next(c for c in data["conditions"] if c["slug"] == condition.slug)
    assert set(first) == {
        "slug", "name", "research_stage", "own_blood_used", "last_reviewed", "next_review_due", "url",
    }
    assert first["last_reviewed"] == condition.last_reviewed.isoformat()
    assert first["url"].endswith(condition.get_absolute_url())


def test_api_condition_detail_has_studies_with_sources(client, condition):
    data = client.get(f"/api/conditions/{condition.slug}/").json()
    assert data["summary"] and "[@" not in data["summary"]
    for study in data["studies"]:
        assert {"design", "participants", "cell_source", "result", "research_stage", "source"} <= set(study)
        assert {"title", "year", "doi", "pmid", "url"} <= set(study["source"])
        assert study["source"]["doi"] or study["source"]["pmid"] or study["source"]["url"]
    assert data["sources"]


def test_api_unknown_condition_is_json_404(client, db):
    response = client.get("/api/conditions/nothing-here/")
    assert response.status_code == 404
    assert "error" in response.json()


def test_condition_page_uses_a_fixed_number_of_queries(client, condition, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(condition.get_absolute_url())
