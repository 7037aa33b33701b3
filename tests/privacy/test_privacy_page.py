"""The privacy page: generated from the registry, in French and English, reachable from
every page's footer and from the sign-up form, naming the person in charge."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.privacy.models import PrivacySettings
from lms.privacy.registry import entries
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_settings():
    settings = PrivacySettings.load()
    settings.officer_name = "Hélène Côté-Nguyễn 阮"
    settings.officer_title = "Directrice générale"
    settings.officer_email = "confidentialite@dataide.test"
    settings.officer_address = "1000, rue Sainte-Catherine\nMontréal (Québec)"
    settings.policy_version = "2026.2"
    settings.save()
    return settings


def test_the_page_lists_every_entry_of_the_registry_in_french(client, officer_settings):
    response = client.get("/confidentialite/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    assert "Confidentialité : ce que nous gardons à votre sujet, et vos droits" in html
    # One row per kind of information, whatever app declared it.
    for label in (
        "Les modules que vous avez terminés",
        "Votre présence aux séances en direct",
        "Les décisions sur les candidatures",
        "Vos consentements",
        "Votre compte",
    ):
        assert f'<th scope="row">{label}</th>' in html
    labels = {str(entry.label) for entry in entries()}
    assert html.count('<th scope="row">') >= len(labels)
    # Why a record is kept when an account is erased.
    assert "Une réussite peut avoir rendu un organisme admissible à une bourse" in html
    assert "Jusqu&#x27;à la fermeture des comptes du programme." in html
    assert "<caption" in html and 'scope="col"' in html
    # What is about the person comes first, the account at its head; then what only
    # records someone's work (authors' images, staff's changes).
    about_you, your_work = html.split("Ce que la plateforme consigne de votre travail")
    assert about_you.index('<th scope="row">Votre compte</th>') < about_you.index(
        "Les modules que vous avez terminés"
    )
    assert "Les images que vous avez téléversées" in your_work
    assert "Les images que vous avez téléversées" not in about_you


def test_the_page_names_the_person_in_charge_and_the_rights(client, officer_settings):
    html = client.get("/confidentialite/").content.decode()
    assert "Hélène Côté-Nguyễn 阮" in html
    assert "Directrice générale" in html
    assert 'href="mailto:confidentialite@dataide.test"' in html
    assert "Montréal (Québec)" in html
    assert "Version 2026.2 de la politique" in html
    assert "Commission d'accès à l'information du Québec" in html
    assert 'href="/comptes/mon-compte/"' in html or "Mon compte" in html
    assert "Hébergement de la plateforme et de sa base de données" in html
    assert "Partager ma progression, avec mon nom" in html


def test_without_a_person_in_charge_the_page_says_whom_to_write_to(client):
    html = client.get("/confidentialite/").content.decode()
    assert "n'a pas encore désigné la personne responsable" in html


def test_the_page_in_english(client, officer_settings):
    response = client.get("/en/confidentialite/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Privacy: what we keep about you, and your rights" in html
    assert "The modules you completed" in html


def test_every_page_links_to_it_from_the_footer(client, learner):
    for url in ("/comptes/login/", "/confidentialite/"):
        html = client.get(url).content.decode()
        assert '<a href="/confidentialite/">Vie privée</a>' in html, url
    client.force_login(learner)
    html = client.get("/comptes/mon-compte/").content.decode()
    assert '<a href="/confidentialite/">Vie privée</a>' in html


def test_the_sign_up_form_informs_and_links_to_it(client):
    html = client.get("/comptes/signup/").content.decode()
    assert "Ce que nous faisons de ce que vous nous donnez" in html
    assert "Qui recueille ces renseignements : le programme DATAide" in html
    assert 'href="/confidentialite/"' in html
    assert "Commission d'accès à l'information" in html


def test_the_consent_review_notice_costs_no_query_once_cached(client):
    """The notice in every page reads the policy's settings (once per request, shared with
    the page) and the person's answer from the cache: no query on the consents."""
    client.force_login(UserFactory(first_name="Zoé", last_name="Ouellet"))
    client.get("/confidentialite/")  # warms the review cache
    with CaptureQueriesContext(connection) as queries:
        client.get("/confidentialite/")
    sql = [q["sql"] for q in queries]
    assert sum("privacy_privacysettings" in q for q in sql) == 1
    assert not any("privacy_consent" in q for q in sql)
