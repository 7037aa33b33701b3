"""The cohort's calendar: pause weeks push later weeks back; the expected week today."""

from datetime import date, timedelta

import pytest

from cohorts.models import Cohort, CohortPause
from cohorts.selectors.calendar import expected_week
from cohorts.selectors.grid import cohort_grid
from cohorts.services import seat_admit
from tests.cohorts.conftest import START, learner_of


def test_a_pause_week_pushes_the_later_weeks_back(cohort):
    assert cohort.week_starts() == {
        1: date(2026, 1, 5),
        2: date(2026, 1, 12),
        3: date(2026, 1, 26),  # 19 January is the pause week
        4: date(2026, 2, 2),
    }


def test_two_pauses_push_back_twice(cohort):
    CohortPause.objects.create(cohort=cohort, after_week=1)

    starts = cohort.week_starts()

    assert starts[2] == date(2026, 1, 19)
    assert starts[3] == date(2026, 2, 2)
    assert starts[4] == date(2026, 2, 9)


@pytest.mark.parametrize(
    ("today", "week"),
    [
        (START - timedelta(days=1), None),
        (START, 1),
        (date(2026, 1, 11), 1),
        (date(2026, 1, 12), 2),
        (date(2026, 1, 25), 2),  # the pause week: week 2 is still the latest open
        (date(2026, 1, 26), 3),
        (date(2026, 3, 1), 4),
    ],
)
def test_the_expected_week_is_the_latest_week_started(cohort, today, week):
    assert expected_week(week_starts=cohort.week_starts(), today=today) == week


def test_a_pause_week_shows_as_a_pause(cohort):
    grid = cohort_grid(cohort=cohort, today=date(2026, 1, 21))

    assert grid.expected_week == 2
    assert grid.is_pause
    assert grid.next_week_starts_on == date(2026, 1, 26)
    assert not any(c.is_current_week for c in grid.columns)


def test_after_the_last_week_the_calendar_is_over(cohort):
    grid = cohort_grid(cohort=cohort, today=date(2026, 2, 9))

    assert grid.expected_week == 4
    assert grid.has_ended and not grid.is_pause
    assert not any(c.is_current_week for c in grid.columns)


def test_a_late_start_expects_nothing_yet(course, modules, kitchen, facilitator):
    """A cohort that starts later than planned: before its week 1, nobody is behind,
    and nobody is inactive for lack of activity before the start."""
    today = date(2026, 1, 28)
    late = Cohort.objects.create(
        name="Cohorte tardive", course=course, starts_on=today + timedelta(days=3)
    )
    seat_admit(cohort=late, actor=facilitator, organisation=kitchen)
    learner_of(kitchen, "Alice")

    grid = cohort_grid(cohort=late, today=today)

    assert grid.expected_week is None
    assert [(r.required_due, r.behind, r.inactive, r.idle_days) for r in grid.rows] == [
        (0, False, False, 0)
    ]
    assert late.week_starts()[1] == today + timedelta(days=3)


def test_a_cohort_that_started_less_than_the_threshold_ago_flags_no_one_inactive(
    course, modules, kitchen, facilitator
):
    today = date(2026, 1, 28)
    recent = Cohort.objects.create(
        name="Récente", course=course, starts_on=today - timedelta(days=13)
    )
    seat_admit(cohort=recent, actor=facilitator, organisation=kitchen)
    learner_of(kitchen, "Alice")

    [row] = cohort_grid(cohort=recent, today=today).rows
    assert (row.idle_days, row.inactive) == (13, False)

    [row] = cohort_grid(cohort=recent, today=today + timedelta(days=1)).rows
    assert (row.idle_days, row.inactive) == (14, True)
