"""Sharing during a consultation: a clinician's chosen topics behind a short code.

A selection is a small dict of content keys (condition and option slugs, a country code,
the pre-set situation). Only the selection is stored, in a ShortLink: no patient, no
clinician, no counts. The code is derived from the selection itself, so the same selection
always gets the same code, and making a link twice changes nothing (a GET may do it).

Links never expire and survive content reloads: the loader does not touch ShortLinks, and a
topic that has since left the site is skipped with a note instead of breaking the page."""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

import segno
from django.db import IntegrityError, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from .models import Condition, Country, DonationHospital, Option, ShortLink

SELECTION_VERSION = 1
# No 0/o, 1/l/i: a code read aloud or copied from paper is typed right first time.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 7
CODE_PATTERN = re.compile(rf"^[{ALPHABET}]{{{CODE_LENGTH},16}}$")

NEED_YES, NEED_NO = "yes", "no"
NEED_CHOICES = [
    (NEED_YES, "A brother, sister or parent of the baby has a condition a transplant treats"),
    (NEED_NO, "No one in the family is known to have such a condition"),
]

# The walkthrough's first step; its query parameters pre-set the parent's situation.
WALKTHROUGH_SITUATION = "/walkthrough/situation/"

MISSING_TOPIC = "One topic chosen for you is no longer on this site: {name}."
MISSING_HOSPITAL = (
    "The hospital chosen for you ({name}) is no longer on our list of hospitals that collect "
    "for public donation. Ask your midwife whether it still collects."
)


def make_selection(
    *,
    conditions: list[str] = (),
    options: list[str] = (),
    country: str = "",
    need: str = "",
    hospital: DonationHospital | None = None,
) -> dict:
    """The canonical form of a choice of topics: sorted, de-duplicated, empty parts left out.
    A hospital is kept as its country and name: stable across content reloads, as ids may not be."""
    selection: dict = {"v": SELECTION_VERSION}
    if conditions:
        selection["conditions"] = sorted(set(conditions))
    if options:
        selection["options"] = sorted(set(options))
    if country:
        selection["country"] = country
    if need in (NEED_YES, NEED_NO):
        selection["need"] = need
    if hospital is not None:
        selection["hospital"] = {"country": hospital.country.code, "name": hospital.name}
    return selection


def canonical_json(selection: dict) -> str:
    return json.dumps(selection, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def code_for(selection: dict, attempt: int = 0) -> str:
    """A short code derived from the selection; `attempt` picks another on a hash collision."""
    seed = canonical_json(selection) + (f"#{attempt}" if attempt else "")
    number = int.from_bytes(hashlib.sha256(seed.encode()).digest(), "big")
    letters = []
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[index])
    return "".join(letters)


def link_for(selection: dict) -> ShortLink:
    """The ShortLink for this selection, made if it does not exist yet (idempotent)."""
    for attempt in range(20):
        code = code_for(selection, attempt)
        existing = ShortLink.objects.filter(code=code).first()
        if existing is not None:
            if existing.selection == selection:
                return existing
            continue  # another selection has this code: derive the next one
        try:
            with transaction.atomic():
                return ShortLink.objects.create(code=code, selection=selection)
        except IntegrityError:
            # Made at the same moment by another request; it is ours if the selection matches.
            existing = ShortLink.objects.filter(code=code).first()
            if existing is not None and existing.selection == selection:
                return existing
    raise RuntimeError("no free short code found")  # 20 collisions in a row: not in practice


def normalise_code(code: str) -> str:
    """Codes are written in lower case; people may type them in capitals."""
    return (code or "").strip().lower()


# --- What a link shows ------------------------------------------------------------


@dataclass
class SharedTopics:
    """A selection resolved against today's content, in the order the parent reads it."""

    need: str = ""
    hospital: DonationHospital | None = None
    country: Country | None = None
    options: list[Option] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def has_situation(self) -> bool:
        return bool(self.need or self.hospital)

    @property
    def is_empty(self) -> bool:
        return not (self.has_situation or self.country or self.options or self.conditions)

    @property
    def need_label(self) -> str:
        return dict(NEED_CHOICES).get(self.need, "")


def _strings(value) -> list[str]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str)]


