import uuid

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from lms.links import platform_site, rebased_url
from lms.outbox.services import outbox_add


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up in one transaction; account e-mails are outbox messages written with it."""

    def save_user(self, request, user, form, commit=True):
        with transaction.atomic():
            return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        # Rendered now, in the language of the request, and kept in the outbox: sent by a
        # worker once the sign-up commits (a rolled-back one sends nothing), or later by
        # the relay if the broker is down. A password reset runs outside any transaction:
        # outbox_add then commits the message on its own and dispatches it at once.
        #
        # allauth's templates name the platform through ``current_site`` (our override
        # skips the one allauth fills in), and its links (confirmation, password reset,
        # sign-up) are built from the request's host: both come from the settings here.
        context = {
            **context,
            "email": email,
            "current_site": platform_site(),
            **{
                key: rebased_url(value)
                for key, value in context.items()
                if key.endswith("_url") and isinstance(value, str)
            },
        }
        message = self.render_mail(template_prefix, email, context)
        outbox_add(
            kind="accounts.email",  # lms.accounts.effects
            dedupe_key=f"accounts.email:{uuid.uuid4().hex}",
            payload={
                "subject": message.subject,
                "body": message.body,
                "from_email": message.from_email,
                "to": list(message.to),
                "alternatives": [list(a) for a in getattr(message, "alternatives", [])],
            },
        )
