"""Split pasted marketing text into sentences.

Text pasted from a web page, a leaflet or an email: paragraphs, bullet lists, headings
without a full stop, hard-wrapped lines, abbreviations ("e.g.", "Dr.", "U.K."), decimals
("1.5"), prices and citation markers ("[1]"). A sentence ends at ., ! or ? followed by a
space and a capital, digit or quote, and at each line break unless the next line carries
on the same sentence (it starts in lower case, or the line before ends mid-sentence)."""

from __future__ import annotations

import re

# Words that end with a full stop without ending the sentence (compared lowercased,
# without the stop). "etc." is not here: it usually ends a sentence.
ABBREVIATIONS = frozenset(
    """
    e.g eg i.e ie cf vs v approx ca c est dept fig figs no nos nr vol pp p para ref refs
    dr mr mrs ms mx prof rev st sr jr hon gov sen rep gen col lt capt sgt
    bros mt ft
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    al ed eds trans univ assoc dept min max tel ext approx
    """.split()
)

# Bullet marks at the start of a line: •, ·, ▪, -, *, –, —, >, and "1." "1)" "a)".
BULLET = re.compile(
    r"^\s*(?:[\u2022\u00b7\u25aa\u25cf\u2023\u2043\u25e6\u2219*>\-\u2013\u2014]+|\(?\d{1,2}[.)]|\(?[a-z][)])\s+"
)
# End of a sentence: terminal marks, then any closing quotes, brackets or citation
# markers such as [1] or [1][2], then white space.
END = re.compile(r"([.!?\u2026]+)([\"'\u201d\u2019)\]]*(?:\[\d+(?:[,\u2013-]\d+)*\])*)\s+")
WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
CONTINUES = re.compile(
    r"[,;:\-\u2013\u2014(/&]$|\b(?:and|or|but|the|a|an|of|to|in|for|with|by|as|your|our|their|its|is|are|was|were|that|which|who|from|at|on|than)$",
    re.IGNORECASE,
)


def split_sentences(text: str) -> list[str]:
    """The text's sentences in order, each with inner white space collapsed."""
    sentences: list[str] = []
    for block in _blocks(text):
        sentences.extend(_split_block(block))
    return [s for s in sentences if _has_words(s)]


def _has_words(sentence: str) -> bool:
    return any(ch.isalnum() for ch in sentence)


def _blocks(text: str) -> list[str]:
    """Join hard-wrapped lines; keep paragraphs, headings and list items apart."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    blocks: list[str] = []
    current = ""
    for raw in text.split("\n"):
        bullet = BULLET.match(raw)
        line = SPACES.sub(" ", raw[bullet.end() :] if bullet else raw).strip()
        if not line:
            if current:
                blocks.append(current)
            current = ""
            continue
        if current and not bullet and _carries_on(current, line):
            current = f"{current} {line}"
        else:
            if current:
                blocks.append(current)
            current = line
    if current:
        blocks.append(current)
    return blocks


def _carries_on(previous: str, line: str) -> bool:
    """Is `line` the rest of the sentence that `previous` began (a wrapped line)?"""
    if previous[-1] in ".!?:\u2026" and not _ends_with_abbreviation(previous):
        return False
    first = line[0]
    return first.islower() or bool(CONTINUES.search(previous))


def _ends_with_abbreviation(text: str) -> bool:
    match = WORD_BEFORE.search(text[:-1]) if text.endswith(".") else None
    return bool(match) and _is_abbreviation(match.group(1))


def _is_abbreviation(word: str) -> bool:
    lowered = word.lower().rstrip(".")
    if lowered in ABBREVIATIONS:
        return True
    # Initials and dotted forms: "J." "U.S" "U.K" "a.m" "p.m" "Ph.D"
    return len(lowered) == 1 or bool(re.fullmatch(r"(?:[a-z]{1,2}\.)+[a-z]{1,2}", lowered))


def _split_block(block: str) -> list[str]:
    sentences = []
    start = 0
    for match in END.finditer(block):
        end = match.end()
        following = block[end : end + 1]
        if not following:
            continue
        marks = match.group(1)
        if not _starts_sentence(following):
            continue
        if marks == ".":
            before = WORD_BEFORE.search(block[start : match.start()])
            if (
                before
                and _is_abbreviation(before.group(1))
                and not _stop_after_abbreviation(before.group(1), following)
            ):
                continue
        sentences.append(block[start : match.start() + len(match.group(0).rstrip())].strip())
        start = end
    rest = block[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in "\"'\u201c\u2018([\u00a3$\u20ac"


def _stop_after_abbreviation(word: str, following: str) -> bool:
    """Times end sentences often enough: "We close at 5 p.m. Call us tomorrow." """
    return word.lower() in {"a.m", "p.m"} and following.isupper()
