from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_cohort_log_actions(actions):
    actions.register_action("cohorts.seat.admitted", _("Admit to a cohort"), _("Seat admitted"))
    actions.register_action("cohorts.seat.removed", _("Remove from a cohort"), _("Seat removed"))
