"""Who becomes an organisation's contact person, and what staff and contacts are told."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from lms.accounts.models import OrganisationContact, OrganisationJoinRequest
from lms.accounts.services import (
    organisation_contact_add,
    organisation_propose,
    organisation_set_status,
    user_email_confirmed,
)
from tests.factories import OrganisationFactory, UserFactory, region


@pytest.fixture
def proposer(db):
    return UserFactory(first_name="Léa", roles=["learner"])


@pytest.fixture
def proposed(proposer):
    return organisation_propose(name="Popote roulante", region=region(), proposed_by=proposer)


@pytest.fixture
def staff_who_asked(db):
    person = UserFactory(roles=["staff"], email="equipe@exemple.test", preferred_language="en")
    person.notify_staff_events = True
    person.save()
    return person


# --- Contacts ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_proposer_is_a_member_once_confirmed_and_a_contact_only_once_staff_confirm(
    proposer, proposed, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user_email_confirmed(user=proposer)
    proposer.refresh_from_db()
    assert proposer.organisation == proposed
    assert not OrganisationContact.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        organisation_set_status(organisation=proposed, status="confirmed", actor=staff)

    assert list(proposed.contacts.values_list("person", flat=True)) == [proposer.pk]
    entry = ModelLogEntry.objects.get(action="accounts.organisation.contact_added")
    assert (entry.user_id, entry.data) == (staff.pk, {"person": proposer.pk})
    assert [m.to for m in mailoutbox] == [[proposer.email]]
    assert "Popote roulante est confirmé sur DATAide" in mailoutbox[0].subject
    assert "http://testserver/comptes/organisme/demandes/" in mailoutbox[0].body or (
        "/comptes/organisme/demandes/" in mailoutbox[0].body
    )


@pytest.mark.django_db
def test_a_proposer_who_is_not_a_member_is_not_made_a_contact(proposed, staff, mailoutbox):
    organisation_set_status(organisation=proposed, status="confirmed", actor=staff)

    assert not OrganisationContact.objects.exists()
    assert not ModelLogEntry.objects.filter(action="accounts.organisation.contact_added").exists()


@pytest.mark.django_db
def test_an_organisation_with_a_contact_keeps_it_on_confirmation(proposer, proposed, staff):
    user_email_confirmed(user=proposer)
    other = UserFactory(organisation=proposed)
    OrganisationContact.objects.create(organisation=proposed, person=other)

    organisation_set_status(organisation=proposed, status="confirmed", actor=staff)

    assert list(proposed.contacts.values_list("person", flat=True)) == [other.pk]


@pytest.mark.django_db
def test_a_contact_or_staff_name_a_member_contact(learner, staff):
    organisation = learner.organisation
    OrganisationContact.objects.create(organisation=organisation, person=learner)
    colleague = UserFactory(organisation=organisation)
    another = UserFactory(organisation=organisation)

    organisation_contact_add(organisation=organisation, person=colleague, actor=learner)
    organisation_contact_add(organisation=organisation, person=another, actor=staff)

    assert set(organisation.contacts.values_list("person", flat=True)) == {
        learner.pk,
        colleague.pk,
        another.pk,
    }


@pytest.mark.django_db
def test_a_plain_member_or_an_outsider_names_no_one_and_nothing_is_written(learner):
    organisation = learner.organisation
    colleague = UserFactory(organisation=organisation)
    outsider_contact = UserFactory(organisation=OrganisationFactory(name="Ailleurs"))
    OrganisationContact.objects.create(
        organisation=outsider_contact.organisation, person=outsider_contact
    )

    for actor in (colleague, outsider_contact):
        with pytest.raises(PermissionDenied):
            organisation_contact_add(organisation=organisation, person=learner, actor=actor)

    assert not organisation.contacts.exists()
    assert not ModelLogEntry.objects.filter(action="accounts.organisation.contact_added").exists()


# --- Staff notices -------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_who_asked_are_told_of_a_proposal_once_the_address_is_confirmed(
    proposer, proposed, staff, staff_who_asked, mailoutbox, django_capture_on_commit_callbacks
):
    assert mailoutbox == []  # not before the proposer's address is confirmed

    with django_capture_on_commit_callbacks(execute=True):
        user_email_confirmed(user=proposer)

    assert [m.to for m in mailoutbox] == [[staff_who_asked.email]]  # not ``staff``
    message = mailoutbox[0]
    assert message.subject == "[DATAide] Organisation proposed: Popote roulante (Grand Montréal)"
    assert f"http://127.0.0.1:8000/en/admin/snippets/accounts/organisation/edit/{proposed.pk}/" in (
        message.body
    )


@pytest.mark.django_db
def test_staff_who_asked_are_told_of_a_join_request_the_contacts_decide(
    learner, staff_who_asked, mailoutbox, django_capture_on_commit_callbacks
):
    OrganisationContact.objects.create(organisation=learner.organisation, person=learner)
    newcomer = UserFactory(first_name="Awa", last_name="Diallo")
    request = OrganisationJoinRequest.objects.create(
        person=newcomer, organisation=learner.organisation
    )

    with django_capture_on_commit_callbacks(execute=True):
        user_email_confirmed(user=newcomer)

    assert sorted(m.to[0] for m in mailoutbox) == sorted([learner.email, staff_who_asked.email])
    notice = next(m for m in mailoutbox if m.to == [staff_who_asked.email])
    assert "Awa Diallo" in notice.subject
    assert f"/organisationjoinrequest/decide/{request.pk}/" in notice.body


@pytest.mark.django_db
def test_staff_are_told_once_of_a_request_they_decide(
    organisation, staff_who_asked, mailoutbox, django_capture_on_commit_callbacks
):
    newcomer = UserFactory()
    OrganisationJoinRequest.objects.create(person=newcomer, organisation=organisation)

    with django_capture_on_commit_callbacks(execute=True):
        user_email_confirmed(user=newcomer)

    assert [m.to for m in mailoutbox] == [[staff_who_asked.email]]
