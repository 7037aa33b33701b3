"""Requests to join a listed organisation: who sees them, who decides, what counts."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from wagtail.models import ModelLogEntry

from lms.accounts.models import OrganisationContact, OrganisationJoinRequest
from lms.accounts.services import (
    JoinRequestRefused,
    join_request_accept,
    join_request_decline,
    user_email_confirmed,
)
from tests.factories import OrganisationFactory, UserFactory

PAGE = "/comptes/organisme/demandes/"
ADMIN = "/admin/snippets/accounts/organisationjoinrequest/"


@pytest.fixture
def contact(learner):
    OrganisationContact.objects.create(organisation=learner.organisation, person=learner)
    return learner


@pytest.fixture
def join_request(organisation):
    """A newcomer who named ``organisation`` at sign-up and confirmed their address."""
    person = UserFactory(first_name="Awa", last_name="Diallo", email="awa@exemple.test")
    return OrganisationJoinRequest.objects.create(person=person, organisation=organisation)


def refused(request, actor) -> None:
    with pytest.raises(JoinRequestRefused):
        join_request_accept(request=request, actor=actor)
    request.refresh_from_db()
    request.person.refresh_from_db()
    assert (request.status, request.decided_by, request.person.organisation) == (
        "requested",
        None,
        None,
    )
    assert not ModelLogEntry.objects.filter(action__startswith="accounts.join_request").exists()


@pytest.mark.django_db
def test_a_contact_of_the_organisation_accepts_and_the_requester_is_told(
    contact, join_request, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        join_request_accept(request=join_request, actor=contact)

    join_request.refresh_from_db()
    assert (join_request.status, join_request.decided_by) == ("accepted", contact)
    assert join_request.decided_at is not None
    assert join_request.person.organisation == contact.organisation
    entry = ModelLogEntry.objects.get(action="accounts.join_request.accepted")
    assert entry.user == contact
    assert [m.to for m in mailoutbox] == [["awa@exemple.test"]]
    assert "Vous êtes maintenant membre de Cuisines collectives du Plateau" in mailoutbox[0].subject


@pytest.mark.django_db
def test_staff_and_superusers_decide_for_any_organisation(
    staff, join_request, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        join_request_decline(request=join_request, actor=staff)
    join_request.refresh_from_db()
    assert (join_request.status, join_request.decided_by) == ("declined", staff)
    assert join_request.person.organisation is None
    assert "refusée" in mailoutbox[0].body

    other = OrganisationJoinRequest.objects.create(
        person=UserFactory(), organisation=OrganisationFactory()
    )
    join_request_accept(request=other, actor=UserFactory(is_superuser=True))
    other.person.refresh_from_db()
    assert other.person.organisation == other.organisation


@pytest.mark.django_db
def test_anyone_else_is_refused_and_nothing_is_written(join_request, organisation, facilitator):
    elsewhere = OrganisationFactory()
    other_contact = UserFactory(organisation=elsewhere)
    OrganisationContact.objects.create(organisation=elsewhere, person=other_contact)
    plain_member = UserFactory(organisation=organisation, roles=["learner"])

    for actor in (other_contact, plain_member, facilitator, join_request.person):
        refused(join_request, actor)


@pytest.mark.django_db
def test_a_request_whose_address_is_unconfirmed_cannot_be_decided(staff, organisation):
    person = UserFactory(verified=False)
    request = OrganisationJoinRequest.objects.create(person=person, organisation=organisation)
    refused(request, staff)


@pytest.mark.django_db
def test_a_request_is_decided_once(contact, join_request):
    join_request_decline(request=join_request, actor=contact)
    with pytest.raises(JoinRequestRefused):
        join_request_accept(request=join_request, actor=contact)
    join_request.refresh_from_db()
    assert join_request.status == "declined"


# --- Visibility and the contacts' notice ---------------------------------------------


@pytest.mark.django_db
def test_contacts_see_a_request_and_are_told_only_once_the_address_is_confirmed(
    client, contact, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory(first_name="Awa", last_name="Diallo", verified=False)
    OrganisationJoinRequest.objects.create(person=person, organisation=organisation)
    client.force_login(contact)
    assert "Awa Diallo" not in client.get(PAGE).content.decode()

    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    with django_capture_on_commit_callbacks(execute=True):
        user_email_confirmed(user=person)

    assert "Awa Diallo" in client.get(PAGE).content.decode()
    assert [m.to for m in mailoutbox] == [[contact.email]]
    assert "Awa Diallo demande à adhérer à Cuisines collectives du Plateau" in mailoutbox[0].subject
    assert "/comptes/organisme/demandes/" in mailoutbox[0].body


@pytest.mark.django_db
def test_staff_are_told_when_the_organisation_has_no_contact(
    staff, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory()
    OrganisationJoinRequest.objects.create(person=person, organisation=organisation)
    with django_capture_on_commit_callbacks(execute=True):
        user_email_confirmed(user=person)
    assert [m.to for m in mailoutbox] == [[staff.email]]
    assert ADMIN in mailoutbox[0].body


# --- The contacts' page ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_lists_the_organisations_requests_with_their_buttons(
    client, contact, join_request
):
    OrganisationJoinRequest.objects.create(person=UserFactory(), organisation=OrganisationFactory())
    client.force_login(contact)

    html = client.get(PAGE).content.decode()

    assert '<html lang="fr">' in html and "<h1>Demandes d'adhésion</h1>" in html
    assert "Awa Diallo" in html and "awa@exemple.test" in html
    assert html.count('name="request"') == 1
    assert 'value="accept"' in html and 'value="decline"' in html
    assert "csrfmiddlewaretoken" in html


@pytest.mark.django_db
def test_a_contact_accepts_on_the_page(
    client, contact, join_request, django_capture_on_commit_callbacks
):
    client.force_login(contact)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PAGE, {"request": join_request.pk, "action": "accept"})

    assert response.status_code == 302
    join_request.person.refresh_from_db()
    assert join_request.person.organisation == contact.organisation
    assert "Aucune demande" in client.get(PAGE).content.decode()


@pytest.mark.django_db
def test_the_page_refuses_other_organisations_requests_and_non_contacts(
    client, contact, join_request
):
    elsewhere = OrganisationJoinRequest.objects.create(
        person=UserFactory(), organisation=OrganisationFactory()
    )
    client.force_login(contact)
    response = client.post(PAGE, {"request": elsewhere.pk, "action": "accept"})
    assert response.status_code == 404
    assert client.post(PAGE, {"request": "x", "action": "accept"}).status_code == 400

    client.force_login(join_request.person)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"request": join_request.pk, "action": "accept"}).status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == "requested"


@pytest.mark.django_db
def test_the_page_needs_the_csrf_token(contact, join_request):
    client = Client(enforce_csrf_checks=True)
    client.force_login(contact)
    response = client.post(PAGE, {"request": join_request.pk, "action": "accept"})
    assert response.status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == "requested"


@pytest.mark.django_db
def test_the_requester_sees_their_request_waiting_on_their_account(client, join_request):
    client.force_login(join_request.person)
    html = client.get("/comptes/mon-compte/").content.decode()
    assert "attend la réponse de l'organisme" in html


# --- Staff in the admin ---------------------------------------------------------------


@pytest.mark.django_db
def test_staff_list_pending_requests_and_decide_in_the_admin(
    client, staff, join_request, organisation
):
    unconfirmed = UserFactory(first_name="Zoé", last_name="Pas-confirmée", verified=False)
    OrganisationJoinRequest.objects.create(person=unconfirmed, organisation=organisation)
    client.force_login(staff)

    listing = client.get(ADMIN).content.decode()
    assert "awa@exemple.test" in listing and "Pas-confirmée" not in listing
    decide = f"{ADMIN}decide/{join_request.pk}/"
    assert decide in listing
    assert client.get(decide).status_code == 200

    response = client.post(decide, {"action": "accept"})

    assert response.status_code == 302
    join_request.person.refresh_from_db()
    assert join_request.person.organisation == organisation
    assert "awa@exemple.test" not in client.get(ADMIN).content.decode()
    assert client.get(f"{ADMIN}edit/{join_request.pk}/").status_code in (302, 403, 404)


@pytest.mark.django_db
def test_authors_do_not_reach_the_requests(client, author, join_request):
    client.force_login(author)
    assert client.get(ADMIN).status_code in (302, 403)
    client.post(f"{ADMIN}decide/{join_request.pk}/", {"action": "accept"})
    join_request.refresh_from_db()
    assert join_request.status == "requested"
