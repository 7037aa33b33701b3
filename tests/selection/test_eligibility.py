"""Who may apply to each kind of call: eligible, not eligible, wrong region, dates."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cohorts.models import CohortSeat
from lms.pathway.models import BursaryEligibility
from lms.selection.eligibility import facts_for, may_apply
from lms.selection.models import CallKind
from tests.cohorts.builders import admit, lab_course, make_cohort
from tests.factories import UserFactory
from tests.pathway.staff_helpers import set_status
from tests.selection.builders import (
    completed,
    eligible_organisation,
    make_call,
    plain_organisation,
)

pytestmark = pytest.mark.django_db


def answer(call, organisation, person=None, today=None):
    return may_apply(call, facts_for(organisation=organisation, person=person), today=today)


@pytest.mark.parametrize(
    ("kind", "level"),
    [(CallKind.SEED, 1), (CallKind.ACCELERATION, 2)],
)
def test_a_bursary_call_accepts_organisations_eligible_for_its_level(kind, level):
    call = make_call(kind)
    assert answer(call, eligible_organisation(level))
    assert not answer(call, eligible_organisation(3 if level != 3 else 1))
    assert not answer(call, plain_organisation())


def test_a_bursary_call_refuses_an_eligibility_that_no_longer_counts():
    call = make_call(CallKind.SEED)
    organisation = eligible_organisation(1)
    set_status(organisation.eligibilities.get(), BursaryEligibility.Status.REVOKED)
    assert not answer(call, organisation)
    set_status(organisation.eligibilities.get(), BursaryEligibility.Status.APPLIED)
    assert answer(call, organisation)


def test_a_bursary_call_covers_only_its_regions():
    call = make_call(CallKind.SEED, regions=["estrie"])
    assert answer(call, eligible_organisation(1, region_slug="estrie"))
    assert not answer(call, eligible_organisation(1, region_slug="grand-montreal"))


def test_no_call_accepts_before_it_opens_or_after_it_closes():
    call = make_call(CallKind.SEED)
    organisation = eligible_organisation(1)
    assert answer(call, organisation, today=call.opens_on)
    assert answer(call, organisation, today=call.closes_on)
    assert not answer(call, organisation, today=call.opens_on - timedelta(days=1))
    assert not answer(call, organisation, today=call.closes_on + timedelta(days=1))


def test_a_level2_seat_call_accepts_organisations_whose_learner_completed_level1():
    call = make_call(CallKind.LEVEL2_SEAT, cohort=make_cohort(), ceiling=None)
    organisation = plain_organisation()
    assert not answer(call, organisation)
    completed(organisation, 1)
    assert answer(call, organisation)
    other_region = plain_organisation()
    completed(other_region, 1)
    assert not answer(make_call(CallKind.LEVEL2_SEAT, cohort=call.cohort, regions=["estrie"]),
                      other_region)  # fmt: skip


def test_a_lab_seat_call_accepts_leaders_of_organisations_that_completed_level2():
    lab = make_cohort(lab_course(), name="Labo 2026")
    call = make_call(CallKind.LAB_SEAT, cohort=lab, ceiling=None)
    organisation = plain_organisation()
    leader = UserFactory(organisation=organisation, roles=["learner"])
    assert not answer(call, organisation, leader)
    completed(organisation, 2)
    assert answer(call, organisation, leader)


def test_a_widened_lab_seat_call_accepts_any_leader():
    lab = make_cohort(lab_course(), name="Labo 2026")
    call = make_call(CallKind.LAB_SEAT, cohort=lab, ceiling=None, open_to_other_leaders=True)
    organisation = plain_organisation()
    assert answer(call, organisation, UserFactory(organisation=organisation))


def test_an_innovation_call_accepts_projects_carried_by_a_leader_admitted_to_the_lab():
    call = make_call(CallKind.INNOVATION)
    organisation = eligible_organisation(3)
    leader = UserFactory(organisation=organisation, roles=["learner"])
    assert not answer(call, organisation, leader)
    admit(make_cohort(lab_course(), name="Labo 2026"), leader=leader)
    assert CohortSeat.objects.filter(leader=leader).exists()
    assert answer(call, organisation, leader)
    # Admitted to the lab, but the organisation is not eligible for level 3.
    other = plain_organisation()
    other_leader = UserFactory(organisation=other, roles=["learner"])
    admit(CohortSeat.objects.get(leader=leader).cohort, leader=other_leader)
    assert not answer(call, other, other_leader)


def test_the_facts_take_three_queries_whatever_the_organisation_holds(
    django_assert_num_queries,
):
    organisation = eligible_organisation(1)
    completed(organisation, 2)
    person = UserFactory(organisation=organisation)
    with django_assert_num_queries(3):
        facts_for(organisation=organisation, person=person)
    assert timezone.localdate()
