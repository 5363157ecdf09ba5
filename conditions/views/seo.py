"""Files for machines: robots.txt, security.txt (RFC 9116). The sitemap is in sitemaps.py."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from conditions.models import ContentVersion
from conditions.seo import public_url

# Why these and no more: the short links (/s/...) and a clinician's result page repeat
# pages that are already public, for one family; listing them in search results helps
# nobody. The admin is not named: robots.txt is public, and naming the admin's (moved)
# path would tell scripts where to look. It needs a log-in and is linked from nowhere.
ROBOTS_DISALLOW = ["/s/", "/clinicians/link/"]

# security.txt expires a year after the content was last loaded: a site nobody maintains
# stops promising that someone reads its security contact.
SECURITY_TXT_LIFETIME = dt.timedelta(days=365)


def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {public_url(request, '/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def security_contact(request) -> str:
    if settings.SECURITY_CONTACT:
        return settings.SECURITY_CONTACT
    host = urlsplit(public_url(request, "/")).hostname or "localhost"
    return f"mailto:security@{host}"


def security_txt(request):
    loaded = ContentVersion.objects.filter(pk=1).values_list("loaded_at", flat=True).first()
    expires = (loaded or timezone.now()) + SECURITY_TXT_LIFETIME
    lines = [
        f"Contact: {security_contact(request)}",
        f"Expires: {expires.astimezone(dt.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        f"Canonical: {public_url(request, '/.well-known/security.txt')}",
        "Preferred-Languages: en",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
