"""The cohorts app: once every model is loaded, it answers the lower layers' questions
(calendars, seats, whose attendance a facilitator records) and registers its outbox
handlers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Cohorts")
    #: What this app's permissions give to the roles (``lms.accounts.roles``). Staff manage
    #: cohorts and their seats (admit, remove: a seat is never deleted) and read the
    #: facilitators' access log. Facilitators hold no permission: the cohorts they follow
    #: are the access rule (``cohorts/selectors``).
    role_permissions = {
        "staff": (
            "cohorts.add_cohort",
            "cohorts.change_cohort",
            "cohorts.view_cohort",
            "cohorts.add_cohortseat",
            "cohorts.change_cohortseat",
            "cohorts.view_cohortseat",
            "cohorts.view_facilitatoraccess",
        ),
    }

    def ready(self):
        # Imported here, not at the top: these modules import models, which Django loads
        # only after it has imported every app's config (this module).
        from cohorts import effects  # the outbox handlers: cohorts.models
        from cohorts.models import FacilitatorAccess
        from cohorts.selectors.learner import (  # seats and calendars: cohorts.models
            cohort_calendar,
            leader_admitted_to_lab,
            leaders_admitted_to_lab,
            learner_cohort_overview,
            organisation_has_level2_seat,
            organisations_with_level2_seat,
        )
        from cohorts.selectors.people import session_learners  # accounts' and cohorts' models
        from cohorts.services import attendance_sheet_viewed  # cohorts.models
        from courses.schedule import register_calendar_provider, register_cohort_overview_provider
        from lms import outbox
        from lms.pathway import hooks  # the registries below import the apps' models too
        from lms.person_cache import person_cache_ignore
        from webinars.scope import register_attendance_scope, register_sheet_viewed

        # The cohort calendar drives which modules are open to its learners.
        register_calendar_provider(cohort_calendar)
        # The course page shows a learner their own cohort (name, facilitators, weeks).
        register_cohort_overview_provider(learner_cohort_overview)
        # The engine asks cohorts who holds a level-2 seat and who is in the lab.
        hooks.register(
            "level2_seat", organisation_has_level2_seat, many=organisations_with_level2_seat
        )
        hooks.register("lab_admission", leader_admitted_to_lab, many=leaders_admitted_to_lab)
        # A facilitator records attendance for the learners of their own cohorts only.
        register_attendance_scope(session_learners)
        # Facilitators' views of an attendance sheet go to the access log.
        register_sheet_viewed(attendance_sheet_viewed)
        # Each recipient's e-mail is an outbox message.
        for kind, handler in effects.HANDLERS.items():
            outbox.register(kind, handler)
        # The access log is written on every view of learners' data and read by staff in
        # the admin, on no kept page: its rows must not drop every person's kept pages.
        person_cache_ignore(FacilitatorAccess)
