"""Template filters of the plan's pages."""

from django import template

from lms.transition.plan import document

register = template.Library()


@register.filter
def dollars(amount) -> str:
    """``12500|dollars`` → "12 500 $"."""
    return document.dollars(amount)


@register.filter
def readable(content: dict) -> dict:
    """A plan's content as tables of what readers see."""
    return document.readable(content)
