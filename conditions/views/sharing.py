"""Sharing during a consultation: the clinician's builder and result, and what the parent
opens: the start page behind a short link, a one-page handout and the QR code."""

from types import SimpleNamespace

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from conditions.citations import numbering, reference_list
from conditions.forms import ShareForm
from conditions.models import (
    Chance,
    Condition,
    Country,
    DonationHospital,
    Option,
    OwnBloodUse,
    ShortLink,
)
from conditions.seo import public_url
from conditions.sharing import (
    CODE_PATTERN,
    NEED_YES,
    SharedTopics,
    link_for,
    normalise_code,
    notes_text,
    qr_png,
    qr_svg_file,
    qr_svg_inline,
    resolve,
    walkthrough_url,
)

# Key numbers on the handout: the chance records that belong with each option, and with a
# family's known need. Keys that leave the content are skipped (tests check they exist).
OPTION_CHANCES = {
    "private-cord-blood": ["own-unit-used-by-child-or-family-acog-2008"],
    "private-cord-blood-and-tissue": ["own-unit-used-by-child-or-family-acog-2008"],
    "directed-donation": ["directed-unit-used-sickle-cell-rafii-2017"],
}
NEED_CHANCES = ["directed-unit-used-sickle-cell-rafii-2017"]
ANY_OPTION_CHANCES = ["any-transplant-by-age-20"]
# With more topics than this, the handout uses smaller type to stay on one page.
DENSE_AFTER = 7
# The handout lists conditions in one line per answer to "would own stored blood be used?".
OWN_BLOOD_GROUPS = {
    OwnBloodUse.STANDARD: "A baby's own stored cord blood is used in standard care",
    OwnBloodUse.IN_TRIALS: "Own stored cord blood used only in research trials",
    OwnBloodUse.NO: "Own stored cord blood is not what is used",
    OwnBloodUse.UNKNOWN: "Not known whether own stored cord blood would be used",
}
# The option whose cost_to_family says what donating costs, quoted beside the prices.
PUBLIC_DONATION = "public-donation"


def builder(request):
    form = ShareForm(
        request.GET if any(name in request.GET for name in ShareForm.base_fields) else None,
        conditions=Condition.objects.published().order_by("order", "name"),
        options=Option.objects.order_by("order", "name"),
        countries=Country.objects.all(),
        hospitals=DonationHospital.objects.select_related("country").order_by(
            "country__order", "name"
        ),
    )
    if form.is_bound and form.is_valid():
        # Idempotent: the same selection always gives the same link, so a GET may make it.
        return redirect("conditions:share_result", code=link_for(form.selection()).code)
    return render(
        request, "sharing/builder.html", {"form": form}, status=400 if form.is_bound else 200
    )


def _link_or_404(code: str) -> ShortLink:
    link = ShortLink.objects.filter(code=code).first() if CODE_PATTERN.match(code) else None
    if link is None:
        raise Http404("No such short link")
    return link


def _shared(request, code: str, template: str, **extra):
    """Render one of the pages behind a code, or the friendly 'no such link' page."""
    wanted = normalise_code(code)
    try:
        link = _link_or_404(wanted)
    except Http404:
        return render(request, "sharing/unknown_code.html", {"code": code[:40]}, status=404)
    if wanted != code:
        return redirect(request.path.replace(code, wanted, 1), permanent=True)
    topics = resolve(link.selection)
    short_url = public_url(request, reverse("conditions:shared", args=[link.code]))
    context = {
        "link": link,
        "topics": topics,
        "short_url": short_url,
        "short_url_display": short_url.split("://", 1)[-1],
        "walkthrough_url": walkthrough_url(topics),
        "notes": notes_text(topics, url=short_url),
        "qr": qr_svg_inline(short_url, label=f"QR code for {short_url}"),
        "reviewed": _review_dates(topics),
        **_sources_and_numbers(topics),
        **{name: make(topics) for name, make in extra.items()},
    }
    return render(request, template, context)


def share_result(request, code):
    """The clinician's result: the link, the QR code, the handout and a note for the record."""
    return _shared(request, code, "sharing/result.html")


def shared(request, code):
    """The parent's start page: exactly the chosen topics."""
    return _shared(request, code, "sharing/shared.html")


def handout(request, code):
    return _shared(
        request, code, "sharing/handout.html", condition_groups=_by_own_blood_use, dense=_is_dense
    )


def _is_dense(topics: SharedTopics) -> bool:
    """Many topics: smaller type, so the handout still fits on one A4 page."""
    count = len(topics.options) + len(topics.conditions)
    return count + bool(topics.country) + topics.has_situation > DENSE_AFTER


def _by_own_blood_use(topics: SharedTopics) -> list[tuple[str, list[Condition]]]:
    """Conditions grouped by whether a baby's own stored blood would be used: one line each."""
    groups = {value: [] for value in OwnBloodUse}
    for condition in topics.conditions:
        groups.setdefault(condition.own_blood_used, []).append(condition)
    return [(OWN_BLOOD_GROUPS.get(value, value), items) for value, items in groups.items() if items]


def _qr_file(request, code: str, *, kind: str) -> HttpResponse:
    link = _link_or_404(normalise_code(code))
    url = public_url(request, reverse("conditions:shared", args=[link.code]))
    if kind == "png":
        response = HttpResponse(qr_png(url), content_type="image/png")
    else:
        response = HttpResponse(qr_svg_file(url), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="cord-blood-{link.code}.{kind}"'
    return response


def qr_code_png(request, code):
    return _qr_file(request, code, kind="png")


def qr_code_svg(request, code):
    return _qr_file(request, code, kind="svg")


# --- Helpers -----------------------------------------------------------------------


def _review_dates(topics: SharedTopics):
    records = [*topics.options, *topics.conditions]
    if topics.country is not None:
        records.append(topics.country)
    if not records:
        return None
    return SimpleNamespace(
        last_reviewed=min(r.last_reviewed for r in records),
        next_review_due=min(r.next_review_due for r in records),
    )


def _chances(topics: SharedTopics) -> list[Chance]:
    keys: list[str] = []
    if topics.need == NEED_YES:
        keys += NEED_CHANCES
    for option in topics.options:
        keys += OPTION_CHANCES.get(option.slug, [])
    if topics.options:
        keys += ANY_OPTION_CHANCES
    keys = list(dict.fromkeys(keys))
    found = {c.key: c for c in Chance.objects.select_related("source").filter(key__in=keys)}
    return [found[key] for key in keys if key in found]


def _sources_and_numbers(topics: SharedTopics) -> dict:
    chances = _chances(topics)
    prices = list(topics.country.prices.select_related("source")) if topics.country else []
    public = Option.objects.filter(slug=PUBLIC_DONATION).first() if topics.country else None
    # Listed in the order the page cites them, so the reference numbers run 1, 2, 3...
    marker = "[@{}]".format
    texts = []
    if topics.hospital is not None:
        texts += [marker(topics.hospital.source.key), topics.hospital.note]
    texts += [o.summary for o in topics.options] + [marker(c.source.key) for c in chances]
    if public is not None:
        texts.append(public.cost_to_family)
    texts += [marker(p.source.key) for p in prices] + [c.summary for c in topics.conditions]
    sources = reference_list(texts)
    return {
        "chances": chances,
        "prices": prices,
        "public_donation": public,
        "sources": sources,
        "refs": numbering(sources),
    }
