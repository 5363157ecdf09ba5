"""Loaded by pytest before Django (see `-p tests.testenv` in pyproject.toml): the
environment a test run needs, so `pytest` works on its own as well as via `make test`."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("DJANGO_PLAIN_STATIC", "1")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
