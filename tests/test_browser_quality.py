"""Every public page in real Chromium, found from the sitemap and the URL configuration:
zero axe-core violations (WCAG 2.0, 2.1 and 2.2, A and AA) at 375 px and 1280 px, no
sideways scrolling at 320 px, no Content-Security-Policy violation in the console, no
request to another origin and no cookie. Failures name the page and the rule."""

import pytest

from tests.helpers import axe_violations
from tests.pages import public_pages

pytestmark = pytest.mark.browser

WIDTHS_FOR_AXE = [1280, 375]
NARROWEST = 320


def test_every_public_page_passes_accessibility_privacy_and_csp_checks(page, site, client):
    pages = public_pages(client)
    problems: list[str] = []
    console: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda msg: console.append(msg.text) if msg.type in ("error", "warning") else None)
    page.on("request", lambda request: None if request.url.startswith((site, "data:")) else foreign.append(request.url))

    for path in pages:
        console.clear()
        page.set_viewport_size({"width": WIDTHS_FOR_AXE[0], "height": 900})
        response = page.goto(site + path)
        if response is None or response.status != 200:
            problems.append(f"{path}: status {response.status if response else 'none'}")
            continue
        for width in WIDTHS_FOR_AXE:
            page.set_viewport_size({"width": width, "height": 900})
            problems += [f"{path} at {width}px: {line}" for line in axe_violations(page)]
        page.set_viewport_size({"width": NARROWEST, "height": 700})
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"{path} at {NARROWEST}px: scrolls sideways by {overflow}px")
        problems += [f"{path}: CSP violation: {text}" for text in console if "Content Security Policy" in text]

    problems += [f"request to another origin: {url}" for url in foreign]
    cookies = page.context.cookies()
    problems += [f"cookie set: {cookie['name']}" for cookie in cookies]
    assert len(pages) >= 7
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)
