"""The guided walkthrough: a parent's answers, read from and written back to the page
address (the share link), and how the options line up with what the parent said matters.

Nothing here touches a request or the database. Views pass in what the content holds
today (`Known`), so a link made before a content change still opens: anything it names
that no longer exists is left out, and each thing left out is named in `Answers.dropped`.

The line-up is a plain weighted sum that the page shows step by step. It is not a
recommendation: it only adds up what the parent said (Witteman et al. 2016, 2021: show
people how the options line up with their values, and let them change their answers)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, urlencode

# --- The steps ------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    fields: tuple[str, ...] = ()  # the answers this step asks for


SITUATION, HEARD, OPTIONS, COSTS, MATTERS, LINEUP, READY, SUMMARY = (
    "situation", "heard", "options", "costs", "matters", "lineup", "ready", "summary",
)  # fmt: skip

# --- Options and what matters -----------------------------------------------------

PRIVATE = "private-cord-blood"
TISSUE = "private-cord-blood-and-tissue"
PUBLIC = "public-donation"
DIRECTED = "directed-donation"
NO_COLLECTION = "no-collection"
# Directed donation is only for a family where someone already has a condition a
# transplant treats: it is shown to everyone, but lined up only for those families.
NEEDS_FAMILY_NEED = {DIRECTED}

FOR, NEITHER, AGAINST = 1, 0, -1
FIT_WORDS = {FOR: "For", NEITHER: "Neither", AGAINST: "Against"}


@dataclass(frozen=True)
class Consideration:
    key: str
    label: str
    hint: str
    # option slug -> (FOR / NEITHER / AGAINST, the reason in words)
    fits: Mapping[str, tuple[int, str]]

    @property
    def param(self) -> str:
        return f"m_{self.key}"


_COLLECT_WAIT = (
    NEITHER,
    "Collecting should not change the usual wait, but a longer wait leaves less blood to store.",
)
CONSIDERATIONS: tuple[Consideration, ...] = (
    Consideration(
        "others",
        "Helping a patient who needs a donor",
        "Any child or adult who needs a transplant and has no match in their family.",
        {
            PRIVATE: (AGAINST, "The blood is kept for your family, not offered to others."),
            TISSUE: (
                AGAINST,
                "The blood and tissue are kept for your family, not offered to others.",
            ),
            PUBLIC: (FOR, "The blood is listed for any patient who needs a match."),
            DIRECTED: (
                NEITHER,
                "The blood is kept for a family member who needs it, not listed for others.",
            ),
            NO_COLLECTION: (AGAINST, "Nothing is collected, so nothing goes to a public bank."),
        },
    ),
    Consideration(
        "family",
        "Keeping cells for our own family",
        "Having your baby's cord blood stored in case your family needs it.",
        {
            PRIVATE: (FOR, "The blood is kept for your child and close family."),
            TISSUE: (FOR, "The blood and tissue are kept for your child and close family."),
            PUBLIC: (AGAINST, "The blood goes to the public bank. It is not kept for you."),
            DIRECTED: (FOR, "The blood is kept for the family member who needs it."),
            NO_COLLECTION: (AGAINST, "Nothing is kept."),
        },
    ),
    Consideration(
        "future",
        "Keeping cells in case new treatments are found",
        "Having cells stored in case research finds new ways to use them.",
        {
            PRIVATE: (
                FOR,
                "The blood is stored for your family if new uses are found. Most are still in research.",
            ),
            TISSUE: (
                FOR,
                "The blood and tissue are stored if new uses are found. None using cord tissue is approved today.",
            ),
            PUBLIC: (AGAINST, "The blood is not kept for your family."),
            DIRECTED: (NEITHER, "The blood is kept for the family member who is ill."),
            NO_COLLECTION: (AGAINST, "Nothing is kept."),
        },
    ),
    Consideration(
        "cost",
        "Keeping costs low",
        "What you would pay at the start and over the years.",
        {
            PRIVATE: (AGAINST, "There is a fee at the start and often a fee each year."),
            TISSUE: (AGAINST, "It costs more than storing the blood alone."),
            PUBLIC: (FOR, "It is free."),
            DIRECTED: (FOR, "It is often free, though not always."),
            NO_COLLECTION: (FOR, "There is nothing to pay."),
        },
    ),
    Consideration(
        "used",
        "How likely the cells are to be used",
        "Whether the stored blood is likely ever to treat someone.",
        {
            PRIVATE: (AGAINST, "A child's own stored blood is rarely used."),
            TISSUE: (
                AGAINST,
                "A child's own stored blood is rarely used, and no treatment using stored cord tissue is approved.",
            ),
            PUBLIC: (NEITHER, "We found no checked figure for how often a donated unit is used."),
            DIRECTED: (FOR, "Blood kept for a family member who needs it is used far more often."),
            NO_COLLECTION: (NEITHER, "Nothing is stored, so this does not apply."),
        },
    ),
    Consideration(
        "evidence",
        "How strong the evidence is",
        "How well research supports what the cells are used for today.",
        {
            PRIVATE: (
                AGAINST,
                "Many uses of a child's own cord blood that you may read about are still in research.",
            ),
            TISSUE: (AGAINST, "No treatment using stored cord tissue is approved."),
            PUBLIC: (
                FOR,
                "Transplants of donated cord blood are standard care for some blood diseases.",
            ),
            DIRECTED: (
                FOR,
                "Transplants from a brother's or sister's cord blood are standard care for some diseases.",
            ),
            NO_COLLECTION: (NEITHER, "Nothing is stored, so this does not apply."),
        },
    ),
    Consideration(
        "clamping",
        "Waiting longer before the cord is clamped",
        "Letting more blood flow from the cord to your baby after the birth (delayed cord clamping).",
        {
            PRIVATE: _COLLECT_WAIT,
            TISSUE: _COLLECT_WAIT,
            PUBLIC: _COLLECT_WAIT,
            DIRECTED: _COLLECT_WAIT,
            NO_COLLECTION: (FOR, "Nothing is collected, so the wait affects nothing else."),
        },
    ),
    Consideration(
        "simple",
        "Keeping things simple",
        "Having little to arrange before the birth and nothing to keep up with after it.",
        {
            PRIVATE: (AGAINST, "There is a contract, a kit to bring and often a yearly bill."),
            TISSUE: (AGAINST, "There is a contract, a kit to bring and often a yearly bill."),
            PUBLIC: (
                NEITHER,
                "There is a form to fill in, and it is only possible at some hospitals.",
            ),
            DIRECTED: (AGAINST, "It needs early talks with the medical team and the bank."),
            NO_COLLECTION: (FOR, "There is nothing to arrange and no contract."),
        },
    ),
    Consideration(
        "regret",
        "Not wishing later that we had chosen differently",
        "Thinking about how you might feel about this choice in years to come.",
        {
            slug: (
                NEITHER,
                "People regret different things: some, paying for blood that is never used; "
                "others, not keeping it. Only you can weigh this.",
            )
            for slug in (PRIVATE, TISSUE, PUBLIC, DIRECTED, NO_COLLECTION)
        },
    ),
)
CONSIDERATION_BY_KEY = {c.key: c for c in CONSIDERATIONS}
NOT_SET_OUT = (NEITHER, "We have not yet set out how this option relates to this.")

# How much a rating counts: "not important" counts nothing.
RATINGS: tuple[tuple[int, str], ...] = (
    (1, "Not important"),
    (2, "A little important"),
    (3, "Quite important"),
    (4, "Very important"),
    (5, "Extremely important"),
)
RATING_LABELS = dict(RATINGS)
MAX_OWN = 200


def weight(rating: int) -> int:
    return rating - 1


# --- The readiness check (the four areas of the SURE test, in our own words) ------


@dataclass(frozen=True)
class ReadyItem:
    key: str
    area: str  # the SURE area this covers
    question: str
    short: str  # for the summary
    help: str

    @property
    def param(self) -> str:
        return f"r_{self.key}"


READY_ITEMS: tuple[ReadyItem, ...] = (
    ReadyItem(
        "sure",
        "Sure of myself",
        "Do you feel clear about what you want to do?",
        "Clear about what you want to do",
        "There is no rush to decide today. Look again at how the options line up, talk it "
        "over, and come back to your link when you are ready.",
    ),
    ReadyItem(
        "know",
        "Understand the information",
        "Do you feel you know enough about the good and bad points of each option?",
        "Know the good and bad points of each option",
        "Read about each option side by side, what they cost and how often stored blood is used.",
    ),
    ReadyItem(
        "values",
        "Risk-benefit ratio",
        "Do you know which of those points matter most to you?",
        "Know which points matter most to you",
        "Go back to what matters to you and change any rating. The line-up will change with it.",
    ),
    ReadyItem(
        "support",
        "Encouragement",
        "Do you have people to talk it over with, and the advice you need?",
        "Have people to talk to, and the advice you need",
        "Share your summary with your partner, midwife or doctor, and take the questions in it "
        "with you.",
    ),
)
READY_BY_KEY = {item.key: item for item in READY_ITEMS}
READY_ANSWERS: tuple[tuple[str, str], ...] = (("yes", "Yes"), ("no", "No"), ("unsure", "Not sure"))
READY_LABELS = dict(READY_ANSWERS)
NEED_ANSWERS: tuple[tuple[str, str], ...] = (("yes", "Yes"), ("no", "No"))
OTHER_HOSPITAL = "other"

STEPS: tuple[Step, ...] = (
    Step(SITUATION, "Your situation", ("country", "need", "hospital")),
    Step(HEARD, "What you have heard", ("heard",)),
    Step(OPTIONS, "Your options"),
    Step(COSTS, "Costs and chances"),
    Step(MATTERS, "What matters to you", (*(c.param for c in CONSIDERATIONS), "own")),
    Step(LINEUP, "How the options line up", (*(c.param for c in CONSIDERATIONS), "own")),
    Step(READY, "Are you ready to decide?", tuple(item.param for item in READY_ITEMS)),
    Step(SUMMARY, "Your summary"),
)
STEP_BY_SLUG = {step.slug: step for step in STEPS}

# Parameters that steer the page rather than hold an answer: never part of a share link.
GO = "go"  # a step's form was sent
RETURN = "ret"  # after this step, go back to that one (from a "change" link)
NAVIGATION = {GO, RETURN}


def next_step(slug: str) -> Step | None:
    index = [s.slug for s in STEPS].index(slug)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def previous_step(slug: str) -> Step | None:
    index = [s.slug for s in STEPS].index(slug)
    return STEPS[index - 1] if index > 0 else None


def country_in_sentence(name: str) -> str:
    """A country's name as it reads in a sentence: 'the United Kingdom', 'Canada'."""
    return f"the {name}" if name.startswith(("United ", "Netherlands")) else name


