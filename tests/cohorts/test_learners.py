"""Who the cohort's learners are (``cohort_learners``): the learner accounts (active, with
the learner role) of the organisations an active seat admits, or, in the lab, the leaders
an active seat admits. The grid, the attendance rows, the session's learners, the
attendance sheet and a message to the whole cohort all reach the same people."""

from datetime import datetime
from types import SimpleNamespace as Asked

import pytest
from django.utils import timezone

from cohorts.selectors.attendance import cohort_attendance
from cohorts.selectors.grid import cohort_grid
from cohorts.selectors.learner import (
    SEATS_READ_WHOLE_BEYOND,
    leaders_admitted_to_lab,
    organisations_with_level2_seat,
)
from cohorts.selectors.people import cohort_learners, session_learners
from cohorts.services import seat_remove
from tests.cohorts.builders import admit, lab_course, make_cohort
from tests.factories import OrganisationFactory, UserFactory, webinar_page
from webinars.scope import recordable_learners


@pytest.fixture
def session(db):
    start = timezone.make_aware(datetime(2026, 9, 10, 14, 0))
    return webinar_page(sessions=[{"starts_at": start, "duration_minutes": 90}]).sessions.get()


def assert_everyone_sees(cohort, *, facilitator, session, learners):
    """The definition, and every view of the cohort's people that builds on it."""
    assert set(cohort_learners(cohort)) == learners
    assert {row.learner for row in cohort_grid(cohort=cohort).rows} == learners
    assert {row.learner for row in cohort_attendance(cohort=cohort)} == learners
    assert set(session_learners(user=facilitator, session=session)) == learners
    assert set(recordable_learners(user=facilitator, session=session)) == learners


@pytest.mark.django_db
def test_the_learners_of_a_level2_cohort_are_its_seated_organisations_learner_accounts(
    facilitator, session
):
    cohort = make_cohort(facilitators=[facilitator], sessions=[session])
    seated = OrganisationFactory(name="Cuisines collectives")
    withdrawn = OrganisationFactory(name="Organisme retiré")
    admit(cohort, organisation=seated)
    seat_remove(seat=admit(cohort, organisation=withdrawn), actor=None)

    def member(first_name, organisation=seated, **fields):
        return UserFactory(first_name=first_name, organisation=organisation, **fields)

    learner = member("Apprenante", roles=["learner"])
    also_facilitating = member("Apprenante et animatrice", roles=["learner", "facilitator"])
    # Not learners of the cohort:
    member("Animatrice", roles=["facilitator"])  # a facilitator of the organisation
    member("Équipe", roles=["staff"])  # programme staff who belong to it
    member("Sans rôle")  # an account without the learner role
    member("Fermée", roles=["learner"], is_active=False)  # a closed account
    member("Retirée", withdrawn, roles=["learner"])  # the organisation's seat was withdrawn
    member("Ailleurs", OrganisationFactory(), roles=["learner"])  # an organisation never seated
    UserFactory(first_name="Sans organisme", roles=["learner"])  # of no organisation

    assert_everyone_sees(
        cohort, facilitator=facilitator, session=session, learners={learner, also_facilitating}
    )
    other = UserFactory(roles=["facilitator"])
    assert not session_learners(user=other, session=session).exists()  # not their cohort


@pytest.mark.django_db
def test_the_learners_of_the_lab_are_its_seated_leaders_learner_accounts(facilitator, session):
    lab = make_cohort(lab_course(), facilitators=[facilitator], sessions=[session])
    organisation = OrganisationFactory()
    leader = UserFactory(first_name="Dirigeante", organisation=organisation, roles=["learner"])
    independent = UserFactory(first_name="Indépendante", roles=["learner"])  # no organisation
    withdrawn = UserFactory(first_name="Retirée", roles=["learner"])
    closed = UserFactory(first_name="Fermée", roles=["learner"], is_active=False)
    not_a_learner = UserFactory(first_name="Animatrice", roles=["facilitator"])
    for person in (leader, independent, closed, not_a_learner):
        admit(lab, leader=person)
    seat_remove(seat=admit(lab, leader=withdrawn), actor=None)
    UserFactory(first_name="Collègue", organisation=organisation, roles=["learner"])

    assert_everyone_sees(
        lab, facilitator=facilitator, session=session, learners={leader, independent}
    )


@pytest.mark.django_db
def test_the_engine_s_seat_questions_answer_alike_for_a_few_or_thousands(
    kitchen, facilitator, session
):
    lab = make_cohort(lab_course(), facilitators=[facilitator], sessions=[session])
    leader = UserFactory(first_name="Dirigeante", roles=["learner"])
    admit(lab, leader=leader)
    withdrawn = UserFactory(first_name="Retirée", roles=["learner"])
    seat_remove(seat=admit(lab, leader=withdrawn), actor=None)
    unseated = OrganisationFactory()
    # An attendance import asks for thousands: the seats are then read whole.
    crowd = [Asked(pk=10**6 + n) for n in range(SEATS_READ_WHOLE_BEYOND + 1)]
    for asked in ([kitchen, unseated], [kitchen, unseated, *crowd]):
        assert organisations_with_level2_seat(organisations=asked) == {kitchen.pk}
    for asked in ([leader, withdrawn], [leader, withdrawn, *crowd]):
        assert leaders_admitted_to_lab(learners=asked) == {leader.pk}
