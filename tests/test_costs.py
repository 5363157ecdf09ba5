"""The cost pages: the calculator's arithmetic as plain functions, its friendly validation,
the calculator page and the JSON API, and the published price examples."""

import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from conditions import costs
from conditions.costs import as_json, format_money, lifetime_cost
from conditions.forms import CostCalculatorForm
from conditions.models import Country, PriceExample

COUNTRIES_DIR = Path(__file__).resolve().parent.parent / "conditions" / "content" / "countries"
SVG = "{http://www.w3.org/2000/svg}"


def formula(*, upfront, annual, years, rise, tissue_upfront=0, tissue_annual=0) -> float:
    """The issue's rule, written independently: upfront fees plus, for y = 1..N, the annual
    fees times (1 + rise/100) ** (y - 1)."""
    yearly = annual + tissue_annual
    return (
        upfront
        + tissue_upfront
        + sum(yearly * (1 + rise / 100) ** (y - 1) for y in range(1, years + 1))
    )


# --- Arithmetic -------------------------------------------------------------------


def test_without_a_rise_the_total_is_upfront_plus_annual_times_years():
    cost = lifetime_cost(upfront=Decimal(1500), annual=Decimal(100), years=20)
    assert cost.total == Decimal("3500.00")
    assert len(cost.by_year) == 20


def test_fee_rises_compound_year_on_year():
    cost = lifetime_cost(upfront=Decimal(0), annual=Decimal(100), years=3, rise=Decimal(10))
    assert [row.paid for row in cost.by_year] == [
        Decimal("100.00"),
        Decimal("110.00"),
        Decimal("121.00"),
    ]
    assert cost.total == Decimal("331.00")  # not 330: the rise compounds


def test_year_one_carries_the_upfront_fees_and_the_last_cumulative_is_the_total():
    cost = lifetime_cost(
        upfront=Decimal(1295),
        annual=Decimal(210),
        years=18,
        rise=Decimal(3),
        tissue_upfront=Decimal(500),
        tissue_annual=Decimal(210),
    )
    assert cost.by_year[0].paid == Decimal(1295 + 500 + 210 + 210)
    running = Decimal(0)
    for row in cost.by_year:
        running += row.paid
        assert row.cumulative == running
    assert cost.by_year[-1].cumulative == cost.total


@pytest.mark.parametrize(
    "upfront, annual, years, rise, tissue_upfront, tissue_annual",
    [
        (1500, 100, 20, 0, 0, 0),
        (1500, 100, 20, 3, 0, 0),
        (1795, 400, 18, 5, 0, 0),
        (2700, 100, 25, 2.5, 800, 60),
        (9000, 0, 30, 0, 0, 0),
        (0, 150, 1, 25, 0, 0),
        (1, 1, 100, 25, 0, 0),
    ],
)
def test_total_matches_the_formula_to_the_cent(
    upfront, annual, years, rise, tissue_upfront, tissue_annual
):
    cost = lifetime_cost(
        upfront=Decimal(upfront),
        annual=Decimal(annual),
        years=years,
        rise=Decimal(str(rise)),
        tissue_upfront=Decimal(tissue_upfront),
        tissue_annual=Decimal(tissue_annual),
    )
    expected = formula(
        upfront=upfront,
        annual=annual,
        years=years,
        rise=rise,
        tissue_upfront=tissue_upfront,
        tissue_annual=tissue_annual,
    )
    # Each year is rounded to the cent once, so the sum may differ by half a cent a year.
    assert float(cost.total) == pytest.approx(expected, abs=0.005 * years + 1e-9)


def test_json_has_the_total_and_every_year_as_numbers():
    data = as_json(
        lifetime_cost(upfront=Decimal(1500), annual=Decimal(100), years=3, rise=Decimal(3))
    )
    assert data == {
        "total": 1809.09,
        "by_year": [
            {"year": 1, "paid": 1600, "cumulative": 1600},
            {"year": 2, "paid": 103, "cumulative": 1703},
            {"year": 3, "paid": 106.09, "cumulative": 1809.09},
        ],
    }


@pytest.mark.parametrize(
    "amount, symbol, code, expected",
    [
        (1500, "£", "GBP", "£1,500"),
        (Decimal("1234.5"), "$", "USD", "$1,234.50"),
        (9000, "AED", "AED", "AED 9,000"),
        (0, "£", "", "£0"),
    ],
)
def test_money_is_written_with_its_currency(amount, symbol, code, expected):
    assert format_money(amount, symbol, code) == expected


