"""Concurrent requests on PostgreSQL (CI runs it): nothing recorded twice, nothing lost."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from courses.models import ModuleCompletion
from lms.outbox.models import OutboxMessage
from lms.pathway.models import BursaryEligibility, Certificate, LevelCompletion
from tests.concurrency import run_together
from tests.factories import OrganisationFactory, UserFactory, course_page, module_page, webinar_page

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and real concurrency need PostgreSQL"
    ),
]


def test_twenty_concurrent_done_requests_record_one_completion():
    learner = UserFactory(organisation=OrganisationFactory(), roles=["learner"])
    course = course_page()
    module = module_page(course, week=1)
    module_page(course, week=2)

    def press_done():
        client = Client()
        client.force_login(learner)
        response = client.post(module.url, {"action": "complete"})
        assert response.status_code == 302

    errors = run_together([press_done] * 20)

    assert errors == []
    assert ModuleCompletion.objects.filter(learner=learner, module=module).count() == 1


def test_two_learners_of_one_organisation_finishing_together_make_one_eligibility(mailoutbox):
    from webinars.services import attendance_mark

    organisation = OrganisationFactory()
    first, second = (UserFactory(organisation=organisation, roles=["learner"]) for _ in range(2))
    staff = UserFactory(roles=["staff"])
    start = timezone.now() - timedelta(days=1)
    session = webinar_page(sessions=[{"starts_at": start, "duration_minutes": 100}]).sessions.get()

    def attend(learner):
        return lambda: attendance_mark(
            session=session,
            learner=learner,
            minutes_present=95,
            recorded_by=staff,
            reason="Présence vérifiée",
        )

    errors = run_together([attend(first), attend(second)] * 5)

    assert errors == []
    assert LevelCompletion.objects.filter(level=1).count() == 2
    assert BursaryEligibility.objects.filter(organisation=organisation, level=1).count() == 1
    assert OutboxMessage.objects.filter(kind="pathway.eligibility_contacts").count() == 1
    assert OutboxMessage.objects.filter(kind="pathway.eligibility_staff").count() == 1
    assert Certificate.objects.count() == 2
    notices = [m for m in mailoutbox if "admissib" in m.subject.lower()]
    assert len(notices) == 2  # one to the organisation, one to the one staff member
    assert len([m for m in mailoutbox if "certificat" in m.subject.lower()]) == 2
