"""Security settings that come from the environment, and the throttled, movable admin."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

READ_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; from django.urls import reverse;"
    "print(json.dumps({'hsts': s.SECURE_HSTS_SECONDS, 'ssl': s.SECURE_SSL_REDIRECT,"
    " 'session_secure': s.SESSION_COOKIE_SECURE, 'csrf_secure': s.CSRF_COOKIE_SECURE,"
    " 'debug': s.DEBUG, 'admin': reverse('admin:index')}))"
)


def settings_with(env_extra: dict) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DJANGO_SETTINGS_MODULE": "decisionaid.settings", "DJANGO_SECRET_KEY": "k" * 50, **env_extra})
    result = subprocess.run([sys.executable, "-c", READ_SETTINGS], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_https_protections_are_off_by_default_and_debug_is_off():
    values = settings_with({})
    assert values == {**values, "hsts": 0, "ssl": False, "session_secure": False, "debug": False}


def test_hsts_secure_cookies_and_ssl_redirect_switch_on_from_the_environment():
    values = settings_with(
        {
            "DJANGO_SECURE_HSTS_SECONDS": "31536000",
            "DJANGO_SECURE_SSL_REDIRECT": "true",
            "DJANGO_SECURE_COOKIES": "true",
        }
    )
    assert values["hsts"] == 31536000
    assert values["ssl"] is True
    assert values["session_secure"] is True and values["csrf_secure"] is True


def test_the_admin_path_is_configurable():
    assert settings_with({"DJANGO_ADMIN_PATH": "staff-only-xyz/"})["admin"] == "/staff-only-xyz/"


@pytest.mark.django_db
def test_admin_login_is_throttled_after_repeated_failures(client, settings):
    from django.contrib.auth.models import User

    User.objects.create_superuser("editor", password="correct horse battery staple")
    login = f"/{settings.ADMIN_PATH}login/"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(login, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    response = client.post(login, {"username": "editor", "password": "wrong"})
    assert response.status_code == 429
    response = client.post(login, {"username": "editor", "password": "correct horse battery staple"})
    assert response.status_code == 429, "the right password must not work while locked out"


@pytest.mark.django_db
def test_admin_login_works_with_the_right_password(client, settings):
    from django.contrib.auth.models import User

    User.objects.create_superuser("editor2", password="correct horse battery staple")
    response = client.post(
        f"/{settings.ADMIN_PATH}login/", {"username": "editor2", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
