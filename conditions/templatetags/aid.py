from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from conditions.loading import CITATION
from conditions.models import (
    OWN_BLOOD_DEFINITIONS,
    RESEARCH_STAGE_DEFINITIONS,
    OwnBloodUse,
    ResearchStage,
)

register = template.Library()


@register.filter
def prose(text: str, numbers: dict | None = None) -> str:
    """Escape text, make paragraphs from blank lines, and turn [@key] markers into
    numbered links to the page's reference list (`numbers` maps key to number)."""
    numbers = numbers or {}

    def link(match) -> str:
        key = match.group(1)
        number = numbers.get(key)
        if number is None:
            return ""
        return (
            f'<a class="cite" href="#source-{key}" aria-label="Source {number}">'
            f"[{number}]</a>"
        )

    paragraphs = [p.strip() for p in (text or "").split("\n\n") if p.strip()]
    html = "".join(f"<p>{CITATION.sub(link, escape(p))}</p>" for p in paragraphs)
    return mark_safe(html)  # noqa: S308 - escaped above; only our own links are added


@register.filter
def inline(text: str, numbers: dict | None = None) -> str:
    """Like prose, without the paragraph: for list items and table cells."""
    html = str(prose(text, numbers))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return mark_safe(html)  # noqa: S308


@register.simple_tag
def stage_badge(stage: str):
    label = ResearchStage(stage).label if stage in ResearchStage.values else stage
    return format_html(
        '<a class="badge stage stage-{}" href="/evidence/#stage-{}">{}</a>', stage, stage, label
    )


@register.filter
def stage_label(stage: str) -> str:
    return ResearchStage(stage).label if stage in ResearchStage.values else stage


@register.filter
def stage_definition(stage: str) -> str:
    return RESEARCH_STAGE_DEFINITIONS.get(stage, "")


@register.filter
def own_blood_label(value: str) -> str:
    return OwnBloodUse(value).label if value in OwnBloodUse.values else value


@register.filter
def own_blood_definition(value: str) -> str:
    return OWN_BLOOD_DEFINITIONS.get(value, "")


@register.filter
def source_link(source) -> str:
    return source.link


@register.filter
def ref_number(key: str, numbers: dict) -> int | str:
    """The number of a source in the page's reference list."""
    return (numbers or {}).get(key, "")


@register.inclusion_tag("includes/_reviewed.html")
def page_reviewed(name: str):
    """Review dates of a page whose words live in its template (see conditions/reviews.py)."""
    from conditions.reviews import PAGE_REVIEWS

    return {"item": PAGE_REVIEWS[name]}


@register.filter
def is_list(value) -> bool:
    return isinstance(value, (list, tuple))
