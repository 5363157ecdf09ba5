"""/check/ and POST /api/check/: the page and the API agree; bad input gets a friendly
message and the right status; the pasted text is shown as text, never stored, never
logged; checking sets no cookie."""

import json
import logging
import re
from html import unescape

import pytest

from conditions import claims as checker
from conditions.models import Claim
from tests.helpers import h1_count, heading_levels, headings_in_order

PAGE = "/check/"
API = "/api/check/"

SAMPLE = (
    "Welcome to our family! Our team is here Monday to Friday, 9am to 5pm.\n\n"
    "Cord blood stem cells are used to treat more than 80 diseases. "
    "You only get one chance to collect your baby's cord blood.\n"
    "  • Stem cell therapy can help children with eczema.\n"
    "Your kit will arrive by courier."
)


@pytest.fixture
def claims_loaded(content):
    assert Claim.objects.exists(), "no claims loaded"


def post_api(client, body, **extra):
    if not isinstance(body, bytes):
        body = json.dumps(body).encode()
    return client.post(API, body, content_type="application/json", **extra)


def page_sentences(html: str) -> list[tuple[str, bool]]:
    """(sentence, marked as a claim) for each sentence the page lists."""
    items = re.findall(
        r'<li class="sentence( has-claim)?"[^>]*>\s*<p class="sentence-text">(.*?)</p>', html, re.S
    )
    out = []
    for has_claim, inner in items:
        text = re.sub(r'<span class="claim-tag">.*?</span>\s*', "", inner)
        text = unescape(re.sub(r"<[^>]+>", "", text)).strip()
        out.append((text, bool(has_claim)))
    return out


def test_check_page_shows_an_empty_form(client, claims_loaded):
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_count(html) == 1
    assert '<textarea name="text"' in html
    assert 'method="post"' in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies


def test_check_page_marks_claims_and_ends_with_a_summary(client, claims_loaded):
    response = client.post(PAGE, {"text": SAMPLE})
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_count(html) == 1 and headings_in_order(heading_levels(html))
    sentences = page_sentences(html)
    assert [s for s, _ in sentences][0] == "Welcome to our family!"
    marked = [s for s, is_claim in sentences if is_claim]
    assert "Cord blood stem cells are used to treat more than 80 diseases." in marked
    assert "You only get one chance to collect your baby's cord blood." in marked
    assert "Your kit will arrive by courier." not in marked
    assert "<mark>" in html and "Claim 1:" in html
    assert 'class="badge stage' in html  # the research stage badge
    assert "Would a baby's own stored cord blood be used?" in html
    assert re.search(r'<h2 id="summary-heading">Summary</h2>', html)
    assert "still being researched" in html
    assert 'id="sources-heading"' in html
    assert not response.cookies


def test_page_and_api_agree(client, claims_loaded):
    html = client.post(PAGE, {"text": SAMPLE}).content.decode()
    data = post_api(client, {"text": SAMPLE}).json()
    assert [(s, bool(c)) for s, c in page_sentences(html)] == [
        (s["text"], s["claim"] is not None) for s in data["sentences"]
    ]
    assert data["claims_found"] == sum(1 for s in data["sentences"] if s["claim"])
    assert data["claims_found"] >= 3


def test_api_answers_in_the_documented_shape(client, claims_loaded):
    response = post_api(client, {"text": SAMPLE})
    assert response.status_code == 200
    assert not response.cookies
    data = response.json()
    assert set(data) == {"claims_found", "sentences"}
    claim = next(s["claim"] for s in data["sentences"] if s["claim"])
    assert set(claim) == {"id", "topic", "summary", "research_stage", "own_blood_used", "url"}
    record = Claim.objects.get(key=claim["id"])
    assert claim["url"].endswith(record.get_absolute_url())
    assert all(set(s) == {"text", "claim"} for s in data["sentences"])


