from django.apps import AppConfig


class LmsConfig(AppConfig):
    """The project package as an app: base templates, health check, demo data."""

    name = "lms"
    verbose_name = "DATAide"

    def ready(self):
        # Imported here: lms.csp imports Wagtail's admin widgets, which need the apps.
        from lms.csp import nonce_wagtail_choosers

        nonce_wagtail_choosers()
