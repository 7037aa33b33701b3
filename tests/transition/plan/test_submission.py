"""Submitting: missing parts listed with links, a frozen version, level 2 completed with
the version in the evidence, versions compared, the budget against the ceiling."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from courses.services import module_complete
from lms.pathway.models import BursaryEligibility, LevelCompletion
from lms.transition.plan.models import PlanVersion, TransitionPlan
from lms.transition.plan.selectors import plan_record
from tests.factories import OrganisationFactory, UserFactory
from tests.transition.plan.conftest import complete_content, form_data, logged_in

pytestmark = pytest.mark.django_db


def test_missing_parts_are_listed_each_linked_to_its_field(client, programme, plan_url):
    logged_in(client, programme["learner"])
    content = complete_content(situation="", priorities=[])
    content["actions"][1]["responsible"] = ""
    content["risks"][0]["about_people_data"] = False
    content["indicators"] = []

    response = client.post(plan_url, form_data(content, revision=0, then="submit"))

    assert response.url.endswith("#soumettre")
    assert not PlanVersion.objects.exists()
    html = client.get(plan_url).content.decode()
    for anchor, text in [
        ("id_situation", "Décrire la situation de l'organisme."),
        ("id_priorities-0-text", "Nommer au moins une priorité."),
        ("id_actions-1-responsible", "Action 2 : il manque le champ « personne responsable »."),
        ("id_indicators-0-name", "Ajouter au moins un indicateur au plan de suivi."),
        ("id_risks-0-about_people_data", "Nommer au moins un risque pour les données"),
    ]:
        assert f'<a href="#{anchor}">{escape(text)}' in html
        assert f'id="{anchor}"' in html  # the link leads to the field


def test_submission_freezes_a_version_and_a_change_starts_a_new_draft(client, programme, plan_url):
    logged_in(client, programme["learner"])
    response = client.post(plan_url, form_data(complete_content(), revision=0, then="submit"))

    version = PlanVersion.objects.get()
    assert response.url == reverse("plan_version", args=[1])
    assert (version.number, version.revision, version.submitted_by) == (1, 1, programme["learner"])
    assert version.content["actions"][0]["responsible"] == "Nguyễn Thị Ánh"
    page = client.get(response.url).content.decode()
    assert "Plan de transition numérique, version 1" in page

    changed = complete_content(priorities=["Former l'équipe"])
    client.post(plan_url, form_data(changed, revision=1))
    version.refresh_from_db()
    assert version.content["priorities"] == ["Protéger les données des personnes accueillies"]
    assert "Déposer le plan" in client.get(plan_url).content.decode()

    client.post(plan_url, form_data(changed, revision=2, then="submit"))
    assert list(PlanVersion.objects.values_list("number", flat=True)) == [1, 2]
    compare = client.get(reverse("plan_compare")).content.decode()
    assert "Priorité 1" in compare
    assert "Former l&#x27;équipe" in compare
    assert compare.count("Aucune différence.") == 4  # situation, actions, risks, indicators
    assert plan_record(organisation=programme["organisation"])["version"] == 1


def test_submitting_twice_the_same_draft_makes_one_version(client, programme, plan_url):
    logged_in(client, programme["learner"])
    client.post(plan_url, form_data(complete_content(), revision=0, then="submit"))
    client.post(plan_url, form_data(complete_content(), revision=1, then="submit"))
    assert PlanVersion.objects.count() == 1


def test_submission_completes_level_2_with_the_version_in_the_evidence(client, programme, plan_url):
    learner, colleague = programme["learner"], programme["colleague"]
    for module in programme["modules"]:
        module_complete(learner=learner, module=module)
        module_complete(learner=colleague, module=module)
    assert not LevelCompletion.objects.filter(level=2).exists()  # no plan yet

    logged_in(client, colleague)
    client.post(plan_url, form_data(complete_content(), revision=0, then="submit"))

    version = PlanVersion.objects.get()
    assert LevelCompletion.objects.filter(level=2).count() == 2
    eligibility = BursaryEligibility.objects.get(level=2)
    assert eligibility.organisation == programme["organisation"]
    records = LevelCompletion.objects.get(learner=colleague, level=2).evidence["records"]
    plan = next(r for r in records if r["kind"] == "transition_plan")
    assert (plan["id"], plan["version"]) == (version.pk, 1)

    dashboard = client.get(reverse("pathway_dashboard")).content.decode()
    assert "Plan de transition numérique" in dashboard
    assert "Déposé (version 1," in dashboard


def test_mon_parcours_shows_where_the_plan_stands(client, programme, plan_url):
    logged_in(client, programme["learner"])
    dashboard = reverse("pathway_dashboard")
    assert "Commencer le plan" in client.get(dashboard).content.decode()
    client.post(plan_url, form_data(complete_content(situation=""), revision=0))
    html = client.get(dashboard).content.decode()
    assert "Brouillon enregistré le" in html
    assert "par Ánh Tremblay" in html
    assert "Continuer le plan" in html


def test_the_budget_is_totalled_by_category_and_compared_with_the_ceiling(
    client, programme, plan_url
):
    logged_in(client, programme["learner"])
    content = complete_content()
    content["actions"][0]["budget"] = 14000
    content["actions"][1]["category"] = "equipment"
    client.post(plan_url, form_data(content, revision=0))

    response = client.get(plan_url)
    budget = response.context["page"].budget
    assert budget.by_category[0] == ("Équipement", 15200)
    assert (budget.total, budget.ceiling, budget.over) == (15200, 15000, 200)
    html = response.content.decode()
    assert "Le budget dépasse de 200\u00a0$ le plafond de la bourse d'accélération" in html
    assert "15\u00a0000\u00a0$" in html

    content["actions"][0]["budget"] = 1000
    client.post(plan_url, form_data(content, revision=1))
    assert "Dans les limites du plafond" in client.get(plan_url).content.decode()


def test_a_version_of_another_organisation_is_not_found(client, programme, plan_url):
    logged_in(client, programme["learner"])
    client.post(plan_url, form_data(complete_content(), revision=0, then="submit"))
    assert client.get(reverse("plan_version", args=[2])).status_code == 404
    other = UserFactory(organisation=OrganisationFactory(), roles=["learner"])
    logged_in(client, other)
    assert client.get(reverse("plan_version", args=[1])).status_code == 404
    assert client.get(reverse("plan_version_pdf", args=[1])).status_code == 404
    assert TransitionPlan.objects.count() == 1
