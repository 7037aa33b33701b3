"""Who may follow which cohorts: facilitators their own, programme staff all of them;
anyone else's cohort is a 404."""

from django.http import Http404

from cohorts.models import Cohort
from lms.accounts.roles import ROLES, is_programme_staff


def can_follow_cohorts(user) -> bool:
    """Facilitators and programme staff follow cohorts (each one's own, or all); nobody
    else, whatever cohort they name."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    names = (ROLES["facilitator"].group_name, ROLES["staff"].group_name)
    return user.groups.filter(name__in=names).exists()


def visible_cohorts(*, user):
    """Return the cohorts ``user`` may follow: their own for a facilitator, all for staff."""
    cohorts = Cohort.objects.select_related("course").order_by("-starts_on", "name")
    if is_programme_staff(user):
        return cohorts
    return cohorts.filter(facilitators=user)


def cohort_for(*, user, cohort_id: int) -> Cohort:
    """Return a cohort ``user`` may follow, or 404: another facilitator's cohort does not
    exist as far as they can tell."""
    cohort = visible_cohorts(user=user).filter(pk=cohort_id).first()
    if cohort is None:
        raise Http404
    return cohort
