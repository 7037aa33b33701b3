import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.validators import validate_email

from cohorts.models import Cohort
from lms.accounts.models import Organisation, User
from lms.accounts.roles import user_roles
from lms.demo.people import DEMO_PASSWORD
from lms.pathway.models import BursaryEligibility, LevelCompletion
from lms.privacy.models import Consent, PrivacySettings
from lms.transition.assessment.selectors import latest_result
from lms.transition.plan.document import dollars


@pytest.mark.django_db
def test_demo_data_loads_once_and_keeps_what_is_there(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    counts = (User.objects.count(), Organisation.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))

    assert counts == (User.objects.count(), Organisation.objects.count())
    assert Organisation.objects.confirmed().count() == 12
    assert Organisation.objects.values("region").distinct().count() == 11
    roles = {u.email: user_roles(u) for u in User.objects.all()}
    assert roles["apprenante@dataide.test"] == {"learner"}
    assert roles["autrice@dataide.test"] == {"author"}
    assert roles["animateur@dataide.test"] == {"facilitator"}
    assert roles["equipe@dataide.test"] == {"staff"}
    assert User.objects.get(email="admin@dataide.test").is_superuser

    response = client.post(
        "/comptes/login/", {"login": "apprenante@dataide.test", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert "DATAide pathway" in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_the_demo_learner_has_completed_level_1(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    learner = User.objects.get(email="apprenante@dataide.test")
    assert LevelCompletion.objects.get(learner=learner).level == 1
    assert BursaryEligibility.objects.filter(level=1, organisation=learner.organisation).exists()
    client.force_login(learner)
    assert "prise automatiquement" in client.get("/parcours/mon-parcours/").content.decode()


@pytest.mark.django_db
def test_the_demo_facilitator_has_a_cohort_with_seats(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    cohort = Cohort.objects.get(name="Cohorte de démonstration")
    assert cohort.seats.active().count() == 6
    assert [u.email for u in cohort.facilitators.all()] == ["animateur@dataide.test"]
    client.force_login(User.objects.get(email="animateur@dataide.test"))
    assert client.get("/webinaires/seances/").status_code == 200
    assert cohort.sessions.exists()


@pytest.mark.django_db
def test_every_demo_account_is_a_valid_address_that_logs_in(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    emails = list(User.objects.order_by("email").values_list("email", flat=True))
    assert "lea.bergeron@dataide.test" in emails

    for email in emails:
        validate_email(email)
        client.logout()
        response = client.post("/comptes/login/", {"login": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)


@pytest.mark.django_db
def test_the_readme_lists_the_demo_accounts_that_exist():
    call_command("load_demo", stdout=open("/dev/null", "w"))
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    section = readme.split("### Demo accounts", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`([^`\s]+@dataide\.test)`", section))
    assert listed == set(User.objects.values_list("email", flat=True))


@pytest.mark.django_db
def test_the_demo_has_a_draft_plan_and_an_organisation_that_completed_level_2(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    learner = User.objects.get(email="apprenante@dataide.test")
    client.force_login(learner)
    page = client.get("/plan-de-transition/").content.decode()
    assert "Acheter trois portables" in page
    assert dollars(13700) in page  # the total, near the acceleration bursary's ceiling

    eligibility = BursaryEligibility.objects.get(
        level=2, organisation__name="Centre d'action bénévole de Rimouski"
    )
    plan = eligibility.evidence["records"][-1]
    assert (plan["kind"], plan["version"]) == ("transition_plan", 1)


@pytest.mark.django_db
def test_the_demo_organisation_took_two_self_assessment_rounds_with_three_colleagues(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    learner = User.objects.get(email="apprenante@dataide.test")
    client.force_login(learner)

    result = latest_result(learner.organisation)
    page = client.get(f"/autodiagnostic/tours/{result.round.pk}/").content.decode()

    assert (result.round.number, result.takes) == (2, 3)
    assert [d.title for d in result.talking_points] == ["Sécurité"]
    assert "Sécurité" in page and "Tour 1" in page


@pytest.mark.django_db
def test_the_demo_names_the_person_in_charge_and_every_account_answered(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert PrivacySettings.load().officer_name == "Isabelle Martel"
    answered = set(Consent.objects.values_list("person_id", flat=True))
    assert set(User.objects.filter(is_active=True).values_list("pk", flat=True)) <= answered
    officer = User.objects.get(email="vie-privee@dataide.test")
    assert user_roles(officer) == {"privacy_officer"}
    client.force_login(officer)
    assert client.get("/admin/confidentialite/incidents/").status_code == 200
    page = client.get("/confidentialite/").content.decode()
    assert "Isabelle Martel" in page
