"""Plain language: every option summary at Flesch-Kincaid grade 8 or lower (condition
summaries: tests/test_content.py; pages' main text: tests/test_quality_pages.py), and
`manage.py reading_levels`, whose figures the README quotes, grades every public page."""

import io

import pytest
from django.core.management import call_command

from conditions.models import Option
from conditions.readability import grade

MAX_SUMMARY_GRADE = 8


@pytest.mark.django_db
def test_every_option_summary_reads_at_grade_8_or_lower():
    grades = {option.slug: grade(option.summary) for option in Option.objects.all()}
    assert len(grades) >= 5
    too_hard = {slug: g for slug, g in grades.items() if g > MAX_SUMMARY_GRADE}
    assert not too_hard, f"option summaries above grade {MAX_SUMMARY_GRADE}: {too_hard}"


@pytest.mark.django_db
def test_reading_levels_reports_every_summary_and_every_public_page(client):
    from tests.pages import public_pages

    output = io.StringIO()
    call_command("reading_levels", stdout=output)
    report = output.getvalue()
    assert "Summaries: " in report and "Pages (main text): " in report
    assert "OVER" not in report, report
    assert f"option {Option.objects.first().slug}" in report
    graded = {
        line.split()[-1] for line in report.splitlines() if line.strip().split()[-1].startswith("/")
    }
    assert {"/", "/privacy/", "/accessibility/", "/check/"} <= graded
    assert len(graded) >= len(public_pages(client)) // 2
