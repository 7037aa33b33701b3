"""A whole call in a real browser (the system Chromium), in French: an organisation's
contact applies from "Mon parcours", two committee members declare their interests and
score it, staff record the decision in the admin, and the organisation reads it on "Mon
parcours" and on its application's page. axe-core finds no WCAG 2.1 AA violation on each
of the site's pages of the journey, nor on the admin's decision page."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from lms.pathway.models import BursaryEligibility
from lms.selection.models import Application, CallKind, Decision, Seat
from tests.browser.test_accessibility import WCAG_21_AA, log_in, report
from tests.factories import UserFactory
from tests.selection.builders import (
    contact,
    eligible_organisation,
    make_call,
    make_committee,
    member,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CRITERIA = [("Pertinence pour les personnes servies", 2), ("Faisabilité", 1)]


def violations(page) -> list[dict]:
    return Axe().run(page, options=WCAG_21_AA).response["violations"]


@pytest.fixture
def call(db):
    return make_call(CallKind.SEED, title="Bourse d’amorçage — appel d’hiver", criteria=CRITERIA)


@pytest.fixture
def committee(call):
    return make_committee(call)


@pytest.fixture
def applicant(call):
    organisation = eligible_organisation(1, name="Maison des jeunes « L’Escale » 青少年")
    return contact(organisation, first_name="Thérèse", last_name="Nguyễn")


def test_a_whole_call_from_application_to_decision(in_browser, call, committee, applicant):
    found = {}

    def apply(page):
        log_in(page, applicant.email)
        page.goto("/parcours/mon-parcours/")
        found["mon-parcours (open call)"] = violations(page)
        page.get_by_role("link", name="Lire l’appel").first.click()
        page.wait_for_load_state()
        found["call"] = violations(page)
        page.get_by_role("button", name="Déposer une candidature pour").click()
        page.wait_for_load_state()
        found["application (empty)"] = violations(page)
        page.fill("#id_title", "Des portables pour l’accueil")
        page.fill("#id_summary", "Accueillir les jeunes & leurs familles sans papier.")
        page.fill("#id_description", "Deux portables chiffrés.\nUne formation.")
        page.select_option("#id_budget-0-category", "equipment")
        page.fill("#id_budget-0-description", "Deux portables")
        page.fill("#id_budget-0-amount", "2400")
        page.get_by_role("button", name="Enregistrer le brouillon").click()
        page.wait_for_load_state()
        found["application (draft)"] = violations(page)
        page.get_by_role("button", name="Enregistrer et déposer").click()
        page.wait_for_load_state()
        found["application (submitted)"] = violations(page)
        return page.locator("main").inner_text()

    submitted = in_browser(apply)
    assert "Déposée" in submitted or "déposée" in submitted
    application = Application.objects.get()
    assert application.state == Application.State.SUBMITTED

    def score(person, values, name):
        def scenario(page):
            log_in(page, person.email)
            page.get_by_role("link", name="Comité de sélection").click()
            page.wait_for_load_state()
            found[f"committee home ({name})"] = violations(page)
            page.get_by_role("link", name="Déclarer vos intérêts").click()
            page.wait_for_load_state()
            found[f"declaration ({name})"] = violations(page)
            page.get_by_label("Non").check()
            page.get_by_role("button", name="Enregistrer ma déclaration").click()
            page.wait_for_load_state()
            found[f"application read ({name})"] = violations(page)
            page.goto(f"/candidatures/comite/{application.pk}/evaluation/")
            found[f"scores form ({name})"] = violations(page)
            for index, value in enumerate(values):
                page.locator("input[name^=score_]").nth(index).fill(str(value))
                page.locator("textarea[name^=comment_]").nth(index).fill(f"Note {value} : à voir")
            page.get_by_role("button", name="Soumettre mes notes").click()
            page.wait_for_load_state()
            found[f"consolidated ({name})"] = violations(page)
            return page.locator("main").inner_text()

        return scenario

    in_browser(score(member(committee, Seat.DATAIDE).person, [5, 4], "first"))
    consolidated = in_browser(
        score(member(committee, Seat.IT_ORGANISATION).person, [2, 4], "second")
    )
    assert "personnes servies\xa0: les notes s’écartent de 3 points" in consolidated

    staff = UserFactory(roles=["staff"], first_name="Sophie")

    def decide(page):
        log_in(page, staff.email)
        page.goto(f"/admin/selection/applications/{application.pk}/decision/")
        found["admin decision"] = violations(page)
        page.get_by_label("Acceptée").check()
        page.fill("#id_amount", "2 000,00")
        page.fill("#id_reasons", "Un besoin clair.\nLe comité accorde 2 000 $ pour les portables.")
        page.get_by_role("button", name="Enregistrer la décision").click()
        page.wait_for_load_state()
        return page.locator("main").inner_text()

    recorded = in_browser(decide)
    decision = Decision.objects.filter().first()
    assert decision is not None, recorded
    assert str(decision.amount) == "2000.00"
    assert BursaryEligibility.objects.get(organisation=application.organisation).status == "awarded"

    def read(page):
        log_in(page, applicant.email)
        page.goto("/parcours/mon-parcours/")
        found["mon-parcours (decided)"] = violations(page)
        dashboard = page.locator("main").inner_text()
        page.get_by_role("link", name="Voir la candidature").click()
        page.wait_for_load_state()
        found["application (decided)"] = violations(page)
        return dashboard, page.locator("main").inner_text()

    dashboard, decided = (
        " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split(" "))
        for text in in_browser(read)
    )
    assert "Acceptée, 2 000,00 $ accordés" in dashboard, dashboard
    assert "La décision du comité : Acceptée" in decided, decided
    assert "Le comité accorde 2 000 $ pour les portables." in decided
    assert all(v == [] for v in found.values()), "\n".join(
        report(name, v) for name, v in found.items() if v
    )
