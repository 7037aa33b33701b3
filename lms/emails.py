"""Rendering e-mails from templates in the recipient's language.

An e-mail is three templates under ``templates/<template>_subject.txt``, ``_body.txt``
and ``_body.html``, rendered with the recipient's language active. The subject and the
plain-text body are rendered without HTML escaping (an apostrophe stays an apostrophe);
the HTML body escapes as every page does, once.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation

from lms.links import base_url


def send_templated_email(
    *,
    template: str,
    to: list[str],
    context: dict,
    language: str,
    attachments=(),
    reply_to: list[str] | None = None,
) -> None:
    """Render ``template`` in ``language`` and send it now (call it from a task).

    ``reply_to``: where answers go, when not to the platform's address (a facilitator's).
    """
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {**context, "site_url": base_url()}
        subject = " ".join(render_plain_text(f"{template}_subject.txt", context).split())
        body = render_plain_text(f"{template}_body.txt", context)
        html = render_to_string(f"{template}_body.html", context)
    message = EmailMultiAlternatives(
        subject=f"[DATAide] {subject}", body=body, from_email=None, to=to, reply_to=reply_to
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()


def render_plain_text(template_name: str, context: dict) -> str:
    """Render a plain-text template with autoescaping off: the text exactly as typed."""
    return get_template(template_name).template.render(Context(context, autoescape=False))
