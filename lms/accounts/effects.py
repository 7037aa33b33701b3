"""What the accounts' outbox messages do. Registered with the outbox in
``AccountsConfig.ready()``; each handler runs with its message row locked."""

from django.core.mail import EmailMultiAlternatives

#: An e-mail from allauth (sign-up confirmation, password reset, "account already
#: exists"), rendered in the request's language: subject, body, sender, recipients and
#: HTML alternative.
EMAIL = "accounts.email"


def email(payload: dict) -> dict:
    """Send one already rendered e-mail; return its payload without the text, which may
    hold a password reset link, to keep once it is sent."""
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload.get("from_email"),
        to=payload["to"],
    )
    for content, mimetype in payload.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    message.send()
    return {**payload, "body": "", "alternatives": []}


HANDLERS = {EMAIL: email}
