"""The content version, which keys ETags and the server-side page cache.

Content changes only when `load_content` runs (or an editor saves in the admin), so
every cached page is keyed on the current version: loading new content makes every
old entry unreachable at once, on every app server sharing the database."""

from django.core.cache import cache

from .models import ContentVersion

VERSION_CACHE_KEY = "content-version"
VERSION_TTL_SECONDS = 5  # how long one process trusts its copy of the version


def current_version() -> str:
    version = cache.get(VERSION_CACHE_KEY)
    if version is None:
        row = ContentVersion.objects.filter(pk=1).values_list("version", "loaded_at").first()
        version = f"{row[0][:16]}-{row[1].timestamp():.0f}" if row else "empty"
        cache.set(VERSION_CACHE_KEY, version, VERSION_TTL_SECONDS)
    return version


def content_changed() -> None:
    """Forget the cached version so the next request sees the new content."""
    cache.delete(VERSION_CACHE_KEY)
