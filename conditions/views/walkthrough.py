"""The guided walkthrough: one GET page per step, every answer in the page address.

No session, no cookie, nothing stored: each step reads the answers from its query string
(conditions/walkthrough.py), and a step's form sends them all again, so the address is
always the share link. A sent form that is complete redirects to the next step; one with
problems is shown again with the problems listed at the top."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from conditions import walkthrough as wt
from conditions.caching import parent_page
from conditions.charts import icon_array
from conditions.citations import numbering, reference_list
from conditions.costs import lifetime_cost
from conditions.models import Claim, Option
from conditions.reviews import PAGE_REVIEWS
from conditions.templatetags.figures import chance_text
from conditions.walkthrough_facts import (
    OPTION_CHANCES,
    Content,
    country_name,
    option_facts,
    qr_svg,
)
from conditions.walkthrough_forms import (
    CompareForm,
    HeardForm,
    LineupForm,
    MattersForm,
    ReadyForm,
    SituationForm,
)

FORMS = {
    wt.SITUATION: SituationForm,
    wt.HEARD: HeardForm,
    wt.MATTERS: MattersForm,
    wt.LINEUP: LineupForm,
    wt.READY: ReadyForm,
}
# Sources cited in the words of the walkthrough's own templates.
READY_SOURCES = ["legare-2010-sure"]
LINEUP_SOURCES = ["witteman-2016-values-clarification-design"]
SUMMARY_SOURCES = ["hta-key-questions", "parents-guide-price-questions", "legare-2010-sure"]


# --- Links --------------------------------------------------------------------------


def step_url(slug: str, answers: wt.Answers, *, return_to: str = "", anchor: str = "") -> str:
    pairs = wt.answer_pairs(answers)
    if return_to and return_to != slug:
        pairs.append((wt.RETURN, return_to))
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    url = reverse("conditions:walkthrough_step", args=[slug])
    return url + (f"?{query.urlencode()}" if pairs else "") + (f"#{anchor}" if anchor else "")


def share_url(request, answers: wt.Answers) -> str:
    base = settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")
    return base + step_url(wt.SUMMARY, answers)


def claim_url(claim: Claim) -> str:
    try:
        return claim.get_absolute_url()
    except NoReverseMatch:  # the claims pages are not part of every deployment yet
        return ""


# --- Reading the request -------------------------------------------------------------


def _sent_data(pairs, names) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in pairs:
        if key in names:
            data.appendlist(key, value)
    return data


def _initial(step: str, answers: wt.Answers) -> dict:
    if step == wt.SITUATION:
        return {"country": answers.country, "need": answers.need, "hospital": answers.hospital}
    if step == wt.HEARD:
        return {"heard": list(answers.heard)}
    if step in (wt.MATTERS, wt.LINEUP):
        initial = {c.param: str(r) for c in wt.CONSIDERATIONS if (r := answers.ratings.get(c.key))}
        return {**initial, "own": answers.own}
    if step == wt.READY:
        return {item.param: answers.ready.get(item.key) for item in wt.READY_ITEMS}
    return {}


def _form_kwargs(step: str, content: Content) -> dict:
    if step == wt.SITUATION:
        return {"countries": content.countries, "hospitals": content.hospitals}
    if step == wt.HEARD:
        return {"groups": content.heard_groups()}
    return {}


def _after_sending(step: str, answers: wt.Answers, return_to: str) -> str:
    """Where a complete step goes next."""
    if step == wt.HEARD and answers.heard:
        return step_url(wt.HEARD, answers, return_to=return_to, anchor="evidence")
    if step == wt.LINEUP:
        return step_url(wt.LINEUP, answers, return_to=return_to, anchor="line-up")
    target = return_to or wt.next_step(step).slug
    return step_url(target, answers)


@parent_page
def walkthrough_step(request, step: str):
    current = wt.STEP_BY_SLUG.get(step)
    if current is None:
        raise Http404("No such step")
    content = Content.load()
    pairs = wt.parse_query(request.META.get("QUERY_STRING", ""))
    sent = any(key == wt.GO for key, _ in pairs)
    return_to = next((v for k, v in pairs if k == wt.RETURN and v in wt.STEP_BY_SLUG), "")
    own_fields = set(current.fields) if sent and step in FORMS else set()
    answers = wt.read_answers([p for p in pairs if p[0] not in own_fields], known=content.known)

    form = None
    if step in FORMS:
        carried = wt.answer_pairs(answers, without=current.fields)
        kwargs = {"carried": carried, "return_to": return_to, **_form_kwargs(step, content)}
        if sent:
            form = FORMS[step](_sent_data(pairs, current.fields), **kwargs)
            if form.is_valid():
                return redirect(_after_sending(step, answers.but(**form.answers()), return_to))
        else:
            form = FORMS[step](initial=_initial(step, answers), **kwargs)

    context = _page_context(request, current, answers, content, return_to=return_to, form=form)
    context.update(
        STEP_CONTEXT.get(step, lambda **kw: {})(answers=answers, content=content, request=request)
    )
    context["refs"] = numbering(context.get("sources", []))
    status = 400 if form is not None and form.errors else 200
    return render(request, f"walkthrough/{step}.html", context, status=status)


@parent_page
def walkthrough_start(request):
    content = Content.load()
    pairs = wt.parse_query(request.META.get("QUERY_STRING", ""))
    answers = wt.read_answers(pairs, known=content.known)
    context = {
        "answers": answers,
        "start_url": step_url(wt.SITUATION, answers),
        "steps": wt.STEPS,
        "reviewed": PAGE_REVIEWS["walkthrough"],
    }
    return render(request, "walkthrough/start.html", context)


# --- What each step shows -------------------------------------------------------------


def _page_context(request, current, answers, content, *, return_to, form) -> dict:
    index = wt.STEPS.index(current)
    back = wt.previous_step(current.slug)
    forward = return_to or (wt.next_step(current.slug).slug if wt.next_step(current.slug) else "")
    return {
        "step": current,
        "number": index + 1,
        "total": len(wt.STEPS),
        "progress": [
            {
                "step": step,
                "number": n,
                "url": step_url(step.slug, answers),
                "state": "current" if n == index + 1 else "done" if n < index + 1 else "to-do",
            }
            for n, step in enumerate(wt.STEPS, start=1)
        ],
        "answers": answers,
        "form": form,
        "errors": _errors(form),
        "return_to": return_to,
        "back_url": step_url(back.slug, answers, return_to=return_to)
        if back
        else reverse("conditions:walkthrough"),
        "next_url": step_url(forward, answers) if forward else "",
        "next_step": wt.STEP_BY_SLUG.get(forward),
        "country": content.country(answers.country),
        "country_name": country_name(content.country(answers.country)),
        "hospital": content.hospital(answers.hospital),
        "change": {
            step.slug: step_url(step.slug, answers, return_to=current.slug) for step in wt.STEPS
        },
        "reviewed": PAGE_REVIEWS["walkthrough"],
    }


def _errors(form) -> list[tuple[str, str]]:
    """(field id, message) for the error summary at the top of the page."""
    if form is None or not form.errors:
        return []
    found = []
    for name, messages in form.errors.items():
        field = form[name] if name in form.fields else None
        target = field.id_for_label if field is not None else ""
        if field is not None and getattr(field.field.widget, "input_type", "") in (
            "radio",
            "checkbox",
        ):
            target = f"{field.auto_id}_0"
        found += [(target, str(message)) for message in messages]
    return found


def _heard(*, answers, content, **_) -> dict:
    picked = set(answers.heard)
    conditions = [c for c in content.conditions if c.slug in picked]
    claims = [
        (claim, claim_url(claim))
        for claim in content.claims
        if claim.key in picked and claim.key not in {c.slug for c in conditions}
    ]
    texts = [c.summary for c in conditions]
    texts += [t for claim, _ in claims for t in (claim.evidence, claim.own_blood_reason)]
    return {
        "picked_conditions": conditions,
        "picked_claims": claims,
        "has_choices": bool(content.conditions or content.claims),
        "sources": reference_list(texts),
    }


def _options_context(answers, content):
    options = list(Option.objects.ordered())
    return options, option_facts(answers=answers, content=content, options=options)


def _options(*, answers, content, **_) -> dict:
    options, facts = _options_context(answers, content)
    sources = reference_list(
        [o.summary for o in options], also=[f.chance.source for f in facts if f.chance]
    )
    return {"facts": facts, "sources": sources}


def _costs(*, answers, content, **_) -> dict:
    options, facts = _options_context(answers, content)
    country = content.country(answers.country)
    preset = None
    if country is not None:
        preset = lifetime_cost(
            upfront=country.preset_upfront,
            annual=country.preset_annual,
            years=country.preset_years,
            rise=country.preset_rise,
        )
    chances = []
    for key in dict.fromkeys(OPTION_CHANCES.values()):
        chance = next((f.chance for f in facts if f.chance and f.chance.key == key), None)
        if chance is not None:
            picture = icon_array(
                key=chance.key,
                low=chance.low,
                best=chance.best,
                high=chance.high,
                title=chance.label,
                desc=chance_text(chance),
            )
            chances.append((chance, picture))
    texts = [country.preset_note] if country else []
    also = [c.source for c, _ in chances]
    if country is not None:
        also += [p.source for p in country.prices.all()]
    texts += [t for c, _ in chances for t in (c.explanation,)]
    return {
        "facts": facts,
        "preset": preset,
        "pictures": chances,
        "prices": list(country.prices.all()) if country else [],
        "sources": reference_list(texts, also=also),
    }


def _lineup(*, answers, content, **_) -> dict:
    options = list(Option.objects.ordered())
    lines = wt.line_up(answers=answers, options=[(o.slug, o.name) for o in options])
    rated = [
        (
            c,
            answers.ratings[c.key],
            wt.RATING_LABELS[answers.ratings[c.key]],
            wt.weight(answers.ratings[c.key]),
        )
        for c in wt.CONSIDERATIONS
        if c.key in answers.ratings
    ]
    return {
        "lines": lines,
        "rated": rated,
        "sources": reference_list([f"[@{k}]" for k in LINEUP_SOURCES]),
    }


def _ready(*, answers, **_) -> dict:
    return {
        "ready_items": wt.READY_ITEMS,
        "sources": reference_list([f"[@{k}]" for k in READY_SOURCES]),
    }


def _summary(*, answers, content, request) -> dict:
    options, facts = _options_context(answers, content)
    lines = {
        line.slug: line
        for line in wt.line_up(answers=answers, options=[(o.slug, o.name) for o in options])
    }
    url = share_url(request, answers)
    country = content.country(answers.country)
    texts = [f"[@{k}]" for k in SUMMARY_SOURCES]
    if country is not None and country.donation_deadline:
        texts.append(country.donation_deadline)
    sources = reference_list(texts, also=[f.chance.source for f in facts if f.chance])
    return {
        "rows": [(f, lines.get(f.option.slug)) for f in facts],
        "rated": [
            (c, answers.ratings.get(c.key), wt.RATING_LABELS.get(answers.ratings.get(c.key), ""))
            for c in wt.CONSIDERATIONS
        ],
        "ready_rows": [
            (item, wt.READY_LABELS.get(answers.ready.get(item.key), "")) for item in wt.READY_ITEMS
        ],
        "heard_names": [content.known.heard[key] for key in answers.heard],
        "share_url": url,
        "partner_url": _absolute(
            request, step_url(wt.MATTERS, answers.but(ratings={}, own="", ready={}))
        ),
        "compare_url": reverse("conditions:walkthrough_compare")
        + "?"
        + QueryDict.fromkeys(["a"], url).urlencode(),
        "qr": qr_svg(url, label="QR code of the link to this summary"),
        "sources": sources,
    }


def _absolute(request, path: str) -> str:
    return (settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")) + path


STEP_CONTEXT = {
    wt.HEARD: _heard,
    wt.OPTIONS: _options,
    wt.COSTS: _costs,
    wt.LINEUP: _lineup,
    wt.READY: _ready,
    wt.SUMMARY: _summary,
}


# --- Two parents --------------------------------------------------------------------


@parent_page
def walkthrough_compare(request):
    content = Content.load()
    form = CompareForm(request.GET if ("a" in request.GET or "b" in request.GET) else None)
    parents = None
    if form.is_bound:
        form.is_valid()
        read = {}
        for name in ("a", "b"):
            if name in form.cleaned_data:
                read[name] = wt.read_answers(
                    wt.query_of_link(form.cleaned_data[name]), known=content.known
                )
                if not read[name].ratings:
                    form.add_error(name, COMPARE_NO_RATINGS)
        if not form.errors:
            first, second = read["a"], read["b"]
            compared = wt.compare_ratings(first, second)
            parents = {
                "counts": {
                    kind: sum(p.agreement == kind for p in compared) for kind in ("same", "close")
                },
                "differ": [p.consideration.label for p in compared if p.agreement == "differ"],
                "first": first,
                "second": second,
                "pairs": [
                    (
                        pair,
                        wt.RATING_LABELS.get(pair.first, ""),
                        wt.RATING_LABELS.get(pair.second, ""),
                    )
                    for pair in compared
                ],
                "ready": [
                    (
                        item,
                        wt.READY_LABELS.get(first.ready.get(item.key), ""),
                        wt.READY_LABELS.get(second.ready.get(item.key), ""),
                    )
                    for item in wt.READY_ITEMS
                ],
                "first_url": step_url(wt.SUMMARY, first),
                "second_url": step_url(wt.SUMMARY, second),
            }
    context = {
        "form": form,
        "errors": _errors(form),
        "parents": parents,
        "reviewed": PAGE_REVIEWS["walkthrough"],
    }
    return render(request, "walkthrough/compare.html", context, status=400 if form.errors else 200)


COMPARE_NO_RATINGS = (
    "We could not find any ratings in this link. Paste the link from the end of the "
    "walkthrough, after “What matters to you”."
)
