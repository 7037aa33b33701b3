from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinarsConfig(AppConfig):
    name = "webinars"
    verbose_name = _("Webinars")
    #: What this app's permissions give to the roles (``lms.accounts.roles``): facilitators
    #: (on the site's own pages, for their cohorts' learners) and staff record attendance.
    role_permissions = {
        "facilitator": ("webinars.view_attendance", "webinars.change_attendance"),
        "staff": ("webinars.view_attendance", "webinars.change_attendance"),
    }

    def ready(self):
        # Imported here: these modules import models, which Django loads only after every
        # app's configuration; ready() is where it says they may be imported.
        from lms import outbox
        from lms.page_cache import page_cache_invalidate_on
        from webinars import effects
        from webinars.models import Registration, WebinarSession

        # Confirmations and large attendance imports are outbox messages.
        for kind, handler in effects.HANDLERS.items():
            outbox.register(kind, handler)
        # The webinar's public page lists its sessions and says which are full.
        page_cache_invalidate_on(WebinarSession, Registration)
