"""Logs written by the site hold no query strings and no request bodies: a parent's answers
live in the query string, and pasted text in the body of a POST.

The development server's request log goes through the app's own logging configuration
(settings.LOGGING: conditions.logging.StripQueryStringFilter on the django.server and
django.request handlers); gunicorn's access log is rendered with gunicorn's own code from
gunicorn.conf.py. (tests/test_production.py checks the gunicorn format string itself.)"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import runpy
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from django.db import connections
from django.test.testcases import LiveServerThread
from django.urls import include, path

from conditions.logging import StripQueryStringFilter

ROOT = Path(__file__).resolve().parent.parent
SECRET = "zebra-quartz-771"  # stands for anything a parent types: answers, pasted text


def fail(request):
    raise RuntimeError("a view that fails")


# The site's URLs plus one that fails, for the server-error log.
urlpatterns = [path("test-only-failure/", fail), path("", include("decisionaid.urls"))]


class LoggingServerThread(LiveServerThread):
    """Django's development-server request handler (which logs every request to
    django.server), not the test server's quiet one."""

    def _create_server(self, connections_override=None):
        return self.server_class(
            (self.host, self.port),
            WSGIRequestHandler,
            allow_reuse_address=False,
            connections_override=connections_override,
        )


@contextmanager
def logging_server():
    shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
    for connection in shared.values():
        connection.inc_thread_sharing()
    thread = LoggingServerThread("127.0.0.1", lambda handler: handler, connections_override=shared)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    try:
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        thread.terminate()
        for connection in shared.values():
            connection.dec_thread_sharing()


def strips_query_strings(handler: logging.Handler) -> bool:
    return any(isinstance(f, StripQueryStringFilter) for f in handler.filters)


@contextmanager
def site_log_output(*names):
    """Everything the site's configured handlers for these loggers write, filters included."""
    output = io.StringIO()
    handlers = set()
    for name in names:
        configured = [h for h in logging.getLogger(name).handlers if strips_query_strings(h)]
        assert configured, f"the {name} logger has no handler with StripQueryStringFilter"
        handlers.update(configured)
    old = {handler: handler.setStream(output) for handler in handlers}
    try:
        yield output
    finally:
        for handler, stream in old.items():
            handler.setStream(stream)


def send(url, *, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_request_log_holds_paths_without_query_strings_or_bodies(
    transactional_db, content, settings, caplog
):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    with (
        site_log_output("django.server", "django.request") as output,
        caplog.at_level(logging.DEBUG),
        logging_server() as site,
    ):
        statuses = {
            "walkthrough": send(f"{site}/walkthrough/summary/?country=uk&own={SECRET}"),
            "hospital search": send(f"{site}/donate/?q={SECRET}"),
            "check": send(f"{site}/check/", data=f"text=Cord+blood+cures+{SECRET}".encode()),
            "api": send(
                f"{site}/api/check/",
                data=json.dumps({"text": f"Cord blood cures {SECRET}"}).encode(),
                headers={"Content-Type": "application/json"},
            ),
            "not found": send(f"{site}/no-such-page/?q={SECRET}"),
            "server error": send(f"{site}/test-only-failure/?own={SECRET}"),
        }
    log = output.getvalue()
    assert statuses == {
        "walkthrough": 200,
        "hospital search": 200,
        "check": 200,
        "api": 200,
        "not found": 404,
        "server error": 500,
    }
    for line in (
        "GET /walkthrough/summary/ HTTP/1.1",
        "POST /check/ HTTP/1.1",
        "GET /no-such-page/ HTTP/1.1",
    ):
        assert line in log, f"the request log should record {line!r}:\n{log}"
    assert "Internal Server Error: /test-only-failure/" in log  # django.request, same handler
    assert SECRET not in log, f"a query string or a body reached the request log:\n{log}"
    assert "?" not in log, f"a query string reached the request log:\n{log}"
    assert SECRET not in caplog.text, "a query string or a body reached another logger"


def gunicorn_access_line(*, method: str, path: str, query: str, body: bytes) -> str:
    """One access-log line as gunicorn writes it, with the settings in gunicorn.conf.py."""
    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    values = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    config = Config()
    for name in ("access_log_format", "accesslog"):
        config.set(name, values[name])
    logger = Logger(config)
    output = io.StringIO()
    logger.access_log.handlers = [logging.StreamHandler(output)]
    environ = {
        "REQUEST_METHOD": method,
        "RAW_URI": f"{path}?{query}",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
        "HTTP_REFERER": f"https://example.org/walkthrough/ready/?{query}",
        "HTTP_USER_AGENT": "Mozilla/5.0 (a parent's phone)",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }

    class Response:
        status = "200 OK"
        sent = 512
        headers = [("Content-Type", "text/html")]

    request_headers = [
        ("REFERER", environ["HTTP_REFERER"]),
        ("USER-AGENT", environ["HTTP_USER_AGENT"]),
    ]
    logger.access(Response(), request_headers, environ, dt.timedelta(milliseconds=12))
    return output.getvalue()


@pytest.mark.skipif(not (ROOT / "gunicorn.conf.py").exists(), reason="no gunicorn.conf.py yet")
def test_gunicorn_access_log_holds_the_path_only():
    line = gunicorn_access_line(
        method="POST", path="/check/", query=f"own={SECRET}", body=f"text={SECRET}".encode()
    )
    assert '"POST /check/"' in line and " 200 " in line, line
    for leak in (SECRET, "?", "203.0.113.7", "Mozilla", "example.org"):
        assert leak not in line, f"gunicorn's access log shows {leak!r}: {line}"
