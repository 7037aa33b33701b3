"""A learner sees their cohort on the course page: its name, facilitators, weeks."""

import html as htmllib
from datetime import date

import pytest

from cohorts.selectors.calendar import cohort_schedule
from cohorts.services import seat_remove
from courses.models import ModuleCompletion
from tests.cohorts.builders import admit, level2_course, make_cohort
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    home_page,
    module_page,
    translate,
)


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


@pytest.fixture
def course(db):
    course = level2_course(duration_weeks=4)
    module_page(course, week=1)
    return course


@pytest.fixture
def cohort(course, organisation):
    facilitators = [
        UserFactory(first_name="Léa", last_name="Roy", email="lea.roy@nordouvert.test"),
        UserFactory(first_name="Noé", last_name="Bouchard", email="noe@nordouvert.test"),
    ]
    cohort = make_cohort(course, starts_on=date(2026, 9, 7), facilitators=facilitators, pauses=[2])
    admit(cohort, organisation=organisation)
    return cohort


def test_the_schedule_puts_each_pause_week_in_its_place(cohort):
    rows = [(row.week, row.starts_on) for row in cohort_schedule(cohort)]
    assert rows == [
        (1, date(2026, 9, 7)),
        (2, date(2026, 9, 14)),
        (None, date(2026, 9, 21)),
        (3, date(2026, 9, 28)),
        (4, date(2026, 10, 5)),
    ]


@pytest.mark.django_db
def test_a_learner_sees_their_cohort_its_facilitators_and_weeks(client, course, cohort, learner):
    classmate = UserFactory(
        first_name="Zoé", last_name="Lapointe", organisation=learner.organisation
    )
    ModuleCompletion.objects.create(
        learner=classmate, module=course.get_children().specific().first(), module_title="M"
    )
    client.force_login(learner)

    page = text(client.get(course.url))

    assert "Votre cohorte : Cohorte automne 2026" in page
    assert "Animation : Noé Bouchard, Léa Roy" in page
    assert "lea.roy@nordouvert.test" not in page and "noe@nordouvert.test" not in page
    calendar = page[page.index("Votre cohorte") :]
    assert "Semaine 1" in calendar and "7 septembre 2026" in calendar
    assert calendar.index("14 septembre 2026") < calendar.index("Semaine de pause")
    assert calendar.index("Semaine de pause") < calendar.index("21 septembre 2026")
    assert calendar.index("21 septembre 2026") < calendar.index("28 septembre 2026")
    assert "5 octobre 2026" in calendar
    assert "Zoé" not in page and "Lapointe" not in page  # never another learner's progress
    assert "0 module obligatoire terminé sur 1" in page  # her own progress only


@pytest.mark.django_db
def test_the_english_page_shows_the_same_cohort_in_english(client, course, cohort, learner):
    translate(home_page(), title="Home", slug="home")
    translate(course.get_parent().specific, title="Level 2")
    english = translate(course, title="12-week course")
    client.force_login(learner)

    page = text(client.get(english.url))

    assert "Your cohort: Cohorte automne 2026" in page
    assert "Your facilitators: Noé Bouchard, Léa Roy" in page
    assert "Pause week" in page


@pytest.mark.django_db
def test_a_learner_of_another_organisation_sees_nothing_of_the_cohort(client, course, cohort):
    outsider = UserFactory(organisation=OrganisationFactory(), roles=["learner"])
    client.force_login(outsider)

    page = text(client.get(course.url))

    assert "Cohorte automne 2026" not in page
    assert "Votre cohorte" not in page
    assert "Léa Roy" not in page and "Semaine de pause" not in page


@pytest.mark.django_db
def test_a_removed_seat_no_longer_shows_the_cohort(client, course, cohort, learner, staff):
    seat_remove(seat=cohort.seats.get(), actor=staff)
    client.force_login(learner)
    assert "Votre cohorte" not in text(client.get(course.url))


@pytest.mark.django_db
def test_visitors_see_no_cohort(client, course, cohort):
    assert "Votre cohorte" not in text(client.get(course.url))
