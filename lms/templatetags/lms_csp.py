"""``{% csp_nonce %}``: this response's Content-Security-Policy nonce, in templates that
render without a request (form widgets), see ``lms/csp.py``."""

from django import template

from lms.csp import current_nonce

register = template.Library()


@register.simple_tag
def csp_nonce() -> str:
    return current_nonce()
