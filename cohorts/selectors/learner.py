"""A learner's own cohort: which one they follow a course through, its calendar, what
they see of it; and the completion engine's questions about seats."""

from dataclasses import dataclass, field

from django.db.models import Q

from cohorts.models import Cohort, CohortSeat
from cohorts.selectors.calendar import CalendarRow, cohort_schedule
from courses.schedule import CourseCalendar
from courses.selectors import level_path


def learner_cohort(*, learner, course) -> Cohort | None:
    """Return the cohort through which ``learner`` follows ``course`` (French page), if any.

    One query, with the cohort's pauses, once for each person object: a page asks it for
    its calendar and for the cohort's box."""
    asked = learner.__dict__.setdefault("_cohort_for_course", {})
    if course.pk not in asked:
        asked[course.pk] = _learner_cohort(learner, course)
    return asked[course.pk]


def _learner_cohort(learner, course) -> Cohort | None:
    whose = Q(leader=learner)
    if learner.organisation_id:
        whose |= Q(organisation_id=learner.organisation_id)
    seats = list(
        CohortSeat.objects.active()
        .filter(whose, cohort__course=course)
        .select_related("cohort")
        .prefetch_related("cohort__pauses")
        .order_by("pk")
    )
    # The organisation's seat first; a leader's own seat otherwise.
    chosen = next(
        (
            s
            for s in seats
            if learner.organisation_id and s.organisation_id == learner.organisation_id
        ),
        None,
    ) or next((s for s in seats if s.leader_id == learner.pk), None)
    if chosen is None:
        return None
    # The course the question is about is the cohort's: not read again.
    Cohort.course.field.set_cached_value(chosen.cohort, course)
    return chosen.cohort


def cohort_calendar(*, learner, course) -> CourseCalendar | None:
    """The calendar provider courses ask: the learner's cohort's weeks, if they have one."""
    cohort = learner_cohort(learner=learner, course=course)
    if cohort is None:
        return None
    return CourseCalendar(week_starts=cohort.week_starts(), source="cohort")


@dataclass(frozen=True)
class LearnerCohort:
    """What a learner sees of their cohort: its name, its facilitators' names, its weeks.
    Nothing about the other learners."""

    name: str
    facilitator_names: list[str] = field(default_factory=list)
    calendar: list[CalendarRow] = field(default_factory=list)


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
    return organisation.pk in organisations_with_level2_seat(organisations=[organisation])


#: Asked for more people or organisations than this at once, the seats (a few hundred in
#: the whole programme, by its quotas) are read whole and matched here: cheaper than
#: sending thousands of ids to the database (an attendance import's learners).
SEATS_READ_WHOLE_BEYOND = 500


def _holding(seats, field: str, ids: list[int]) -> set[int]:
    """The ``ids`` that hold one of ``seats`` by ``field`` (one query)."""
    if len(ids) > SEATS_READ_WHOLE_BEYOND:
        return set(seats.values_list(field, flat=True)) & set(ids)
    return set(seats.filter(**{f"{field}__in": ids}).values_list(field, flat=True))


def organisations_with_level2_seat(*, organisations) -> set[int]:
    """Answer the engine's question for many organisations at once: the ids of those that
    hold a level-2 seat (one query)."""
    seats = (
        CohortSeat.objects.active()
        .filter(cohort__course__format="course")
        .filter(cohort__course__path__startswith=level_path(2))
    )
    return _holding(seats, "organisation_id", [organisation.pk for organisation in organisations])


def leader_admitted_to_lab(*, learner) -> bool:
    """Answer the engine's question: was this person admitted to the leadership lab?"""
    return learner.pk in leaders_admitted_to_lab(learners=[learner])


def leaders_admitted_to_lab(*, learners) -> set[int]:
    """Answer the engine's question for many people at once: the ids of those admitted to
    the leadership lab (one query)."""
    seats = CohortSeat.objects.active().filter(cohort__course__format="lab")
    # Ids, not accounts: Django would check each of thousands of objects.
    return _holding(seats, "leader_id", [learner.pk for learner in learners])
