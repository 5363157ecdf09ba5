"""Running in production: ETags and 304s, the server-side page cache and its invalidation,
/healthz, no caching of anything about a parent, and queries per page that do not grow
with the content."""

import os
import shutil
from pathlib import Path
from unittest import mock

import pytest
import yaml
from django.core.cache import cache
from django.db import OperationalError, connections
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path

from conditions.caching import (
    PAGE_CACHE_CONTROL,
    content_changed,
    content_page,
    current_version,
)
from conditions.loading import CONTENT_DIR, load_content
from conditions.models import Option
from conditions.synthetic import grow_content
from tests.pages import public_pages

pytestmark = pytest.mark.django_db

CALCULATOR = "/costs/calculator/?country=uk&upfront=1500&annual=100&years=20&rise=0"


@pytest.fixture
def changed_content(tmp_path) -> Path:
    """A copy of the real content with one option renamed."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    path = target / "options" / "public-donation.yaml"
    data = yaml.safe_load(path.read_text())
    data["name"] = "Public donation (renamed for a test)"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return target


def test_content_page_sends_public_cache_control_and_an_etag(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response["Cache-Control"] == PAGE_CACHE_CONTROL
    assert response["ETag"].startswith('"') and len(response["ETag"]) > 10
    assert not response.cookies


def test_matching_if_none_match_gets_304_without_a_body(client):
    etag = client.get("/about/")["ETag"]
    response = client.get("/about/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    # The weak form GZipMiddleware and CDNs send back matches too.
    assert client.get("/about/", headers={"if-none-match": f"W/{etag}"}).status_code == 304


def test_pages_are_compressed_and_the_weak_etag_still_matches(client):
    response = client.get("/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    etag = response["ETag"]
    assert etag.startswith('W/"')
    again = client.get("/", headers={"accept-encoding": "gzip", "if-none-match": etag})
    assert again.status_code == 304


def test_a_stale_etag_gets_the_full_page(client):
    response = client.get("/about/", headers={"if-none-match": '"not-the-current-one"'})
    assert response.status_code == 200
    assert b"<h1" in response.content


def test_etag_differs_between_addresses(client):
    assert client.get("/conditions/")["ETag"] != client.get("/conditions/?stage=lab")["ETag"]
    assert client.get("/")["ETag"] != client.get("/about/")["ETag"]


def test_etag_changes_when_changed_content_is_loaded(client, changed_content):
    before = client.get("/")["ETag"]
    load_content()  # the same content again: nothing changes
    assert client.get("/")["ETag"] == before
    load_content(changed_content)
    after = client.get("/")
    assert after["ETag"] != before
    assert client.get("/", headers={"if-none-match": before}).status_code == 200


def test_loading_content_invalidates_the_server_cache(client, changed_content):
    assert b"renamed for a test" not in client.get("/").content
    load_content(changed_content)
    assert b"renamed for a test" in client.get("/").content


def test_saving_a_record_invalidates_the_server_cache(client):
    assert b"Saved in the admin" not in client.get("/").content
    option = Option.objects.get(slug="public-donation")
    option.name = "Saved in the admin"
    option.save()
    assert b"Saved in the admin" in client.get("/").content


def test_content_changed_invalidates_after_a_bulk_update(client):
    client.get("/")
    Option.objects.filter(slug="public-donation").update(name="Updated in bulk")
    assert b"Updated in bulk" not in client.get("/").content  # still the cached page
    content_changed()
    assert b"Updated in bulk" in client.get("/").content


def test_a_cached_page_is_served_without_querying_content(client, django_assert_max_num_queries):
    first = client.get("/evidence/")
    with django_assert_max_num_queries(1):  # at most the content version
        second = client.get("/evidence/")
    assert second.content == first.content
    for header in ("Content-Security-Policy", "X-Frame-Options", "ETag", "Cache-Control"):
        assert second[header] == first[header], header
    assert not second.cookies


def test_a_compressed_copy_is_only_sent_to_browsers_that_ask_for_one(client):
    assert client.get("/glossary/", headers={"accept-encoding": "gzip"})["Content-Encoding"]
    plain = client.get("/glossary/")
    assert not plain.has_header("Content-Encoding")
    assert b"<h1" in plain.content


def test_the_version_comes_from_the_database_not_this_process(client):
    before = current_version()
    # Another app server loads content: this process only sees the database change.
    from conditions.models import ContentVersion

    ContentVersion.objects.filter(pk=1).update(version="loaded-by-another-server")
    cache.delete("content-version")  # as if VERSION_TTL_SECONDS had passed
    assert current_version() != before


def test_healthz_answers_200_when_the_database_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_healthz_costs_one_query_and_never_reads_the_content_version(
    client, django_assert_num_queries
):
    with django_assert_num_queries(1):
        client.get("/healthz")


def test_healthz_answers_503_when_the_database_is_down(client):
    down = OperationalError("connection refused")
    with mock.patch.object(connections["default"], "cursor", side_effect=down):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert "no-store" in response["Cache-Control"]


def test_healthz_is_not_redirected_to_https(settings):
    from django.test import Client

    settings.SECURE_SSL_REDIRECT = True
    assert Client().get("/healthz").status_code == 200
    assert Client().get("/about/").status_code == 301


@pytest.mark.parametrize("url", [CALCULATOR, "/costs/calculator/", "/no-such-page/"])
def test_pages_about_a_parent_or_errors_are_never_stored(client, url):
    response = client.get(url)
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert not response.has_header("ETag")


# Pages about one parent: answers in the address, results, text they pasted, a clinician's
# selection. Every other public page is a content page.
PARENT_PAGES = ("/walkthrough/", "/costs/calculator/", "/check/", "/clinicians/")


def test_every_public_page_is_either_a_cached_content_page_or_never_stored(client):
    wrong = []
    for url in public_pages(client):
        response = client.get(url)
        control = response.get("Cache-Control", "")
        if url.startswith(PARENT_PAGES):
            if "no-store" not in control or response.has_header("ETag"):
                wrong.append(f"{url}: about a parent, but sent {control!r}")
        elif response.status_code == 200 and (
            control != PAGE_CACHE_CONTROL or not response.has_header("ETag")
        ):
            wrong.append(
                f"{url}: sent {control!r}; decorate its view with @content_page "
                "(conditions/caching.py), or add it to PARENT_PAGES if it is about a parent"
            )
    assert not wrong, "\n".join(wrong)


def test_the_claim_checker_page_is_never_stored(client):
    response = client.get("/check/")
    assert "no-store" in response["Cache-Control"]
    assert not response.has_header("ETag")


def test_a_parents_answers_are_not_kept_in_the_server_cache(client):
    cache.clear()
    client.get(CALCULATOR)
    keys = list(getattr(cache, "_cache", {}))  # LocMemCache's store
    assert not [key for key in keys if "page:" in key]


RENDERED: list[str] = []


@content_page(personal_query=True)
def hospital_search(request):
    """Like /donate/: a content page, unless the address holds a parent's search."""
    RENDERED.append(request.get_full_path())
    return HttpResponse("a page about public donation " * 20)


