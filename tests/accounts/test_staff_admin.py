"""Staff in the admin: a person's organisation, the dashboard's waiting list, no gravatar,
and the staff's own e-mail preference."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from lms.accounts.models import Organisation, OrganisationContact, OrganisationJoinRequest
from lms.accounts.services import person_organisation_change
from tests.factories import OrganisationFactory, UserFactory

PERSON_URL = "/admin/personnes/{}/organisme/"


@pytest.fixture
def elsewhere(db):
    return OrganisationFactory(name="Maison des jeunes", status=Organisation.Status.CONFIRMED)


# --- person_organisation_change -----------------------------------------------------------


@pytest.mark.django_db
def test_staff_move_a_learner_and_only_the_organisation_changes(
    learner, staff, elsewhere, mailoutbox, django_capture_on_commit_callbacks
):
    OrganisationContact.objects.create(organisation=learner.organisation, person=learner)
    previous = learner.organisation
    groups = set(learner.groups.all())

    with django_capture_on_commit_callbacks(execute=True):
        person_organisation_change(
            person=learner, organisation=elsewhere, actor=staff, reason="Erreur à l'inscription"
        )

    learner.refresh_from_db()
    assert learner.organisation == elsewhere
    assert set(learner.groups.all()) == groups
    assert (learner.is_staff, learner.is_superuser) == (False, False)
    assert not OrganisationContact.objects.filter(person=learner).exists()
    entry = ModelLogEntry.objects.get(action="accounts.person.organisation_changed")
    assert entry.user_id == staff.pk
    assert entry.data == {
        "from": previous.pk,
        "to": elsewhere.pk,
        "reason": "Erreur à l'inscription",
    }
    assert [m.to for m in mailoutbox] == [[learner.email]]
    assert "Maison des jeunes" in mailoutbox[0].body


@pytest.mark.django_db
def test_only_staff_change_an_organisation_and_nothing_is_written_on_refusal(
    learner, author, facilitator, elsewhere, mailoutbox
):
    for actor in (learner, author, facilitator):
        with pytest.raises(PermissionDenied):
            person_organisation_change(
                person=learner, organisation=elsewhere, actor=actor, reason="x"
            )
    learner.refresh_from_db()
    assert learner.organisation != elsewhere
    assert not ModelLogEntry.objects.filter(action="accounts.person.organisation_changed").exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_staff_accounts_are_not_changed_here(staff, elsewhere):
    other_staff = UserFactory(roles=["staff"])
    superuser = UserFactory(is_superuser=True, is_staff=True)
    for person in (other_staff, superuser):
        with pytest.raises(PermissionDenied):
            person_organisation_change(
                person=person, organisation=elsewhere, actor=staff, reason="x"
            )
        person.refresh_from_db()
        assert person.organisation is None


@pytest.mark.django_db
def test_a_pending_join_request_is_closed_when_staff_set_the_organisation(staff, elsewhere):
    newcomer = UserFactory()
    request = OrganisationJoinRequest.objects.create(
        person=newcomer, organisation=OrganisationFactory(name="Autre")
    )

    person_organisation_change(person=newcomer, organisation=elsewhere, actor=staff, reason="x")

    request.refresh_from_db()
    assert (request.status, request.decided_by) == ("declined", staff)


# --- The admin view -------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_change_a_persons_organisation_in_the_admin(
    client, staff, learner, elsewhere, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    page = client.get(PERSON_URL.format(learner.pk))
    assert page.status_code == 200
    assert "Changer d&#x27;organisme" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            PERSON_URL.format(learner.pk), {"organisation": elsewhere.pk, "reason": "Doublon"}
        )

    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.organisation == elsewhere


@pytest.mark.django_db
def test_the_people_list_offers_the_change_to_staff(client, staff, learner):
    client.force_login(staff)
    html = client.get("/admin/users/").content.decode()
    assert PERSON_URL.format(learner.pk) in html
    assert PERSON_URL.format(staff.pk) not in html


@pytest.mark.django_db
def test_others_cannot_change_an_organisation_nor_reach_staff_accounts(
    client, staff, author, learner, elsewhere
):
    # Wagtail answers a refusal in its admin with a redirect to the dashboard.
    client.force_login(author)
    assert client.get(PERSON_URL.format(learner.pk))["Location"] == "/admin/"
    response = client.post(
        PERSON_URL.format(learner.pk), {"organisation": elsewhere.pk, "reason": "x"}
    )
    assert response["Location"] == "/admin/"
    learner.refresh_from_db()
    assert learner.organisation != elsewhere
    client.force_login(learner)
    assert client.get(PERSON_URL.format(learner.pk)).status_code == 302
    client.force_login(staff)
    for other in (UserFactory(is_staff=True), UserFactory(roles=["staff"])):
        assert client.get(PERSON_URL.format(other.pk)).status_code == 404


@pytest.mark.django_db
def test_staff_still_cannot_edit_accounts(client, staff, learner):
    client.force_login(staff)
    response = client.get(f"/admin/users/edit/{learner.pk}/")
    assert response.status_code in (302, 403)


# --- Dashboard, gravatar --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_dashboard_tells_staff_what_waits(client, staff, learner):
    OrganisationFactory(name="Proposé 1", status=Organisation.Status.PROPOSED)
    OrganisationFactory(name="Proposé 2", status=Organisation.Status.PROPOSED)
    OrganisationJoinRequest.objects.create(person=UserFactory(), organisation=learner.organisation)
    client.force_login(staff)

    html = client.get("/admin/").content.decode()

    assert "2 organismes proposés, à confirmer" in html
    assert "1 demande d'adhésion en attente" in html
    assert "/admin/snippets/accounts/organisation/?status=proposed" in html
    assert "/admin/snippets/accounts/organisationjoinrequest/" in html
    assert "gravatar" not in html.lower()


@pytest.mark.django_db
def test_authors_see_no_staff_panel(client, author):
    client.force_login(author)
    html = client.get("/admin/").content.decode()
    assert "attente de l" not in html
    assert "gravatar" not in html.lower()


# --- The staff's e-mail preference ----------------------------------------------------------


@pytest.mark.django_db
def test_staff_opt_in_to_notices_on_their_account_page(client, staff):
    client.force_login(staff)
    assert "Me prévenir par courriel" in client.get("/comptes/mon-compte/").content.decode()
    client.post(
        "/comptes/mon-compte/",
        {
            "first_name": "Équipe",
            "last_name": "DATAide",
            "preferred_language": "fr",
            "notify_staff_events": "on",
        },
    )
    staff.refresh_from_db()
    assert staff.notify_staff_events


@pytest.mark.django_db
def test_learners_see_no_staff_preference_and_cannot_set_it(client, learner):
    client.force_login(learner)
    assert "Me prévenir par courriel" not in client.get("/comptes/mon-compte/").content.decode()
    client.post(
        "/comptes/mon-compte/",
        {
            "first_name": "A",
            "last_name": "B",
            "preferred_language": "fr",
            "notify_staff_events": "on",
        },
    )
    learner.refresh_from_db()
    assert not learner.notify_staff_events