# --- Validation -------------------------------------------------------------------

VALID = {"upfront": "1500", "annual": "100", "years": "20", "rise": "0"}


def errors_for(**changes) -> dict:
    form = CostCalculatorForm({**VALID, **changes})
    assert not form.is_valid()
    return form.errors


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("upfront", "", "Enter the upfront fee, for example 1500. Enter 0 if there is none."),
        ("annual", "", "Enter the yearly storage fee, for example 100. Enter 0 if there is none."),
        ("years", "", costs.ERROR_YEARS_MISSING),
        ("rise", "", "Enter the yearly rise, for example 3. Enter 0 if there is none."),
        ("upfront", "-5", "The upfront fee cannot be less than 0."),
        ("annual", "-0.01", "The yearly storage fee cannot be less than 0."),
        ("tissue_annual", "-1", "The cord tissue yearly fee cannot be less than 0."),
        ("upfront", "lots", "Enter the upfront fee as a number, like 1500, without letters."),
        ("annual", "NaN", "Enter the yearly storage fee as a number, like 100, without letters."),
        ("upfront", "Infinity", "Enter the upfront fee as a number, like 1500, without letters."),
        ("upfront", "1e309", "The upfront fee looks too large. Enter an amount below 1,000,000."),
        ("upfront", "9" * 400, "The upfront fee looks too large. Enter an amount below 1,000,000."),
        (
            "annual",
            "250000",
            "The yearly storage fee looks too large. Enter an amount below 100,000.",
        ),
        ("rise", "40", costs.ERROR_RISE_TOO_LARGE),
        ("rise", "-2", "The yearly rise cannot be less than 0."),
        ("years", "101", costs.ERROR_YEARS_TOO_MANY),
        ("years", "9" * 30, costs.ERROR_YEARS_TOO_MANY),
        ("years", "0", costs.ERROR_YEARS_TOO_FEW),
        ("years", "-3", costs.ERROR_YEARS_TOO_FEW),
        ("years", "2.5", costs.ERROR_YEARS_NOT_WHOLE),
        ("years", "twenty", costs.ERROR_YEARS_NOT_WHOLE),
        (
            "upfront",
            "10.555",
            "Enter the upfront fee with no more than 2 figures after the decimal point.",
        ),
    ],
)
def test_every_input_gets_one_friendly_message(field, value, message):
    assert errors_for(**{field: value})[field] == [message]


