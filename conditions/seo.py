"""Addresses as the public sees them: canonical URLs, share links, the sitemap's host."""

from django.conf import settings


def public_url(request, path: str) -> str:
    """SITE_URL + path when SITE_URL is set (behind a proxy, the request's host may be an
    internal one); otherwise the request's own scheme and host."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)
