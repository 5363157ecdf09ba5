"""What the options cost: published price examples per country, the calculator, and its API."""

from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import render

from conditions.caching import content_page, parent_page
from conditions.charts import cumulative_cost_chart
from conditions.citations import numbering, reference_list
from conditions.costs import as_json, format_money, lifetime_cost
from conditions.forms import CostCalculatorForm
from conditions.models import Country, DonationHospital, Option, PriceExample

from .options import review_dates

# The options whose cost the overview quotes beside the price examples.
FREE_OPTIONS = ["public-donation", "directed-donation", "no-collection"]
# Questions to ask a private bank, and the sources behind them (see templates/costs/).
QUESTION_SOURCES = [
    "hta-key-questions",
    "parents-guide-accreditation",
    "parents-guide-price-questions",
    "parents-guide-storage-questions",
    "bionews-2018-bank-administration",
    "parents-guide-release-costs",
]


def countries_with_prices():
    return Country.objects.prefetch_related(
        "sources",
        Prefetch("prices", queryset=PriceExample.objects.select_related("source")),
        Prefetch("hospitals", queryset=DonationHospital.objects.select_related("source")),
    )


@content_page
def cost_overview(request):
    countries = list(countries_with_prices())
    free = list(Option.objects.filter(slug__in=FREE_OPTIONS).order_by("order"))
    prices = [price for country in countries for price in country.prices.all()]
    texts = [country.preset_note for country in countries] + [o.cost_to_family for o in free]
    also = [p.source for p in prices] + [s for c in countries for s in c.sources.all()]
    sources = reference_list([*texts, *(f"[@{key}]" for key in QUESTION_SOURCES)], also=also)
    context = {"countries": countries, "free_options": free, "sources": sources}
    context.update(refs=numbering(sources), reviewed=review_dates(countries, page="costs"))
    return render(request, "costs/overview.html", context)


@parent_page
def calculator(request):
    countries = list(countries_with_prices())
    form = CostCalculatorForm.from_query(request.GET, countries)
    result = chart = None
    if form.is_valid():
        result = lifetime_cost(**{name: form.cleaned_data[name] for name in form.AMOUNTS})
        chart = cost_chart(result, form.country_record)
    country = form.country_record
    sources = reference_list(
        [country.preset_note] if country else [], also=country_sources(country)
    )
    context = {
        "form": form,
        "result": result,
        "chart": chart,
        "country": country,
        "countries": countries,
    }
    context.update(sources=sources, refs=numbering(sources))
    return render(request, "costs/calculator.html", context, status=400 if form.errors else 200)


def api_calculate(request):
    form = CostCalculatorForm(request.GET, countries=Country.objects.all())
    if not form.is_valid():
        errors = {
            name: [str(message) for message in messages] for name, messages in form.errors.items()
        }
        return JsonResponse({"errors": errors}, status=400)
    return JsonResponse(as_json(lifetime_cost(**{n: form.cleaned_data[n] for n in form.AMOUNTS})))


def country_sources(country) -> list:
    if country is None:
        return []
    return [*country.sources.all(), *(price.source for price in country.prices.all())]


def cost_chart(result, country):
    symbol = country.currency_symbol if country else ""
    last = result.by_year[-1]
    desc = (
        f"A bar for each year shows the total paid so far. After year 1: "
        f"{format_money(result.by_year[0].cumulative, symbol)}. After year {last.year}: "
        f"{format_money(last.cumulative, symbol)}. A line along the bottom shows public "
        f"donation, which costs nothing in any year."
    )
    title = f"Total paid for private storage over {last.year} year{'s' if last.year != 1 else ''}"
    return {
        "svg": cumulative_cost_chart(by_year=result.by_year, symbol=symbol, title=title, desc=desc),
        "desc": desc,
    }
