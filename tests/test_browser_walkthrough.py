"""The walkthrough in real Chromium: the whole journey with JavaScript on and off, zero
axe-core violations on every step, no cookie, the summary link opened in a fresh browser,
the summary printed on one A4 page, its QR code read back, tampered links, and a run
with the keyboard alone."""

import re
import shutil
import subprocess
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import expect

from conditions import walkthrough as wt
from tests.helpers import assert_no_axe_violations, axe_violations

pytestmark = pytest.mark.browser

ALL_RATED = "&".join(f"{c.param}={n % 5 + 1}" for n, c in enumerate(wt.CONSIDERATIONS))
FULL = (
    "country=uk&need=yes&hospital=st-georges-hospital&heard=eczema&heard=leukaemia&"
    + ALL_RATED
    + "&own=How+we+would+feel+later&r_sure=no&r_know=no&r_values=unsure&r_support=no"
)
TAMPERED = [
    "utm_source=leaflet&country=uk&m_cost=9&m_cost=2&need=perhaps",
    "country=uk&heard=a-condition-we-removed&hospital=a-hospital-that-closed&own=" + "x" * 900,
]


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF written by Chromium: one '/Type /Page' object each ('/Pages' is the tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def continue_to(page, path: str):
    page.locator("a.button-primary", has_text="Continue").click()
    page.wait_for_url(f"**{path}*")


def take_the_journey(page, site, *, check_accessibility: bool):
    """Start page to summary as a parent would, with the mouse. Returns the summary URL."""

    def checked():
        if check_accessibility:
            assert_no_axe_violations(page)

    page.goto(site + "/walkthrough/")
    checked()
    page.get_by_role("link", name="Start the walkthrough").last.click()
    page.wait_for_url("**/walkthrough/situation/")

    # 1. Situation: sent empty first, to see the error summary.
    page.get_by_role("button", name="Continue").click()
    assert page.title().startswith("Error: ")
    assert page.locator(".error-summary li").count() == 2
    checked()
    page.get_by_label("United Kingdom").check()
    page.locator('input[name="need"][value="no"]').check()
    page.get_by_label("Where do you plan to give birth? (optional)").select_option(
        "st-georges-hospital"
    )
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/walkthrough/heard/?*")
    assert not page.title().startswith("Error: ")

    # 2. What you have heard.
    checked()
    page.locator('input[name="heard"][value="eczema"]').check()
    page.get_by_role("button", name="See the evidence").click()
    page.wait_for_url("**/walkthrough/heard/?*")
    assert page.locator(".evidence-card").count() == 1
    checked()
    continue_to(page, "/walkthrough/options/")

    # 3. Options and 4. costs, for the UK.
    assert "for the United Kingdom" in page.locator("p.lead").inner_text()
    assert page.locator(".option-card").count() == 5
    checked()
    continue_to(page, "/walkthrough/costs/")
    assert page.locator("svg.icon-array").count() >= 1
    checked()
    continue_to(page, "/walkthrough/matters/")

    # 5. What matters: sent with one rating missing first.
    for n, consideration in enumerate(wt.CONSIDERATIONS[:-1]):
        page.locator(f'input[name="{consideration.param}"][value="{n % 5 + 1}"]').check()
    page.get_by_label("Is there something else that matters to you? (optional)").fill(
        "How we would feel later"
    )
    page.get_by_role("button", name="See how the options line up").click()
    assert page.title().startswith("Error: ")
    checked()
    last = wt.CONSIDERATIONS[-1]
    page.locator(".error-summary a").first.click()  # the summary links to the question
    assert page.url.endswith(f"#id_{last.param}_0")
    page.locator(f'input[name="{last.param}"][value="3"]').check()
    page.get_by_role("button", name="See how the options line up").click()
    page.wait_for_url("**/walkthrough/lineup/?*")

    # 6. The line-up: not a recommendation, with its working; change a rating there.
    assert page.get_by_text("This is not a recommendation.").is_visible()
    checked()
    page.locator(f'input[name="{wt.CONSIDERATIONS[0].param}"][value="5"]').check()
    page.get_by_role("button", name="Show the line-up again").click()
    page.wait_for_url("**/walkthrough/lineup/?*")
    assert f"{wt.CONSIDERATIONS[0].param}=5" in page.url
    continue_to(page, "/walkthrough/ready/")

    # 7. Ready to decide?
    checked()
    for item in wt.READY_ITEMS:
        page.locator(f'input[name="{item.param}"][value="unsure"]').check()
    page.get_by_role("button", name="See your summary").click()
    page.wait_for_url("**/walkthrough/summary/?*")

    # 8. The summary.
    assert page.locator("h1").inner_text().endswith("Your cord blood summary")
    assert page.get_by_text("How we would feel later").is_visible()
    assert page.locator(".summary-table tbody tr").count() == 5
    checked()
    return page.url


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_the_whole_journey_works_with_and_without_javascript(browser, site, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    foreign = []
    page.on(
        "request", lambda r: None if r.url.startswith((site, "data:")) else foreign.append(r.url)
    )
    url = take_the_journey(page, site, check_accessibility=javascript)  # axe needs JS
    answers = dict(parse_qsl(urlsplit(url).query))
    assert answers["country"] == "uk" and answers["hospital"] == "st-georges-hospital"
    assert answers["heard"] == "eczema" and answers["r_sure"] == "unsure"
    assert page.locator("#share-url").inner_text() == url
    copy = page.get_by_role("button", name="Copy link")
    assert copy.is_visible() is javascript
    assert context.cookies() == [] and foreign == []
    context.close()


def test_copy_link_puts_the_share_link_on_the_clipboard(browser, site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{site}/walkthrough/summary/?{FULL}")
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator("#copy-status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    context.close()


def test_the_summary_link_opened_in_a_fresh_browser_shows_the_same_summary(browser, site):
    first = browser.new_context()
    page = first.new_page()
    page.goto(f"{site}/walkthrough/summary/?{FULL}")
    link = page.locator("#share-url").inner_text()
    shown = page.locator("main").inner_text()
    first.close()

    fresh = browser.new_context()
    again = fresh.new_page()
    again.goto(link)
    assert again.url == link
    assert " ".join(again.locator("main").inner_text().split()) == " ".join(shown.split())
    assert fresh.cookies() == []
    fresh.close()


@pytest.mark.parametrize("query", [FULL, "country=us&need=no", ""], ids=["full", "us", "empty"])
def test_the_summary_prints_on_one_a4_page(page, site, query):
    page.goto(f"{site}/walkthrough/summary/?{query}")
    pdf = page.pdf(format="A4")
    assert pdf_page_count(pdf) == 1
    size = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert size and abs(float(size.group(1)) - 595) < 2 and abs(float(size.group(2)) - 842) < 2


def test_the_printed_summary_is_black_and_white_with_the_link_written_out(page, site):
    page.goto(f"{site}/walkthrough/summary/?{FULL}")
    page.emulate_media(media="print")
    assert not page.locator(".progress").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert page.locator("#share-url").is_visible()
    colours = page.evaluate(
        """() => [...document.querySelectorAll('.walkthrough-summary *')]
              .filter(e => e.offsetParent !== null)
              .map(e => getComputedStyle(e).color)"""
    )
    greys = {c for c in colours if re.fullmatch(r"rgb\((\d+), \1, \1\)", c)}
    assert set(colours) == greys, set(colours) - greys


@pytest.mark.skipif(not shutil.which("zbarimg"), reason="zbarimg (zbar-tools) is not installed")
def test_the_qr_code_reads_back_as_the_share_link(browser, site, tmp_path):
    context = browser.new_context(device_scale_factor=4)
    page = context.new_page()
    page.goto(f"{site}/walkthrough/summary/?{FULL}")
    image = tmp_path / "qr.png"
    page.locator(".qr").screenshot(path=str(image))
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert decoded == page.locator("#share-url").inner_text() == page.url
    context.close()


def test_every_step_has_no_axe_violations_on_a_phone_and_no_sideways_scroll(page, site):
    problems = []
    for step in wt.STEPS:
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(f"{site}/walkthrough/{step.slug}/?{FULL}")
        problems += axe_violations(page)
        page.set_viewport_size({"width": 320, "height": 700})
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems.append(f"{step.slug} at 320px scrolls sideways by {overflow}px")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site}/walkthrough/compare/?a=?m_cost=5&b=?m_cost=1")
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)
    assert page.context.cookies() == []


@pytest.mark.parametrize("query", TAMPERED, ids=["unknown-repeated-out-of-range", "stale-long"])
def test_tampered_links_show_what_was_dropped_without_failing(page, site, query):
    for step in wt.STEPS:
        response = page.goto(f"{site}/walkthrough/{step.slug}/?{query}")
        assert response.status == 200, step.slug
        notes = page.locator(".dropped li")
        assert notes.count() >= 2, step.slug
    assert_no_axe_violations(page)


def _focus_is_visible(page) -> bool:
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
            return outline || style.boxShadow !== 'none';
        }"""
    )


def _tab_to(page, matches: str, *, limit: int = 400) -> None:
    """Press Tab until the focused element matches the JavaScript test `matches` (given
    `el`), checking at every stop that the focus can be seen."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement !== document.body")
        assert _focus_is_visible(page), page.evaluate("document.activeElement.outerHTML")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {matches}; }})()"):
            return
    raise AssertionError(f"Tab never reached: {matches}")