def test_amounts_may_be_written_the_way_people_write_money():
    form = CostCalculatorForm(
        {**VALID, "upfront": "£1,500", "annual": " $ 100.50 ", "tissue_upfront": "AED 9,000"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["upfront"] == Decimal(1500)
    assert form.cleaned_data["annual"] == Decimal("100.50")
    assert form.cleaned_data["tissue_upfront"] == Decimal(9000)
    assert form.cleaned_data["tissue_annual"] == 0


def test_an_unknown_country_is_a_friendly_error(db):
    form = CostCalculatorForm({**VALID, "country": "atlantis"}, countries=Country.objects.all())
    assert form.errors["country"] == [costs.ERROR_COUNTRY]


# --- The calculator page ----------------------------------------------------------


@pytest.fixture
def country(content):
    country = Country.objects.order_by("order").first()
    assert country is not None, "no country in the content"
    return country


def test_calculator_starts_from_the_first_countrys_example_figures(client, country):
    response = client.get("/costs/calculator/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{CostCalculatorForm.preset_data(country)["upfront"]}"' in html
    assert 'method="get"' in html
    assert "Public donation" in html and "Free" in html


def test_each_country_preset_fills_the_form_and_gives_a_total(client, content):
    for country in Country.objects.all():
        html = client.get("/costs/calculator/", {"country": country.code}).content.decode()
        preset = CostCalculatorForm.preset_data(country)
        for name in ("upfront", "annual", "years", "rise"):
            assert f'name="{name}" value="{preset[name]}"' in html, (country.code, name)
        expected = lifetime_cost(
            upfront=country.preset_upfront,
            annual=country.preset_annual,
            years=country.preset_years,
            rise=country.preset_rise,
            tissue_upfront=country.preset_tissue_upfront,
            tissue_annual=country.preset_tissue_annual,
        ).total
        assert format_money(expected, country.currency_symbol) in html


def test_results_show_the_total_a_year_by_year_table_and_a_chart(client, country):
    query = {
        "country": country.code,
        "upfront": "1500",
        "annual": "100",
        "years": "20",
        "rise": "3",
    }
    html = client.get("/costs/calculator/", query).content.decode()
    total = lifetime_cost(
        upfront=Decimal(1500), annual=Decimal(100), years=20, rise=Decimal(3)
    ).total
    assert format_money(total, country.currency_symbol) in html
    assert html.count('<th scope="row">') >= 20
    svg = html[html.index('<svg xmlns="http://www.w3.org/2000/svg" class="cost-chart"') :]
    svg = svg[: svg.index("</svg>") + len("</svg>")]
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text.startswith("Total paid")
    assert "After year 20" in root.find(f"{SVG}desc").text
    assert len(root.findall(f".//{SVG}rect")) == 20


def test_bad_input_lists_every_error_at_the_top_with_an_error_title(client, country):
    response = client.get(
        "/costs/calculator/",
        {"country": country.code, "upfront": "abc", "annual": "-4", "years": "500", "rise": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: " in html
    summary = html[
        html.index('class="error-summary"') : html.index(
            "</div>", html.index('class="error-summary"')
        )
    ]
    for message in (
        "Enter the upfront fee as a number",
        "The yearly storage fee cannot be less than 0.",
        costs.ERROR_YEARS_TOO_MANY,
        "Enter the yearly rise",
    ):
        assert message in summary
    assert 'href="#id_upfront"' in summary


# --- The API ----------------------------------------------------------------------


def test_api_calculates_with_the_same_arithmetic(client, db):
    query = {
        "upfront": "1795",
        "annual": "400",
        "years": "18",
        "rise": "3",
        "tissue_upfront": "",
        "tissue_annual": "0",
    }
    response = client.get("/api/costs/calculate/", query)
    assert response.status_code == 200
    data = response.json()
    cost = lifetime_cost(upfront=Decimal(1795), annual=Decimal(400), years=18, rise=Decimal(3))
    assert data == as_json(cost)
    assert [row["year"] for row in data["by_year"]] == list(range(1, 19))
    assert data["by_year"][-1]["cumulative"] == data["total"]


def test_api_answers_400_with_the_errors(client, db):
    response = client.get("/api/costs/calculate/", {"upfront": "x", "annual": "-1", "years": "101"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"upfront", "annual", "years", "rise"}
    assert errors["years"] == [costs.ERROR_YEARS_TOO_MANY]


# --- Published prices ----------------------------------------------------------------


def test_every_price_in_the_files_has_a_source_and_dates():
    files = sorted(COUNTRIES_DIR.glob("*.yaml"))
    assert files, "no country files"
    for path in files:
        for price in yaml.safe_load(path.read_text(encoding="utf-8")).get("prices") or []:
            where = f"{path.name}: {price.get('key')}"
            assert price.get("source"), f"{where}: no source"
            assert price.get("seen"), f"{where}: no date seen"
            assert price.get("price_year"), f"{where}: no year the price applied"


def test_every_price_record_has_a_source_and_a_date_and_is_shown_as_an_example(client, content):
    prices = list(PriceExample.objects.select_related("source", "country"))
    assert prices, "no price examples loaded"
    html = client.get("/costs/").content.decode()
    assert "examples, not quotes" in html
    for price in prices:
        assert price.source.link and price.seen and price.price_year
        assert price.label in html
        assert f'href="#source-{price.source.key}"' in html
        assert price.seen.strftime("%Y-%m-%d") in html


def test_costs_page_has_each_country_public_donation_free_and_questions_for_banks(client, content):
    html = client.get("/costs/").content.decode()
    for country in Country.objects.all():
        assert f"Price examples: {country.name} ({country.currency})" in html
    assert "Public donation: free." in html
    for topic in (
        "Licence and accreditation",
        "Fee rises",
        "If the bank closes",
        "Refunds",
        "What you get for your money",
    ):
        assert topic in html
    assert "Last reviewed:" in html and 'id="sources-heading"' in html
    assert "[@" not in html
