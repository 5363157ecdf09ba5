"""Site-wide behaviour: every public page, the security headers, no cookies, settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.helpers import h1_count

ROOT = Path(__file__).resolve().parent.parent

PUBLIC_PAGES = [
    "/",
    "/about/",
    "/privacy/",
    "/accessibility/",
    "/evidence/",
    "/conditions/",
    "/conditions/?stage=standard_care",
]


def public_urls():
    from conditions.models import Condition

    return PUBLIC_PAGES + [c.get_absolute_url() for c in Condition.objects.published()]


@pytest.mark.django_db
def test_every_public_page_answers_200_with_one_h1(client):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        assert h1_count(response.content.decode()) == 1, url


@pytest.mark.django_db
def test_no_public_page_sets_a_cookie(client):
    for url in public_urls():
        response = client.get(url)
        assert not response.cookies, f"{url} set {list(response.cookies)}"


@pytest.mark.django_db
def test_security_headers_are_sent(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_404_with_security_headers(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_no_pending_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def run_manage(*args, env_extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-production-like-key-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "decisionaid.example",
    "DJANGO_SECURE_SSL_REDIRECT": "true",
    "DJANGO_SECURE_HSTS_SECONDS": "31536000",
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "DJANGO_SECURE_HSTS_PRELOAD": "true",
    "DJANGO_SECURE_COOKIES": "true",
}


def test_check_deploy_is_clean_under_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_site_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_manage("check", env_extra={})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_access_log_filter_drops_query_strings():
    import logging

    from conditions.logging import StripQueryStringFilter

    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s %s',
        ("GET /walkthrough/summary/?country=uk&values=cost HTTP/1.1", "200", "512"), None,
    )
    StripQueryStringFilter().filter(record)
    assert record.getMessage() == '"GET /walkthrough/summary/ HTTP/1.1" 200 512'


def test_home_url_is_root():
    assert reverse("conditions:home") == "/"