# --- What the content holds today -------------------------------------------------


@dataclass(frozen=True)
class Known:
    countries: Mapping[str, str] = field(default_factory=dict)  # code -> name
    hospitals: Mapping[str, str] = field(default_factory=dict)  # slug -> country code
    hospital_ids: Mapping[str, str] = field(default_factory=dict)  # "12" -> slug
    heard: Mapping[str, str] = field(default_factory=dict)  # condition slug or claim key -> name


# --- The answers --------------------------------------------------------------


@dataclass(frozen=True)
class Answers:
    country: str | None = None
    need: str | None = None
    hospital: str | None = None
    heard: tuple[str, ...] = ()
    ratings: Mapping[str, int] = field(default_factory=dict)  # consideration key -> 1..5
    own: str = ""
    ready: Mapping[str, str] = field(default_factory=dict)  # ready key -> yes / no / unsure
    dropped: tuple[str, ...] = ()  # plain words for each part of the link left out

    def but(self, **changes) -> Answers:
        return replace(self, **changes)

    @property
    def is_empty(self) -> bool:
        return not any(
            (self.country, self.need, self.hospital, self.heard, self.ratings, self.own, self.ready)
        )

    @property
    def all_rated(self) -> bool:
        return all(c.key in self.ratings for c in CONSIDERATIONS)

    @property
    def not_yet(self) -> list[ReadyItem]:
        """Readiness questions answered "no" or "not sure": each leads to the help that fits."""
        return [item for item in READY_ITEMS if self.ready.get(item.key) in ("no", "unsure")]

    @property
    def sure_score(self) -> int | None:
        """One point per "yes" (as in the SURE test); None until all four are answered."""
        if not all(item.key in self.ready for item in READY_ITEMS):
            return None
        return sum(self.ready[item.key] == "yes" for item in READY_ITEMS)


