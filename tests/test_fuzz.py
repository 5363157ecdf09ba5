"""Property-based fuzzing: every GET form found on the public pages, and every JSON API,
given random, oversized, repeated, non-UTF-8 and injection-shaped values, never answers
with a 5xx, and every answer carries the security headers."""

from html.parser import HTMLParser
from urllib.parse import quote, urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.pages import parameterless_paths, public_pages

NASTY = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "' OR '1'='1' --",
    "../../../../etc/passwd",
    "{{ settings.SECRET_KEY }}",
    "${7*7}",
    "%00",
    "\u202e\u200b",
    "NaN",
    "Infinity",
    "-1",
    "1e309",
    "0x10",
    "9" * 400,
    "",
]

values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.text(min_size=2000, max_size=4000, alphabet=st.characters(codec="utf-8")),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")
FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


class _Forms(HTMLParser):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.forms: list[tuple[str, list[str]]] = []
        self.current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "get":
            action = urlsplit(attrs.get("action") or self.page).path or urlsplit(self.page).path
            self.current = []
            self.forms.append((action, self.current))
        elif tag in ("input", "select", "textarea") and self.current is not None and attrs.get("name"):
            if attrs["name"] not in self.current:
                self.current.append(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


@pytest.fixture
def get_forms(client, content):
    found: dict[str, list[str]] = {}
    for path in public_pages(client):
        parser = _Forms(path)
        parser.feed(client.get(path).content.decode())
        for action, names in parser.forms:
            found.setdefault(action, [])
            found[action] += [n for n in names if n not in found[action]]
    assert found, "no GET form found on any public page"
    return sorted(found.items())


def api_paths() -> list[str]:
    from django.urls import get_resolver

    from tests.pages import _patterns

    return sorted(
        "/" + p for p in _patterns(get_resolver().url_patterns) if p.startswith("api/") and "<" not in p
    )


def check(response, what: str):
    assert response.status_code < 500, f"{what} -> {response.status_code}"
    for header in SECURITY_HEADERS:
        assert header in response, f"{what} -> no {header}"


def query_string(names, draw) -> str:
    pairs = []
    for name in names:
        for _ in range(draw(st.integers(min_value=0, max_value=3))):  # absent, once or repeated
            pairs.append((name, draw(values)))
    pairs += [(draw(st.text(min_size=1, max_size=10)), draw(values)) for _ in range(draw(st.integers(0, 2)))]
    encoded = urlencode(pairs)
    if draw(st.booleans()):
        encoded += ("&" if encoded else "") + f"{quote(names[0]) if names else 'x'}=%ff%fe%80"  # not UTF-8
    return encoded


@FUZZ
@given(data=st.data())
def test_get_forms_never_answer_5xx(client, get_forms, data):
    action, names = data.draw(st.sampled_from(get_forms))
    qs = query_string(names, data.draw)
    check(client.get(action, QUERY_STRING=qs), f"GET {action}?{qs[:200]}")


@FUZZ
@given(data=st.data())
def test_json_apis_never_answer_5xx(client, content, data):
    paths = api_paths()
    assert paths
    path = data.draw(st.sampled_from(paths))
    qs = query_string(["upfront", "annual", "years", "rise", "text", "q"], data.draw)
    check(client.get(path, QUERY_STRING=qs), f"GET {path}?{qs[:200]}")
    body = data.draw(
        st.one_of(
            st.binary(max_size=2000),
            st.text(max_size=2000).map(str.encode),
            st.sampled_from([b'{"text": 1}', b'{"text": null}', b"[]", b'"x"', b'{"text": "\\ud800"}', b"{", b"\xff\xfe"]),
            st.dictionaries(st.text(max_size=8), st.one_of(st.text(max_size=50), st.integers(), st.none())).map(
                lambda d: __import__("json").dumps(d).encode()
            ),
        )
    )
    check(client.post(path, body, content_type="application/json"), f"POST {path} {body[:80]!r}")


def test_parameterless_paths_are_found():
    assert "/" in parameterless_paths()
