"""Small helpers for tests: accessibility checks, HTML inspection."""

import re

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page, tags=AXE_TAGS) -> list[str]:
    """Run axe-core in the page (evaluated, since the CSP blocks injected script tags)
    and return one readable line per violation, naming the rule and the elements.
    Needs a page with JavaScript on: in a java_script_enabled=False context evaluate() never
    returns, so check such a page again in an ordinary page."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.evaluate(axe.axe_script)
    options = {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}
    results = page.evaluate("options => axe.run(document, options)", options)
    lines = []
    for violation in results["violations"]:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"{page.url}: {violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return lines


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    assert not violations, "axe-core violations:\n" + "\n".join(violations)


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def heading_levels(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]


def headings_in_order(levels: list[int]) -> bool:
    """No heading skips a level on the way down (h2 -> h4 is a skip; h4 -> h2 is fine)."""
    return all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)) and (not levels or levels[0] == 1)
