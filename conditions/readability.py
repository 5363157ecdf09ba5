"""Reading level of what a parent actually reads: the prose inside <main>, without the
reference list, forms, navigation or pictures. Used by the tests and `manage.py reading_levels`."""

from html.parser import HTMLParser

import textstat

from .citations import strip_citations

# Not prose a parent reads as text: reference lists, forms, pictures, code, navigation.
SKIP_TAGS = {"nav", "form", "svg", "script", "style", "code", "pre", "button", "select", "textarea"}
SKIP_CLASSES = {"sources", "breadcrumbs", "toc", "visually-hidden", "share-link", "qr"}
BLOCKS = {"p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "summary", "figcaption", "div", "section"}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "area", "col", "wbr"}


class _MainText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_main = 0
        self.skip_depth = 0
        self.stack: list[bool] = []
        self.blocks: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        skip = tag in SKIP_TAGS or bool(classes & SKIP_CLASSES) or dict(attrs).get("aria-hidden") == "true"
        self.stack.append(skip)
        if skip:
            self.skip_depth += 1
        if tag == "main":
            self.in_main += 1
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in VOID or not self.stack:
            return
        if tag in BLOCKS:
            self._flush()
        if tag == "main":
            self.in_main -= 1
        if self.stack.pop():
            self.skip_depth -= 1

    def handle_data(self, data):
        if self.in_main and not self.skip_depth:
            self.current.append(data)

    def _flush(self):
        text = " ".join("".join(self.current).split())
        self.current = []
        if text:
            # A heading or table cell is read as one unit: end it like a sentence.
            self.blocks.append(text if text[-1] in ".!?:" else text + ".")


def main_text(html: str) -> str:
    """The readable prose inside <main>, one block per sentence-ish unit."""
    parser = _MainText()
    parser.feed(html)
    parser._flush()
    return " ".join(parser.blocks)


def grade(text: str) -> float:
    """Flesch-Kincaid grade of plain text (citation markers removed)."""
    return textstat.flesch_kincaid_grade(strip_citations(text))


def word_count(text: str) -> int:
    return textstat.lexicon_count(text)
