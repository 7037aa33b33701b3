from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from lms.accounts.services import accounts_purge_unverified
from lms.celery import app


@app.task
def send_email_message(payload: dict) -> None:
    """Send one already-rendered e-mail (subject, body, recipients, HTML alternative)."""
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload.get("from_email"),
        to=payload["to"],
    )
    for content, mimetype in payload.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    message.send()


@app.task
def purge_unverified_accounts() -> int:
    """Erase sign-ups never confirmed within the retention period."""
    return accounts_purge_unverified(older_than_days=settings.ACCOUNTS_UNVERIFIED_RETENTION_DAYS)
