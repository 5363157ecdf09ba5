"""Fixtures and helpers shared by every test file.

The real content is loaded once into the test database. Browser tests drive Debian's
Chromium through Playwright against pytest-django's live server."""

import os
import shutil

import pytest

from tests.helpers import assert_no_axe_violations

# Before Django's settings are imported: a key for the test run, plain static storage
# (no collectstatic needed), and the ORM allowed inside Playwright's sync API.
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("DJANGO_PLAIN_STATIC", "1")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from conditions.loading import load_content

    with django_db_blocker.unblock():
        load_content()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty page cache: a test that changed content inside its
    own transaction must not leave pages rendered from that content for the next one."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def content(db):
    """The real content, present even after a transactional test emptied the tables."""
    from conditions.loading import load_content
    from conditions.models import Source

    if not Source.objects.exists():
        load_content()


@pytest.fixture
def site(live_server, content):
    """The live server's base URL, with the real content loaded."""
    return live_server.url


# --- Browser --------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM_PATH,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def assert_accessible():
    return assert_no_axe_violations


