from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from cohorts.models import CohortSeat, FacilitatorAccess
from cohorts.permissions import CohortSeatPermissionPolicy
from lms.accounts.permissions import ReadOnlyPermissionPolicy

# Before the viewsets, which would otherwise get Wagtail's default policy.
register_permission_policy(CohortSeat, CohortSeatPermissionPolicy(CohortSeat))
register_permission_policy(FacilitatorAccess, ReadOnlyPermissionPolicy(FacilitatorAccess))

from cohorts.viewsets import CohortsGroup  # noqa: E402 - after the policies

register_snippet(CohortsGroup)


@hooks.register("register_log_actions")
def register_cohort_log_actions(actions):
    actions.register_action("cohorts.seat.admitted", _("Admit to a cohort"), _("Seat admitted"))
    actions.register_action("cohorts.seat.removed", _("Remove from a cohort"), _("Seat removed"))
