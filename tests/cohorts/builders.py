"""Cohorts for tests: a level-2 course's cohort, the lab's, and their seats."""

from datetime import date

from cohorts.models import Cohort, CohortPause
from cohorts.services import seat_admit
from tests.factories import course_page, level_page


def level2_course(**fields):
    """The level-2 course: the one already built in this test, or a new one."""
    from courses.models import CoursePage

    existing = CoursePage.objects.filter(slug="formation", locale__language_code="fr").first()
    return existing or course_page(**fields)


def lab_course():
    level = level_page(number=3, slug="niveau-3", bursary_ceiling=25000)
    return course_page(level, title="Laboratoire de leadership", slug="labo", format="lab")


def make_cohort(
    course=None,
    *,
    name="Cohorte automne 2026",
    starts_on=date(2026, 9, 7),
    facilitators=(),
    sessions=(),
    pauses=(),
    **fields,
) -> Cohort:
    """A cohort of ``course`` (a new level-2 course by default)."""
    cohort = Cohort(name=name, course=course or level2_course(), starts_on=starts_on, **fields)
    cohort.facilitators = list(facilitators)
    cohort.sessions = list(sessions)
    cohort.pauses = [CohortPause(after_week=week) for week in pauses]
    cohort.save()
    return cohort


def admit(cohort, *, organisation=None, leader=None, by=None):
    return seat_admit(cohort=cohort, actor=by, organisation=organisation, leader=leader)
