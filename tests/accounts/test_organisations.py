from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.utils import timezone

from lms.accounts.models import Organisation, OrganisationContact, User, validate_neq
from lms.accounts.services import (
    accounts_purge_unverified,
    organisation_propose,
    organisation_set_status,
)
from lms.accounts.tasks import purge_unverified_accounts
from tests.factories import OrganisationFactory, UserFactory, region

ORGANISATIONS_ADMIN = "/admin/snippets/accounts/organisation/"


@pytest.mark.parametrize("value", ["1145678901", "114 567 8901", "2212-345-678", "3312345678"])
def test_valid_neqs_pass(value):
    validate_neq(value)


@pytest.mark.parametrize(
    "value", ["12345", "1245678901", "11456789012", "11456789OI", "9912345678"]
)
def test_malformed_neqs_are_refused(value):
    with pytest.raises(ValidationError) as error:
        validate_neq(value)
    assert error.value.code == "invalid_neq"


@pytest.mark.django_db
def test_the_neq_is_stored_without_spaces():
    organisation = OrganisationFactory(neq="114 567-8901")
    organisation.refresh_from_db()
    assert organisation.neq == "1145678901"


@pytest.mark.django_db
def test_regions_are_loaded_with_the_programme(settings):
    from lms.accounts.models import Region

    assert Region.objects.count() == 11
    assert Region.objects.first().name == "Grand Montréal"


@pytest.mark.django_db
def test_two_organisations_of_a_region_cannot_share_a_name():
    OrganisationFactory(name="Maison de la famille")
    duplicate = Organisation(name="maison  de la FAMILLE", region=region())
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "existe déjà" in str(error.value) or "already exists" in str(error.value)


@pytest.mark.django_db
def test_the_same_name_is_allowed_in_another_region():
    OrganisationFactory(name="Maison de la famille")
    other = Organisation(name="Maison de la famille", region=region("estrie"))
    other.full_clean()


@pytest.mark.django_db
def test_a_declined_proposal_can_be_proposed_again(staff):
    first = organisation_propose(name="Groupe X", region=region())
    organisation_set_status(organisation=first, status="declined", actor=staff)

    second = organisation_propose(name="Groupe X", region=region())

    assert second.pk != first.pk
    assert second.status == Organisation.Status.PROPOSED


@pytest.mark.django_db
def test_a_contact_person_must_belong_to_the_organisation(organisation):
    outsider = UserFactory()
    contact = OrganisationContact(organisation=organisation, person=outsider)
    with pytest.raises(ValidationError):
        contact.full_clean()


@pytest.mark.django_db
def test_suggestions_list_only_confirmed_organisations(client):
    OrganisationFactory(name="Cuisine collective Hochelaga")
    OrganisationFactory(name="Cuisine solidaire", status=Organisation.Status.PROPOSED)

    response = client.get("/comptes/organismes/suggestions/", {"q": "cuisine"})

    assert [r["name"] for r in response.json()["results"]] == ["Cuisine collective Hochelaga"]
    assert response.json()["results"][0]["region"] == "Grand Montréal"


@pytest.mark.django_db
def test_suggestions_need_two_characters_and_stay_short(client):
    OrganisationFactory.create_batch(15, name=factory_name())
    assert client.get("/comptes/organismes/suggestions/", {"q": "o"}).json() == {"results": []}
    assert len(client.get("/comptes/organismes/suggestions/", {"q": "org"}).json()["results"]) == 10


def factory_name():
    import factory

    return factory.Sequence(lambda n: f"Organisme {n}")


@pytest.mark.django_db
def test_suggestions_query_count_does_not_grow(client, django_assert_num_queries):
    OrganisationFactory.create_batch(3, name=factory_name())
    with django_assert_num_queries(1):
        client.get("/comptes/organismes/suggestions/", {"q": "organisme"})
    OrganisationFactory.create_batch(12, name=factory_name(), region=region("estrie"))
    with django_assert_num_queries(1):
        client.get("/comptes/organismes/suggestions/", {"q": "organisme"})


