"""Sharing during a consultation: the builder, short links, the parent's start page, the
handout, the QR code and the note for the clinical record."""

import re
import shutil
import subprocess
from html import unescape

import pytest
from django.utils.html import escape
from django.utils.text import slugify

from conditions import sharing
from conditions.forms import (
    ERROR_CONDITION,
    ERROR_HOSPITAL,
    ERROR_NEED,
    ERROR_NOTHING_CHOSEN,
    ERROR_OPTION,
    ERROR_SHARE_COUNTRY,
)
from conditions.loading import load_content
from conditions.models import (
    Chance,
    Condition,
    Country,
    DonationHospital,
    Option,
    ShortLink,
)
from conditions.views.sharing import ANY_OPTION_CHANCES, NEED_CHANCES, OPTION_CHANCES
from tests.helpers import h1_count

SHORT_PATH = re.compile(r"^/s/([a-z2-9]+)/$")


@pytest.fixture
def records(content):
    options = list(Option.objects.order_by("order"))
    conditions = list(Condition.objects.published().order_by("order", "name"))
    hospital = DonationHospital.objects.select_related("country").first()
    assert len(options) >= 3 and hospital is not None
    return {"options": options, "conditions": conditions, "hospital": hospital}


def make_link(client, **query) -> str:
    """Submit the builder; return the short code it made."""
    response = client.get("/clinicians/", query)
    assert response.status_code == 302, response.content.decode()[:2000]
    match = re.match(r"^/clinicians/link/([a-z2-9]+)/$", response["Location"])
    assert match, response["Location"]
    return match.group(1)


def section_ids(html: str) -> set[str]:
    return set(re.findall(r'<h[23] id="([^"]+)"', html))


# --- The builder ------------------------------------------------------------------


def test_builder_offers_conditions_options_countries_and_situation(client, records):
    response = client.get("/clinicians/")
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_count(html) == 1
    assert 'method="get"' in html
    for option in records["options"]:
        assert f'value="{option.slug}"' in html
    for condition in records["conditions"]:
        assert f'value="{condition.slug}"' in html
    for country in Country.objects.all():
        assert f'value="{country.code}"' in html
    assert f'value="{records["hospital"].pk}"' in html
    assert 'name="need" value="yes"' in html
    assert not response.cookies


def test_same_selection_gives_the_same_short_link(client, records):
    first = make_link(client, options=["public-donation", "private-cord-blood"], country="uk")
    again = make_link(client, country="uk", options=["private-cord-blood", "public-donation"])
    assert first == again
    assert ShortLink.objects.filter(code=first).count() == 1
    assert ShortLink.objects.count() == 1


def test_short_link_is_short_enough_to_type(client, records):
    code = make_link(client, options=["public-donation"])
    path = f"/s/{code}/"
    assert len(path) <= 30
    assert sharing.CODE_PATTERN.match(code)
    assert not set(code) & set("01ilo")


def test_only_the_selection_is_stored(client, records):
    code = make_link(client, options=["public-donation"], need="yes", country="uk")
    link = ShortLink.objects.get(code=code)
    fields = {f.name for f in ShortLink._meta.get_fields()}
    assert fields == {"id", "code", "selection", "created"}
    assert set(link.selection) <= {"v", "conditions", "options", "country", "need", "hospital"}
    assert link.selection == {
        "v": 1,
        "options": ["public-donation"],
        "need": "yes",
        "country": "uk",
    }


def test_different_selections_get_different_codes():
    codes = {
        sharing.code_for(sharing.make_selection(options=[slug]))
        for slug in ("a", "b", "c", "d", "e", "f", "g")
    }
    assert len(codes) == 7


def test_a_hash_collision_gets_another_code(db):
    selection = sharing.make_selection(options=["public-donation"])
    ShortLink.objects.create(code=sharing.code_for(selection), selection={"v": 1, "other": True})
    link = sharing.link_for(selection)
    assert link.code == sharing.code_for(selection, 1)
    assert sharing.link_for(selection).pk == link.pk


