"""Every public page, found from the sitemap and the URL configuration: it answers 200,
has exactly one <h1> and headings in order, sends the security headers, sets no cookie,
and its main text reads at Flesch-Kincaid grade 10 or lower."""

import pytest

from conditions.readability import grade, main_text, word_count
from tests.helpers import h1_count, heading_levels, headings_in_order
from tests.pages import public_pages

MAX_PAGE_GRADE = 10
MIN_WORDS_TO_GRADE = 80  # a form or a short list is not prose to grade


@pytest.fixture
def pages(client, content):
    found = public_pages(client)
    assert len(found) >= 7, found
    return found


def test_every_public_page_answers_200_with_one_h1_and_ordered_headings(client, pages):
    problems = []
    for path in pages:
        response = client.get(path)
        if response.status_code != 200:
            problems.append(f"{path}: status {response.status_code}")
            continue
        html = response.content.decode()
        if h1_count(html) != 1:
            problems.append(f"{path}: {h1_count(html)} <h1> elements")
        levels = heading_levels(html)
        if not headings_in_order(levels):
            problems.append(f"{path}: headings out of order {levels}")
    assert not problems, "\n".join(problems)


def test_every_public_page_sends_security_headers_and_no_cookie(client, pages):
    problems = []
    for path in pages:
        response = client.get(path)
        for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
            if header not in response:
                problems.append(f"{path}: no {header}")
        if response.cookies:
            problems.append(f"{path}: sets cookies {list(response.cookies)}")
    assert not problems, "\n".join(problems)


def test_every_public_page_reads_at_grade_10_or_lower(client, pages):
    grades = {}
    for path in pages:
        text = main_text(client.get(path).content.decode())
        if word_count(text) < MIN_WORDS_TO_GRADE:
            continue
        grades[path] = grade(text)
    too_hard = {path: grade for path, grade in grades.items() if grade > MAX_PAGE_GRADE}
    assert grades, "no page had enough text to grade"
    assert not too_hard, f"Flesch-Kincaid grade above {MAX_PAGE_GRADE}: {too_hard}"


# Interactive tools show the parent's own answers, not reviewed content; their content
# comes from pages that carry review dates.
TOOLS = ("/walkthrough/", "/check/", "/costs/calculator/", "/clinicians/", "/s/")


def test_every_content_page_shows_review_dates(client, pages):
    missing = [
        path
        for path in pages
        if not path.startswith(TOOLS)
        and not all(text in client.get(path).content.decode() for text in ("Last reviewed", "Next review due"))
    ]
    assert not missing, f"pages without review dates: {missing}"
