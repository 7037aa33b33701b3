import re
from unittest import mock

import pytest
from django.contrib.auth.models import Group

from lms.accounts.models import Organisation, OrganisationContact, OrganisationJoinRequest, User
from tests.factories import OrganisationFactory, region

SIGNUP_URL = "/comptes/signup/"


def signup_data(**overrides):
    data = {
        "email": "nouvelle@exemple.test",
        "first_name": "Léa",
        "last_name": "Bergeron",
        "organisation_name": "Popote roulante de Verdun",
        "region": region().pk,
        "neq": "",
        "password1": "un-mot-de-passe-solide-42",
        "password2": "un-mot-de-passe-solide-42",
    }
    data.update(overrides)
    return data


def post_signup(client, capture, url=SIGNUP_URL, **overrides):
    with capture(execute=True):
        return client.post(url, signup_data(**overrides))


def confirm_email(client, mailoutbox, capture):
    """Follow the confirmation link of the last e-mail, as the newcomer does."""
    link = re.search(r"https?://[^/]+(/comptes/confirm-email/\S+)", mailoutbox[-1].body).group(1)
    with capture(execute=True):
        return client.post(link)


@pytest.mark.django_db
def test_signup_page_is_in_french_by_default(client):
    response = client.get(SIGNUP_URL, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    assert "Prénom" in html
    assert "Votre organisme" in html
    assert "sera confirmée par l" in html
    assert "Choisissez la région de votre organisme" in html


@pytest.mark.django_db
def test_signup_proposes_a_new_organisation_and_sends_a_french_confirmation(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    response = post_signup(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    user = User.objects.get(email="nouvelle@exemple.test")
    assert (user.first_name, user.last_name) == ("Léa", "Bergeron")
    assert user.preferred_language == "fr"
    assert user.groups.filter(name="Apprenants").exists()
    organisation = Organisation.objects.get()
    assert organisation.name == "Popote roulante de Verdun"
    assert organisation.status == Organisation.Status.PROPOSED
    assert organisation.proposed_by == user
    # Not a member, nor a contact, before the address is confirmed.
    assert user.organisation is None
    assert not OrganisationContact.objects.exists()
    assert not OrganisationJoinRequest.objects.exists()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["nouvelle@exemple.test"]
    assert message.subject.startswith("[DATAide]")
    assert "Confirmer" in message.subject or "confirm" in message.body.lower()
    assert "/comptes/confirm-email/" in message.body

    confirm_email(client, mailoutbox, django_capture_on_commit_callbacks)
    user.refresh_from_db()
    assert user.organisation == organisation
    assert list(
        OrganisationContact.objects.filter(organisation=organisation).values_list(
            "person", flat=True
        )
    ) == [user.pk]


@pytest.mark.django_db
def test_unconfirmed_account_cannot_log_in_until_the_link_is_followed(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    post_signup(client, django_capture_on_commit_callbacks)
    client.logout()
    login = client.post(
        "/comptes/login/",
        {"login": "nouvelle@exemple.test", "password": "un-mot-de-passe-solide-42"},
    )
    assert login.status_code == 302
    assert "confirm-email" in login["Location"]
    assert "_auth_user_id" not in client.session

    link = re.search(r"https?://[^/]+(/comptes/confirm-email/\S+)", mailoutbox[-1].body).group(1)
    client.post(link)
    assert User.objects.get(email="nouvelle@exemple.test").emailaddress_set.get().verified


@pytest.mark.django_db
def test_signup_joins_a_listed_organisation_whatever_the_case_and_accents(
    client, django_capture_on_commit_callbacks
):
    listed = OrganisationFactory(name="Café de l'Entraide")

    post_signup(
        client, django_capture_on_commit_callbacks, organisation_name="  CAFE DE L ENTRAIDE "
    )

    user = User.objects.get(email="nouvelle@exemple.test")
    assert user.organisation is None  # until the organisation accepts the request
    assert OrganisationJoinRequest.objects.get(person=user).organisation == listed
    assert Organisation.objects.count() == 1


@pytest.mark.django_db
def test_signup_matches_an_organisation_by_its_neq(client, django_capture_on_commit_callbacks):
    listed = OrganisationFactory(name="Centre d'action bénévole", neq="1145678901")

    post_signup(
        client,
        django_capture_on_commit_callbacks,
        organisation_name="CAB de mon quartier",
        neq="114 567 8901",
    )

    request = OrganisationJoinRequest.objects.get(person__email="nouvelle@exemple.test")
    assert (request.organisation, request.status) == (listed, "requested")


@pytest.mark.django_db
def test_the_second_member_of_an_organisation_is_not_made_a_contact(
    client, learner, mailoutbox, django_capture_on_commit_callbacks
):
    OrganisationContact.objects.create(organisation=learner.organisation, person=learner)

    post_signup(
        client, django_capture_on_commit_callbacks, organisation_name=learner.organisation.name
    )

    newcomer = User.objects.get(email="nouvelle@exemple.test")
    assert newcomer.organisation is None
    assert newcomer.join_requests.get().organisation == learner.organisation
    assert list(
        OrganisationContact.objects.filter(organisation=learner.organisation).values_list(
            "person", flat=True
        )
    ) == [learner.pk]
    confirm_email(client, mailoutbox, django_capture_on_commit_callbacks)
    newcomer.refresh_from_db()
    assert newcomer.organisation is None
    assert not OrganisationContact.objects.filter(person=newcomer).exists()


@pytest.mark.django_db
def test_a_bad_neq_is_refused_in_french_and_nothing_is_written(client, mailoutbox):
    response = client.post(SIGNUP_URL, signup_data(neq="12345"))

    assert response.status_code == 200
    assert "Le NEQ doit compter 10 chiffres" in response.content.decode()
    assert not User.objects.filter(email="nouvelle@exemple.test").exists()
    assert not Organisation.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_missing_region_is_refused_with_a_clear_french_message(client):
    response = client.post(SIGNUP_URL, signup_data(region=""))

    assert response.status_code == 200
    assert "Champ requis." in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_failure_midway_leaves_no_half_written_account(client, mailoutbox):
    with mock.patch(
        "lms.accounts.forms.user_register", side_effect=RuntimeError("database went away")
    ):
        with pytest.raises(RuntimeError):
            client.post(SIGNUP_URL, signup_data())

    assert not User.objects.exists()
    assert not Organisation.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_english_signup_keeps_english_as_the_persons_language(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    response = post_signup(client, django_capture_on_commit_callbacks, url="/en" + SIGNUP_URL)

    assert response.status_code == 302
    user = User.objects.get(email="nouvelle@exemple.test")
    assert user.preferred_language == "en"
    assert "Please Confirm Your Email Address" in mailoutbox[0].subject


@pytest.mark.django_db
def test_the_learner_group_holds_no_permission():
    assert not Group.objects.get(name="Apprenants").permissions.exists()


# --- A new address and an existing one cost the same --------------------------------


@pytest.mark.django_db
def test_new_and_existing_addresses_cost_one_hash_and_one_email_each(
    client, mailoutbox, django_capture_on_commit_callbacks, settings
):
    from tests.accounts.hashers import CountingHasher
    from tests.factories import UserFactory

    settings.PASSWORD_HASHERS = ["tests.accounts.hashers.CountingHasher"]
    UserFactory(email="deja@exemple.test")

    answers = {}
    for email in ("nouvelle@exemple.test", "deja@exemple.test"):
        client.logout()
        mailoutbox.clear()
        CountingHasher.calls = 0
        response = post_signup(client, django_capture_on_commit_callbacks, email=email)
        answers[email] = (response.status_code, response["Location"])
        assert CountingHasher.calls == 1, email
        assert [m.to for m in mailoutbox] == [[email]]

    assert answers["nouvelle@exemple.test"] == answers["deja@exemple.test"]
    assert User.objects.filter(email="deja@exemple.test").count() == 1
