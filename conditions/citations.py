"""Inline citations: long texts cite sources as [@key]; a page numbers its sources in
order of first citation and links each marker to its entry in the reference list."""

from collections.abc import Iterable

from .loading import CITATION
from .models import Source


def cited_in(texts: Iterable[str]) -> list[str]:
    keys: list[str] = []
    for text in texts:
        for key in CITATION.findall(text or ""):
            if key not in keys:
                keys.append(key)
    return keys


def reference_list(texts: Iterable[str], also: Iterable[Source] = ()) -> list[Source]:
    """The sources cited in texts (in order of first citation), then any others listed."""
    keys = cited_in(texts)
    by_key = {source.key: source for source in also}
    missing = [key for key in keys if key not in by_key]
    if missing:
        by_key.update({s.key: s for s in Source.objects.filter(key__in=missing)})
    ordered = [by_key[key] for key in keys if key in by_key]
    ordered += sorted((s for s in by_key.values() if s.key not in keys), key=lambda s: s.key)
    return ordered


def numbering(sources: list[Source]) -> dict[str, int]:
    return {source.key: number for number, source in enumerate(sources, start=1)}


def strip_citations(text: str) -> str:
    """The text as a reader hears it, without [@key] markers (for reading-level checks)."""
    return CITATION.sub("", text or "").replace(" .", ".").replace(" ,", ",")
