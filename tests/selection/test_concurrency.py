"""Concurrent requests on PostgreSQL: contacts starting and submitting together make one
application, one version and one e-mail per contact; a member's scores submitted twice at
once make one review; staff recording a decision at once record one, and move the
eligibility exactly once."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.outbox.models import OutboxMessage
from lms.pathway.models import BursaryEligibility
from lms.selection.effects import APPLICATION_STATE
from lms.selection.models import (
    Application,
    ApplicationVersion,
    CallKind,
    Decision,
    Review,
    Score,
)
from lms.selection.services import conflict_declare
from tests.factories import UserFactory
from tests.pathway.test_concurrency import run_together
from tests.selection.builders import (
    contact,
    eligible_organisation,
    make_call,
    make_committee,
    member,
    submitted_application,
)
from tests.selection.conftest import form_data

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and real concurrency need PostgreSQL"
    ),
]


def test_contacts_starting_and_submitting_together_make_one_application_and_one_version():
    call = make_call(CallKind.SEED)
    organisation = eligible_organisation(1)
    people = [contact(organisation, first_name=f"Chloé {n}") for n in range(6)]

    def start(person):
        def run():
            client = Client()
            client.force_login(person)
            response = client.post(reverse("selection_call_apply", args=[call.pk]))
            assert response.status_code == 302

        return run

    assert run_together([start(person) for person in people]) == []
    application = Application.objects.get()
    url = reverse("selection_application", args=[application.pk])

    def submit(person):
        def run():
            client = Client()
            client.force_login(person)
            data = form_data(lines=[("equipment", "Écrans", "100")], then="submit")
            assert client.post(url, data).status_code == 302

        return run

    assert run_together([submit(person) for person in people]) == []
    assert ApplicationVersion.objects.filter(application=application).count() == 1
    assert OutboxMessage.objects.filter(kind=APPLICATION_STATE).count() == len(people)


def test_a_member_submitting_their_scores_twice_at_once_keeps_one_review():
    call = make_call(CallKind.SEED)
    committee = make_committee(call)
    application = submitted_application(call, name="Coopérative « Ensemble »")
    seat = member(committee)
    conflict_declare(member=seat, application=application, has_conflict=False)
    url = reverse("selection_committee_review", args=[application.pk])
    data = {}
    for criterion in call.criteria.all():
        data[f"score_{criterion.pk}"] = "4"
        data[f"comment_{criterion.pk}"] = "Solide"

    def submit():
        client = Client()
        client.force_login(seat.person)
        assert client.post(url, data).status_code == 302

    assert run_together([submit for _n in range(4)]) == []
    assert Review.objects.filter(member=seat, application=application).count() == 1
    assert Score.objects.filter(review__member=seat).count() == call.criteria.count()


def test_staff_recording_the_decision_at_once_move_the_eligibility_exactly_once():
    call = make_call(CallKind.SEED)
    committee = make_committee(call)
    application = submitted_application(call, name="Coopérative « Ensemble »")
    url = f"/admin/selection/applications/{application.pk}/decision/"
    staff = [UserFactory(roles=["staff"], first_name=f"Zoé {n}") for n in range(4)]
    data = {
        "outcome": "accepted",
        "amount": "800",
        "reasons": "Projet solide",
        "decided_on": timezone.localdate().isoformat(),
        "participants": [m.pk for m in committee.members.all()],
    }

    def record(person, outcome):
        def run():
            client = Client()
            client.force_login(person)
            response = client.post(
                url,
                {
                    **data,
                    "outcome": outcome,
                    "amount": data["amount"] if outcome == "accepted" else "",
                },
            )
            assert response.status_code in (200, 302)

        return run

    outcomes = ["accepted", "refused", "accepted", "refused"]
    assert run_together([record(p, o) for p, o in zip(staff, outcomes, strict=True)]) == []
    decision = Decision.objects.get(application=application)
    eligibility = BursaryEligibility.objects.get(organisation=application.organisation)
    expected = "awarded" if decision.outcome == "accepted" else "declined"
    assert eligibility.status == expected
    assert eligibility.changes.filter(to_status=expected).count() == 1
    contacts = application.organisation.contacts.count()
    assert (
        OutboxMessage.objects.filter(kind=APPLICATION_STATE, payload__event="decided").count()
        == contacts
    )
