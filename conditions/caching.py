"""The content version, ETags, and the server-side cache of rendered content pages.

Content changes only when `load_content` runs, an editor saves in the admin, or code saves
a content record; each of these bumps the one `ContentVersion` row in the database. Every
ETag and every cached page is keyed on that version, so new content makes every old entry
unreachable at once, on every app server sharing the database. The version is read from
the database (one small query, trusted for VERSION_TTL_SECONDS per process), never kept
only in memory, so a server never needs to be told that another one loaded content.

Nothing about a parent is cached: a view is public and cacheable only when decorated with
`@content_page`; every other response is sent `Cache-Control: no-store` (see
conditions/middleware.py), and `@parent_page` says so explicitly."""

import hashlib
import os
import re
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import parse_etags
from django.views.decorators.cache import never_cache

from .models import ContentVersion

VERSION_CACHE_KEY = "content-version"
VERSION_TTL_SECONDS = 5  # how long one process trusts its copy of the version
# Browsers and CDNs may reuse a page for five minutes without asking; after that they
# revalidate with If-None-Match and get a 304 unless content was loaded. Content changes
# a few times a year, so five minutes of delay is harmless, and it turns a burst of
# visitors from one popular link into one request per CDN node per five minutes.
PAGE_MAX_AGE = 300
PAGE_CACHE_CONTROL = f"public, max-age={PAGE_MAX_AGE}"
PAGE_CACHE_TIMEOUT = 24 * 60 * 60  # old versions' entries are unreachable long before this

# Records that are not content: saving them changes no page.
NOT_CONTENT = {"contentversion", "shortlink"}


def _code_version() -> str:
    """A fingerprint of the templates, static files and app code this process runs, so a
    deploy that changes how pages look changes their ETags even when content does not.
    RELEASE (e.g. the commit hash) can be set instead to skip hashing."""
    if release := os.environ.get("RELEASE", "").strip():
        return release
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for folder in ("templates", "static", "conditions"):
        for path in sorted((base / folder).rglob("*")):
            if path.is_file() and path.suffix in {".html", ".css", ".js", ".py", ".svg"}:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


CODE_VERSION = _code_version()


def current_version() -> str:
    version = cache.get(VERSION_CACHE_KEY)
    if version is None:
        row = ContentVersion.objects.filter(pk=1).values_list("version", "loaded_at").first()
        # Microseconds, so two changes within one second still differ.
        version = f"{row[0][:12]}-{int(row[1].timestamp() * 1e6):x}" if row else "empty"
        cache.set(VERSION_CACHE_KEY, version, VERSION_TTL_SECONDS)
    return version


def content_changed() -> None:
    """Record that content changed: bump the shared version and forget this process's copy,
    so every server's ETags and cached pages change (others within VERSION_TTL_SECONDS)."""
    now = timezone.now()
    if not ContentVersion.objects.filter(pk=1).update(loaded_at=now):
        ContentVersion.objects.create(pk=1, version="edited", loaded_at=now)
    cache.delete(VERSION_CACHE_KEY)


def _record_saved(sender, **kwargs) -> None:
    if kwargs.get("raw") or kwargs.get("action", "post_").startswith("pre_"):
        return  # loading fixtures, or the first half of a many-to-many change
    meta = sender._meta
    if meta.app_label == "conditions" and meta.model_name not in NOT_CONTENT:
        if not meta.model_name.startswith("historical"):
            content_changed()


def connect_signals() -> None:
    """Any saved or deleted content record (the admin, the shell, the loader) bumps the
    version. Called from the app config's ready()."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_record_saved, dispatch_uid=f"content-changed-{signal!r}")


def page_etag(request) -> str:
    """Everything a content page depends on: code, content, the address it was asked
    for (canonical and print links use the host), SITE_URL and the development banner."""
    parts = [
        CODE_VERSION,
        current_version(),
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        settings.SITE_URL,  # canonical and share links
        "debug" if settings.DEBUG else "",
    ]
    return '"' + hashlib.sha256("|".join(parts).encode()).hexdigest()[:24] + '"'


def _matches(request, etag: str) -> bool:
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    # Weak comparison (RFC 9110 13.1.2): GZipMiddleware turns our ETag into W/"...".
    wanted = {tag.removeprefix("W/") for tag in parse_etags(header)}
    return "*" in wanted or etag in wanted


def _accepts_gzip(request) -> bool:
    return re.search(r"\bgzip\b", request.META.get("HTTP_ACCEPT_ENCODING", "")) is not None


def _not_modified(etag: str) -> HttpResponseNotModified:
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Cache-Control"] = PAGE_CACHE_CONTROL
    return response


def content_page(view=None, *, personal_query: bool = False):
    """Mark a view as a content page: the same for everyone, so it is sent with
    `Cache-Control: public` and an ETag, answers If-None-Match with 304, and is kept
    rendered by PageCacheMiddleware until content changes.

    personal_query=True: any query string on this page is something a parent typed
    (a town, an answer), so such requests are neither cached nor cacheable."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or (personal_query and request.GET):
                return parent_page(view)(request, *args, **kwargs)
            etag = page_etag(request)
            if _matches(request, etag):
                return _not_modified(etag)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.has_header("Cache-Control"):
                response["ETag"] = etag
                response["Cache-Control"] = PAGE_CACHE_CONTROL
                response.page_cache_key = f"page:{etag}"
            return response

        wrapped.content_page = True
        return wrapped

    return decorate(view) if view is not None else decorate


def _is_content_page(path: str) -> bool:
    """Whether the address belongs to a @content_page view. Other requests (pages about a
    parent, /healthz, robots.txt, the admin) never touch the page cache or the version."""
    try:
        return getattr(resolve(path).func, "content_page", False)
    except Resolver404:
        return False


class PageCacheMiddleware:
    """Keeps content pages as sent (headers set, compressed or not) and serves them again
    before sessions, CSRF, the other middleware or views run, until the content version
    changes.

    Only responses marked by @content_page are stored, so a page about a parent never is.
    Place it after WhiteNoiseMiddleware and before GZipMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        etag = None
        if request.method in ("GET", "HEAD") and _is_content_page(request.path_info):
            try:
                etag = page_etag(request)
            except DatabaseError:
                pass  # the database is down: let the view say so
        if etag:
            stored = cache.get(f"page:{etag}:{'gzip' if _accepts_gzip(request) else 'identity'}")
            if stored is not None:
                return _not_modified(stored["ETag"]) if _matches(request, etag) else stored
        response = self.get_response(request)
        if etag and self._storable(response):
            encoding = "gzip" if response.get("Content-Encoding") == "gzip" else "identity"
            cache.set(f"{response.page_cache_key}:{encoding}", response, PAGE_CACHE_TIMEOUT)
        return response

    @staticmethod
    def _storable(response) -> bool:
        return (
            getattr(response, "page_cache_key", None) is not None
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "cookie" not in response.get("Vary", "").lower()
            and response.get("Cache-Control") == PAGE_CACHE_CONTROL
        )


def parent_page(view):
    """Mark a view whose page is about one parent (answers in the address, results,
    anything typed): never stored by browsers, proxies, CDNs or this server."""
    wrapped = never_cache(view)
    wrapped.parent_page = True
    return wrapped
