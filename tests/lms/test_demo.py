import pytest
from django.core.management import call_command

from lms.accounts.models import Organisation, User
from lms.accounts.roles import user_roles
from lms.management.commands.load_demo import DEMO_PASSWORD


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
    from lms.pathway.models import BursaryEligibility, LevelCompletion

    call_command("load_demo", stdout=open("/dev/null", "w"))
    learner = User.objects.get(email="apprenante@dataide.test")
    assert LevelCompletion.objects.get(learner=learner).level == 1
    assert BursaryEligibility.objects.get().organisation == learner.organisation
    client.force_login(learner)
    assert "prise automatiquement" in client.get("/parcours/mon-parcours/").content.decode()


@pytest.mark.django_db
def test_the_demo_facilitator_has_a_cohort_with_seats(client):
    from cohorts.models import Cohort

    call_command("load_demo", stdout=open("/dev/null", "w"))
    cohort = Cohort.objects.get()
    assert cohort.seats.active().count() == 6
    assert [u.email for u in cohort.facilitators.all()] == ["animateur@dataide.test"]
    client.force_login(User.objects.get(email="animateur@dataide.test"))
    assert client.get("/webinaires/seances/").status_code == 200
    assert cohort.sessions.exists()
