"""In real Chromium: the comparison, the calculator and the chances pages have no axe-core
violations on a wide screen and a phone; the comparison prints on one A4 page; the
calculator and the hospital search work with JavaScript turned off."""

import re

import pytest

from tests.helpers import assert_no_axe_violations

pytestmark = pytest.mark.browser

WIDTHS = [1280, 375]


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF written by Chromium: one '/Type /Page' object each ('/Pages' is the tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.mark.parametrize("width", WIDTHS)
def test_comparison_has_no_axe_violations(page, site, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + "/options/compare/")
    assert page.locator("table.compare th[scope=col]").count() == 6
    assert_no_axe_violations(page)


def test_comparison_stacks_on_a_phone_without_scrolling_sideways(page, site):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site + "/options/compare/")
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    # Each answer is labelled with its option once the header row is out of sight.
    label = page.evaluate(
        "getComputedStyle(document.querySelector('table.compare td[data-label]'), '::before').content"
    )
    assert label.strip('"') == page.locator("table.compare td[data-label]").first.get_attribute(
        "data-label"
    )


def test_comparison_prints_on_one_a4_page(page, site):
    page.goto(site + "/options/compare/")
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    assert pdf_page_count(pdf) == 1
    # A4 landscape: 842 x 595 points.
    size = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert size and round(float(size.group(1))) == 842 and round(float(size.group(2))) == 595


def test_calculator_with_results_and_with_errors_has_no_axe_violations(page, site):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site + "/costs/calculator/")
        assert page.locator("svg.cost-chart").count() == 1
        assert_no_axe_violations(page)
        page.goto(site + "/costs/calculator/?upfront=abc&annual=-1&years=500&rise=")
        assert page.title().startswith("Error: ")
        assert_no_axe_violations(page)


def test_calculator_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/costs/calculator/")
    page.get_by_label("Upfront fee for cord blood").fill("2000")
    page.get_by_label("Yearly storage fee for cord blood").fill("100")
    page.get_by_label("Years of storage").fill("10")
    page.get_by_label("Yearly rise in the storage fee, in %").fill("0")
    page.get_by_label("Upfront fee for cord tissue (optional)").fill("")
    page.get_by_label("Yearly fee for cord tissue (optional)").fill("")
    page.get_by_role("button", name="Work out the total").click()
    page.wait_for_url("**/costs/calculator/?*")
    assert "3,000" in page.locator(".cost-total").first.inner_text()
    assert "upfront=2000" in page.url
    context.close()


def test_chances_page_has_no_axe_violations(page, site):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site + "/chances/")
        assert page.locator("svg.icon-array").count() >= 1
        assert_no_axe_violations(page)


def test_hospital_search_works_without_javascript(browser, site, content):
    from conditions.models import DonationHospital

    hospital = DonationHospital.objects.first()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/donate/")
    page.get_by_label("Search by hospital name or town").fill(hospital.name)
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    assert "/donate/?q=" in page.url
    assert hospital.name in page.locator("#results").inner_text()
    results_url = page.url
    context.close()
    # axe-core runs as a script, so check the same results page in a context with JavaScript.
    checker = browser.new_page()
    checker.goto(results_url)
    assert_no_axe_violations(checker)
    checker.close()
