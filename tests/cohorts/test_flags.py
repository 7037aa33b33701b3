"""Who is flagged: behind the calendar by the cohort's number of required modules, or
without activity for its number of days. Both thresholds are the cohort's own."""

from datetime import date, timedelta

import pytest

from cohorts.selectors.grid import cohort_grid
from tests.cohorts.conftest import answer, complete, learner_of, rate

#: Monday of week 3: four required modules are due (two in week 1, one each in 2 and 3).
WEEK_3 = date(2026, 1, 26)


@pytest.fixture
def alice(kitchen):
    return learner_of(kitchen, "Alice")


def flags(cohort, today=WEEK_3):
    [row] = cohort_grid(cohort=cohort, today=today).rows
    return row


def test_two_required_modules_behind_is_behind(cohort, modules, alice):
    complete(alice, modules["w1a"], on=WEEK_3)
    complete(alice, modules["w1b"], on=WEEK_3)

    row = flags(cohort)

    assert (row.required_due, row.required_due_done, row.behind_by) == (4, 2, 2)
    assert row.behind


def test_one_module_behind_is_not_behind(cohort, modules, alice):
    for key in ("w1a", "w1b", "w2"):
        complete(alice, modules[key], on=WEEK_3)

    assert not flags(cohort).behind


def test_optional_and_future_modules_do_not_count(cohort, modules, alice):
    # Done ahead of time or optional: they do not make up for a due module.
    for key in ("w1a", "w1b", "w3opt", "w4"):
        complete(alice, modules[key], on=WEEK_3)

    row = flags(cohort)

    assert row.behind_by == 2 and row.behind


def test_the_behind_threshold_is_the_cohorts(cohort, modules, alice):
    for key in ("w1a", "w1b", "w2"):
        complete(alice, modules[key], on=WEEK_3)
    cohort.behind_modules = 1
    cohort.save()

    assert flags(cohort).behind


def test_inactive_after_fourteen_days_without_activity(cohort, modules, alice):
    for key in ("w1a", "w1b", "w2", "w3"):
        complete(alice, modules[key], on=WEEK_3 - timedelta(days=14))

    row = flags(cohort)
    assert (row.idle_days, row.inactive, row.behind) == (14, True, False)

    assert not flags(cohort, today=WEEK_3 - timedelta(days=1)).inactive


@pytest.mark.parametrize("record", [answer, rate, complete])
def test_any_activity_counts(cohort, modules, alice, record):
    record(alice, modules["w4"], on=WEEK_3 - timedelta(days=2))

    row = flags(cohort)

    assert row.idle_days == 2 and not row.inactive


def test_no_activity_since_the_start_fourteen_days_ago_is_inactive(cohort, alice):
    row = flags(cohort, today=date(2026, 1, 19))

    assert (row.last_activity, row.idle_days, row.inactive) == (None, 14, True)


def test_the_inactivity_threshold_is_the_cohorts(cohort, modules, alice):
    complete(alice, modules["w1a"], on=WEEK_3 - timedelta(days=7))
    assert not flags(cohort).inactive

    cohort.inactive_days = 7
    cohort.save()

    assert flags(cohort).inactive
