"""The progress grid's content against a known cohort (see conftest)."""

from datetime import date

import pytest

from cohorts.models import Cohort
from cohorts.selectors.grid import CellStatus, GridSort, GridStatusFilter, cohort_grid
from cohorts.services import seat_admit, seat_remove
from tests.cohorts.conftest import answer, complete, learner_of, rate
from tests.factories import OrganisationFactory, UserFactory, course_page, level_page, module_page

DONE, IN_PROGRESS, NOT_STARTED = CellStatus.DONE, CellStatus.IN_PROGRESS, CellStatus.NOT_STARTED
#: A Wednesday of week 3 (which opened on Monday 26 January, after the pause).
TODAY = date(2026, 1, 28)


@pytest.fixture
def people(kitchen, library, modules):
    alice = learner_of(kitchen, "Alice")
    beatrice = learner_of(kitchen, "Béatrice")
    chloe = learner_of(library, "Chloé")
    denis = learner_of(library, "Denis")
    for key in ("w1a", "w1b", "w2"):
        complete(alice, modules[key], on=date(2026, 1, 20))
    answer(alice, modules["w3"], on=date(2026, 1, 27))
    complete(beatrice, modules["w1a"], on=date(2026, 1, 6))
    for module in modules.values():
        complete(denis, module, on=date(2026, 1, 27))
    rate(denis, modules["w4"], on=TODAY)
    return {"alice": alice, "beatrice": beatrice, "chloe": chloe, "denis": denis}


def rows_by_name(grid):
    return {row.learner.first_name: row for row in grid.rows}


def test_columns_are_the_live_modules_in_order_with_the_current_week_marked(cohort, modules):
    grid = cohort_grid(cohort=cohort, today=TODAY)

    assert [c.module_id for c in grid.columns] == [m.pk for m in modules.values()]
    assert [c.week for c in grid.columns] == [1, 1, 2, 3, 3, 4]
    assert [c.required for c in grid.columns] == [True, True, True, True, False, True]
    assert [c.is_current_week for c in grid.columns] == [False, False, False, True, True, False]
    assert grid.expected_week == 3
    assert not grid.is_pause and not grid.has_ended


def test_an_unpublished_module_is_no_column(cohort, modules):
    modules["w2"].unpublish()

    grid = cohort_grid(cohort=cohort, today=TODAY)

    assert modules["w2"].pk not in [c.module_id for c in grid.columns]


def test_statuses_totals_and_last_activity(cohort, people, kitchen, library):
    grid = cohort_grid(cohort=cohort, today=TODAY)
    rows = rows_by_name(grid)

    assert [g.organisation for g in grid.groups] == [library, kitchen]  # by name
    assert [r.learner.first_name for r in grid.groups[1].rows] == ["Alice", "Béatrice"]
    assert rows["Alice"].statuses == [DONE, DONE, DONE, IN_PROGRESS, NOT_STARTED, NOT_STARTED]
    assert rows["Béatrice"].statuses == [DONE] + [NOT_STARTED] * 5
    assert rows["Chloé"].statuses == [NOT_STARTED] * 6
    assert rows["Denis"].statuses == [DONE] * 6
    assert {name: row.done for name, row in rows.items()} == {
        "Alice": 3,
        "Béatrice": 1,
        "Chloé": 0,
        "Denis": 6,
    }
    assert [c.done_count for c in grid.columns] == [3, 2, 2, 1, 1, 1]
    assert grid.learner_count == 4
    # The latest of completions, answers and feedback, in local time.
    assert rows["Alice"].last_activity.date() == date(2026, 1, 27)
    assert rows["Denis"].last_activity.date() == TODAY
    assert rows["Chloé"].last_activity is None


def test_flags_on_the_known_cohort(cohort, people):
    rows = rows_by_name(cohort_grid(cohort=cohort, today=TODAY))

    # Four required modules are due by week 3.
    assert {n: (r.required_due, r.behind_by) for n, r in rows.items()} == {
        "Alice": (4, 1),
        "Béatrice": (4, 3),
        "Chloé": (4, 4),
        "Denis": (4, 0),
    }
    assert {n for n, r in rows.items() if r.behind} == {"Béatrice", "Chloé"}
    assert {n for n, r in rows.items() if r.inactive} == {"Béatrice", "Chloé"}
    assert rows["Béatrice"].idle_days == 22
    assert rows["Chloé"].idle_days == 23  # no activity: counted from the start


