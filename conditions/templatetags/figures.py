"""Numbers as a parent reads them: chances always out of 10,000 with their people, time and
source; money with its currency; citations of a page's sources from template text."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from conditions.charts import chance_sentence, legend_swatch
from conditions.costs import format_money

register = template.Library()


def short_source(source) -> str:
    """'Nietfeld JJ, Pasquini MC, ...' (2008) -> 'Nietfeld and colleagues, 2008'."""
    name = ""
    if source.authors:
        people = [part.strip() for part in source.authors.split(",") if part.strip()]
        first = people[0]
        words = first.split()
        is_person = len(words) == 2 and words[1].isupper() and len(words[1]) <= 3
        name = words[0] if is_person else first
        if is_person and len(people) > 1:
            name += " and colleagues"
    else:
        name = source.publication or " ".join(source.title.split()[:8])
    return f"{name}, {source.year}" if source.year else name


@register.simple_tag(takes_context=True)
def cite(context, *keys):
    """Numbered links to the page's reference list: {% cite "who-2014" "nice-qs105" %}."""
    numbers = context.get("refs") or {}
    links = [
        format_html(
            '<a class="cite" href="#source-{}" aria-label="Source {}">[{}]</a>',
            key,
            numbers[key],
            numbers[key],
        )
        for key in keys
        if key in numbers
    ]
    return mark_safe("".join(links))  # noqa: S308 - built with format_html


@register.simple_tag(takes_context=True)
def chance(context, record):
    """The one way a template writes a chance: 'Between 0.05 and 10 out of 10,000 children
    whose cord blood was stored privately over childhood (source)', linked to its source."""
    placeholder = "\u0000source\u0000"
    sentence = chance_sentence(
        low=record.low,
        best=record.best,
        high=record.high,
        population=record.population,
        time_period=record.time_period,
        source=placeholder,
    )
    number = (context.get("refs") or {}).get(record.source.key)
    label = short_source(record.source) + (f" [{number}]" if number else "")
    link = format_html('<a href="#source-{}">{}</a>', record.source.key, label)
    return mark_safe(escape(sentence).replace(escape(placeholder), link))  # noqa: S308


@register.filter
def chance_text(record) -> str:
    """The same sentence as plain text (for an SVG's <title> and <desc>)."""
    return chance_sentence(
        low=record.low,
        best=record.best,
        high=record.high,
        population=record.population,
        time_period=record.time_period,
        source=short_source(record.source),
    )


@register.filter
def money(amount, country) -> str:
    """1500 with the UK -> '£1,500'."""
    if amount is None or amount == "":
        return ""
    return format_money(
        amount, getattr(country, "currency_symbol", ""), getattr(country, "currency", "")
    )


@register.simple_tag
def swatch(kind: str):
    return legend_swatch(kind)


@register.filter
def thousands(number) -> str:
    """10000 -> '10,000'."""
    return f"{int(number):,}"
