from django import template

from conditions.templatetags.figures import short_source as _short_source

register = template.Library()


@register.filter
def short_source(source) -> str:
    """'Nietfeld and colleagues, 2008': a source named briefly, for a one-page handout."""
    return _short_source(source)
