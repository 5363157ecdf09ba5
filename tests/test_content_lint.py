"""Wording and numbers: the lint over every content file and template, and its rules."""

from pathlib import Path

import pytest

from conditions.lint import check_text, lint

ROOT = Path(__file__).resolve().parent.parent


def test_content_and_templates_pass_the_lint():
    problems = lint(content_dir=ROOT / "conditions" / "content", template_dir=ROOT / "templates")
    assert not problems, "Content lint:\n" + "\n".join(str(p) for p in problems)


@pytest.mark.parametrize(
    "text, rule",
    [
        ("Don't throw away this chance to protect your family.", "loss framing"),
        ("You only have one chance to collect it.", "urgency"),
        ("Act now before the birth.", "urgency"),
        ("It could be the best investment you ever make.", "sales language"),
        ("Children are 3 times more likely to need it.", "relative risk without absolute numbers"),
        (
            "Banking doubles the chance of finding a match.",
            "relative risk without absolute numbers",
        ),
        ("About 55% of patients improved.", "percentage without a source"),
    ],
)
def test_lint_catches(text, rule):
    assert rule in {p.rule for p in check_text(text, where="example")}


@pytest.mark.parametrize(
    "text",
    [
        "About 55% of patients improved [@kim-2017].",
        'Some banks say it is "the best investment you ever make".',
        "Siblings are 4 times more likely to match: about 25 out of 100 compared with 6 out of 100.",
        "You can take your time to decide.",
    ],
)
def test_lint_allows_sourced_quoted_and_absolute_wording(text):
    assert check_text(text, where="example") == []


def test_a_record_with_its_own_source_may_state_a_percentage():
    assert check_text("37% came from minority donors.", where="x", has_record_source=True) == []


def test_the_lint_reads_every_content_file_and_every_template():
    from conditions.lint import content_files, template_files

    content = ROOT / "conditions" / "content"
    linted = content_files(content)
    everything = {p for p in content.rglob("*") if p.is_file() and p.name != "README.md"}
    assert set(linted) == everything
    assert {p.name for p in (content / "claims").glob("*.yaml")} <= {p.name for p in linted}
    assert set(template_files(ROOT / "templates")) == {
        p for p in (ROOT / "templates").rglob("*") if p.is_file()
    }


def test_lint_failures_name_the_file_the_field_and_the_rule(tmp_path):
    content = tmp_path / "conditions" / "content"
    (content / "claims").mkdir(parents=True)
    (content / "claims" / "bad.yaml").write_text(
        "- key: bad\n"
        "  summary: Act now, before the birth.\n"
        "  evidence: About 55% of patients improved.\n"
        "  phrasings:\n"
        '    - "Don\'t throw away your only one chance! Act now. The best investment: 80% cured."\n',
        encoding="utf-8",
    )
    (content / "notes.docx").write_bytes(b"PK")
    templates = tmp_path / "templates" / "pages"
    templates.mkdir(parents=True)
    (templates / "bad.html").write_text(
        "<p>It is the best investment you can make.</p>", encoding="utf-8"
    )
    (templates / "bad.txt").write_text("Hurry, stocks are limited.", encoding="utf-8")

    problems = [str(p) for p in lint(content_dir=content, template_dir=tmp_path / "templates")]
    assert sorted(problems) == sorted(
        [
            "conditions/content/claims/bad.yaml: [1].summary: urgency: 'Act now'",
            "conditions/content/claims/bad.yaml: [1].evidence: percentage without a source: '55%'",
            "conditions/content/notes.docx: content file the lint cannot read: '.docx'",
            "templates/pages/bad.html: sales language: 'best investment'",
            "templates/pages/bad.txt: urgency: 'Hurry'",
        ]
    ), "the claims' phrasings quote marketing and are exempt; everything else is named"