def test_a_keyboard_alone_reaches_the_summary_with_focus_always_visible(page, site):
    """Only Tab, Space and Enter. A radio group is entered on its first choice, which Space
    picks; the other choices would need the arrow keys, so this run picks first choices."""
    page.goto(site + "/walkthrough/")
    _tab_to(page, "el.matches('a.button-primary[href^=\"/walkthrough/situation/\"]')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/walkthrough/situation/")

    for name in ("country", "need"):
        _tab_to(page, f"el.name === '{name}'")
        page.keyboard.press("Space")
    _tab_to(page, "el.type === 'submit'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/walkthrough/heard/?*")

    _tab_to(page, "el.name === 'heard'")
    page.keyboard.press("Space")
    _tab_to(page, "el.type === 'submit'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/walkthrough/heard/?*#evidence")

    for target in ("/walkthrough/options/", "/walkthrough/costs/", "/walkthrough/matters/"):
        _tab_to(page, "el.matches('.step-next a')")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**{target}?*")

    for consideration in wt.CONSIDERATIONS:
        _tab_to(page, f"el.name === '{consideration.param}'")
        page.keyboard.press("Space")
    _tab_to(page, "el.type === 'submit'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/walkthrough/lineup/?*")

    _tab_to(page, "el.matches('.step-next a')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/walkthrough/ready/?*")

    for item in wt.READY_ITEMS:
        _tab_to(page, f"el.name === '{item.param}'")
        page.keyboard.press("Space")
    _tab_to(page, "el.type === 'submit'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/walkthrough/summary/?*")

    answers = dict(parse_qsl(urlsplit(page.url).query))
    assert answers["country"] == "uk" and answers["need"] == "yes"
    assert all(answers[c.param] == "1" for c in wt.CONSIDERATIONS)
    assert all(answers[item.param] == "yes" for item in wt.READY_ITEMS)
    assert page.locator("h1").inner_text().endswith("Your cord blood summary")
