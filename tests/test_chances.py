"""Chances: every number written out of the same 10,000 with its people, time and source;
icon arrays drawn on the server as well-formed SVG; and the pages around the birth."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conditions.charts import (
    DENOMINATOR,
    PITCH,
    chance_sentence,
    format_count,
    icon_array,
    per_denominator,
)
from conditions.models import Chance, DonationHospital, Source
from conditions.views.chances import CLAMPING_SOURCES

SVG = "{http://www.w3.org/2000/svg}"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SENTENCE = re.compile(
    r"^(?:About |Between )?[\d.,]+(?: and [\d.,]+)?(?:, most likely about [\d.,]+,)? out of 10,000 \S.* \(.+\)$"
)


def svgs_in(html: str, css_class: str) -> list[ET.Element]:
    found = re.findall(rf'<svg [^>]*class="{css_class}".*?</svg>', html, flags=re.DOTALL)
    return [ET.fromstring(svg) for svg in found]


def icons_covered(root: ET.Element, pattern_suffix: str) -> float:
    """How many icon cells the rectangles filled with one pattern cover."""
    area = 0.0
    for rect in root.iter(f"{SVG}rect"):
        if rect.get("fill", "").endswith(f"-{pattern_suffix})"):
            area += float(rect.get("width")) * float(rect.get("height"))
    return area / (PITCH * PITCH)


# --- Words ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "probability, text",
    [
        (1 / 200_000, "0.05"),
        (1 / 1000, "10"),
        (1 / 2700, "3.7"),
        (1 / 217, "46"),
        (0.05, "500"),
        (0, "0"),
    ],
)
def test_counts_are_written_as_icons_out_of_10000(probability, text):
    assert format_count(per_denominator(probability)) == text


def test_a_range_is_written_as_a_range_with_people_time_and_source():
    sentence = chance_sentence(
        low=1 / 200_000,
        best=None,
        high=1 / 1000,
        population="Children whose cord blood was stored privately",
        time_period="Childhood",
        source="AAP, 1999",
    )
    assert sentence == (
        "Between 0.05 and 10 out of 10,000 children whose cord blood was stored privately "
        "over childhood (AAP, 1999)"
    )


def test_a_single_figure_says_about_when_rounded_and_keeps_a_by_phrase():
    sentence = chance_sentence(
        low=1 / 217,
        best=1 / 217,
        high=1 / 217,
        population="People in the US",
        time_period="By age 70",
        source="S",
    )
    assert sentence == "About 46 out of 10,000 people in the US by age 70 (S)"


@pytest.mark.parametrize(
    "low, best, high", [(0.0001, 0.0002, 0.0005), (0.01, None, 0.02), (0.3, 0.3, 0.3)]
)
def test_every_sentence_has_the_same_shape_and_no_percentage(low, best, high):
    sentence = chance_sentence(
        low=low, best=best, high=high, population="Babies", time_period="Life", source="X"
    )
    assert SENTENCE.match(sentence), sentence
    assert "%" not in sentence and "per cent" not in sentence


# --- Icon arrays ------------------------------------------------------------------


@pytest.mark.parametrize(
    "low, best, high",
    [
        (1 / 200_000, None, 1 / 1000),
        (1 / 2700, 1 / 2700, 1 / 2700),
        (0.05, None, 0.054),
        (0.0023, None, 0.0098),
        (0, None, 1),
    ],
)
def test_icon_array_is_well_formed_svg_out_of_10000(low, best, high):
    picture = icon_array(
        key="t", low=low, best=best, high=high, title="A title", desc="A description"
    )
    root = ET.fromstring(picture.svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "A title"
    assert root.find(f"{SVG}desc").text == "A description"
    assert root.get("aria-labelledby") == "ia-t-title ia-t-desc"
    assert root.get("data-denominator") == str(DENOMINATOR) == "10000"
    assert icons_covered(root, "other") == pytest.approx(DENOMINATOR)
    assert picture.denominator == DENOMINATOR


def test_icons_are_grouped_from_the_first_and_ranges_are_a_band():
    picture = icon_array(key="t", low=0.0023, best=None, high=0.0098, title="t", desc="d")
    root = ET.fromstring(picture.svg)
    assert icons_covered(root, "low") == pytest.approx(23)
    assert icons_covered(root, "range") == pytest.approx(98 - 23)
    first = next(r for r in root.iter(f"{SVG}rect") if r.get("fill", "").endswith("-low)"))
    assert (first.get("x"), first.get("y")) == ("0", "0")


def test_a_single_figure_has_no_band():
    root = ET.fromstring(
        icon_array(key="t", low=0.005, best=0.005, high=0.005, title="t", desc="d").svg
    )
    assert icons_covered(root, "range") == 0
    assert icons_covered(root, "low") == pytest.approx(50)


def test_tiny_chances_get_a_zoomed_inset_showing_part_of_one_icon():
    picture = icon_array(key="t", low=1 / 200_000, best=None, high=1 / 1000, title="t", desc="d")
    assert picture.smaller_than_one_icon and picture.groups_for_one == "20"
    inset = ET.fromstring(picture.inset)
    assert inset.find(f"{SVG}title").text.startswith("Zoomed in")
    assert inset.find(f"{SVG}desc").text
    widths = [float(r.get("width")) for r in inset.iter(f"{SVG}rect") if r.get("fill") == "#1f4e8c"]
    assert widths and min(widths) < 2  # 0.05 of a 24-unit icon


def test_a_chance_outside_0_to_1_is_refused():
    with pytest.raises(ValueError):
        icon_array(key="t", low=0.5, best=None, high=0.2, title="t", desc="d")


# --- The chances page -------------------------------------------------------------


@pytest.fixture
def chances_html(client, content):
    response = client.get("/chances/")
    assert response.status_code == 200
    return response.content.decode()


def test_every_icon_array_on_the_page_uses_the_same_denominator(chances_html):
    arrays = svgs_in(chances_html, "icon-array")
    assert len(arrays) == Chance.objects.count() >= 1
    for root in arrays + svgs_in(chances_html, "icon-array-inset"):
        assert root.get("data-denominator") == "10000", root.find(f"{SVG}title").text
        assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
    for root in arrays:
        assert icons_covered(root, "other") == pytest.approx(10_000), root.find(f"{SVG}title").text


def test_every_array_has_a_visible_sentence_saying_what_its_desc_says(chances_html):
    for chance in Chance.objects.select_related("source"):
        root = next(
            r
            for r in svgs_in(chances_html, "icon-array")
            if r.get("aria-labelledby").startswith(f"ia-{chance.key}-")
        )
        desc = root.find(f"{SVG}desc").text
        assert SENTENCE.match(desc), desc
        visible = re.sub(r"<[^>]+>", "", chances_html)
        assert desc.split(" (")[0] in visible


def test_no_template_prints_a_chance_without_the_chance_tag():
    """Chances reach a page only through {% chance %} or |chance_text, never as bare fields."""
    bare = re.compile(r"{{[^}]*\.(?:low|best|high|numerator)\b[^}]*}}")
    offenders = [
        str(p) for p in TEMPLATES.rglob("*.html") if bare.search(p.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders


def test_page_explains_why_1_in_217_is_not_the_chance_of_using_your_own_cord_blood(chances_html):
    assert (
        'Why "1 in 217 by age 70" is not the chance of using your own cord blood'
        in chances_html
    )
    for key in ("nietfeld-2008", "acog-co-771-2019", "thornley-2009", "parents-guide-odds"):
        assert Source.objects.filter(key=key).exists(), key
        assert f'href="#source-{key}"' in chances_html
    assert "Last reviewed:" in chances_html


# --- Around the birth ---------------------------------------------------------------


def test_clamping_page_gives_each_bodys_advice_with_dates_and_sources(client, content):
    html = client.get("/clamping/").content.decode()
    for text in (
        "World Health Organization",
        "2014",
        "NICE",
        "December 2015",
        "ACOG",
        "December 2020",
        "367 births",
    ):
        assert text in html
    missing = [key for key in CLAMPING_SOURCES if not Source.objects.filter(key=key).exists()]
    assert not missing, f"sources cited on /clamping/ but not defined: {missing}"
    for key in CLAMPING_SOURCES:
        assert f'id="source-{key}"' in html
        assert f'class="cite" href="#source-{key}"' in html
    assert "Last reviewed:" in html


def test_donate_page_lists_each_country_with_the_date_its_list_was_checked(client, content):
    html = client.get("/donate/").content.decode()
    from conditions.models import Country

    for country in Country.objects.all():
        assert country.name in html
        assert country.donation_checked.strftime("%Y-%m-%d") in html
    assert "If your hospital does not collect" in html


def test_hospital_search_works_without_javascript(client, content):
    hospital = DonationHospital.objects.first()
    assert hospital is not None, "no hospitals in the content"
    word = hospital.name.split()[-2] if len(hospital.name.split()) > 1 else hospital.name
    html = client.get("/donate/", {"q": word.lower()}).content.decode()
    results = html[html.index('id="results"') :]
    assert hospital.name.replace("'", "&#x27;") in results[: results.index("</section>")]
    html = client.get("/donate/", {"q": "no such hospital anywhere"}).content.decode()
    assert "No hospital on our lists matches your search." in html


def test_a_too_long_search_is_a_friendly_error(client, content):
    response = client.get("/donate/", {"q": "x" * 500})
    assert response.status_code == 400
    assert "<title>Error: " in response.content.decode()
