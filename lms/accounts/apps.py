from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("People and organisations")

    def ready(self):
        # Imported here: these modules import models, which Django loads only after every
        # app's configuration; ready() is where it says they may be imported.
        from allauth.account.signals import (
            email_confirmed,
            password_changed,
            password_reset,
            password_set,
        )

        from lms import outbox
        from lms.accounts import effects
        from lms.accounts.models import User
        from lms.accounts.receivers import on_email_confirmed, on_password_changed
        from lms.accounts.roles import sync_role_groups, user_roles_forget

        # Groups need permissions, which only exist after every app has migrated.
        post_migrate.connect(sync_role_groups, dispatch_uid="accounts.sync_role_groups")
        # The header's links read the roles from the cache, until anyone's groups change.
        m2m_changed.connect(
            user_roles_forget, sender=User.groups.through, dispatch_uid="accounts.roles"
        )
        email_confirmed.connect(on_email_confirmed, dispatch_uid="accounts.email_confirmed")
        for signal in (password_changed, password_set, password_reset):
            signal.connect(on_password_changed, dispatch_uid=f"accounts.sessions_end.{id(signal)}")
        # Account e-mails (confirmation, password reset, join requests) are outbox messages.
        for kind, handler in effects.HANDLERS.items():
            outbox.register(kind, handler)
