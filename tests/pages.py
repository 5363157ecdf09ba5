"""Every public page, for the site-wide tests (found by conditions/discovery.py)."""

from conditions.discovery import (  # noqa: F401 (re-exported for the tests)
    NOT_PAGES,
    SITEMAP_NS,
    _patterns,
    parameterless_paths,
    public_pages,
    sitemap_paths,
)
