"""What pages say about themselves: sitemap, robots.txt, security.txt, meta descriptions,
Open Graph tags, canonical URLs and "link to this section" anchors."""

import datetime as dt
import re
import xml.etree.ElementTree as ET
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse

from conditions.models import Claim, Condition, Option
from conditions.sitemaps import PAGE_NAMES
from tests.pages import SITEMAP_NS, sitemap_paths

OG_PROPERTIES = ("og:title", "og:description", "og:url", "og:type", "og:site_name")
# Every public page the sitemap must list (URL names; those not yet built are skipped).
REQUIRED_PAGES = [
    "home", "about", "privacy", "accessibility", "evidence", "glossary", "condition_list",
    "option_list", "option_compare", "costs", "calculator", "chances", "clamping", "donate",
    "clinicians", "walkthrough", "check", "claims",
]  # fmt: skip


def meta(html: str, attribute: str, name: str) -> str | None:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return unescape(match.group(1)) if match else None


def canonical(html: str) -> str | None:
    match = re.search(r'<link rel="canonical" href="([^"]*)"', html)
    return unescape(match.group(1)) if match else None


@pytest.fixture
def pages(client, content):
    return sitemap_paths(client)


def test_sitemap_is_xml_and_lists_every_content_page(client, pages):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    ET.fromstring(response.content)
    expected = []
    for name in REQUIRED_PAGES:
        try:
            expected.append(reverse(f"conditions:{name}"))
        except NoReverseMatch:  # a page another issue has not built yet
            continue
    expected += [c.get_absolute_url() for c in Condition.objects.published()]
    for model in (Option, Claim):
        try:
            expected += [record.get_absolute_url() for record in model.objects.all()]
        except NoReverseMatch:  # pages another issue has not built yet
            pass
    missing = [path for path in expected if path not in pages]
    assert not missing, f"not in the sitemap: {missing}"
    assert {"/", "/about/", "/privacy/"} <= set(pages)
    assert len(pages) == len(set(pages)), "a page is listed twice"
    assert not [path for path in pages if path.startswith(("/s/", "/api/", "/clinicians/link/"))]


def test_every_page_in_the_sitemap_answers_200(client, pages):
    failing = {path: client.get(path).status_code for path in pages}
    assert not {p: s for p, s in failing.items() if s != 200}


def test_sitemap_names_only_pages_that_exist():
    for name in PAGE_NAMES:
        assert name in REQUIRED_PAGES, f"{name} is in the sitemap but not checked here"


def test_sitemap_uses_site_url_when_set(client, content, settings):
    settings.SITE_URL = "https://decisionaid.example"
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in root.iterfind(".//sm:loc", SITEMAP_NS)]
    assert locations and all(loc.startswith("https://decisionaid.example/") for loc in locations)


def test_robots_txt_allows_pages_points_to_the_sitemap_and_hides_no_admin(client, db, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /s/" in text
    assert "Disallow: /\n" not in text
    assert settings.ADMIN_PATH.strip("/") not in text


def test_security_txt_follows_rfc_9116(client, content):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines() if line)
    assert fields["Contact"].startswith(("mailto:", "https://"))
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"
    assert fields["Preferred-Languages"] == "en"
    expires = dt.datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    now = dt.datetime.now(dt.UTC)
    assert now < expires <= now + dt.timedelta(days=366)


def test_security_contact_comes_from_the_environment(client, content, settings):
    settings.SECURITY_CONTACT = "mailto:someone@decisionaid.example"
    text = client.get("/.well-known/security.txt").content.decode()
    assert "Contact: mailto:someone@decisionaid.example\n" in text


def test_every_page_has_description_open_graph_and_canonical(client, pages, settings):
    settings.SITE_URL = "https://decisionaid.example"
    problems = []
    for path in pages:
        html = client.get(path).content.decode()
        head = html.split("</head>", 1)[0]
        description = meta(head, "name", "description")
        if not description or "[@" in description or "<" in description:
            problems.append(f"{path}: meta description {description!r}")
        for prop in OG_PROPERTIES:
            if not meta(head, "property", prop):
                problems.append(f"{path}: no {prop}")
        if meta(head, "property", "og:description") != description:
            problems.append(f"{path}: og:description differs from the meta description")
        title = re.search(r"<title>(.*?) \| ", head, re.DOTALL).group(1)
        if meta(head, "property", "og:title") != unescape(" ".join(title.split())):
            problems.append(f"{path}: og:title differs from the title")
        expected = "https://decisionaid.example" + urlsplit(path).path
        if canonical(head) != expected or meta(head, "property", "og:url") != expected:
            problems.append(f"{path}: canonical {canonical(head)!r}, expected {expected!r}")
        image = meta(head, "property", "og:image")
        if image and not image.startswith("https://decisionaid.example/"):
            problems.append(f"{path}: og:image from another origin")
    assert not problems, "\n".join(problems)


def test_canonical_url_leaves_out_the_query(client, content):
    html = client.get("/conditions/", {"stage": "standard_care"}).content.decode()
    assert canonical(html) == "http://testserver/conditions/"


def test_section_headings_have_links_to_themselves(client, content):
    condition = Condition.objects.published().first()
    html = client.get(condition.get_absolute_url()).content.decode()
    for anchor in ("what-it-is", "how-common", "treatment-today", "studies", "own-blood"):
        assert f'<h2 id="{anchor}">' in html
        assert re.search(rf'<a class="section-link" href="#{anchor}">', html), anchor
        assert "Link to this section: " in html


def test_section_ids_survive_wording_edits(client, content):
    condition = Condition.objects.published().first()
    before = set(
        re.findall(
            r'class="section-link" href="#([^"]+)"',
            client.get(condition.get_absolute_url()).content.decode(),
        )
    )
    condition.name = "A renamed condition"
    condition.what_it_is = "New words entirely."
    condition.save()
    after = set(
        re.findall(
            r'class="section-link" href="#([^"]+)"',
            client.get(condition.get_absolute_url()).content.decode(),
        )
    )
    assert before and before == after


def test_section_links_skip_headings_without_ids_and_the_error_summary():
    render = Template(
        "{% load seo %}{% filter section_links %}{{ html|safe }}{% endfilter %}"
    ).render
    html = render(
        Context(
            {
                "html": '<h2>No id</h2><h2 id="error-summary-title">Errors</h2><h3 id="a-b">A &amp; B</h3>'
            }
        )
    )
    assert html.count("section-link") == 1
    assert '<a class="section-link" href="#a-b">' in html
    assert "Link to this section: A &amp; B" in html


def test_meta_text_is_plain_text_without_citation_markers():
    render = Template("{% load seo %}{{ text|meta_text }}").render
    text = render(
        Context({"text": '<p>One in 10,000 [@aap-2017].\n  Two &amp; three "quoted".</p>'})
    )
    assert text == "One in 10,000. Two &amp; three &quot;quoted&quot;."


def test_not_found_pages_name_no_canonical_url(client, content):
    for path in ("/no-such-page/", "/s/zzzzzzz/"):
        response = client.get(path)
        assert response.status_code == 404
        assert canonical(response.content.decode()) is None


def test_condition_groups_have_ids_from_their_keys(client, content):
    html = client.get("/conditions/").content.decode()
    groups = set(Condition.objects.published().values_list("group", flat=True))
    assert groups and set(re.findall(r'<h2 id="group-([^"]+)"', html)) == groups
