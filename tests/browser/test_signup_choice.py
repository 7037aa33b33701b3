"""A newcomer whose NEQ an organisation already holds is asked to choose, in the browser;
the re-displayed sign-up page and the people chooser pass axe-core's WCAG 2.1 AA rules."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from lms.accounts.models import OrganisationJoinRequest, User
from tests.browser.test_accessibility import WCAG_21_AA, log_in, report
from tests.factories import OrganisationFactory, UserFactory, region

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "un-mot-de-passe-solide-42"


def fill_signup(page, *, neq):
    page.fill("#id_email", "nouvelle@exemple.test")
    page.fill("#id_first_name", "Léa")
    page.fill("#id_last_name", "Bergeron")
    page.fill("#id_organisation_name", "CAB de mon quartier")
    page.select_option("#id_region", label="Grand Montréal")
    page.fill("#id_neq", neq)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("main button[type=submit]")


def test_a_newcomer_with_a_known_neq_sees_the_organisation_and_chooses_to_join(in_browser):
    listed = OrganisationFactory(
        name="Centre d'action bénévole", neq="1145678901", region=region("estrie")
    )

    def sign_up(page):
        page.goto("/comptes/signup/")
        fill_signup(page, neq="114 567 8901")

        choice = page.get_by_role("group", name="Est-ce votre organisme ?")
        expect(choice).to_be_visible()
        expect(page.locator("main")).to_contain_text(
            "Ce NEQ est celui de Centre d'action bénévole (Estrie)"
        )
        violations = Axe().run(page, options=WCAG_21_AA).response["violations"]
        choice.get_by_label("Demander à adhérer à Centre d'action bénévole (Estrie)").check()
        page.fill("#id_password1", PASSWORD)
        page.fill("#id_password2", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url("**/confirm-email/")
        return violations

    violations = in_browser(sign_up)

    assert violations == [], report("/comptes/signup/ (choice)", violations)
    request = OrganisationJoinRequest.objects.get(person__email="nouvelle@exemple.test")
    assert (request.organisation, request.status) == (listed, "requested")
    assert User.objects.get(email="nouvelle@exemple.test").organisation is None


def test_the_people_chooser_passes_axe(in_browser, organisation):
    staff = UserFactory(roles=["staff"])
    UserFactory(first_name="Marie", last_name="Roy", organisation=organisation, roles=["learner"])

    def choose(page):
        log_in(page, staff.email)
        page.goto("/admin/snippets/cohorts/cohortseat/add/")
        page.get_by_role("button", name="Choisir une personne").click()
        modal = page.locator(".modal-content")
        expect(modal).to_contain_text("Marie Roy")
        expect(modal).to_contain_text("Cuisines collectives du Plateau (Grand Montréal)")
        return Axe().run(page, context=".modal-content", options=WCAG_21_AA).response["violations"]

    violations = in_browser(choose)

    assert violations == [], report("chooser modal", violations)
