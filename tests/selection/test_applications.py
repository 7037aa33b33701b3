"""Applications through the site: start, drafts, what is missing, submission, versions,
return for changes, the acceleration plan, and the e-mails to the contact people."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.outbox.models import OutboxMessage
from lms.selection.effects import APPLICATION_STATE
from lms.selection.models import Application, ApplicationVersion, CallKind
from lms.selection.services import ApplicationError, application_return, application_start
from tests.selection.builders import contact, eligible_organisation, make_call, submitted_plan
from tests.selection.conftest import form_data

pytestmark = pytest.mark.django_db

LINES = [("equipment", "Portables reconditionnés", "1200.50"), ("software", "Licences", "300")]


def start(client, person, call):
    client.force_login(person)
    response = client.post(reverse("selection_call_apply", args=[call.pk]))
    return Application.objects.get(call=call, organisation=person.organisation), response


def test_a_contact_starts_one_application_per_organisation_and_call(client, seed_call, applicant):
    application, response = start(client, applicant, seed_call)
    assert response.url == reverse("selection_application", args=[application.pk])
    colleague = contact(applicant.organisation)
    again, _ = start(client, colleague, seed_call)
    assert again == application
    assert Application.objects.count() == 1
    with pytest.raises(IntegrityError):
        Application.objects.create(call=seed_call, organisation=applicant.organisation)


def test_an_organisation_that_may_not_apply_is_told_so(client, seed_call):
    stranger = contact(eligible_organisation(2))
    client.force_login(stranger)
    response = client.post(reverse("selection_call_apply", args=[seed_call.pk]), follow=True)
    assert not Application.objects.exists()
    assert "Votre organisme ne peut pas déposer de candidature" in response.content.decode()


def test_a_draft_is_saved_as_typed_and_lists_what_is_missing(client, seed_call, applicant):
    application, _ = start(client, applicant, seed_call)
    url = reverse("selection_application", args=[application.pk])
    page = client.get(url).content.decode()
    assert 'href="#id_title"' in page and 'href="#budget"' in page
    response = client.post(url, form_data(lines=LINES))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.title == "Café & co <b>"
    assert application.state == Application.State.DRAFT
    assert [line.amount for line in application.budget_lines.all()] == [pytest.approx(1200.50), 300]
    page = client.get(url).content.decode()
    assert "Café &amp; co &lt;b&gt;" in page and "&amp;amp;" not in page
    assert 'href="#id_title"' not in page
    assert 'value="submit"' in page


def test_a_budget_beyond_the_ceiling_is_said_and_blocks_submission(client, seed_call, applicant):
    application, _ = start(client, applicant, seed_call)
    url = reverse("selection_application", args=[application.pk])
    client.post(url, form_data(lines=[("rollout", "Déploiement", "6000")]))
    page = client.get(url).content.decode()
    assert "dépasse le plafond de l’appel" in page
    assert "1\xa0000,00" in page or "1 000,00" in page or "1\u202f000,00" in page
    client.post(url, form_data(lines=[("rollout", "Déploiement", "6000")], then="submit"))
    application.refresh_from_db()
    assert application.state == Application.State.DRAFT
    assert not ApplicationVersion.objects.exists()


def test_submission_freezes_a_version_and_return_makes_version_2(
    client, seed_call, applicant, staff, mailoutbox, django_capture_on_commit_callbacks
):
    english = contact(applicant.organisation, language="en", first_name="Ada")
    application, _ = start(client, applicant, seed_call)
    url = reverse("selection_application", args=[application.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, form_data(lines=LINES, then="submit"))
    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED
    version = application.versions.get()
    assert version.number == 1
    assert version.content["title"] == "Café & co <b>"
    assert version.content["total"] == "1500.50"
    # Frozen: a post changes nothing.
    assert client.post(url, form_data(title="Autre")).status_code == 404
    page = client.get(url).content.decode()
    assert "Portables reconditionnés" in page and "Équipement" in page
    # One e-mail per contact, in their language.
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [applicant.email, english.email]
    )
    by_person = {message.to[0]: message for message in mailoutbox}
    assert "est déposée" in by_person[applicant.email].subject
    assert "submitted" in by_person[english.email].subject
    assert OutboxMessage.objects.filter(kind=APPLICATION_STATE).count() == 2

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application_return(application=application, actor=staff, reason="Précisez le budget.")
    application.refresh_from_db()
    assert application.state == Application.State.RETURNED
    assert len(mailoutbox) == 2
    returned = {message.to[0]: message for message in mailoutbox}
    assert "Précisez le budget." in returned[applicant.email].body
    assert "renvoyée pour modifications" in returned[applicant.email].subject
    assert "returned for changes" in returned[english.email].subject
    page = client.get(url).content.decode()
    assert "Précisez le budget." in page
    client.post(url, form_data(title="Projet révisé", lines=LINES, then="submit"))
    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED
    assert [v.number for v in application.versions.all()] == [1, 2]
    assert application.versions.get(number=1).content["title"] == "Café & co <b>"
    assert application.versions.get(number=2).content["title"] == "Projet révisé"


def test_return_needs_a_reason_and_a_submitted_application(seed_call, applicant, staff):
    application = application_start(
        call=seed_call, organisation=applicant.organisation, person=applicant
    )
    with pytest.raises(ApplicationError):
        application_return(application=application, actor=staff, reason="Raison")
    with pytest.raises(ApplicationError):
        application_return(application=application, actor=staff, reason="  ")


def test_the_acceleration_bursary_attaches_the_latest_submitted_plan(client):
    call = make_call(CallKind.ACCELERATION, title="Accélération 2026")
    organisation = eligible_organisation(2)
    person = contact(organisation)
    application, _ = start(client, person, call)
    url = reverse("selection_application", args=[application.pk])
    page = client.get(url).content.decode()
    assert reverse("plan_edit") in page  # missing: the plan, linked
    submitted_plan(organisation, 1)
    latest = submitted_plan(organisation, 2)
    client.post(url, form_data(lines=LINES))
    application.refresh_from_db()
    assert application.plan_version == latest
    page = client.get(url).content.decode()
    assert reverse("plan_version", args=[2]) in page
    client.post(url, form_data(lines=LINES, then="submit"))
    assert application.versions.get().content["plan_version"] == 2


def test_the_page_takes_the_same_queries_whatever_the_budget(client, seed_call, applicant):
    application, _ = start(client, applicant, seed_call)
    url = reverse("selection_application", args=[application.pk])
    client.post(url, form_data(lines=LINES[:1]))
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    client.post(url, form_data(lines=LINES * 8))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_no_submission_after_the_call_closes(client, seed_call, applicant):
    application, _ = start(client, applicant, seed_call)
    url = reverse("selection_application", args=[application.pk])
    client.post(url, form_data(lines=LINES))
    seed_call.opens_on = seed_call.closes_on = timezone.localdate() - timedelta(days=1)
    seed_call.save()
    page = client.post(url, form_data(lines=LINES, then="submit"), follow=True)
    assert "L’appel est fermé." in page.content.decode()
    assert not ApplicationVersion.objects.exists()
