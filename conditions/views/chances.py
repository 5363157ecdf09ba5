"""How often stored cells are used, drawn as icon arrays out of the same 10,000; and the two
pages about the birth itself: delayed cord clamping and where to donate."""

from django.shortcuts import render

from conditions.caching import content_page
from conditions.charts import DENOMINATOR, icon_array
from conditions.citations import numbering, reference_list
from conditions.donation import find_hospitals
from conditions.forms import HospitalSearchForm
from conditions.models import Chance, Source
from conditions.reviews import PAGE_REVIEWS
from conditions.templatetags.figures import chance_text

from .costs import countries_with_prices
from .options import review_dates

# Sources cited in the words of templates/chances/chance_list.html ("1 in 217 by age 70").
NOT_YOUR_OWN_SOURCES = ["parents-guide-odds", "nietfeld-2008", "thornley-2009", "acog-co-771-2019"]
# Sources cited in the words of templates/chances/clamping.html, in order of first citation.
CLAMPING_SOURCES = [
    "who-2014-delayed-cord-clamping",
    "who-2012-pph-recommendations",
    "nice-qs105-statement-6",
    "acog-co-814-2020",
    "allan-2016-delayed-clamping-banking",
    "hta-key-questions",
    "acog-co-771-2019",
]


def _pictures(chances) -> list[tuple[Chance, object]]:
    return [
        (
            chance,
            icon_array(
                key=chance.key,
                low=chance.low,
                best=chance.best,
                high=chance.high,
                title=chance.label,
                desc=chance_text(chance),
            ),
        )
        for chance in chances
    ]


@content_page
def chance_list(request):
    chances = list(Chance.objects.select_related("source"))
    texts = [text for c in chances for text in (c.explanation, c.caveat)]
    texts += [f"[@{key}]" for key in NOT_YOUR_OWN_SOURCES]
    sources = reference_list(texts, also=[c.source for c in chances])
    context = {"pictures": _pictures(chances), "denominator": DENOMINATOR, "sources": sources}
    context.update(refs=numbering(sources), reviewed=PAGE_REVIEWS.get("chances"))
    return render(request, "chances/chance_list.html", context)


@content_page
def clamping(request):
    found = {s.key: s for s in Source.objects.filter(key__in=CLAMPING_SOURCES)}
    sources = [found[key] for key in CLAMPING_SOURCES if key in found]
    context = {"sources": sources, "refs": numbering(sources)}
    return render(request, "chances/clamping.html", context)


@content_page(personal_query=True)
def donate(request):
    countries = list(countries_with_prices())
    form = HospitalSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    hospitals = [h for country in countries for h in country.hospitals.all()]
    matches = find_hospitals(hospitals=hospitals, query=query) if query else None
    texts = [
        t
        for c in countries
        for t in (c.donation_summary, c.donation_deadline, c.if_hospital_does_not_collect)
    ]
    sources = reference_list(texts, also=[h.source for h in hospitals])
    context = {"countries": countries, "form": form, "query": query, "matches": matches}
    context.update(
        sources=sources, refs=numbering(sources), reviewed=review_dates(countries, page="donate")
    )
    return render(request, "chances/donate.html", context, status=400 if form.errors else 200)
