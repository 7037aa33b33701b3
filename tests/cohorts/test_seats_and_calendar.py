from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cohorts.models import Cohort, CohortPause, CohortSeat
from cohorts.selectors.learner import (
    cohort_calendar,
    leader_admitted_to_lab,
    organisation_has_level2_seat,
)
from cohorts.services import seat_admit, seat_remove
from courses.schedule import course_calendar
from courses.services import ModuleLocked, module_complete
from tests.factories import OrganisationFactory, UserFactory, course_page, level_page, module_page


@pytest.fixture
def course(db):
    return course_page(level_page(number=2, slug="acceleration"), lock_by_week=True)


@pytest.fixture
def cohort(course):
    return Cohort.objects.create(
        name="Cohorte Montréal 1", course=course, starts_on=date(2027, 1, 11)
    )


@pytest.mark.django_db
def test_week_n_opens_n_minus_1_weeks_after_the_start(cohort):
    weeks = cohort.week_starts()
    assert weeks[1] == date(2027, 1, 11)
    assert weeks[12] == date(2027, 1, 11) + timedelta(weeks=11)


@pytest.mark.django_db
def test_a_pause_week_pushes_the_later_weeks_back(cohort):
    CohortPause.objects.create(cohort=cohort, after_week=4)
    weeks = cohort.week_starts()
    assert weeks[4] == date(2027, 2, 1)
    assert weeks[5] == date(2027, 2, 15)  # not the 8th: that week is the pause


@pytest.mark.django_db
def test_the_cohort_calendar_locks_modules_for_its_learners_only(course, cohort, staff):
    organisation = OrganisationFactory()
    member = UserFactory(organisation=organisation)
    outsider = UserFactory(organisation=OrganisationFactory())
    cohort.starts_on = timezone.localdate()  # a cohort starting today
    cohort.save()
    seat_admit(cohort=cohort, actor=staff, organisation=organisation)
    later = module_page(course, week=3)

    calendar = course_calendar(learner=member, course=course)
    assert calendar.source == "cohort"
    with pytest.raises(ModuleLocked) as locked:
        module_complete(learner=member, module=later)
    assert locked.value.opens_on == timezone.localdate() + timedelta(weeks=2)
    assert cohort_calendar(learner=outsider, course=course) is None


@pytest.mark.django_db
def test_a_late_start_keeps_week_one_closed_until_then(course, cohort, staff):
    organisation = OrganisationFactory()
    member = UserFactory(organisation=organisation)
    cohort.starts_on = timezone.localdate() + timedelta(days=10)
    cohort.save()
    seat_admit(cohort=cohort, actor=staff, organisation=organisation)
    with pytest.raises(ModuleLocked):
        module_complete(learner=member, module=module_page(course, week=1))


@pytest.mark.django_db
def test_admitting_and_removing_a_seat_is_recorded_with_who_and_when(cohort, staff):
    organisation = OrganisationFactory()
    seat = seat_admit(cohort=cohort, actor=staff, organisation=organisation)
    assert organisation_has_level2_seat(organisation=organisation)
    with pytest.raises(ValidationError):
        seat_admit(cohort=cohort, actor=staff, organisation=organisation)

    seat_remove(seat=seat, actor=staff)
    seat.refresh_from_db()
    assert (seat.admitted_by, seat.removed_by) == (staff, staff)
    assert seat.removed_at is not None
    assert not organisation_has_level2_seat(organisation=organisation)
    assert set(ModelLogEntry.objects.values_list("action", flat=True)) == {
        "cohorts.seat.admitted",
        "cohorts.seat.removed",
    }
    seat_admit(cohort=cohort, actor=staff, organisation=organisation)  # admitted again
    assert CohortSeat.objects.filter(cohort=cohort, organisation=organisation).count() == 2


@pytest.mark.django_db
def test_the_lab_admits_leaders_and_a_course_cohort_organisations(cohort, staff):
    lab = course_page(level_page(number=3, slug="innovation"), format="lab", slug="labo")
    lab_cohort = Cohort.objects.create(name="Labo 1", course=lab, starts_on=date(2027, 2, 1))
    leader = UserFactory()
    with pytest.raises(ValidationError):
        seat_admit(cohort=lab_cohort, actor=staff, organisation=OrganisationFactory())
    with pytest.raises(ValidationError):
        seat_admit(cohort=cohort, actor=staff, leader=leader)
    seat_admit(cohort=lab_cohort, actor=staff, leader=leader)
    assert leader_admitted_to_lab(learner=leader)
