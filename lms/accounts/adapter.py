from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from lms.accounts.tasks import send_email_message


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up in one transaction; account e-mails sent by Celery once it commits."""

    def save_user(self, request, user, form, commit=True):
        with transaction.atomic():
            return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        # Rendered now, in the language of the request; sent by a worker after commit,
        # so a slow mail server never holds a page and a rolled-back sign-up sends nothing.
        message = self.render_mail(template_prefix, email, context)
        payload = {
            "subject": message.subject,
            "body": message.body,
            "from_email": message.from_email,
            "to": list(message.to),
            "alternatives": [list(a) for a in getattr(message, "alternatives", [])],
        }
        transaction.on_commit(lambda: send_email_message.delay(payload))
