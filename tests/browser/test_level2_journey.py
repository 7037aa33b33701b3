"""Level 2 in a real browser (the system Chromium), in French: the self-assessment taken
and its result seen, the transition plan written and submitted from "Mon parcours", which
then shows level 2 completed; axe-core finds no WCAG 2.1 AA violation on each page of the
journey."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from courses.models import ModuleCompletion
from lms.accounts.models import OrganisationContact
from lms.transition.assessment.models import SelfAssessmentPage
from tests.browser.test_accessibility import WCAG_21_AA, log_in, report
from tests.cohorts.builders import admit, make_cohort
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    course_page,
    level_page,
    module_page,
    publish,
)
from tests.transition.assessment.conftest import dimension

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def level2_learner(staff):
    """A learner whose organisation holds a level-2 seat and who has done every module."""
    level = level_page(number=2, slug="acceleration", bursary_ceiling=15000)
    course = course_page(level=level, title="Accélération numérique")
    modules = [module_page(course, week=week) for week in (1, 2)]
    organisation = OrganisationFactory(name="Entraide de Côte-des-Neiges")
    admit(make_cohort(course), organisation=organisation, by=staff)
    learner = UserFactory(organisation=organisation, roles=["learner"], first_name="Nguyễn")
    OrganisationContact.objects.create(organisation=organisation, person=learner)
    publish(
        level,
        SelfAssessmentPage(
            title="Autodiagnostic de maturité numérique",
            slug="autodiagnostic",
            dimensions=[
                dimension("Sécurité", questions=2),
                dimension("Utilisation des données des personnes servies", data_use=True),
            ],
        ),
    )
    for module in modules:
        ModuleCompletion.objects.create(
            learner=learner, module=module, module_title=module.title, source="test"
        )
    return learner


def violations(page) -> list[dict]:
    return Axe().run(page, options=WCAG_21_AA).response["violations"]


def test_a_learner_writes_and_submits_the_plan_and_completes_level_2(in_browser, level2_learner):
    def journey(page):
        found = {}
        log_in(page, level2_learner.email)
        page.goto("/parcours/mon-parcours/")
        found["mon-parcours"] = violations(page)

        page.get_by_role("link", name="Commencer l’autodiagnostic").click()
        found["self-assessment"] = violations(page)
        page.get_by_role("button", name="Ouvrir un tour").click()
        page.get_by_role("button", name="Commencer mes réponses").click()
        page.wait_for_load_state()
        found["self-assessment step"] = violations(page)
        for radio in page.locator("input[type=radio][value='2']").all():
            radio.check()  # level 2 on each question of "Sécurité"
        page.get_by_role("button", name="Enregistrer et continuer").click()
        page.wait_for_load_state()
        page.locator("input[type=radio][value='4']").first.check()
        page.get_by_role("button", name="Enregistrer et terminer").click()
        page.wait_for_load_state()
        page.goto("/parcours/mon-parcours/")
        page.get_by_role("link", name="Voir le résultat").click()
        page.wait_for_load_state()
        found["self-assessment result"] = violations(page)
        result = page.locator("main").inner_text()

        page.goto("/parcours/mon-parcours/")
        page.get_by_role("link", name="Commencer le plan").click()
        page.wait_for_url("**/plan-de-transition/")
        found["plan (empty)"] = violations(page)

        # The situation starts from the self-assessment; the learner adds to it.
        assert "Sécurité : 2 sur 5" in page.input_value("#id_situation")
        page.fill("#id_situation", "Nos dossiers sont sur papier & dans un tableur.")
        page.fill("#id_priorities-0-text", "Protéger les données des personnes accueillies")
        page.fill("#id_actions-0-title", "Acheter deux portables")
        page.fill("#id_actions-0-responsible", "Nguyễn Thị Ánh")
        page.fill("#id_actions-0-starts_on", "2027-01-15")
        page.fill("#id_actions-0-ends_on", "2027-02-28")
        page.fill("#id_actions-0-budget", "4000")
        page.select_option("#id_actions-0-category", "equipment")
        page.fill("#id_risks-0-description", "Fuite des coordonnées des personnes")
        page.fill("#id_risks-0-mitigation", "Chiffrer les portables")
        page.check("#id_risks-0-about_people_data")
        page.fill("#id_indicators-0-name", "Dossiers numérisés")
        page.fill("#id_indicators-0-baseline", "0 %")
        page.fill("#id_indicators-0-target", "80 %")
        page.fill("#id_indicators-0-source", "Registre interne")
        page.fill("#id_indicators-0-frequency", "Chaque mois")
        page.get_by_role("button", name="Enregistrer le brouillon").click()
        page.wait_for_load_state()
        found["plan (complete draft)"] = violations(page)
        page.get_by_role("button", name="Enregistrer et déposer").click()
        page.wait_for_load_state()
        found["plan (submitted)"] = violations(page)
        submitted = page.locator("main").inner_text()

        page.goto("/parcours/mon-parcours/")
        level2 = page.locator("section#niveau-2, section[aria-labelledby=niveau-2]").inner_text()
        return found, result, submitted, level2

    found, result, submitted, level2 = in_browser(journey)

    assert "Sécurité" in result and "Utilisation des données des personnes servies" in result

    assert "version 1" in submitted.lower()
    assert "Réussi le" in level2  # level 2 completed
    assert "Déposé" in level2
    assert all(v == [] for v in found.values()), "\n".join(
        report(name, v) for name, v in found.items() if v
    )
