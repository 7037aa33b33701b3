from django.apps import AppConfig


class LmsConfig(AppConfig):
    """The project package as an app: base templates, health check, demo data."""

    name = "lms"
    verbose_name = "DATAide"

    def ready(self):
        # Imported here: lms.csp imports Wagtail's admin widgets and lms.page_cache its
        # models, which need the apps.
        from lms.csp import nonce_wagtail_choosers
        from lms.outbox.models import OutboxMessage
        from lms.page_cache import page_cache_connect
        from lms.person_cache import person_cache_connect, person_cache_ignore

        nonce_wagtail_choosers()
        page_cache_connect()
        person_cache_connect()
        # The outbox's rows show on no person's page (their effects do, once done).
        person_cache_ignore(OutboxMessage)