# Limits on what a link may hold; anything past them is left out and named.
MAX_PARTS = 120
MAX_VALUE = 80  # any value but `own`
MAX_HEARD = 80
MAX_QUERY = 16_000  # characters of a query string read at all
TRUNCATED = "\x00truncated"  # marks a query string cut at MAX_QUERY
SHOWN = 40  # how much of an unknown key or value the page repeats back

DROPPED_UNKNOWN = "“{key}” is not something this walkthrough asks, so it was left out."
DROPPED_REPEATED = "The link gave more than one answer for {label}. We kept the first one."
DROPPED_TOO_LONG = "The answer for {label} was too long, so it was left out."
DROPPED_VALUE = "“{value}” is not an answer we know for {label}, so it was left out."
DROPPED_RATING = "The rating for “{label}” must be a number from 1 to 5, so it was left out."
DROPPED_STALE = (
    "“{value}” is no longer on our list of things you may have heard (our pages may have "
    "changed since the link was made), so it was left out."
)
DROPPED_HOSPITAL_STALE = (
    "The hospital in the link is no longer on our list (our pages may have changed since "
    "the link was made), so it was left out."
)
DROPPED_HOSPITAL_COUNTRY = "The hospital in the link is not in {country}, so it was left out."
DROPPED_TOO_LONG_LINK = "The link was too long. We read as much of it as we could."
DROPPED_TOO_MANY = "The link had too many parts. We read the first {count}."
DROPPED_TOO_MANY_HEARD = (
    "The link named more than {count} things you have heard. We kept the first {count}."
)


