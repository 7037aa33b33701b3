from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinarsConfig(AppConfig):
    name = "webinars"
    verbose_name = _("Webinars")

    def ready(self):
        from lms import outbox
        from webinars import effects

        # Confirmations and large attendance imports are outbox messages.
        for kind, handler in effects.HANDLERS.items():
            outbox.register(kind, handler)
