"""A requester is no member until accepted: the cohort grid, cohort messages and bursary
eligibility, which read ``User.organisation``, leave them out until then."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cohorts.messages.services import cohort_message_recipient_ids
from cohorts.selectors.grid import cohort_grid
from lms.accounts.models import OrganisationJoinRequest
from lms.accounts.services import join_request_accept
from lms.pathway.models import BursaryEligibility, LevelCompletion
from tests.cohorts.builders import admit, make_cohort
from tests.factories import UserFactory, webinar_page
from webinars.services import attendance_mark


def requester(organisation, email):
    person = UserFactory(email=email, roles=["learner"])
    OrganisationJoinRequest.objects.create(person=person, organisation=organisation)
    return person


@pytest.mark.django_db
def test_a_requester_is_in_the_cohort_grid_and_messages_only_once_accepted(
    organisation, learner, staff
):
    cohort = make_cohort()
    admit(cohort, organisation=organisation)
    person = requester(organisation, "demande@exemple.test")

    def grid_learners():
        return {row.learner for group in cohort_grid(cohort=cohort).groups for row in group.rows}

    assert grid_learners() == {learner}
    assert cohort_message_recipient_ids(cohort=cohort, audience="all") == [learner.pk]

    join_request_accept(request=person.join_requests.get(), actor=staff)

    assert grid_learners() == {learner, person}
    assert sorted(cohort_message_recipient_ids(cohort=cohort, audience="all")) == sorted(
        [learner.pk, person.pk]
    )


@pytest.mark.django_db
def test_a_requesters_completion_does_not_make_the_organisation_eligible(
    organisation, staff, django_capture_on_commit_callbacks
):
    start = timezone.now() - timedelta(days=1)
    session = webinar_page(sessions=[{"starts_at": start, "duration_minutes": 100}]).sessions.get()
    waiting = requester(organisation, "attend@exemple.test")
    accepted = requester(organisation, "acceptee@exemple.test")
    join_request_accept(request=accepted.join_requests.get(), actor=staff)
    accepted.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark(
            session=session, learner=waiting, minutes_present=90, recorded_by=staff, reason="Là"
        )
    assert LevelCompletion.objects.get(learner=waiting).organisation is None
    assert not BursaryEligibility.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark(
            session=session, learner=accepted, minutes_present=90, recorded_by=staff, reason="Là"
        )
    assert BursaryEligibility.objects.get().organisation == organisation
