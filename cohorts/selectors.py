"""Reads on cohorts: who may see which cohort, a learner's cohort and its calendar."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
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


@dataclass(frozen=True)
class CalendarRow:
    """One week of a cohort's calendar: a week of the course, or a pause week."""

    starts_on: date
    #: The week of the course; None for a pause week.
    week: int | None = None

    @property
    def is_pause(self) -> bool:
        return self.week is None


@dataclass(frozen=True)
class LearnerCohort:
    """What a learner sees of their cohort: its name, its facilitators' names, its weeks.
    Nothing about the other learners."""

    name: str
    facilitator_names: list[str] = field(default_factory=list)
    calendar: list[CalendarRow] = field(default_factory=list)


def cohort_schedule(cohort: Cohort) -> list[CalendarRow]:
    """Return the cohort's weeks in order, with each pause week in its place."""
    starts = cohort.week_starts()
    last = max(starts, default=0)
    pauses = [p.after_week for p in cohort.pauses.all()]
    rows = []
    for week, day in sorted(starts.items()):
        rows.append(CalendarRow(starts_on=day, week=week))
        if week < last:
            for n in range(1, pauses.count(week) + 1):
                rows.append(CalendarRow(starts_on=day + timedelta(weeks=n)))
    return rows


def learner_cohort_overview(*, learner, course) -> LearnerCohort | None:
    """Return what ``learner`` may see of their cohort for ``course`` (French page)."""
    if learner is None or not learner.is_authenticated:
        return None
    cohort = learner_cohort(learner=learner, course=course)
    if cohort is None:
        return None
    facilitators = cohort.facilitators.order_by("last_name", "first_name")
    names = [f"{f.first_name} {f.last_name}".strip() for f in facilitators]
    return LearnerCohort(
        name=cohort.name,
        facilitator_names=[name for name in names if name],
        calendar=cohort_schedule(cohort),
    )


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


# --- Messages --------------------------------------------------------------------------


def cohort_learners(cohort: Cohort):
    """Return the cohort's learners: the members of its seated organisations (level 2),
    or its seated leaders (the lab); active seats and active accounts only."""
    from django.contrib.auth import get_user_model

    seats = CohortSeat.objects.active().filter(cohort=cohort)
    if cohort.is_lab:
        people = Q(pk__in=seats.values("leader"))
    else:
        people = Q(organisation__in=seats.values("organisation"))
    return get_user_model().objects.filter(people, is_active=True).order_by("pk")


def cohort_flagged_learner_ids(cohort: Cohort) -> set[int]:
    """Return the ids of the cohort's learners flagged as behind or inactive.

    Empty for now: the flags are computed with the cohort's grid (``cohort_grid``, built
    elsewhere); wire this function to them when it lands.
    """
    return set()


def cohort_messages(cohort: Cohort):
    """Return the messages sent to the cohort, newest first."""
    return cohort.messages.select_related("sender").order_by("-created_at")
