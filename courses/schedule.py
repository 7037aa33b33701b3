"""When each module of a course opens for a learner.

A course can open its modules week by week (``CoursePage.lock_by_week``). The weeks are
those of the learner's *calendar*: the cohorts app registers a calendar provider that
answers with the learner's cohort calendar (its start date, its pause weeks); when no
provider answers, the course's own default start date is used; with neither, every
module is open, since there is nothing to count weeks from.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class CourseCalendar:
    """The date each week of a course opens for one learner."""

    week_starts: dict[int, date] = field(default_factory=dict)
    #: Who set it: "course" (its default start date) or a provider's name ("cohort").
    source: str = "course"

    @classmethod
    def weekly(cls, *, start: date, weeks: int, source: str = "course") -> "CourseCalendar":
        """Week N opens N - 1 weeks after ``start``."""
        return cls({n: start + timedelta(weeks=n - 1) for n in range(1, weeks + 1)}, source)

    def opens_on(self, week: int) -> date | None:
        """Return the day ``week`` opens, or None when the calendar does not say."""
        if week in self.week_starts:
            return self.week_starts[week]
        if not self.week_starts:
            return None
        # A module set beyond the calendar opens a week after the last week it knows.
        last = max(self.week_starts)
        return self.week_starts[last] + timedelta(weeks=week - last)


#: Functions (learner, course) -> CourseCalendar | None, asked in order.
CalendarProvider = Callable[..., CourseCalendar | None]
_providers: list[CalendarProvider] = []


def register_calendar_provider(provider: CalendarProvider) -> CalendarProvider:
    """Let another app (cohorts) give learners their own calendar for a course."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def course_calendar(*, learner, course) -> CourseCalendar | None:
    """Return the calendar that opens ``course``'s modules for ``learner``, if any."""
    if not course.lock_by_week:
        return None
    if learner is not None and learner.is_authenticated:
        for provider in _providers:
            calendar = provider(learner=learner, course=course)
            if calendar is not None:
                return calendar
    if course.starts_on:
        return CourseCalendar.weekly(start=course.starts_on, weeks=course.duration_weeks)
    return None


def module_opens_on(*, calendar: CourseCalendar | None, week: int, today: date | None = None):
    """Return the day a module of ``week`` opens if that is still to come, else None."""
    if calendar is None:
        return None
    opening = calendar.opens_on(week)
    today = today or timezone.localdate()
    return opening if opening and opening > today else None


#: Functions (learner, course) -> an overview of the learner's cohort for the course (its
#: name, facilitators and calendar) or None; the cohorts app registers one.
CohortOverviewProvider = Callable[..., object | None]
_overview_providers: list[CohortOverviewProvider] = []


def register_cohort_overview_provider(provider: CohortOverviewProvider) -> CohortOverviewProvider:
    """Let another app (cohorts) show a learner their cohort on the course page."""
    if provider not in _overview_providers:
        _overview_providers.append(provider)
    return provider


def learner_cohort_overview(*, learner, course):
    """Return what ``learner`` may see of their cohort for ``course``, if any app knows."""
    for provider in _overview_providers:
        overview = provider(learner=learner, course=course)
        if overview is not None:
            return overview
    return None
