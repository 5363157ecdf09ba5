"""Review dates for pages whose words live in templates rather than content records.
Records (conditions, options, countries) carry their own dates; these pages are reviewed
on the same yearly cycle. Change a date here when you review the page."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Review:
    last_reviewed: dt.date
    next_review_due: dt.date


def _yearly(year: int, month: int, day: int) -> Review:
    return Review(dt.date(year, month, day), dt.date(year + 1, month, day))


PAGE_REVIEWS = {
    "home": _yearly(2026, 11, 22),
    "about": _yearly(2026, 11, 22),
    "privacy": _yearly(2026, 11, 24),
    "accessibility": _yearly(2026, 11, 24),
    "evidence": _yearly(2026, 11, 22),
    "glossary": _yearly(2026, 11, 22),
    "conditions": _yearly(2026, 11, 22),
    "check": _yearly(2026, 11, 22),
    "claims": _yearly(2026, 11, 22),
    "chances": _yearly(2026, 11, 22),
    "clamping": _yearly(2026, 11, 22),
    # Pages built from records use the records' dates; these apply only while none are loaded.
    "options": _yearly(2026, 11, 22),
    "costs": _yearly(2026, 11, 22),
    "donate": _yearly(2026, 11, 22),
    "walkthrough": _yearly(2026, 11, 22),
}
