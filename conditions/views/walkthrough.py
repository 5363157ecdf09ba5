"""The guided walkthrough: one GET page per step, every answer in the page address.

No session, no cookie, nothing stored: each step reads the answers from its query string
(conditions/walkthrough.py), and a step's form sends them all again, so the address is
always the share link. A sent form that is complete redirects to the next step; one with
problems is shown again with the problems listed at the top."""

from __future__ import annotations

from dataclasses import dataclass

import segno
from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from conditions import walkthrough as wt
from conditions.charts import icon_array
from conditions.citations import numbering, reference_list
from conditions.costs import format_money, lifetime_cost
from conditions.models import (
    Chance,
    Claim,
    Condition,
    Country,
    DonationHospital,
    Option,
    PriceExample,
    Product,
    Topic,
)
from conditions.reviews import PAGE_REVIEWS
from conditions.templatetags.figures import chance_text
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
# The chance shown beside each option (chances.yaml keys); options without one say why.
OPTION_CHANCES = {
    wt.PRIVATE: "own-unit-used-by-child-aap-1999",
    wt.TISSUE: "own-unit-used-by-child-aap-1999",
    wt.DIRECTED: "directed-unit-used-sickle-cell-rafii-2017",
}
# Sources cited in the words of the walkthrough's own templates.
READY_SOURCES = ["legare-2010-sure"]
LINEUP_SOURCES = ["witteman-2016-values-clarification-design"]
SUMMARY_SOURCES = ["hta-key-questions", "parents-guide-price-questions", "legare-2010-sure"]


def country_name(country: Country | None) -> str:
    """The name as it reads in a sentence: 'the United Kingdom', 'Canada'."""
    return wt.country_in_sentence(country.name) if country else ""


def hospital_slug(hospital: DonationHospital) -> str:
    """Hospitals are keyed by name in the content, so a slug of the name outlives reloads."""
    return slugify(hospital.name)


# --- What the content holds today ---------------------------------------------------


@dataclass
class Content:
    countries: list[Country]
    hospitals: list[tuple[str, DonationHospital]]
    conditions: list[Condition]
    claims: list[Claim]

    @classmethod
    def load(cls) -> Content:
        return cls(
            countries=list(
                Country.objects.order_by("order", "name").prefetch_related(
                    Prefetch("prices", queryset=PriceExample.objects.select_related("source")),
                    "hospitals",
                )
            ),
            hospitals=[
                (hospital_slug(h), h)
                for h in DonationHospital.objects.select_related("country", "source")
            ],
            conditions=list(Condition.objects.published().order_by("order", "name")),
            claims=list(Claim.objects.order_by("topic", "order", "key")),
        )

    @property
    def known(self) -> wt.Known:
        heard = {claim.key: claim.summary for claim in self.claims}
        heard.update({condition.slug: condition.name for condition in self.conditions})
        return wt.Known(
            countries={c.code: c.name for c in self.countries},
            hospitals={slug: h.country.code for slug, h in self.hospitals},
            hospital_ids={str(h.pk): slug for slug, h in self.hospitals},
            heard=heard,
        )

    def country(self, code: str | None) -> Country | None:
        return next((c for c in self.countries if c.code == code), None)

    def hospital(self, slug: str | None) -> DonationHospital | None:
        return next((h for s, h in self.hospitals if s == slug), None)

    def heard_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        groups = [
            (label, [(c.slug, c.name) for c in self.conditions if c.group == group])
            for group, label in Condition.Group.choices
        ]
        topics = dict(Topic.choices)
        claims = [
            (claim.key, f"{topics.get(claim.topic, claim.topic)}: {claim.summary}")
            for claim in self.claims
            if claim.key not in {c.slug for c in self.conditions}
        ]
        return [*groups, ("Claims you may have read", claims)]


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


def qr_svg(url: str, *, label: str) -> SafeString | None:
    """The link as a QR code, inline SVG scaled by CSS; None if it is too long to encode."""
    try:
        code = segno.make(url, error="l", micro=False)
    except segno.DataOverflowError:
        return None
    svg = code.svg_inline(
        scale=1, border=4, dark="#000", light="#fff", omitsize=True, svgclass="qr-code"
    )
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(svg)  # noqa: S308 - segno's markup, the label escaped


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
    texts = [t for c in conditions for t in (c.summary, c.own_blood_reason)]
    texts += [t for claim, _ in claims for t in (claim.evidence, claim.own_blood_reason)]
    return {
        "picked_conditions": conditions,
        "picked_claims": claims,
        "has_choices": bool(content.conditions or content.claims),
        "sources": reference_list(texts),
    }


