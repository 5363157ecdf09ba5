"""What the content says for one family: the content that exists today (for reading a
link), and each option's key facts in the family's country (cost, where, how often used).
Plain functions over records; no request or response."""

from __future__ import annotations

from dataclasses import dataclass

import segno
from django.db.models import Prefetch
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from . import walkthrough as wt
from .costs import format_money, lifetime_cost
from .models import (
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

# The chance shown beside each option (chances.yaml keys); options without one say why.
OPTION_CHANCES = {
    wt.PRIVATE: "own-unit-used-by-child-aap-1999",
    wt.TISSUE: "own-unit-used-by-child-aap-1999",
    wt.DIRECTED: "directed-unit-used-sickle-cell-rafii-2017",
}


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


def option_facts(*, answers, content, options) -> list[OptionFacts]:
    """Key facts for each option in the parent's country: cost, where, how often used."""
    chances = {
        c.key: c
        for c in Chance.objects.filter(key__in=OPTION_CHANCES.values()).select_related("source")
    }
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
