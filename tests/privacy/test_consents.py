"""Consents per optional purpose: asked at sign-up (unticked), dated and versioned, given
and withdrawn from "Mon compte" with effect at once, asked again after a new policy."""

import pytest

from lms.accounts.models import User
from lms.privacy.models import Consent, PrivacySettings, Purpose
from lms.privacy.selectors import has_consent
from lms.privacy.services import consent_give, consent_withdraw
from tests.accounts.test_signup import SIGNUP_URL, post_signup
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROFILE_URL = "/comptes/mon-compte/"
NOTICE = "Revoyez vos consentements"


def test_sign_up_shows_each_optional_purpose_unticked(client):
    html = client.get(SIGNUP_URL).content.decode()
    for purpose in Purpose.values:
        assert f'name="consent_{purpose}"' in html
    assert "checked" not in html
    assert "Partager ma progression, avec mon nom, avec les personnes-ressources" in html
    assert "Recevoir les nouvelles du programme par courriel" in html


def test_sign_up_records_every_answer_dated_and_versioned(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    response = post_signup(
        client,
        django_capture_on_commit_callbacks,
        email="aiko.tanaka@exemple.test",
        first_name="Aïko",
        last_name="田中",
        consent_news="on",
    )
    assert response.status_code == 302
    person = User.objects.get(email="aiko.tanaka@exemple.test")
    answers = {c.purpose: c for c in Consent.objects.filter(person=person)}
    assert set(answers) == set(Purpose.values)
    assert answers["news"].given and answers["news"].given_at is not None
    assert not answers["progress_named"].given
    assert answers["progress_named"].withdrawn_at is not None
    assert {c.policy_version for c in answers.values()} == {PrivacySettings.load().policy_version}
    assert has_consent(person=person, purpose="news")
    assert not has_consent(person=person, purpose="progress_named")


def test_my_account_shows_each_purpose_and_gives_and_withdraws_at_once(client):
    person = UserFactory(first_name="Élodie", last_name="Bérubé")
    client.force_login(person)
    html = client.get(PROFILE_URL).content.decode()
    assert "Mes consentements" in html
    assert html.count("Donner mon consentement") == len(Purpose.values)

    response = client.post(
        "/confidentialite/consentements/changer/",
        {"purpose": "progress_named", "action": "give"},
    )
    assert response.status_code == 302
    assert has_consent(person=person, purpose="progress_named")
    html = client.get(PROFILE_URL).content.decode()
    assert "Votre consentement a été enregistré." in html
    assert "Donné le" in html
    assert "Retirer mon consentement" in html

    client.post(
        "/confidentialite/consentements/changer/",
        {"purpose": "progress_named", "action": "withdraw"},
    )
    assert not has_consent(person=person, purpose="progress_named")
    html = client.get(PROFILE_URL).content.decode()
    assert "Votre consentement a été retiré : cela prend effet dès maintenant." in html
    assert "Non donné (depuis le" in html
    # Every change is kept: given, then withdrawn.
    history = Consent.objects.filter(person=person, purpose="progress_named").order_by("pk")
    assert [c.given for c in history] == [True, False]


def test_a_change_of_consent_refuses_unknown_purposes_and_anonymous_people(client):
    response = client.post(
        "/confidentialite/consentements/changer/", {"purpose": "news", "action": "give"}
    )
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]
    client.force_login(UserFactory())
    response = client.post(
        "/confidentialite/consentements/changer/", {"purpose": "marketing", "action": "give"}
    )
    assert response.status_code == 400


def test_giving_twice_under_the_same_version_writes_one_row():
    person = UserFactory()
    assert consent_give(person=person, purpose="news") is not None
    assert consent_give(person=person, purpose="news") is None
    assert consent_withdraw(person=person, purpose="news") is not None
    assert Consent.objects.filter(person=person).count() == 2


def test_a_new_policy_version_asks_again_without_blocking_the_site(client):
    person = UserFactory(first_name="Nguyễn", last_name="Thị Mai")
    for purpose in Purpose.values:
        consent_withdraw(person=person, purpose=purpose)
    client.force_login(person)
    assert NOTICE not in client.get(PROFILE_URL).content.decode()

    settings = PrivacySettings.load()
    settings.policy_version = "2027.1"
    settings.save()
    response = client.get(PROFILE_URL)
    assert response.status_code == 200  # the page is shown, with the notice above it
    html = response.content.decode()
    assert NOTICE in html
    assert 'href="/confidentialite/consentements/"' in html

    review = client.get("/confidentialite/consentements/").content.decode()
    assert "selon la version 2027.1 de notre politique" in review
    response = client.post("/confidentialite/consentements/", {"consent_news": "on"})
    assert response.status_code == 302
    assert NOTICE not in client.get(PROFILE_URL).content.decode()
    assert has_consent(person=person, purpose="news")
    assert set(
        Consent.objects.filter(person=person, policy_version="2027.1").values_list(
            "purpose", flat=True
        )
    ) == set(Purpose.values)


def test_a_person_who_never_answered_is_asked(client):
    client.force_login(UserFactory())
    assert NOTICE in client.get(PROFILE_URL).content.decode()


def test_visitors_see_no_notice(client):
    assert NOTICE not in client.get("/confidentialite/").content.decode()