def _shown(text: str) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def clean_text(text: str) -> str:
    """Words typed by a parent: normal form, no control characters, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


def _labels() -> dict[str, str]:
    labels = {
        "country": "your country",
        "need": "whether someone in your family has a condition a transplant treats",
        "hospital": "your hospital",
        "heard": "what you have heard",
        "own": "your own point",
    }
    labels.update({c.param: c.label for c in CONSIDERATIONS})
    labels.update({item.param: item.question for item in READY_ITEMS})
    return labels


LABELS = _labels()
SINGLE_VALUED = set(LABELS) - {"heard"}


def _query_lists(query) -> list[tuple[str, list[str]]]:
    if hasattr(query, "lists"):
        return list(query.lists())
    if isinstance(query, Mapping):
        return [(k, v if isinstance(v, list) else [v]) for k, v in query.items()]
    grouped: dict[str, list[str]] = {}
    for key, value in query:
        grouped.setdefault(key, []).append(value)
    return list(grouped.items())


def read_answers(query, *, known: Known) -> Answers:
    """Everything that can be read from a query string (a Django QueryDict, a mapping of
    lists, or (key, value) pairs). Never raises: what cannot be read is left out and named."""
    dropped: list[str] = []
    values: dict[str, list[str]] = {}
    parts = 0
    for key, items in _query_lists(query):
        if key in NAVIGATION:
            continue
        if key == TRUNCATED:
            dropped.append(DROPPED_TOO_LONG_LINK)
            continue
        remaining = MAX_PARTS - parts
        if len(items) > remaining:
            dropped.append(DROPPED_TOO_MANY.format(count=MAX_PARTS))
            items = items[:remaining]
        if not items:
            break
        parts += len(items)
        if key not in LABELS:
            dropped.append(DROPPED_UNKNOWN.format(key=_shown(key)))
            continue
        limit = MAX_OWN if key == "own" else MAX_VALUE
        kept = []
        for value in items:
            if len(value) > limit:
                dropped.append(DROPPED_TOO_LONG.format(label=LABELS[key]))
            else:
                kept.append(value.strip())
        if key in SINGLE_VALUED and len(kept) > 1:
            dropped.append(DROPPED_REPEATED.format(label=LABELS[key]))
            kept = kept[:1]
        if kept:
            values[key] = kept

    def one(key: str, allowed: Iterable[str]) -> str | None:
        value = values.get(key, [None])[0]
        if value is None or value == "":
            return None
        if value not in allowed:
            dropped.append(DROPPED_VALUE.format(value=_shown(value), label=LABELS[key]))
            return None
        return value

    country = one("country", known.countries)
    need = one("need", dict(NEED_ANSWERS))
    hospital = _read_hospital(values.get("hospital", [""])[0], country, known, dropped)

    heard: list[str] = []
    for value in values.get("heard", []):
        if not value or value in heard:
            continue
        if value not in known.heard:
            dropped.append(DROPPED_STALE.format(value=_shown(value)))
        elif len(heard) >= MAX_HEARD:
            dropped.append(DROPPED_TOO_MANY_HEARD.format(count=MAX_HEARD))
            break
        else:
            heard.append(value)

    ratings = {}
    for consideration in CONSIDERATIONS:
        value = values.get(consideration.param, [""])[0]
        if value == "":
            continue
        if re.fullmatch(r"[1-5]", value):
            ratings[consideration.key] = int(value)
        else:
            dropped.append(DROPPED_RATING.format(label=consideration.label))

    ready = {}
    for item in READY_ITEMS:
        value = one(item.param, READY_LABELS)
        if value:
            ready[item.key] = value

    return Answers(
        country=country,
        need=need,
        hospital=hospital,
        heard=tuple(heard),
        ratings=ratings,
        own=clean_text(values.get("own", [""])[0]),
        ready=ready,
        dropped=tuple(dict.fromkeys(dropped)),  # each note once, in order
    )


def _read_hospital(value: str, country: str | None, known: Known, dropped: list[str]) -> str | None:
    if not value:
        return None
    if value == OTHER_HOSPITAL:
        return value
    slug = known.hospital_ids.get(value, value)
    if slug not in known.hospitals:
        dropped.append(DROPPED_HOSPITAL_STALE)
        return None
    if country and known.hospitals[slug] != country:
        name = country_in_sentence(known.countries.get(country, country))
        dropped.append(DROPPED_HOSPITAL_COUNTRY.format(country=name))
        return None
    return slug


def answer_pairs(answers: Answers, *, without: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The answers as (name, value) pairs in a fixed order: the share link's query string,
    and the hidden fields a step's form carries forward."""
    skip = set(without)
    pairs: list[tuple[str, str]] = []
    for name in ("country", "need", "hospital"):
        value = getattr(answers, name)
        if value and name not in skip:
            pairs.append((name, value))
    if "heard" not in skip:
        pairs += [("heard", key) for key in answers.heard]
    for consideration in CONSIDERATIONS:
        rating = answers.ratings.get(consideration.key)
        if rating and consideration.param not in skip:
            pairs.append((consideration.param, str(rating)))
    if answers.own and "own" not in skip:
        pairs.append(("own", answers.own))
    for item in READY_ITEMS:
        value = answers.ready.get(item.key)
        if value and item.param not in skip:
            pairs.append((item.param, value))
    return pairs


