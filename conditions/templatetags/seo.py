"""What a page says about itself to browsers, search engines and link previews: the meta
description, Open Graph tags, the canonical URL, and "link to this section" marks."""

import html
import re

from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockNode
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe

from conditions.loading import CITATION
from conditions.seo import public_url

register = template.Library()

# Headings that are not sections a reader would link to.
NO_SECTION_LINK = {"error-summary-title", "contents"}
HEADING = re.compile(
    r'<(h[23])(?P<attrs>[^>]*?\sid="(?P<id>[^"]+)"[^>]*)>(?P<inner>.*?)</\1>', re.DOTALL
)


@register.filter
def meta_text(value) -> str:
    """Rendered HTML as one line of plain text for a <meta> attribute: no tags, no
    [@citation] markers, whitespace collapsed, escaped once."""
    text = CITATION.sub("", strip_tags(html.unescape(str(value))))
    return escape(" ".join(text.split()).replace(" .", "."))


@register.simple_tag(takes_context=True)
def block_text(context, name: str) -> str:
    """The current page's `{% block name %}` again, as meta text: lets og:title and
    og:description repeat the title and description blocks without a second definition."""
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    nodes = block_context.blocks.get(name) if block_context is not None else None
    if nodes:
        # The base template's node renders the most specific override, as usual.
        return meta_text(nodes[0].render(context))
    for node in context.template.nodelist.get_nodes_by_type(BlockNode):
        if node.name == name:
            return meta_text(node.render(context))
    return ""


@register.simple_tag(takes_context=True)
def canonical_url(context, with_query: bool = False) -> str:
    """The page's public address. Without the query string, unless the page's content
    depends on it (then pass with_query=True in the page's canonical block)."""
    request = context.get("request")
    if request is None:
        return ""
    path = request.get_full_path() if with_query else request.path
    return public_url(request, path)


def _with_link(match: re.Match) -> str:
    anchor = match.group("id")
    if anchor in NO_SECTION_LINK:
        return match.group(0)
    name = " ".join(strip_tags(match.group("inner")).split())
    link = format_html(
        '<a class="section-link" href="#{}"><span aria-hidden="true">#</span>'
        '<span class="visually-hidden">Link to this section: {}</span></a>',
        anchor,
        html.unescape(name),
    )
    return f'<div class="section-heading">{match.group(0)}{link}</div>'


@register.filter
def section_links(value) -> str:
    """After every <h2>/<h3> with an id, a "link to this section" mark pointing at it.
    The ids are written in the templates from slugs and keys, so they survive edits to
    the wording; headings without an id get no mark."""
    return mark_safe(HEADING.sub(_with_link, str(value)))  # noqa: S308 - our own markup added