@dataclass(frozen=True)
class OptionFacts:
    option: Option
    is_open: bool
    cost: str
    where: str
    chance: Chance | None
    no_chance: str


def _money(amount, country) -> str:
    return format_money(amount, country.currency_symbol, country.currency)


def option_facts(*, answers, content, options, chances) -> list[OptionFacts]:
    """Key facts for each option in the parent's country: cost, where, how often used."""
    country = content.country(answers.country)
    hospital = content.hospital(answers.hospital)
    facts = []
    for option in options:
        cost, where = _cost(option.slug, country), _where(option.slug, country, hospital, answers)
        chance = chances.get(OPTION_CHANCES.get(option.slug, ""))
        no_chance = {
            wt.PUBLIC: "We found no checked figure for how often a donated unit is used.",
            wt.NO_COLLECTION: "Nothing is stored, so nothing is used later.",
        }.get(option.slug, "")
        facts.append(
            OptionFacts(option, wt.is_open(option.slug, answers), cost, where, chance, no_chance)
        )
    return facts


def _cost(slug: str, country: Country | None) -> str:
    if slug == wt.PUBLIC:
        return "Free."
    if slug == wt.NO_COLLECTION:
        return "Nothing to pay."
    if slug == wt.DIRECTED:
        return "Often free. Ask what you would pay."
    if slug == wt.PRIVATE and country:
        total = lifetime_cost(
            upfront=country.preset_upfront,
            annual=country.preset_annual,
            years=country.preset_years,
            rise=country.preset_rise,
        ).total
        return (
            f"For example {_money(total, country)} over {country.preset_years} years in "
            f"{country_name(country)}. This is an example, not a quote."
        )
    if slug == wt.TISSUE and country:
        price = next(
            (p for p in country.prices.all() if p.product == Product.CORD_BLOOD_AND_TISSUE), None
        )
        if price:
            return f"More than blood alone. For example: {price_words(price, country)}"
        return "More than storing the blood alone."
    if slug in (wt.PRIVATE, wt.TISSUE):
        return "A fee at the start and often a fee each year. Choose your country to see examples."
    return ""


def price_words(price: PriceExample, country: Country) -> str:
    parts = []
    if price.upfront is not None:
        parts.append(f"{_money(price.upfront, country)} at the start")
    if price.annual is not None:
        parts.append(f"{_money(price.annual, country)} a year")
    if price.total is not None:
        years = f" for {price.years_covered} years" if price.years_covered else ""
        parts.append(f"{_money(price.total, country)} in total{years}")
    return f"{' and '.join(parts)} ({price.label}, {price.price_year})."


def _where(slug: str, country, hospital, answers) -> str:
    if slug == wt.PUBLIC:
        if hospital is not None:
            return (
                f"{hospital.name} is on our list of hospitals where {hospital.programme} "
                f"collects (checked {hospital.checked:%B %Y}). Ask your midwife to confirm."
            )
        if answers.hospital == wt.OTHER_HOSPITAL:
            return (
                "Your hospital is not on our list of hospitals where a public bank collects. "
                "Ask your midwife whether it collects."
            )
        if country is not None:
            count = sum(1 for h in country.hospitals.all())
            if count:
                return (
                    "Only at hospitals where a public bank collects: "
                    f"{count} on our list for {country_name(country)}."
                )
            return (
                "Only at hospitals where a public bank collects. "
                f"Ask the bank which ones do in {country_name(country)}."
            )
        return "Only at hospitals where a public bank collects."
    if slug == wt.DIRECTED:
        if answers.need == "yes":
            return "You said this may apply to your family. Talk to the medical team early in pregnancy."
        return "Only for a family where a child or parent has an illness a transplant treats."
    if slug in (wt.PRIVATE, wt.TISSUE):
        return "You arrange it with a bank before the birth. The bank sends a kit."
    if slug == wt.NO_COLLECTION:
        return "Nothing to arrange. You can ask how long staff wait before clamping the cord."
    return ""


def _options_context(answers, content):
    options = list(Option.objects.ordered())
    chances = {c.key: c for c in Chance.objects.select_related("source")}
    return options, option_facts(answers=answers, content=content, options=options, chances=chances)


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
            parents = {
                "first": first,
                "second": second,
                "pairs": [
                    (
                        pair,
                        wt.RATING_LABELS.get(pair.first, ""),
                        wt.RATING_LABELS.get(pair.second, ""),
                    )
                    for pair in wt.compare_ratings(first, second)
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