def to_query(answers: Answers, *, without: Iterable[str] = ()) -> str:
    return urlencode(answer_pairs(answers, without=without))


def parse_query(text: str) -> list[tuple[str, str]]:
    """(key, value) pairs of a raw query string. Unlike request.GET this never refuses a
    link with too many parts: a link longer than MAX_QUERY is cut at the last whole part
    before the limit and marked with TRUNCATED, which read_answers names as dropped."""
    text = text or ""
    truncated = len(text) > MAX_QUERY
    if truncated:
        text = text[:MAX_QUERY].rsplit("&", 1)[0]
    pairs = parse_qsl(text, keep_blank_values=True, errors="replace")
    return [(TRUNCATED, ""), *pairs] if truncated else pairs


def query_of_link(text: str) -> list[tuple[str, str]]:
    """The query string of a pasted share link (a whole address, '?a=b' or 'a=b')."""
    text = (text or "").strip()
    if "?" in text:
        text = text.split("?", 1)[1]
    elif "=" not in text:
        return []
    return parse_query(text.split("#", 1)[0])


# --- How the options line up --------------------------------------------------


@dataclass(frozen=True)
class Contribution:
    consideration: Consideration
    rating: int
    fit: int
    reason: str

    @property
    def weight(self) -> int:
        return weight(self.rating)

    @property
    def fit_word(self) -> str:
        return FIT_WORDS[self.fit]

    @property
    def points(self) -> int:
        return self.weight * self.fit

    @property
    def sum_text(self) -> str:
        """The working, as the page shows it: '4 × −1 = −4'."""
        return f"{self.weight} × {signed(self.fit)} = {signed(self.points)}"


