"""A cohort's calendar: its weeks in order with its pause weeks in their place, and where
a day falls in it (the week expected by then, a pause, the end)."""

from dataclasses import dataclass
from datetime import date, timedelta

from cohorts.models import Cohort


@dataclass(frozen=True)
class CalendarRow:
    """One week of a cohort's calendar: a week of the course, or a pause week."""

    starts_on: date
    #: The week of the course; None for a pause week.
    week: int | None = None

    @property
    def is_pause(self) -> bool:
        return self.week is None


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


def expected_week(*, week_starts: dict[int, date], today: date) -> int | None:
    """Return the latest week whose start is on or before ``today`` (None before week 1)."""
    started = [week for week, starts_on in week_starts.items() if starts_on <= today]
    return max(started) if started else None


def calendar_position(*, week_starts: dict[int, date], today: date):
    """Return (expected week, in a pause week?, calendar over?) for ``today``: a week whose
    seven days are past while the next has not opened is a pause; after the last week's
    seven days, the calendar is over."""
    current = expected_week(week_starts=week_starts, today=today)
    week_over = current is not None and today >= week_starts[current] + timedelta(weeks=1)
    last_week = max(week_starts) if week_starts else None
    return current, week_over and current != last_week, week_over and current == last_week
