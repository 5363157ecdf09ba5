"""/sitemap.xml: every public page. The site-wide tests read it, so a page listed here is
checked for status, headings, accessibility, reading level and review dates."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from .models import Claim, Condition, Option

# Pages without parameters, by URL name. A name not (yet) in the URL configuration is left
# out rather than breaking the sitemap, so areas can be added one at a time.
PAGE_NAMES = [
    "home",
    "walkthrough",
    "condition_list",
    "option_list",
    "option_compare",
    "costs",
    "calculator",
    "chances",
    "clamping",
    "donate",
    "check",
    "claims",
    "evidence",
    "glossary",
    "clinicians",
    "about",
    "privacy",
    "accessibility",
]


class _PublicSitemap(Sitemap):
    """Addresses on SITE_URL when it is set, else on the request's host."""

    def get_protocol(self, protocol=None):
        return (
            urlsplit(settings.SITE_URL).scheme
            if settings.SITE_URL
            else super().get_protocol(protocol)
        )

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc if settings.SITE_URL else super().get_domain(site)


def _has_url(name: str, *args) -> bool:
    try:
        reverse(f"conditions:{name}", args=args)
    except NoReverseMatch:
        return False
    return True


class PageSitemap(_PublicSitemap):
    def items(self):
        return [reverse(f"conditions:{name}") for name in PAGE_NAMES if _has_url(name)]

    def location(self, item):
        return item


class ConditionSitemap(_PublicSitemap):
    def items(self):
        return Condition.objects.published().order_by("order", "name")

    def lastmod(self, item):
        return item.last_reviewed


class OptionSitemap(_PublicSitemap):
    def items(self):
        return Option.objects.order_by("order", "name") if _has_url("option", "x") else []

    def lastmod(self, item):
        return item.last_reviewed


class ClaimSitemap(_PublicSitemap):
    def items(self):
        return Claim.objects.order_by("topic", "order", "key") if _has_url("claim", "x") else []


SITEMAPS = {
    "pages": PageSitemap,
    "conditions": ConditionSitemap,
    "options": OptionSitemap,
    "claims": ClaimSitemap,
}