def test_only_learners_of_active_seats_count(cohort, people, library, staff):
    outsider = UserFactory(organisation=OrganisationFactory(), roles=["learner"])
    complete(outsider, cohort.course.get_children().first().specific)
    seat = cohort.seats.get(organisation=library)
    seat_remove(seat=seat, actor=staff)

    grid = cohort_grid(cohort=cohort, today=TODAY)

    assert {r.learner.first_name for r in grid.rows} == {"Alice", "Béatrice"}
    assert library not in grid.organisations


def test_an_organisation_without_learners_still_shows(cohort, kitchen):
    grid = cohort_grid(cohort=cohort, today=TODAY)

    assert [(g.organisation, g.rows) for g in grid.groups] == [(kitchen, [])]


def test_filters_and_sorts(cohort, people, kitchen):
    grid = cohort_grid(cohort=cohort, today=TODAY)

    def names(**options):
        return [r.learner.first_name for r in grid.filtered(**options).rows]

    assert names(status=GridStatusFilter.BEHIND) == ["Chloé", "Béatrice"]
    assert names(status=GridStatusFilter.FLAGGED) == ["Chloé", "Béatrice"]
    assert names(status=GridStatusFilter.OK) == ["Denis", "Alice"]
    assert names(organisation=kitchen) == ["Alice", "Béatrice"]
    # Progress, lowest first: the organisation of the learner most behind leads.
    assert names(sort=GridSort.PROGRESS) == ["Chloé", "Denis", "Béatrice", "Alice"]
    # Activity, oldest first.
    assert names(sort=GridSort.ACTIVITY) == ["Chloé", "Denis", "Béatrice", "Alice"]
    filtered = grid.filtered(organisation=kitchen)
    assert [c.done_count for c in filtered.columns] == [2, 1, 1, 0, 0, 0]
    # The whole grid keeps its own totals.
    assert [c.done_count for c in grid.columns] == [3, 2, 2, 1, 1, 1]


def test_the_lab_follows_its_seated_leaders(staff, kitchen):
    lab = course_page(
        level=level_page(number=3, slug="innovation"), format="lab", slug="labo", duration_weeks=4
    )
    module = module_page(lab, week=1)
    cohort = Cohort.objects.create(name="Laboratoire 2026", course=lab, starts_on=TODAY)
    leader = learner_of(kitchen, "Léa")
    learner_of(kitchen, "Pas dans le labo")
    independent = UserFactory(roles=["learner"], first_name="Ines")
    seat_admit(cohort=cohort, actor=staff, leader=leader)
    seat_admit(cohort=cohort, actor=staff, leader=independent)
    complete(leader, module)

    grid = cohort_grid(cohort=cohort, today=TODAY)

    assert [(g.organisation, [r.learner for r in g.rows]) for g in grid.groups] == [
        (kitchen, [leader]),
        (None, [independent]),
    ]
    assert [r.statuses for r in grid.rows] == [[DONE], [NOT_STARTED]]


def test_english_readers_see_translated_titles_on_french_columns(cohort, modules):
    from django.utils import translation

    from tests.factories import home_page, translate

    translate(home_page(), title="Home", slug="home")
    translate(cohort.course.get_parent().specific, title="Level 2")
    translate(cohort.course, title="12-week course")
    translate(modules["w1a"], title="Data culture")

    with translation.override("en"):
        grid = cohort_grid(cohort=cohort, today=TODAY)

    assert grid.columns[0].module_id == modules["w1a"].pk
    assert grid.columns[0].title == "Data culture"
    assert grid.columns[1].title == "Expérimentation : repérer"


def test_messages_to_flagged_learners_use_the_grids_flags(cohort, people):
    from unittest import mock

    from cohorts.selectors.grid import cohort_flagged_learner_ids

    with mock.patch("cohorts.selectors.grid.timezone.localdate", return_value=TODAY):
        flagged = cohort_flagged_learner_ids(cohort)
    names = {people_name for people_name, person in people.items() if person.pk in flagged}
    assert names == {"beatrice", "chloe"}
