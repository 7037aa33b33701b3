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
    assert "confirmera votre demande" in html
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
    # Its contact person only once staff confirm the organisation.
    assert not OrganisationContact.objects.exists()


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
def test_a_listed_name_whatever_the_case_and_accents_asks_to_choose_and_writes_nothing(
    client, mailoutbox
):
    listed = OrganisationFactory(name="Café de l'Entraide")

    response = client.post(SIGNUP_URL, signup_data(organisation_name="  CAFE DE L ENTRAIDE "))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Café de l&#x27;Entraide (Grand Montréal) est déjà inscrit" in html
    assert "Demander à adhérer à Café de l&#x27;Entraide (Grand Montréal)" in html
    assert "Ce n&#x27;est pas mon organisme" in html
    assert "<fieldset" in html and "<legend" in html
    assert f'name="matched_organisation" value="{listed.pk}"' in html
    assert not User.objects.exists()
    assert Organisation.objects.count() == 1
    assert mailoutbox == []


@pytest.mark.django_db
def test_choosing_to_join_creates_the_join_request_and_nothing_else(
    client, django_capture_on_commit_callbacks
):
    listed = OrganisationFactory(name="Café de l'Entraide")

    response = post_signup(
        client,
        django_capture_on_commit_callbacks,
        organisation_name="CAFE DE L ENTRAIDE",
        organisation_choice="join",
        matched_organisation=listed.pk,
    )

    assert response.status_code == 302
    user = User.objects.get(email="nouvelle@exemple.test")
    assert user.organisation is None  # until the organisation accepts the request
    assert OrganisationJoinRequest.objects.get(person=user).organisation == listed
    assert Organisation.objects.count() == 1
    assert not OrganisationContact.objects.exists()


@pytest.mark.django_db
def test_a_choice_made_for_another_match_is_asked_again(client):
    listed = OrganisationFactory(name="Café de l'Entraide")
    other = OrganisationFactory(name="Autre groupe")

    response = client.post(
        SIGNUP_URL,
        signup_data(
            organisation_name=listed.name, organisation_choice="join", matched_organisation=other.pk
        ),
    )

    assert response.status_code == 200
    assert not User.objects.exists()
    assert not OrganisationJoinRequest.objects.exists()


@pytest.mark.django_db
def test_not_my_organisation_with_the_same_name_asks_for_another_name(client):
    listed = OrganisationFactory(name="Café de l'Entraide")

    response = client.post(
        SIGNUP_URL,
        signup_data(
            organisation_name=listed.name,
            organisation_choice="other",
            matched_organisation=listed.pk,
        ),
    )

    assert response.status_code == 200
    assert "existe déjà dans la région Grand Montréal" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_an_neq_match_in_another_region_shows_that_region(client):
    listed = OrganisationFactory(
        name="Centre d'action bénévole", neq="1145678901", region=region("estrie")
    )

    response = client.post(
        SIGNUP_URL, signup_data(organisation_name="CAB de mon quartier", neq="114 567 8901")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert f"Demander à adhérer à {listed.name.replace(chr(39), '&#x27;')} (Estrie)" in html
    assert "Ce NEQ est celui de" in html
    assert not User.objects.exists()


@pytest.mark.django_db
def test_an_neq_held_by_another_organisation_cannot_be_used_for_a_new_one(client):
    listed = OrganisationFactory(name="Centre d'action bénévole", neq="1145678901")

    response = client.post(
        SIGNUP_URL,
        signup_data(
            organisation_name="CAB de mon quartier",
            neq="1145678901",
            organisation_choice="other",
            matched_organisation=listed.pk,
        ),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "un nouvel organisme ne peut pas l&#x27;utiliser" in html
    assert 'id="id_neq_error"' in html
    assert not User.objects.exists()
    assert Organisation.objects.count() == 1


@pytest.mark.django_db
def test_signup_joins_by_neq_once_chosen(client, django_capture_on_commit_callbacks):
    listed = OrganisationFactory(name="Centre d'action bénévole", neq="1145678901")

    post_signup(
        client,
        django_capture_on_commit_callbacks,
        organisation_name="CAB de mon quartier",
        neq="114 567 8901",
        organisation_choice="join",
        matched_organisation=listed.pk,
    )

    request = OrganisationJoinRequest.objects.get(person__email="nouvelle@exemple.test")
    assert (request.organisation, request.status) == (listed, "requested")


@pytest.mark.django_db
def test_the_second_member_of_an_organisation_is_not_made_a_contact(
    client, learner, mailoutbox, django_capture_on_commit_callbacks
):
    OrganisationContact.objects.create(organisation=learner.organisation, person=learner)

    post_signup(
        client,
        django_capture_on_commit_callbacks,
        organisation_name=learner.organisation.name,
        organisation_choice="join",
        matched_organisation=learner.organisation.pk,
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
        response = post_signup(
            client, django_capture_on_commit_callbacks, email=email, organisation_name=email
        )
        answers[email] = (response.status_code, response["Location"])
        assert CountingHasher.calls == 1, email
        assert [m.to for m in mailoutbox] == [[email]]

    assert answers["nouvelle@exemple.test"] == answers["deja@exemple.test"]
    assert User.objects.filter(email="deja@exemple.test").count() == 1