urlpatterns = [path("donate/", hospital_search)]


@pytest.mark.urls(__name__)
def test_a_personal_search_on_a_content_page_is_not_cached(client):
    RENDERED.clear()
    assert client.get("/donate/")["Cache-Control"] == PAGE_CACHE_CONTROL
    client.get("/donate/")
    assert RENDERED == ["/donate/"]  # the second came from the page cache
    searched = client.get("/donate/?q=Leeds")
    assert "no-store" in searched["Cache-Control"]
    assert not searched.has_header("ETag")
    client.get("/donate/?q=Leeds")
    assert RENDERED == ["/donate/", "/donate/?q=Leeds", "/donate/?q=Leeds"]


def _queries_per_page(client, urls: list[str]) -> dict[str, int]:
    counts = {}
    for url in urls:
        cache.clear()  # count a full render, not a cache hit
        with CaptureQueriesContext(connections["default"]) as queries:
            client.get(url)
        counts[url] = len(queries)
    return counts


def test_queries_per_page_do_not_grow_with_the_content(client):
    grow_content(factor=2)  # at least one of every kind of record, conditions included
    from conditions.models import Condition

    condition = Condition.objects.published().order_by("pk").first()
    urls = [*public_pages(client), condition.get_absolute_url(), CALCULATOR]
    before = _queries_per_page(client, urls)
    grow_content(factor=10)
    after = _queries_per_page(client, urls)
    grown = {url: (before[url], after[url]) for url in urls if after[url] != before[url]}
    assert not grown, f"queries grew with the content (before, after): {grown}"


def gunicorn_settings(**env) -> dict:
    import runpy

    with mock.patch.dict("os.environ", env):
        for name in {"PORT", "HOST", "WEB_CONCURRENCY"} - set(env):
            os.environ.pop(name, None)
        return runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))


def test_gunicorn_logs_paths_without_query_strings_or_visitor_details():
    config = gunicorn_settings()
    log_format = config["access_log_format"]
    assert "%(U)s" in log_format
    # request line (with query), query, referrer, user agent, client address
    for leaky in ("%(r)s", "%(q)s", "%(f)s", "%(a)s", "%(h)s", "{"):
        assert leaky not in log_format
    assert config["accesslog"] == "-"


def test_gunicorn_listens_on_loopback_and_port_with_workers_from_the_environment():
    config = gunicorn_settings(PORT="8123", WEB_CONCURRENCY="3")
    assert config["bind"] == ["127.0.0.1:8123"]
    assert config["workers"] == 3
    assert 1 <= gunicorn_settings()["workers"] <= 12
