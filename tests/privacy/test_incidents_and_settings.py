"""The register of confidentiality incidents is seen by the person in charge only; the
privacy settings are edited by programme staff."""

import pytest
from django.contrib.auth.models import Group

from lms.accounts.roles import ROLES, sync_role_groups
from lms.privacy.models import ConfidentialityIncident, PrivacySettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REGISTER_URL = "/admin/confidentialite/incidents/"
ADD_URL = REGISTER_URL + "new/"
SETTINGS_URL = "/admin/settings/privacy/privacysettings/"


@pytest.fixture
def officer(db):
    sync_role_groups()
    return UserFactory(
        first_name="Marie-Ève", last_name="Lévesque-Tran", roles=["staff", "privacy_officer"]
    )


@pytest.fixture
def incident(officer):
    return ConfidentialityIncident.objects.create(
        known_on="2026-11-02",
        circumstances="Courriel envoyé au mauvais destinataire : « Zoë Ng »",
        information_concerned="Nom et adresse courriel",
        people_count=1,
        recorded_by=officer,
    )


def test_the_role_has_its_french_group_name():
    sync_role_groups()
    assert Group.objects.filter(
        name="Responsable de la protection des renseignements personnels"
    ).exists()
    assert ROLES["privacy_officer"].group_name.startswith("Responsable de la protection")


def test_the_person_in_charge_lists_and_records_incidents(client, officer, incident):
    client.force_login(officer)
    assert REGISTER_URL in client.get("/admin/").content.decode()  # in the admin's menu
    html = client.get(REGISTER_URL).content.decode()
    assert "Incidents de confidentialité" in html
    assert "Courriel envoyé au mauvais destinataire" in html

    form = client.get(ADD_URL).content.decode()
    for label in (
        "Date de l&#x27;incident",
        "Date à laquelle l&#x27;incident a été connu",
        "Circonstances",
        "Renseignements personnels visés",
        "Nombre de personnes concernées",
        "Risque de préjudice sérieux",
        "Mesures prises",
        "Avis à la Commission d&#x27;accès à l&#x27;information",
        "Avis aux personnes concernées",
    ):
        assert label in form, label
    response = client.post(
        ADD_URL,
        {
            "known_on": "2026-12-01",
            "occurred_on": "2026-11-30",
            "circumstances": "Ordinateur portable volé à Québec",
            "information_concerned": "Noms des apprenants d'une cohorte",
            "people_count": "12",
            "people_description": "Apprenants de la cohorte d'automne",
            "risk": "serious",
            "risk_assessment": "Noms seulement, mais chiffrement inconnu",
            "measures": "Mots de passe changés",
            "commission_notified_on": "2026-12-02",
            "people_notified_on": "",
        },
    )
    assert response.status_code == 302
    recorded = ConfidentialityIncident.objects.get(circumstances__startswith="Ordinateur")
    assert recorded.recorded_by == officer
    assert recorded.risk == "serious"


@pytest.mark.parametrize("who", ["staff", "superuser", "author", "learner"])
def test_nobody_else_sees_the_register(client, incident, who):
    sync_role_groups()
    if who == "superuser":
        person = UserFactory(is_superuser=True, is_staff=True)
    else:
        person = UserFactory(roles=[who])
    client.force_login(person)
    for url in (REGISTER_URL, ADD_URL, f"{REGISTER_URL}edit/{incident.pk}/"):
        response = client.get(url)
        if who == "learner":  # no access to the admin at all: to the login page
            assert response.status_code == 302, url
        else:
            assert response.status_code == 403, (who, url)
        assert "mauvais destinataire" not in response.content.decode()
    assert REGISTER_URL not in client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, incident):
    response = client.get(REGISTER_URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_even_the_person_in_charge_cannot_delete_a_row(client, officer, incident):
    client.force_login(officer)
    response = client.post(f"{REGISTER_URL}delete/{incident.pk}/")
    # The policy refuses "delete" to everyone: Wagtail sends her back to the dashboard.
    assert response.status_code in (302, 403, 404)
    assert ConfidentialityIncident.objects.filter(pk=incident.pk).exists()


def test_staff_edit_the_privacy_settings_and_learners_cannot(client, staff, learner):
    sync_role_groups()
    client.force_login(staff)
    page = client.get(SETTINGS_URL, follow=True)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Personne responsable de la protection des renseignements personnels" in html
    assert "Version de la politique" in html

    client.force_login(learner)
    response = client.get(SETTINGS_URL)
    assert response.status_code in (302, 403)
    assert PrivacySettings.load().officer_name == ""
