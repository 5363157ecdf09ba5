"""In real Chromium: paste a bank's text into /check/, with and without JavaScript; the
results have no accessibility violations and no cookie is set."""

import pytest

from tests.helpers import assert_no_axe_violations

pytestmark = pytest.mark.browser

TEXT = (
    "Congratulations on your pregnancy! Our team is here Monday to Friday.\n\n"
    "Cord blood stem cells are used to treat more than 80 diseases. "
    "You only get one chance to collect your baby's cord blood.\n"
    "<script>document.title = 'injected'</script> Your kit will arrive by courier."
)


def check_text(page, site, axe=True):
    page.goto(site + "/check/")
    if axe:  # axe-core runs as script in the page
        assert_no_axe_violations(page)
    page.get_by_label("Paste the text from a bank's page, leaflet or advert").fill(TEXT)
    page.get_by_role("button", name="Check the claims").click()
    page.wait_for_url("**/check/#results")
    assert page.locator("h1").count() == 1
    assert page.locator(".has-claim").count() >= 2
    assert page.locator("mark").first.is_visible()
    assert page.get_by_text("Claim 1:").is_visible()
    assert page.get_by_role("heading", name="Summary").is_visible()
    assert "injected" not in page.title()
    assert page.locator(".checked-text").get_by_text("<script>document.title").is_visible()
    assert page.context.cookies() == []


def test_check_page_works_and_has_no_axe_violations(page, site):
    check_text(page, site)
    assert_no_axe_violations(page)


def test_check_page_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        check_text(page, site, axe=False)
    finally:
        context.close()


def test_empty_text_shows_a_friendly_error(page, site):
    page.goto(site + "/check/")
    page.get_by_role("button", name="Check the claims").click()
    assert page.title().startswith("Error: ")
    assert page.get_by_role("alert").is_visible()
    assert_no_axe_violations(page)