def resolve(selection: dict) -> SharedTopics:
    """Today's records for a stored selection. Anything no longer on the site is left out
    and named in `notes`; a malformed selection gives an empty result, never an error."""
    if not isinstance(selection, dict):
        selection = {}
    topics = SharedTopics()
    if selection.get("need") in (NEED_YES, NEED_NO):
        topics.need = selection["need"]

    code = selection.get("country")
    if isinstance(code, str) and code:
        topics.country = Country.objects.filter(code=code).first()
        if topics.country is None:
            topics.notes.append(MISSING_TOPIC.format(name=f"costs for '{code}'"))

    hospital = selection.get("hospital")
    if isinstance(hospital, dict) and isinstance(hospital.get("name"), str):
        topics.hospital = (
            DonationHospital.objects.select_related("country", "source")
            .filter(name=hospital["name"], country__code=str(hospital.get("country", "")))
            .first()
        )
        if topics.hospital is None:
            topics.notes.append(MISSING_HOSPITAL.format(name=hospital["name"]))

    wanted = _strings(selection.get("options"))
    topics.options = list(Option.objects.filter(slug__in=wanted).order_by("order", "name"))
    wanted_conditions = _strings(selection.get("conditions"))
    topics.conditions = list(
        Condition.objects.published().filter(slug__in=wanted_conditions).order_by("order", "name")
    )
    found = {o.slug for o in topics.options} | {c.slug for c in topics.conditions}
    for slug in [*wanted, *wanted_conditions]:
        if slug not in found:
            topics.notes.append(MISSING_TOPIC.format(name=f"'{slug}'"))
    return topics


def walkthrough_url(topics: SharedTopics) -> str:
    """The walkthrough's first step with the situation the clinician pre-set."""
    params = {}
    country = topics.hospital.country if topics.hospital else topics.country
    if country is not None:
        params["country"] = country.code
    if topics.need:
        params["need"] = topics.need
    if topics.hospital is not None:
        # The walkthrough knows hospitals by a slug of their name (it also reads ids),
        # which outlives content reloads.
        params["hospital"] = slugify(topics.hospital.name)
    return WALKTHROUGH_SITUATION + (f"?{urlencode(params)}" if params else "")


def notes_text(topics: SharedTopics, *, url: str) -> str:
    """A line for the clinical record: what was shared and the link. No patient details."""
    lines = [
        "Shared an independent decision aid on cord blood banking (no company funds it).",
        f"Link: {url}",
        "Topics shared:",
    ]
    if topics.has_situation:
        parts = []
        if topics.need == NEED_YES:
            parts.append("a sibling or parent has a condition a transplant treats")
        elif topics.need == NEED_NO:
            parts.append("no family member known to need a transplant")
        if topics.hospital is not None:
            parts.append(f"birth at {topics.hospital.name} (collects for public donation)")
        lines.append("- Situation pre-set: " + "; ".join(parts))
    if topics.options:
        lines.append("- Options: " + "; ".join(option.name for option in topics.options))
    if topics.country is not None:
        lines.append(f"- Costs and public donation in: {topics.country.name}")
    if topics.conditions:
        lines.append("- Conditions: " + "; ".join(c.name for c in topics.conditions))
    lines.append("No personal details are stored with this link.")
    return "\n".join(lines)


# --- QR codes -----------------------------------------------------------------------


def _qr(url: str):
    return segno.make(url, error="m", micro=False)


def qr_svg_inline(url: str, *, label: str) -> SafeString:
    """The QR code as inline SVG (scaled by CSS), announced as one image with a label."""
    svg = _qr(url).svg_inline(
        scale=1,
        border=4,
        dark="#000",
        light="#fff",
        omitsize=True,
        svgclass="qr-code",
        title=label,
    )
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(svg)  # noqa: S308 - segno's markup, the label escaped


def qr_svg_file(url: str) -> bytes:
    buffer = io.BytesIO()
    _qr(url).save(
        buffer,
        kind="svg",
        scale=10,
        border=4,
        dark="#000",
        light="#fff",
        title="QR code: " + url,
        xmldecl=True,
    )
    return buffer.getvalue()


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    _qr(url).save(buffer, kind="png", scale=10, border=4, dark="#000", light="#fff")
    return buffer.getvalue()
