"""Find every public page without a hand-written list: the sitemap, plus every URL pattern
that takes no parameters. A page added next month is checked without anyone adding it here.
Used by the site-wide tests (tests/pages.py) and `manage.py reading_levels`."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

# Paths that are not pages for parents: the staff admin, machine endpoints.
NOT_PAGES = re.compile(r"^/(?:api/|healthz|sitemap\.xml|robots\.txt|\.well-known/|static/)")
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _patterns(resolvers, prefix=""):
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def parameterless_paths() -> list[str]:
    """Every URL pattern without converters or regex groups, as a path."""
    admin = "/" + settings.ADMIN_PATH
    paths = []
    for pattern in _patterns(get_resolver().url_patterns):
        if "<" in pattern or "(" in pattern or "\\" in pattern:
            continue
        path = "/" + pattern.lstrip("^").rstrip("$")
        if path.startswith(admin) or NOT_PAGES.match(path):
            continue
        paths.append(path)
    return paths


def sitemap_paths(client) -> list[str]:
    response = client.get("/sitemap.xml")
    if response.status_code != 200:
        return []
    # Our own sitemap, rendered a moment ago: not untrusted input.
    root = ET.fromstring(response.content)  # noqa: S314
    paths = []
    for loc in root.iterfind(".//sm:loc", SITEMAP_NS):
        parts = urlsplit(loc.text.strip())
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def public_pages(client) -> list[str]:
    """Every public HTML page, in a stable order, each once."""
    seen: dict[str, None] = {}
    for path in sitemap_paths(client) + parameterless_paths():
        seen.setdefault(path, None)
    return list(seen)
