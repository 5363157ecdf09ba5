"""In real Chromium: a clinician builds a link, gives it to a parent, and the parent opens
exactly the chosen topics; the QR code decodes to the link; the handout prints on one A4
page; no axe-core violations on the builder, the result, the parent's page and the handout;
the whole journey works with JavaScript turned off."""

import re
import shutil
import subprocess

import pytest

from conditions.models import Condition, DonationHospital, Option
from tests.helpers import assert_no_axe_violations

pytestmark = pytest.mark.browser

WIDTHS = [1280, 375]


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF written by Chromium: one '/Type /Page' object each ('/Pages' is the tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def build_link(page, site, *, options=(), conditions=(), country="", need="", hospital=None) -> str:
    """Tick the builder's boxes like a clinician; return the short link it shows."""
    page.goto(site + "/clinicians/")
    for slug in options:
        page.check(f"input[name=options][value='{slug}']")
    for slug in conditions:
        page.check(f"input[name=conditions][value='{slug}']")
    if country:
        page.check(f"input[name=country][value='{country}']")
    if need:
        page.check(f"input[name=need][value='{need}']")
    if hospital is not None:
        page.select_option("select[name=hospital]", str(hospital.pk))
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/clinicians/link/[a-z2-9]+/$"))
    return page.locator("#short-link").get_attribute("href")


def test_builder_result_and_parent_page_have_no_axe_violations(page, site, content):
    hospital = DonationHospital.objects.select_related("country").first()
    options = ["public-donation", "private-cord-blood"]
    conditions = list(Condition.objects.published().values_list("slug", flat=True)[:2])
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site + "/clinicians/")
        assert_no_axe_violations(page)
        link = build_link(
            page,
            site,
            options=options,
            conditions=conditions,
            need="yes",
            hospital=hospital,
            country=hospital.country.code,
        )
        assert_no_axe_violations(page)
        page.goto(link)
        assert_no_axe_violations(page)
        page.goto(link + "handout/")
        assert_no_axe_violations(page)


def test_builder_errors_are_listed_and_accessible(page, site, content):
    page.goto(site + "/clinicians/")
    page.click("input[type=submit]")  # nothing ticked
    assert page.title().startswith("Error: ")
    assert page.locator(".error-summary li").count() >= 1
    assert_no_axe_violations(page)
    page.goto(site + "/clinicians/?options=no-such-option&need=maybe")
    assert page.title().startswith("Error: ")
    assert page.locator(".error-summary li").count() == 2
    assert_no_axe_violations(page)


def test_parent_opens_exactly_the_chosen_topics_from_the_link(page, site, content, browser):
    chosen = Option.objects.get(slug="directed-donation")
    link = build_link(page, site, options=[chosen.slug], country="uk")
    assert re.fullmatch(re.escape(site) + r"/s/[a-z2-9]{7}/", link)
    # A fresh browser, as on the parent's phone: no shared state, no cookies.
    context = browser.new_context()
    parent = context.new_page()
    parent.goto(link)
    headings = parent.locator("main h3").all_inner_texts()
    assert chosen.name in headings
    for other in Option.objects.exclude(pk=chosen.pk):
        assert other.name not in headings
    assert parent.locator("#costs").count() == 1
    assert parent.locator("#conditions, #situation").count() == 0
    assert context.cookies() == []
    context.close()


@pytest.mark.skipif(not shutil.which("zbarimg"), reason="zbarimg (zbar-tools) is not installed")
def test_qr_code_decodes_to_the_short_link(page, site, content, tmp_path):
    link = build_link(page, site, options=["public-donation"], need="no")
    png = page.request.get(link.rstrip("/") + ".png")
    assert png.ok and png.headers["content-type"] == "image/png"
    image = tmp_path / "qr.png"
    image.write_bytes(png.body())
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert decoded == link
    # The code shown on the page is the same one: screenshot it and decode that too.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("svg.qr-code").screenshot(path=str(tmp_path / "shown.png"))
    shown = subprocess.run(
        ["zbarimg", "--raw", "-q", str(tmp_path / "shown.png")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert shown == link


def test_handout_with_every_topic_prints_on_one_a4_page(page, site, content):
    hospital = DonationHospital.objects.select_related("country").first()
    link = build_link(
        page,
        site,
        options=list(Option.objects.values_list("slug", flat=True)),
        conditions=list(Condition.objects.published().values_list("slug", flat=True)),
        country=hospital.country.code,
        need="yes",
        hospital=hospital,
    )
    page.goto(link + "handout/")
    pdf = page.pdf(format="A4")
    assert pdf_page_count(pdf) == 1
    size = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    # A4 portrait: 595 x 842 points (Chromium writes 595.92 x 842.88).
    assert size and abs(float(size.group(1)) - 595) < 2 and abs(float(size.group(2)) - 842) < 2


def test_handout_with_a_few_topics_prints_on_one_a4_page(page, site, content):
    link = build_link(page, site, options=["public-donation", "private-cord-blood"], country="us")
    page.goto(link + "handout/")
    assert pdf_page_count(page.pdf(format="A4")) == 1


def test_whole_journey_works_without_javascript(browser, site, content):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    link = build_link(page, site, options=["no-collection"], need="yes")
    assert page.locator("textarea[readonly]").input_value().count(link) == 1
    # The copy button is an enhancement: hidden without JavaScript.
    assert page.locator("button[data-copy]").first.is_hidden()
    page.goto(link)
    assert page.locator("#option-no-collection").count() == 1
    href = page.locator("a", has_text="Start the walkthrough").last.get_attribute("href")
    assert href == "/walkthrough/situation/?need=yes"
    assert context.cookies() == []
    context.close()


def test_copy_buttons_appear_with_javascript(page, site, content):
    build_link(page, site, options=["public-donation"])
    assert page.locator("button[data-copy]").first.is_visible()


def test_pages_print_without_navigation_with_links_written_out_and_tables_whole(
    page, site, content
):
    condition = Condition.objects.published().first()
    page.goto(site + condition.get_absolute_url())
    page.emulate_media(media="print")
    for selector in (".site-header nav", ".site-footer nav", ".breadcrumbs", ".section-link"):
        assert page.locator(selector).first.is_hidden(), selector
    external = page.locator("main a[href^='http']:not(.sources a)").first
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert external.get_attribute("href") in after
    for element in page.locator("main table").all():
        assert element.evaluate("t => getComputedStyle(t).breakInside") == "avoid"
