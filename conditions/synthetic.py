"""Synthetic content, for checking that pages cost the same number of queries however much
content there is (tests/test_production.py and `make bench`). Never loaded on a real site:
every record it makes has a key starting with `synthetic-`.

Each kind of record is multiplied by copying the real ones (so new fields added to the
models later are filled in), with a few made from scratch where none exist yet."""

import datetime as dt

from django.db import transaction

from .caching import content_changed
from .models import (
    Chance,
    Claim,
    Condition,
    Country,
    DonationHospital,
    Option,
    OwnBloodUse,
    PriceExample,
    Reading,
    ResearchStage,
    Source,
    Study,
)

PREFIX = "synthetic"
FLOOR = 5  # at least this many of each record to copy, so growth shows even on empty tables


def _copies(model, count: int, *, key_field: str, base: list) -> list:
    """`count` unsaved copies of the records in `base`, round robin, with new keys."""
    made = []
    short = model._meta.get_field(key_field).max_length < 40
    prefix = "x" if short else f"{PREFIX}-{model._meta.model_name}-"
    start = model.objects.filter(**{f"{key_field}__startswith": prefix}).count()
    for i in range(start, start + count):
        obj = model.objects.get(pk=base[i % len(base)].pk)
        obj.pk = obj.id = None
        obj._state.adding = True
        setattr(obj, key_field, f"{prefix}{i}")
        made.append(obj)
    return made


def _extra(model, factor: int, queryset=None) -> int:
    existing = (queryset if queryset is not None else model.objects.all()).count()
    return (factor - 1) * max(existing, FLOOR)


def _new_condition(i: int) -> Condition:
    today = dt.date.today()
    return Condition(
        slug=f"{PREFIX}-condition-{i}",
        name=f"Synthetic condition {i}",
        group=Condition.Group.IN_TRIALS,
        summary="A made-up condition used to measure the site.",
        what_it_is="Made up.",
        how_common="Made up.",
        treatment_today="Made up.",
        research_stage=ResearchStage.EARLY_HUMAN,
        own_blood_used=OwnBloodUse.IN_TRIALS,
        own_blood_reason="Made up.",
        last_reviewed=today,
        next_review_due=today + dt.timedelta(days=365),
        order=1000 + i,
    )


@transaction.atomic
def grow_content(*, factor: int = 10) -> dict[str, int]:
    """Add (factor - 1) times as much of every kind of content as there is now. Returns how
    many records of each kind were added."""
    added: dict[str, int] = {}

    base_sources = list(Source.objects.all()[:50])
    start = Source.objects.filter(key__startswith=PREFIX).count()
    new_sources = [
        Source(
            key=f"{PREFIX}-source-{i}",
            authors="Synthetic A",
            year=2020,
            title=f"Synthetic study {i}",
            publication="Synthetic Journal",
            url=f"https://example.org/synthetic/{i}",
        )
        for i in range(start, start + _extra(Source, factor))
    ]
    Source.objects.bulk_create(new_sources)
    sources = list(Source.objects.filter(key__startswith=PREFIX)) + base_sources
    added["sources"] = len(new_sources)

    published = Condition.objects.published()
    count = _extra(Condition, factor, published)
    base = list(published)
    start = Condition.objects.filter(slug__startswith=PREFIX).count()
    conditions = (
        _copies(Condition, count, key_field="slug", base=base)
        if base
        else [_new_condition(i) for i in range(start, start + count)]
    )
    Condition.objects.bulk_create(conditions)
    studies, readings, links = [], [], []
    for n, condition in enumerate(conditions):
        for j in range(3):
            source = sources[(n * 3 + j) % len(sources)]
            studies.append(
                Study(
                    condition=condition,
                    key=f"{PREFIX}-study-{j}",
                    title=f"Synthetic study {j}",
                    design="Made up.",
                    participants=10,
                    population="Made up.",
                    cells_used="Made up.",
                    cell_source="donor_cord_blood",
                    comparison="None.",
                    follow_up="1 year",
                    result="Made up [@" + source.key + "].",
                    limitations="Made up.",
                    research_stage=ResearchStage.EARLY_HUMAN,
                    source=source,
                    order=j,
                )
            )
        for _ in range(2):
            readings.append(
                Reading(condition=condition, you_may_read="Made up.", studies_show="Made up.")
            )
        for j in range(2):
            source = sources[(n + j) % len(sources)]
            links.append(Condition.sources.through(condition=condition, source=source))
    Study.objects.bulk_create(studies)
    Reading.objects.bulk_create(readings)
    Condition.sources.through.objects.bulk_create(links, ignore_conflicts=True)
    added.update(conditions=len(conditions), studies=len(studies), readings=len(readings))

    for model, key_field in ((Option, "slug"), (Chance, "key"), (Country, "code")):
        base = list(model.objects.all())
        if not base:
            continue
        copies = _copies(model, _extra(model, factor), key_field=key_field, base=base)
        model.objects.bulk_create(copies)
        if hasattr(model, "sources"):
            through = model.sources.through
            field = model._meta.model_name
            through.objects.bulk_create(
                [
                    through(**{field: obj, "source": sources[i % len(sources)]})
                    for i, obj in enumerate(copies)
                ],
                ignore_conflicts=True,
            )
        added[str(model._meta.verbose_name_plural)] = len(copies)

    for model, key_field in ((PriceExample, "key"), (DonationHospital, "name")):
        base = list(model.objects.all())
        if not base:
            continue
        copies = _copies(model, _extra(model, factor), key_field=key_field, base=base)
        model.objects.bulk_create(copies)
        added[str(model._meta.verbose_name_plural)] = len(copies)

    base = list(Claim.objects.all())
    if base:
        copies = _copies(Claim, _extra(Claim, factor), key_field="key", base=base)
        Claim.objects.bulk_create(copies)
        added["claims"] = len(copies)

    content_changed()
    return added
