"""Finding a hospital that collects cord blood for a public bank, by name or town."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .models import DonationHospital

MAX_QUERY_LENGTH = 100


def normalise(text: str) -> str:
    """Lower case, no accents, apostrophes or punctuation: "St. George's" -> 'st georges'."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['\u2019`]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def find_hospitals(*, hospitals: Iterable[DonationHospital], query: str) -> list[DonationHospital]:
    """Hospitals whose name, town or programme contains every word of the query."""
    words = normalise(query[:MAX_QUERY_LENGTH]).split()
    if not words:
        return []
    found = []
    for hospital in hospitals:
        haystack = normalise(f"{hospital.name} {hospital.town} {hospital.programme}")
        if all(word in haystack for word in words):
            found.append(hospital)
    return found