INVALID_QUERIES = [
    ({"conditions": "no-such-condition"}, ERROR_CONDITION),
    ({"options": "no-such-option"}, ERROR_OPTION),
    ({"country": "atlantis"}, ERROR_SHARE_COUNTRY),
    ({"need": "maybe"}, ERROR_NEED),
    ({"hospital": "999999"}, ERROR_HOSPITAL),
    ({"hospital": "not-a-number"}, ERROR_HOSPITAL),
    ({"country": ""}, ERROR_NOTHING_CHOSEN),
    ({"options": ["public-donation", "x" * 5000]}, ERROR_OPTION),
    ({"options": "<script>alert(1)</script>"}, ERROR_OPTION),
]


@pytest.mark.parametrize(("query", "message"), INVALID_QUERIES)
def test_invalid_choices_are_form_errors(client, records, query, message):
    response = client.get("/clinicians/", query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: " in html
    assert 'class="error-summary"' in html
    assert message.replace("'", "&#x27;") in html
    assert "<script>alert" not in html
    assert not ShortLink.objects.exists()


def test_a_hospital_in_another_country_than_the_costs_is_an_error(client, records):
    hospital = records["hospital"]
    other = Country.objects.exclude(pk=hospital.country_id).first()
    response = client.get("/clinicians/", {"hospital": hospital.pk, "country": other.code})
    assert response.status_code == 400
    assert hospital.country.name in response.content.decode()


# --- The parent's page -----------------------------------------------------------


def test_parent_page_shows_exactly_the_chosen_topics(client, records):
    chosen_option, *other_options = records["options"]
    chosen_conditions = records["conditions"][:2]
    code = make_link(
        client,
        options=[chosen_option.slug],
        conditions=[c.slug for c in chosen_conditions],
        country="uk",
    )
    response = client.get(f"/s/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    ids = section_ids(html)
    assert f"option-{chosen_option.slug}" in ids
    assert chosen_option.get_absolute_url() in html
    for option in other_options:
        assert f"option-{option.slug}" not in ids
    for condition in records["conditions"]:
        assert (f"condition-{condition.slug}" in ids) == (condition in chosen_conditions)
    assert "costs" in ids and "situation" not in ids
    assert not response.cookies


def test_parent_page_without_costs_or_conditions_shows_neither(client, records):
    code = make_link(client, options=[records["options"][0].slug])
    ids = section_ids(client.get(f"/s/{code}/").content.decode())
    assert "options" in ids
    assert not ids & {"costs", "conditions", "situation"}


def test_parent_page_orders_situation_options_costs_conditions(client, records):
    code = make_link(
        client,
        options=[o.slug for o in records["options"]],
        conditions=[c.slug for c in records["conditions"][:1]],
        country=records["hospital"].country.code,
        need="yes",
        hospital=records["hospital"].pk,
    )
    html = client.get(f"/s/{code}/").content.decode()
    positions = [html.index(f'id="{name}"') for name in ("situation", "options", "costs")]
    if records["conditions"]:
        positions.append(html.index('id="conditions"'))
    assert positions == sorted(positions)
    option_positions = [html.index(f'id="option-{o.slug}"') for o in records["options"]]
    assert option_positions == sorted(option_positions), "options not in content order"


def test_walkthrough_link_is_preset_to_the_situation(client, records):
    hospital = records["hospital"]
    code = make_link(client, need="yes", hospital=hospital.pk)
    html = client.get(f"/s/{code}/").content.decode()
    slug = slugify(hospital.name)
    expected = (
        f"/walkthrough/situation/?country={hospital.country.code}&amp;need=yes&amp;hospital={slug}"
    )
    assert expected in html
    assert hospital.name in html
    assert "directed donation" in html


def test_walkthrough_opens_with_the_situation_filled_in(client, records):
    hospital = records["hospital"]
    code = make_link(client, need="yes", hospital=hospital.pk)
    html = client.get(f"/s/{code}/").content.decode()
    link = unescape(re.search(r'href="(/walkthrough/situation/\?[^"]+)"', html).group(1))
    response = client.get(link)
    if response.status_code == 404:
        pytest.skip("the walkthrough is not built yet")
    step = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'name="need" value="yes"[^>]*checked', step)
    assert re.search(rf'name="country" value="{hospital.country.code}"[^>]*checked', step)
    assert re.search(r"<option value=\"[^\"]+\" selected>" + re.escape(escape(hospital.name)), step)


def test_walkthrough_link_without_a_situation_has_no_answers(client, records):
    code = make_link(client, options=["public-donation"])
    assert 'href="/walkthrough/situation/"' in client.get(f"/s/{code}/").content.decode()


def test_every_number_on_the_parent_page_has_a_source(client, records):
    code = make_link(client, options=[o.slug for o in records["options"]], country="uk", need="yes")
    html = client.get(f"/s/{code}/").content.decode()
    sources = set(re.findall(r'<li id="source-([^"]+)"', html))
    cited = set(re.findall(r'href="#source-([^"]+)"', html))
    assert cited and cited <= sources
    for chance in Chance.objects.filter(key__in=NEED_CHANCES + ANY_OPTION_CHANCES):
        assert chance.source.key in sources


def test_unknown_code_is_a_friendly_404_with_a_way_in(client, content):
    for path in ("/s/zzzzzzz/", "/s/zzzzzzz/handout/", "/clinicians/link/zzzzzzz/"):
        response = client.get(path)
        assert response.status_code == 404, path
        html = response.content.decode()
        assert "Link not found" in html
        assert 'href="/"' in html and 'href="/walkthrough/"' in html
        assert "Content-Security-Policy" in response


@pytest.mark.parametrize("code", ["x" * 300, "abc$%25def", "%00", "<b>", "....", "a b c"])
def test_malformed_codes_are_404s(client, content, code):
    for path in (f"/s/{code}/", f"/s/{code}.png", f"/s/{code}.svg", f"/s/{code}/handout/"):
        assert client.get(path).status_code == 404, path


def test_codes_typed_in_capitals_redirect_to_the_link(client, records):
    code = make_link(client, options=["public-donation"])
    response = client.get(f"/s/{code.upper()}/")
    assert response.status_code == 301
    assert response["Location"] == f"/s/{code}/"


def test_short_link_survives_a_content_reload(client, records):
    """A link made before new content was loaded still works after; a topic that has since
    left the site is skipped with a note."""
    template = records["conditions"][0] if records["conditions"] else None
    temporary = Condition.objects.create(
        slug="temporary-condition",
        name="A condition about to be removed",
        group=Condition.Group.MARKETED,
        summary="Short.",
        what_it_is="x",
        how_common="x",
        treatment_today="x",
        research_stage="lab",
        own_blood_used="no",
        own_blood_reason="x",
        last_reviewed=template.last_reviewed if template else "2026-01-01",
        next_review_due=template.next_review_due if template else "2027-01-01",
    )
    code = make_link(
        client, options=["public-donation"], conditions=[temporary.slug], need="yes", country="uk"
    )
    assert 'id="condition-temporary-condition"' in client.get(f"/s/{code}/").content.decode()

    load_content()
    load_content()

    assert not Condition.objects.filter(slug=temporary.slug).exists()
    assert ShortLink.objects.filter(code=code).exists()
    response = client.get(f"/s/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="option-public-donation"' in html
    assert 'id="situation"' in html
    assert "no longer on this site" in html and "temporary-condition" in html
    assert client.get(f"/s/{code}/handout/").status_code == 200
    assert client.get(f"/clinicians/link/{code}/").status_code == 200


def test_a_malformed_stored_selection_shows_an_empty_page_not_an_error(client, content):
    ShortLink.objects.create(code="bbbbbbb", selection=["not", "a", "dict"])
    ShortLink.objects.create(code="ccccccc", selection={"options": "public-donation", "need": 7})
    for code in ("bbbbbbb", "ccccccc"):
        assert client.get(f"/s/{code}/").status_code == 200
        assert client.get(f"/s/{code}/handout/").status_code == 200


# --- The clinician's result ------------------------------------------------------


def test_result_page_gives_link_qr_handout_and_notes(client, records):
    hospital = records["hospital"]
    code = make_link(
        client,
        options=["public-donation", "directed-donation"],
        country=hospital.country.code,
        need="yes",
        hospital=hospital.pk,
    )
    response = client.get(f"/clinicians/link/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    url = f"http://testserver/s/{code}/"
    assert f'href="{url}"' in html
    assert re.search(r'<svg role="img" aria-label="QR code for [^"]+"[^>]*class="qr-code"', html)
    assert f'href="/s/{code}.png" download' in html and f'href="/s/{code}.svg" download' in html
    assert f'href="/s/{code}/handout/"' in html
    notes = re.search(r"<textarea[^>]*readonly[^>]*>(.*?)</textarea>", html, re.DOTALL).group(1)
    assert url in notes
    assert "Donation to a public bank" in notes and hospital.name in notes
    assert hospital.country.name in notes
    assert not response.cookies


def test_notes_name_no_patient(records):
    topics = sharing.resolve(sharing.make_selection(options=["public-donation"], need="yes"))
    text = sharing.notes_text(topics, url="https://example.org/s/abcdefg/")
    assert "https://example.org/s/abcdefg/" in text
    assert "No personal details" in text
    for word in ("name", "NHS number", "date of birth", "due date", "Mrs", "Ms "):
        assert word not in text


def test_links_use_site_url_when_set(client, records, settings):
    settings.SITE_URL = "https://decisionaid.example"
    code = make_link(client, options=["public-donation"])
    html = client.get(f"/clinicians/link/{code}/").content.decode()
    assert f'href="https://decisionaid.example/s/{code}/"' in html
    assert "testserver" not in html.split("<main", 1)[1]


# --- QR codes --------------------------------------------------------------------


def zbar(png: bytes, tmp_path) -> str:
    path = tmp_path / "qr.png"
    path.write_bytes(png)
    result = subprocess.run(
        [shutil.which("zbarimg") or "zbarimg", "--raw", "-q", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.skipif(not shutil.which("zbarimg"), reason="zbarimg (zbar-tools) is not installed")
def test_qr_code_png_decodes_to_the_short_link(client, records, tmp_path):
    code = make_link(client, options=["public-donation"], country="uk")
    response = client.get(f"/s/{code}.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "attachment" in response["Content-Disposition"]
    assert zbar(response.content, tmp_path) == f"http://testserver/s/{code}/"


def test_qr_code_svg_download_is_an_svg_of_the_link(client, records):
    code = make_link(client, options=["public-donation"])
    response = client.get(f"/s/{code}.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    body = response.content.decode()
    assert body.startswith("<?xml") and "<svg" in body
    assert f"http://testserver/s/{code}/" in body  # in its <title>


def test_qr_svg_for_unknown_code_is_404(client, content):
    assert client.get("/s/zzzzzzz.svg").status_code == 404
    assert client.get("/s/zzzzzzz.png").status_code == 404


# --- The handout -----------------------------------------------------------------


def test_handout_has_key_numbers_with_sources_and_the_qr_code(client, records):
    code = make_link(
        client,
        options=[o.slug for o in records["options"]],
        conditions=[c.slug for c in records["conditions"]],
        country="uk",
        need="yes",
        hospital=records["hospital"].pk,
    )
    response = client.get(f"/s/{code}/handout/")
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_count(html) == 1
    assert 'class="qr-code"' in html
    assert f"testserver/s/{code}/" in html
    keys = {k for option in records["options"] for k in OPTION_CHANCES.get(option.slug, [])}
    keys |= set(NEED_CHANCES + ANY_OPTION_CHANCES)
    chances = Chance.objects.filter(key__in=keys)
    assert chances.count() == len(keys), "a chance named in views/sharing.py is missing"
    listed = set(re.findall(r'<li id="source-([^"]+)"', html))
    for chance in chances:
        assert chance.label in html
        assert chance.source.key in listed
    cited = set(re.findall(r'href="#source-([^"]+)"', html))
    assert cited <= listed
    for price in Country.objects.get(code="uk").prices.all():
        assert price.source.key in listed
    for condition in records["conditions"]:
        assert condition.name in html
