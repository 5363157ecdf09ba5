"""The five options in equal detail: a list, one page each, a side-by-side table, and JSON."""

from types import SimpleNamespace

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from conditions.caching import content_page
from conditions.citations import numbering, reference_list, strip_citations
from conditions.models import OPTION_QUESTIONS, Option
from conditions.reviews import PAGE_REVIEWS

from .api import _source

# The rows of the comparison: every field of an option, then its positives and negatives.
COMPARE_ROWS = [
    *OPTION_QUESTIONS,
    ("positives", "What might count for it?"),
    ("negatives", "What might count against it?"),
]


def option_texts(option: Option) -> list[str]:
    return [
        option.summary,
        *(getattr(option, name) for name, _ in OPTION_QUESTIONS),
        *option.positives,
        *option.negatives,
        *option.at_a_glance.values(),
    ]


def review_dates(items, *, page: str):
    """For a page built from several records: the oldest review and the soonest due date
    (the page's own dates while no record is loaded)."""
    items = list(items)
    if not items:
        return PAGE_REVIEWS[page]
    return SimpleNamespace(
        last_reviewed=min(i.last_reviewed for i in items),
        next_review_due=min(i.next_review_due for i in items),
    )


def _with_sources(options: list[Option]) -> dict:
    texts = [text for option in options for text in option_texts(option)]
    sources = reference_list(texts, also=[s for option in options for s in option.sources.all()])
    return {
        "sources": sources,
        "refs": numbering(sources),
        "reviewed": review_dates(options, page="options"),
    }


@content_page
def option_list(request):
    options = list(Option.objects.ordered())
    return render(
        request, "options/option_list.html", {"options": options, **_with_sources(options)}
    )


@content_page
def option_detail(request, slug):
    option = get_object_or_404(Option.objects.ordered(), slug=slug)
    answers = [(name, question, getattr(option, name)) for name, question in OPTION_QUESTIONS]
    others = Option.objects.exclude(slug=slug).order_by("order", "name")
    context = {"option": option, "answers": answers, "others": others, **_with_sources([option])}
    return render(request, "options/option_detail.html", context)


@content_page
def option_compare(request):
    options = list(Option.objects.ordered())
    rows = [
        (name, question, [(option, option.glance(name)) for option in options])
        for name, question in COMPARE_ROWS
    ]
    context = {"options": options, "rows": rows, **_with_sources(options)}
    return render(request, "options/option_compare.html", context)


def api_options(request):
    options = Option.objects.ordered()
    data = [
        {
            "slug": option.slug,
            "name": option.name,
            "summary": strip_citations(option.summary),
            **{name: strip_citations(getattr(option, name)) for name, _ in OPTION_QUESTIONS},
            "positives": [strip_citations(text) for text in option.positives],
            "negatives": [strip_citations(text) for text in option.negatives],
            "sources": [_source(source) for source in option.sources.all()],
            "last_reviewed": option.last_reviewed.isoformat(),
            "next_review_due": option.next_review_due.isoformat(),
            "url": request.build_absolute_uri(option.get_absolute_url()),
        }
        for option in options
    ]
    questions = [{"field": name, "question": question} for name, question in OPTION_QUESTIONS]
    return JsonResponse({"questions": questions, "options": data})
