"""The staff admin: calls opened with their criteria, the applications' listing (constant
queries), each one's page with its versions, and the return for changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from lms.selection.models import Application, Call
from lms.selection.services import application_start, application_submit
from tests.selection.builders import contact, eligible_organisation
from tests.selection.conftest import form_data

pytestmark = pytest.mark.django_db

INDEX = "/admin/selection/applications/"


def submitted(call, client=None):
    organisation = eligible_organisation(1)
    person = contact(organisation)
    application = application_start(call=call, organisation=organisation, person=person)
    Application.objects.filter(pk=application.pk).update(title="Café & co", summary="s",
                                                         description="d")  # fmt: skip
    application.budget_lines.create(category="equipment", description="Écrans", amount=100)
    application_submit(application=application, person=person)
    return application


def test_staff_open_a_call_with_its_criteria_in_the_admin(client, staff):
    client.force_login(staff)
    assert client.get("/admin/selection/calls/new/").status_code == 200
    data = {
        "title": "Appel « Accélération »",
        "kind": "acceleration",
        "opens_on": "2026-01-01",
        "closes_on": "2026-02-01",
        "guide_fr": rich_text("<p>Le guide : Café & co</p>"),
        "guide_en": rich_text("<p>The guide</p>"),
        "ceiling": "10000",
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        "criteria-0-title": "Impact",
        "criteria-0-description": "1 = faible",
        "criteria-0-weight": "3",
        "criteria-0-ORDER": "1",
    }
    response = client.post("/admin/selection/calls/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    call = Call.objects.get()
    assert [c.title for c in call.criteria.all()] == ["Impact"]
    page = client.get(reverse("selection_call", args=[call.pk])).content.decode()
    assert "Le guide : Café &amp; co" in page


def test_the_listing_takes_the_same_queries_as_applications_grow(client, staff, seed_call):
    client.force_login(staff)
    submitted(seed_call)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as few:
        assert client.get(INDEX).status_code == 200
    for _ in range(4):
        submitted(seed_call)
    with CaptureQueriesContext(connection) as many:
        page = client.get(INDEX).content.decode()
    assert len(many) == len(few)
    assert page.count("Organisme communautaire") >= 5


def test_staff_read_an_application_and_return_it_for_changes(
    client, staff, seed_call, mailoutbox, django_capture_on_commit_callbacks
):
    application = submitted(seed_call)
    client.force_login(staff)
    page = client.get(f"{INDEX}{application.pk}/").content.decode()
    assert "Café &amp; co" in page and "Écrans" in page
    return_url = f"{INDEX}{application.pk}/return/"
    assert return_url in page
    response = client.post(return_url, {"reason": ""})
    assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(return_url, {"reason": "Ajoutez un devis."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == Application.State.RETURNED
    assert len(mailoutbox) == 1 and "Ajoutez un devis." in mailoutbox[0].body
    page = client.get(reverse("selection_applications:inspect", args=[application.pk]))
    assert return_url not in page.content.decode()


def test_the_applicant_resubmits_after_a_return(client, staff, seed_call):
    application = submitted(seed_call)
    client.force_login(staff)
    client.post(f"{INDEX}{application.pk}/return/", {"reason": "Ajoutez un devis."})
    person = application.organisation.contacts.get().person
    client.force_login(person)
    url = reverse("selection_application", args=[application.pk])
    client.post(url, form_data(lines=[("equipment", "Écrans", "100")], then="submit"))
    assert [v.number for v in application.versions.all()] == [1, 2]


def test_a_seat_call_needs_its_cohort_and_a_bursary_its_ceiling(client, staff):
    client.force_login(staff)
    data = {
        "title": "Places niveau 2",
        "kind": "level2_seat",
        "opens_on": "2026-01-01",
        "closes_on": "2026-02-01",
        "guide_fr": rich_text(""),
        "guide_en": rich_text(""),
        "criteria-TOTAL_FORMS": "0",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    response = client.post("/admin/selection/calls/new/", data)
    assert response.status_code == 200
    assert "Un appel pour une place indique la cohorte" in response.content.decode()
    response = client.post("/admin/selection/calls/new/", {**data, "kind": "seed"})
    assert "Un appel pour une bourse a un montant plafond." in response.content.decode()
    assert not Call.objects.exists()
