"""The privacy page and the accessibility statement say what the tests check: when a
setting or a test changes, the page that describes it has to change too."""

from html import unescape

from django.conf import settings

from tests import test_browser_quality as quality
from tests.helpers import AXE_TAGS


def page_text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return " ".join(unescape(response.content.decode()).split())


def test_the_privacy_page_says_what_the_site_does(client, content):
    text = page_text(client, "/privacy/")
    for promise in (
        "There are no accounts",
        "sets no cookies, except in the content admin",
        "No page makes a request to another company or site",
        f'Our Referrer-Policy is "{settings.SECURE_REFERRER_POLICY}"',
        'without the part after the "?"',
        "They never hold what you type or paste (the body of a request)",
        "It is never stored and never written to our logs",
        "Your answers live only in the address (URL)",
        "we store only the topics they chose",
    ):
        assert promise in text, f"/privacy/ no longer says: {promise}"


def test_the_accessibility_statement_names_what_the_tests_check(client, content):
    text = page_text(client, "/accessibility/")
    assert {"wcag2a", "wcag21aa", "wcag22aa"} <= set(AXE_TAGS)
    assert "WCAG 2.0, 2.1 and 2.2 rules at levels A and AA" in text
    for width in quality.WIDTHS_FOR_AXE:
        assert f"{width} pixels" in text, f"/accessibility/ does not name the {width} px check"
    assert f"{quality.NARROWEST} pixels wide" in text
    for tested in ("keyboard", "JavaScript turned off", "textstat", "A4 page", "Playwright"):
        assert tested in text, f"/accessibility/ does not say it tests {tested!r}"
    assert "What we know does not work, or is not tested" in text
