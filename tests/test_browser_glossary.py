"""The glossary explains the words that cannot be avoided, each in a <details> element that
opens with a click or the keyboard with JavaScript turned off."""

import pytest

pytestmark = pytest.mark.browser

UNAVOIDABLE = ["HLA match", "engraftment", "autologous", "allogeneic"]


def test_the_unavoidable_terms_open_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/glossary/")
    for term in UNAVOIDABLE:
        details = page.locator("details").filter(has=page.locator("summary", has_text=term))
        assert details.count() == 1, f"the glossary has no single entry for {term!r}"
        meaning = details.locator("p")
        assert meaning.is_hidden()
        details.locator("summary").click()
        assert meaning.is_visible() and len(meaning.inner_text()) > 40, term
    last = page.locator("details").filter(has=page.locator("summary", has_text=UNAVOIDABLE[0]))
    last.locator("summary").click()  # closes again
    assert last.locator("p").is_hidden()
    last.locator("summary").focus()
    page.keyboard.press("Enter")
    assert last.locator("p").is_visible(), "a keyboard opens an entry too"
    context.close()
