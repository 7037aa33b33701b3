from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("People and organisations")

    def ready(self):
        # Imported here: Django requires models to be loaded before these modules are.
        from allauth.account.signals import email_confirmed

        from lms import outbox
        from lms.accounts import effects
        from lms.accounts.roles import sync_role_groups

        # Groups need permissions, which only exist after every app has migrated.
        post_migrate.connect(sync_role_groups, dispatch_uid="accounts.sync_role_groups")
        email_confirmed.connect(on_email_confirmed, dispatch_uid="accounts.email_confirmed")
        # Account e-mails (confirmation, password reset, join requests) are outbox messages.
        for kind, handler in effects.HANDLERS.items():
            outbox.register(kind, handler)


def on_email_confirmed(sender, request, email_address, **kwargs):
    """allauth confirmed an address: membership waits for that (``user_email_confirmed``)."""
    from lms.accounts.services import user_email_confirmed

    user_email_confirmed(user=email_address.user)
