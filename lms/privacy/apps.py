from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "lms.privacy"
    label = "privacy"
    verbose_name = _("Privacy")
    #: What this app's permissions give to the roles (``lms.accounts.roles``): programme
    #: staff edit the privacy settings (the person in charge, the policy's version: the
    #: one permission wagtail.contrib.settings asks for), see the account erasures and ask
    #: for one on a person's behalf; the person in charge of the protection of personal
    #: information, and only them, keeps the register of confidentiality incidents.
    role_permissions = {
        "staff": (
            "privacy.change_privacysettings",
            "privacy.add_accounterasure",
            "privacy.view_accounterasure",
        ),
        "privacy_officer": (
            "privacy.change_privacysettings",
            "privacy.add_confidentialityincident",
            "privacy.change_confidentialityincident",
            "privacy.view_confidentialityincident",
        ),
    }

    def ready(self):
        # Each app declares its personal information in its own ``privacy.py`` module, as
        # the admin finds ``admin.py`` modules: the registry knows no app by name.
        autodiscover_modules("privacy")
        # Imported here: these modules import models, which Django loads only after every
        # app's configuration; ready() is where it says they may be imported.
        from lms import outbox
        from lms.person_cache import person_cache_scope
        from lms.privacy.models import Consent, DataExport, PrivacySettings
        from lms.privacy.rights import effects
        from lms.privacy.selectors import policy_version_forget

        # Preparing a download and telling of an erasure are outbox messages.
        for kind, handler in effects.HANDLERS.items():
            outbox.register(kind, handler)
        # Every page reads the policy's version from the cache, until a new one is saved.
        post_save.connect(policy_version_forget, sender=PrivacySettings, weak=False)
        # A person's consents and downloads show on their own pages only.
        for model in (Consent, DataExport):
            person_cache_scope(model, "person")
