""" "Mon parcours": the open calls the organisation may apply to, its applications."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.selection.models import CallKind
from lms.selection.selectors import call_steps
from lms.selection.services import application_start
from tests.factories import UserFactory
from tests.selection.builders import contact, make_call

pytestmark = pytest.mark.django_db


def test_mon_parcours_lists_the_open_calls_and_the_applications(client, seed_call, applicant):
    other_kind = make_call(CallKind.ACCELERATION, title="Appel accélération XYZ")  # not eligible
    steps = call_steps(learner=applicant)
    assert [(step.level, step.url) for step in steps] == [
        (1, reverse("selection_call", args=[seed_call.pk]))
    ]
    application = application_start(
        call=seed_call, organisation=applicant.organisation, person=applicant
    )
    steps = call_steps(learner=applicant)
    assert [step.url for step in steps] == [reverse("selection_application", args=[application.pk])]
    client.force_login(applicant)
    page = client.get(reverse("pathway_dashboard")).content.decode()
    assert seed_call.title.replace("«", "&laquo;") in page or "Semence" in page
    assert other_kind.title not in page


def test_the_steps_take_the_same_queries_whatever_the_calls(seed_call, applicant):
    with CaptureQueriesContext(connection) as few:
        call_steps(learner=applicant)
    for number in range(5):
        make_call(CallKind.SEED, title=f"Appel {number}")
    colleague = contact(applicant.organisation)
    with CaptureQueriesContext(connection) as many:
        assert len(call_steps(learner=colleague)) == 6
    assert len(many) == len(few)


def test_a_learner_who_is_not_a_contact_follows_the_state_and_reads_the_call(seed_call, applicant):
    application_start(call=seed_call, organisation=applicant.organisation, person=applicant)
    colleague = UserFactory(organisation=applicant.organisation, roles=["learner"])
    (step,) = call_steps(learner=colleague)
    assert step.url == reverse("selection_call", args=[seed_call.pk])
    assert "Brouillon enregistré" in step.status
