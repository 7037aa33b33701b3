"""Who may follow which cohorts: facilitators their own, programme staff all of them;
anyone else's cohort is a 404."""

from django.http import Http404

from cohorts.models import Cohort
from lms.accounts.roles import ROLES, is_programme_staff


def follower_role(user) -> str | None:
    """ "staff" (all cohorts), "facilitator" (their own) or None (none), in one query."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return "staff"
    names = {ROLES[key].group_name: key for key in ("staff", "facilitator")}
    held = set(user.groups.filter(name__in=names).values_list("name", flat=True))
    return next((key for name, key in names.items() if name in held), None)


def can_follow_cohorts(user) -> bool:
    """Facilitators and programme staff follow cohorts (each one's own, or all); nobody
    else, whatever cohort they name."""
    return follower_role(user) is not None


def visible_cohorts(*, user, staff: bool | None = None):
    """Return the cohorts ``user`` may follow: their own for a facilitator, all for staff
    (``staff`` when the caller already knows)."""
    cohorts = Cohort.objects.select_related("course").order_by("-starts_on", "name")
    if is_programme_staff(user) if staff is None else staff:
        return cohorts
    return cohorts.filter(facilitators=user)


def cohort_for(*, user, cohort_id: int, staff: bool | None = None) -> Cohort:
    """Return a cohort ``user`` may follow, or 404: another facilitator's cohort does not
    exist as far as they can tell. Its course is read when asked for (a kept grid does
    not)."""
    cohort = (
        visible_cohorts(user=user, staff=staff).select_related(None).filter(pk=cohort_id).first()
    )
    if cohort is None:
        raise Http404
    return cohort
