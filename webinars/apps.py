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
        from lms.person_cache import person_cache_ignore, person_cache_scope
        from webinars import effects
        from webinars.models import (
            Attendance,
            ImportedPresence,
            Registration,
            ReminderSent,
            ReplayProgress,
            WebinarSession,
        )

        # Confirmations and large attendance imports are outbox messages.
        for kind, handler in effects.HANDLERS.items():
            outbox.register(kind, handler)
        # The webinar's public page lists its sessions and says which are full.
        page_cache_invalidate_on(WebinarSession, Registration)
        # A learner's registration, attendance and replay show on their own pages (and
        # in the facilitators' grid: "learning"); a registration changes the seats left
        # everyone sees on the webinar's page.
        person_cache_scope(Registration, "learner", tags=("webinar-seats", "learning"))
        person_cache_scope(Attendance, "learner", tags=("learning",))
        person_cache_scope(ReplayProgress, "learner", tags=("learning",))
        # Reminders sent and an import's lines before review show on nobody's page.
        person_cache_ignore(ReminderSent, ImportedPresence)