@pytest.mark.django_db
def test_staff_create_an_organisation_with_its_contact_in_the_admin(client, staff):
    member = UserFactory()
    client.force_login(staff)
    response = client.post(
        f"{ORGANISATIONS_ADMIN}add/",
        {
            "name": "Table de concertation de Verdun",
            "region": region().pk,
            "neq": "",
            "status": "confirmed",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
            "contacts-MIN_NUM_FORMS": "0",
            "contacts-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    organisation = Organisation.objects.get(name="Table de concertation de Verdun")
    assert organisation.status == "confirmed"

    member.organisation = organisation
    member.save()
    response = client.post(
        f"{ORGANISATIONS_ADMIN}edit/{organisation.pk}/",
        {
            "name": organisation.name,
            "region": region().pk,
            "neq": "",
            "status": "confirmed",
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-MIN_NUM_FORMS": "0",
            "contacts-MAX_NUM_FORMS": "1000",
            "contacts-0-person": member.pk,
            "contacts-0-position": "Direction",
            "contacts-0-id": "",
            "contacts-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(organisation.contacts.values_list("person", flat=True)) == [member.pk]


@pytest.mark.django_db
def test_staff_confirm_a_proposed_organisation_in_the_admin_and_it_is_logged(client, staff):
    from wagtail.models import ModelLogEntry

    proposed = organisation_propose(name="Groupe proposé", region=region())
    client.force_login(staff)
    response = client.post(
        f"{ORGANISATIONS_ADMIN}edit/{proposed.pk}/",
        {
            "name": proposed.name,
            "region": region().pk,
            "neq": "",
            "status": "confirmed",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
            "contacts-MIN_NUM_FORMS": "0",
            "contacts-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == "confirmed"
    assert proposed.status_changed_at is not None
    entry = ModelLogEntry.objects.get(action="accounts.organisation.confirmed")
    assert entry.user_id == staff.pk


@pytest.mark.django_db
def test_admin_refuses_a_bad_neq_in_french(client, staff):
    client.force_login(staff)
    response = client.post(
        f"{ORGANISATIONS_ADMIN}add/",
        {
            "name": "Groupe Y",
            "region": region().pk,
            "neq": "42",
            "status": "proposed",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
            "contacts-MIN_NUM_FORMS": "0",
            "contacts-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "Le NEQ doit compter 10 chiffres" in response.content.decode()
    assert not Organisation.objects.filter(name="Groupe Y").exists()


@pytest.mark.django_db
def test_confirming_an_organisation_is_logged_with_who_did_it(staff):
    proposed = organisation_propose(name="Groupe Z", region=region())
    organisation_set_status(organisation=proposed, status="confirmed", actor=staff)

    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.filter(action="accounts.organisation.confirmed").get()
    assert entry.user_id == staff.pk
    assert entry.object_id == str(proposed.pk)


@pytest.mark.django_db
def test_unconfirmed_signups_are_erased_after_the_retention_period():
    old = timezone.now() - timedelta(days=30)
    stale = UserFactory(verified=False)
    EmailAddress.objects.create(user=stale, email=stale.email, verified=False, primary=True)
    proposed = organisation_propose(name="Groupe fantôme", region=region(), proposed_by=stale)
    stale.organisation = proposed
    stale.save()
    recent = UserFactory(verified=False)
    EmailAddress.objects.create(user=recent, email=recent.email, verified=False, primary=True)
    confirmed = UserFactory()
    User.objects.filter(pk__in=[stale.pk, confirmed.pk]).update(date_joined=old)

    assert purge_unverified_accounts() == 1

    assert set(User.objects.values_list("pk", flat=True)) == {recent.pk, confirmed.pk}
    assert not Organisation.objects.filter(pk=proposed.pk).exists()
    assert accounts_purge_unverified(older_than_days=14) == 0


@pytest.mark.django_db
def test_the_purge_keeps_a_proposed_organisation_someone_else_asked_to_join():
    from lms.accounts.models import OrganisationJoinRequest

    stale = UserFactory(verified=False)
    EmailAddress.objects.create(user=stale, email=stale.email, verified=False, primary=True)
    proposed = organisation_propose(name="Groupe fantôme", region=region(), proposed_by=stale)
    OrganisationJoinRequest.objects.create(person=UserFactory(), organisation=proposed)
    User.objects.filter(pk=stale.pk).update(date_joined=timezone.now() - timedelta(days=30))

    assert accounts_purge_unverified(older_than_days=14) == 1
    assert Organisation.objects.filter(pk=proposed.pk).exists()
    assert OrganisationJoinRequest.objects.get().organisation == proposed
