"""Every application route is its organisation's contact people's only: anyone else gets
a 404 (anonymous people the login page); staff pages need the staff role."""

import pytest
from django.urls import reverse

from lms.selection.models import CallKind
from lms.selection.services import application_start
from tests.cohorts.builders import lab_course, make_cohort
from tests.factories import UserFactory
from tests.selection.builders import contact, eligible_organisation, make_call
from tests.selection.conftest import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(seed_call, applicant):
    return application_start(call=seed_call, organisation=applicant.organisation, person=applicant)


def routes(application):
    return [
        ("get", reverse("selection_application", args=[application.pk])),
        ("post", reverse("selection_application", args=[application.pk])),
    ]


@pytest.fixture(
    params=["other_contact", "learner_not_contact", "facilitator", "author", "staff_on_site"]
)
def outsider(request, applicant, facilitator, author, staff):
    if request.param == "other_contact":
        return contact(eligible_organisation(1), first_name="Ηλέκτρα")
    if request.param == "learner_not_contact":
        return UserFactory(organisation=applicant.organisation, roles=["learner"])
    return {"facilitator": facilitator, "author": author, "staff_on_site": staff}[request.param]


def test_no_one_but_the_contacts_sees_or_changes_the_application(client, application, outsider):
    client.force_login(outsider)
    for method, url in routes(application):
        response = getattr(client, method)(url, form_data(title="Intrus"))
        assert response.status_code == 404, (method, url)
    application.refresh_from_db()
    assert application.title == ""


def test_anonymous_people_are_sent_to_log_in(client, application):
    for method, url in routes(application):
        response = getattr(client, method)(url, form_data())
        assert response.status_code == 302 and "/login/" in response.url
    response = client.post(reverse("selection_call_apply", args=[application.call_id]))
    assert response.status_code == 302 and "/login/" in response.url


def test_a_person_who_is_not_a_contact_cannot_start_an_application(client, seed_call, facilitator):
    client.force_login(facilitator)
    assert client.post(reverse("selection_call_apply", args=[seed_call.pk])).status_code == 404
    learner = UserFactory(organisation=eligible_organisation(1), roles=["learner"])
    client.force_login(learner)
    assert client.post(reverse("selection_call_apply", args=[seed_call.pk])).status_code == 404


def test_the_call_page_is_public_and_in_both_languages(client, seed_call):
    page = client.get(reverse("selection_call", args=[seed_call.pk])).content.decode()
    assert "Le guide de l’appel" in page and "Pertinence" in page
    page = client.get(f"/en{reverse('selection_call', args=[seed_call.pk])}")
    assert "The call’s guide" in page.content.decode()


@pytest.mark.parametrize("who", ["applicant", "facilitator", "author", "anonymous"])
def test_the_staff_admin_is_staff_only(client, application, applicant, facilitator, author, who):
    person = {"applicant": applicant, "facilitator": facilitator, "author": author}.get(who)
    if person:
        client.force_login(person)
    for url in [
        "/admin/selection/applications/",
        f"/admin/selection/applications/{application.pk}/",
        f"/admin/selection/applications/{application.pk}/return/",
        "/admin/selection/calls/",
        "/admin/selection/calls/new/",
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), url


def test_the_call_page_offers_an_eligible_contact_to_apply(client, seed_call, applicant):
    client.force_login(applicant)
    page = client.get(reverse("selection_call", args=[seed_call.pk])).content.decode()
    assert "Déposer une candidature pour Cuisines collectives Hochelaga-Maisonneuve" in page
    assert reverse("selection_call_apply", args=[seed_call.pk]) in page


def test_a_widened_lab_call_says_so(client):
    lab = make_cohort(lab_course(), name="Labo 2026")
    call = make_call(CallKind.LAB_SEAT, cohort=lab, ceiling=None, open_to_other_leaders=True)
    page = client.get(reverse("selection_call", args=[call.pk])).content.decode()
    assert "ouvert à toutes les personnes leaders" in page
