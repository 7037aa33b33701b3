from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwayConfig(AppConfig):
    name = "lms.pathway"
    label = "pathway"
    verbose_name = _("Completion and bursaries")

    def ready(self):
        from lms import outbox
        from lms.pathway import effects

        # Notices and certificates are outbox messages, carried out by these handlers.
        for kind, handler in effects.HANDLERS.items():
            outbox.register(kind, handler)
