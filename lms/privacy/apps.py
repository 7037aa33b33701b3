from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "lms.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        # Each app declares its personal information in its own ``privacy.py`` module, as
        # the admin finds ``admin.py`` modules: the registry knows no app by name.
        autodiscover_modules("privacy")
