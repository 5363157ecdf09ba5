"""Privacy over whole journeys in real Chromium, with JavaScript on and off: the cost
calculator, the claim checker, the clinician builder (link, parent's page, handout) and the
walkthrough from its start page to the summary. Every request stays on this site, no
response sets a cookie and none is left in the browser, every response sends a
Referrer-Policy of same-origin or stricter, and no Content-Security-Policy violation is
logged. Each journey also completes with JavaScript turned off.

axe-core is not run here (it needs JavaScript, and the area tests run it on these pages);
the keyboard-only walkthrough is in tests/test_browser_walkthrough.py."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings
from django.urls import Resolver404, resolve

from conditions import walkthrough as wt

pytestmark = pytest.mark.browser

# No referrer at all, or the full address only to this site: nothing leaves for another one.
STRICT_REFERRER_POLICIES = {"same-origin", "no-referrer"}
SEED_CLAIMS = Path(__file__).resolve().parent / "data" / "seed_claims.yaml"


def referrer_policy(header: str | None) -> str | None:
    """The policy a browser applies: the last value it knows in a comma-separated list."""
    values = [v.strip().lower() for v in (header or "").split(",") if v.strip()]
    return values[-1] if values else None


class Journey:
    """A fresh browser context that records every request, response and console message."""

    def __init__(self, browser, site: str, *, javascript: bool):
        self.site = site
        self.javascript = javascript
        self.context = browser.new_context(java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.mode = "JavaScript on" if javascript else "JavaScript off"
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.pages_checked = 0
        self.static_paths: set[str] = set()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("response", self._check_response)
        self.page.on("console", self._check_console)

    def _check_response(self, response):
        url = response.url
        if not url.startswith(self.site):
            return  # reported as a request to another origin
        headers = response.all_headers()
        path = urlsplit(url).path
        if "set-cookie" in headers:
            self.problems.append(f"{path}: sets a cookie: {headers['set-cookie']!r}")
        if path.startswith(settings.STATIC_URL):
            # The test server hands static files to Django's static handler, outside the
            # middleware; in production whitenoise serves them inside it. They are fetched
            # again through the whole stack in assert_private().
            self.static_paths.add(path)
            return
        self.pages_checked += 1
        policy = referrer_policy(headers.get("referrer-policy"))
        if policy not in STRICT_REFERRER_POLICIES:
            self.problems.append(f"{path} ({response.status}): Referrer-Policy is {policy!r}")

    def _check_console(self, message):
        if "Content Security Policy" in message.text:
            self.problems.append(f"{self.page.url}: CSP violation: {message.text}")

    def assert_private(self, client):
        """Nothing went to another origin, no cookie is left, every response (static files
        fetched again through the app, as production serves them) had a strict policy."""
        problems = list(self.problems)
        problems += [
            f"request to another origin: {url}"
            for url in self.requests
            if not url.startswith((self.site + "/", "data:", "about:"))
        ]
        problems += [f"cookie left in the browser: {c['name']}" for c in self.context.cookies()]
        for path in sorted(self.static_paths):
            response = client.get(path)
            policy = referrer_policy(response.get("Referrer-Policy"))
            if response.status_code != 200 or policy not in STRICT_REFERRER_POLICIES:
                problems.append(
                    f"{path} through the app: {response.status_code}, Referrer-Policy {policy!r}"
                )
        assert self.pages_checked >= 2, f"{self.mode}: the journey saw {self.pages_checked} page(s)"
        listed = "\n".join(problems)
        assert not problems, f"{self.mode}: {len(problems)} privacy problem(s):\n{listed}"

    def close(self):
        self.context.close()


def journeys(browser, site):
    """The same journey with JavaScript on, then off: one test, so the live server's
    content is loaded once. A failure names the mode (Journey.mode)."""
    for javascript in (True, False):
        recorder = Journey(browser, site, javascript=javascript)
        try:
            yield recorder
        finally:
            recorder.close()


def routed_or_skip(path: str):
    """A journey whose first page is not routed yet is skipped, not failed: it starts
    running the day the feature lands."""
    try:
        resolve(path)
    except Resolver404:
        pytest.skip(f"{path} is not routed yet")


def seed_like_text() -> str:
    """Sentences in the style of a bank's page (from the seed pages' claims list, which the
    claim tests also use), with ordinary lines between them, as a parent would paste."""
    claims = yaml.safe_load(SEED_CLAIMS.read_text(encoding="utf-8"))
    sentences = [item["text"] for items in claims.values() for item in items][:12]
    ordinary = "Our friendly team is here Monday to Friday, 9am to 5pm.\nYour collection kit arrives by courier."
    return "\n\n".join(
        [sentences[0], ordinary, " ".join(sentences[1:6]), "• " + "\n• ".join(sentences[6:])]
    )


def test_cost_calculator_journey_is_private(browser, site, client):
    routed_or_skip("/costs/calculator/")
    for journey in journeys(browser, site):
        page = journey.page
        page.goto(journey.site + "/costs/")
        page.locator("main a[href='/costs/calculator/']").first.click()
        page.wait_for_url("**/costs/calculator/")
        page.get_by_label("Upfront fee for cord blood").fill("1500")
        page.get_by_label("Yearly storage fee for cord blood").fill("120")
        page.get_by_label("Years of storage").fill("20")
        page.get_by_label("Yearly rise in the storage fee, in %").fill("0")
        page.get_by_role("button", name="Work out the total").click()
        page.wait_for_url("**/costs/calculator/?*")
        assert "3,900" in page.locator(".cost-total").first.inner_text()
        journey.assert_private(client)


def test_claim_checker_journey_is_private(browser, site, client):
    routed_or_skip("/check/")
    for journey in journeys(browser, site):
        page = journey.page
        page.goto(journey.site + "/check/")
        page.get_by_label("Paste the text from a bank's page, leaflet or advert").fill(
            seed_like_text()
        )
        page.get_by_role("button", name="Check the claims").click()
        page.wait_for_url("**/check/#results")
        assert page.locator(".has-claim").count() >= 5
        # The text went in the body of a POST: it is in no address the browser visited.
        assert all("courier" not in url for url in journey.requests)
        page.locator(".check-results a[href^='/claims/']").first.click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path.startswith("/claims/")
        journey.assert_private(client)


def test_clinician_builder_journey_is_private(browser, site, client):
    routed_or_skip("/clinicians/")
    for journey in journeys(browser, site):
        page = journey.page
        page.goto(journey.site + "/clinicians/")
        page.check("input[name=options][value='public-donation']")
        page.check("input[name=options][value='private-cord-blood']")
        page.locator("input[name=conditions]").first.check()
        page.check("input[name=country][value='uk']")
        page.click("input[type=submit]")
        page.wait_for_url("**/clinicians/link/*/")
        link = page.locator("#short-link").get_attribute("href")
        assert urlsplit(link).path.startswith("/s/")

        page.get_by_role("link", name="Open the parent's page").click()
        page.wait_for_url(link)
        assert page.locator("#option-public-donation").count() == 1
        page.get_by_role("link", name="A one-page version to print").click()
        page.wait_for_url(link + "handout/")
        assert page.locator("article.handout").count() == 1
        journey.assert_private(client)


def _continue(page, slug: str):
    page.locator("a.button-primary", has_text="Continue").click()
    page.wait_for_url(f"**/walkthrough/{slug}/*")


def test_walkthrough_journey_is_private(browser, site, client):
    routed_or_skip("/walkthrough/")
    for journey in journeys(browser, site):
        page = journey.page
        page.goto(journey.site + "/walkthrough/")
        page.get_by_role("link", name="Start the walkthrough").last.click()
        page.wait_for_url("**/walkthrough/situation/*")

        page.get_by_label("United Kingdom").check()
        page.locator('input[name="need"][value="no"]').check()
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url("**/walkthrough/heard/?*")

        page.locator('input[name="heard"]').first.check()
        page.get_by_role("button", name="See the evidence").click()
        page.wait_for_url("**/walkthrough/heard/?*")
        _continue(page, "options")
        _continue(page, "costs")
        _continue(page, "matters")

        for n, consideration in enumerate(wt.CONSIDERATIONS):
            page.locator(f'input[name="{consideration.param}"][value="{n % 5 + 1}"]').check()
        page.get_by_role("button", name="See how the options line up").click()
        page.wait_for_url("**/walkthrough/lineup/?*")
        _continue(page, "ready")

        for item in wt.READY_ITEMS:
            page.locator(f'input[name="{item.param}"][value="yes"]').check()
        page.get_by_role("button", name="See your summary").click()
        page.wait_for_url("**/walkthrough/summary/?*")
        assert page.locator("h1").inner_text().endswith("Your cord blood summary")
        visited = [urlsplit(url).path for url in journey.requests]
        for step in wt.STEPS:
            assert f"/walkthrough/{step.slug}/" in visited, f"the journey skipped {step.slug}"
        journey.assert_private(client)