def test_html_and_script_in_the_text_are_shown_as_text(client, claims_loaded):
    text = '<script>alert("x")</script> <b>Stem cells</b> treat over 80 diseases. <img src=x onerror=alert(1)>'
    html = client.post(PAGE, {"text": text}).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    data = post_api(client, {"text": text}).json()
    assert data["sentences"][0]["text"].startswith("<script>")


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_gets_a_friendly_message(client, claims_loaded, text):
    response = client.post(PAGE, {"text": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: " in html
    assert checker.ERROR_EMPTY in unescape(html)
    api = post_api(client, {"text": text})
    assert api.status_code == 400 and api.json()["error"] == checker.ERROR_EMPTY


def test_text_over_the_limit_gets_a_clear_message(client, claims_loaded):
    text = ("Stem cells treat eczema. " * 1000).strip()  # 24,999 characters
    response = client.post(PAGE, {"text": text})
    assert response.status_code == 413
    html = unescape(response.content.decode())
    assert "<title>Error: " in html
    assert checker.too_long_message(len(text)) in html
    api = post_api(client, {"text": text})
    assert api.status_code == 413 and "20,000" in api.json()["error"]


def test_text_at_the_limit_is_checked(client, claims_loaded):
    text = ("Stem cells treat eczema. " * 800)[: checker.MAX_CHARACTERS]
    assert post_api(client, {"text": text}).status_code == 200


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", checker.ERROR_NOT_JSON),
        (b"\xff\xfe\x00t", checker.ERROR_NOT_UTF8),
        (b'{"text": "caf\xe9"}', checker.ERROR_NOT_UTF8),
        (b"[]", checker.ERROR_NO_TEXT),
        (b'{"text": 12}', checker.ERROR_NO_TEXT),
        (b'{"words": "Stem cells treat eczema."}', checker.ERROR_NO_TEXT),
        (b'{"text": "\\ud800"}', checker.ERROR_NO_TEXT),
        (b"", checker.ERROR_NOT_JSON),
    ],
)
def test_bad_api_bodies_get_400_with_a_message(client, claims_loaded, body, message):
    response = post_api(client, body)
    assert response.status_code == 400
    assert response.json()["error"] == message


def test_a_body_over_1_mb_is_refused_before_it_is_read(client, claims_loaded):
    big = b'{"text": "' + b"a" * (1024 * 1024 + 10) + b'"}'
    response = post_api(client, big)
    assert response.status_code == 413
    assert response.json()["error"] == checker.ERROR_BODY_TOO_LARGE
    # The declared length alone is enough: the body is not read.
    response = client.post(
        API, b"{}", content_type="application/json", CONTENT_LENGTH=str(2 * 1024 * 1024)
    )
    assert response.status_code == 413
    page = client.post(
        PAGE, b"text=" + b"a" * (1024 * 1024 + 10), content_type="application/x-www-form-urlencoded"
    )
    assert page.status_code == 413
    assert checker.ERROR_BODY_TOO_LARGE in unescape(page.content.decode())


def test_api_refuses_get(client, claims_loaded):
    assert client.get(API).status_code == 405


def test_the_pasted_text_is_never_logged_or_stored(client, claims_loaded, caplog):
    from django.apps import apps

    counts = {m.__name__: m.objects.count() for m in apps.get_app_config("conditions").get_models()}
    secret = "Zebra-quartz-771 stem cells treat eczema in my daughter."
    with caplog.at_level(logging.DEBUG):
        client.post(PAGE, {"text": secret})
        post_api(client, {"text": secret})
        post_api(client, b'{"text": "Zebra-quartz-771')  # invalid JSON is not echoed either
    assert "Zebra-quartz-771" not in caplog.text
    assert counts == {
        m.__name__: m.objects.count() for m in apps.get_app_config("conditions").get_models()
    }


def test_claims_library_pages_list_each_claim_with_sources_and_review_dates(client, claims_loaded):
    response = client.get("/claims/")
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_count(html) == 1 and "Last reviewed" in html
    claim = Claim.objects.with_links().first()
    assert claim.get_absolute_url() in html
    detail = client.get(claim.get_absolute_url())
    assert detail.status_code == 200
    page = detail.content.decode()
    assert h1_count(page) == 1 and headings_in_order(heading_levels(page))
    assert "Last reviewed" in page and 'id="sources-heading"' in page
    for source in claim.sources.all():
        assert f'id="source-{source.key}"' in page
    assert client.get("/claims/no-such-claim/").status_code == 404
