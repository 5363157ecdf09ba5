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
        ("Banking doubles the chance of finding a match.", "relative risk without absolute numbers"),
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
