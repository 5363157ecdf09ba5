"""In real Chromium: from the home page to a condition, with no accessibility violations."""

import pytest

from tests.helpers import assert_no_axe_violations

pytestmark = pytest.mark.browser


def test_home_to_a_condition_has_no_axe_violations(page, site):
    page.goto(site + "/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Conditions", exact=True).first.click()
    page.wait_for_url("**/conditions/")
    assert_no_axe_violations(page)
    page.locator(".card h3 a").first.click()
    page.wait_for_url("**/conditions/*/")
    assert page.locator("h1").count() == 1
    assert page.get_by_text("Last reviewed").is_visible()
    assert_no_axe_violations(page)
