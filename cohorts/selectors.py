"""Reads on cohorts: who may see which cohort, a learner's cohort and its calendar."""

from django.http import Http404

from cohorts.models import Cohort, CohortSeat
from courses.schedule import CourseCalendar
from lms.accounts.roles import ROLES


def is_programme_staff(user) -> bool:
    return user.is_superuser or user.groups.filter(name=ROLES["staff"].group_name).exists()


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


def learner_cohort(*, learner, course) -> Cohort | None:
    """Return the cohort through which ``learner`` follows ``course`` (French page), if any."""
    seats = CohortSeat.objects.active().filter(cohort__course=course).select_related("cohort")
    if learner.organisation_id:
        seat = seats.filter(organisation_id=learner.organisation_id).first()
        if seat is not None:
            return seat.cohort
    seat = seats.filter(leader=learner).first()
    return seat.cohort if seat else None


def cohort_calendar(*, learner, course) -> CourseCalendar | None:
    """The calendar provider courses ask: the learner's cohort's weeks, if they have one."""
    cohort = learner_cohort(learner=learner, course=course)
    if cohort is None:
        return None
    return CourseCalendar(week_starts=cohort.week_starts(), source="cohort")


def organisation_has_level2_seat(*, organisation) -> bool:
    """Answer the engine's question: does this organisation hold a level-2 seat?"""
    return (
        CohortSeat.objects.active()
        .filter(organisation=organisation, cohort__course__format="course")
        .filter(cohort__course__path__startswith=_level_path(2))
        .exists()
    )


def leader_admitted_to_lab(*, learner) -> bool:
    """Answer the engine's question: was this person admitted to the leadership lab?"""
    return CohortSeat.objects.active().filter(leader=learner, cohort__course__format="lab").exists()


def _level_path(number: int) -> str:
    from courses.models import LevelPage

    level = LevelPage.objects.filter(number=number, locale__language_code="fr").first()
    return level.path if level else "∅"