def signed(number: int) -> str:
    """+4, −4 (a true minus sign) or 0."""
    return f"+{number}" if number > 0 else f"\u2212{-number}" if number < 0 else "0"


@dataclass(frozen=True)
class OptionLine:
    slug: str
    name: str
    is_open: bool
    contributions: tuple[Contribution, ...]

    @property
    def towards(self) -> int:
        return sum(c.points for c in self.contributions if c.points > 0)

    @property
    def against(self) -> int:
        return -sum(c.points for c in self.contributions if c.points < 0)

    @property
    def total(self) -> int:
        return self.towards - self.against


def is_open(slug: str, answers: Answers) -> bool:
    return slug not in NEEDS_FAMILY_NEED or answers.need == "yes"


def line_up(*, answers: Answers, options: Sequence[tuple[str, str]]) -> list[OptionLine]:
    """For each option (slug, name), in the order given: each rated consideration's points
    (how much it matters, 0 to 4, times +1, 0 or -1 for how the option relates to it).
    Options stay in the order given, never sorted by their totals."""
    lines = []
    for slug, name in options:
        contributions = tuple(
            Contribution(
                consideration=c,
                rating=answers.ratings[c.key],
                fit=c.fits.get(slug, NOT_SET_OUT)[0],
                reason=c.fits.get(slug, NOT_SET_OUT)[1],
            )
            for c in CONSIDERATIONS
            if c.key in answers.ratings
        )
        lines.append(OptionLine(slug, name, is_open(slug, answers), contributions))
    return lines


# --- Two parents --------------------------------------------------------------


@dataclass(frozen=True)
class RatingPair:
    consideration: Consideration
    first: int | None
    second: int | None

    @property
    def agreement(self) -> str:
        """'same', 'close' (one step apart), 'differ' (two or more apart) or 'missing'."""
        if self.first is None or self.second is None:
            return "missing"
        gap = abs(self.first - self.second)
        return "same" if gap == 0 else "close" if gap == 1 else "differ"


def compare_ratings(first: Answers, second: Answers) -> list[RatingPair]:
    return [
        RatingPair(c, first.ratings.get(c.key), second.ratings.get(c.key)) for c in CONSIDERATIONS
    ]
