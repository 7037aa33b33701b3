"""A call's report: applications by state, amounts against the budget and the quotas, per
region; any group of fewer than five shown as "<5"; the same figures as CSV and XLSX; staff
only; a constant number of queries."""

import csv
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lms.pathway.models import PathwaySettings
from lms.selection.models import CallKind, Outcome, RegionalQuota
from lms.selection.reports import call_report
from lms.selection.selectors import members_who_decide
from lms.selection.services import application_return, application_start, decision_record
from tests.cohorts.builders import make_cohort
from tests.factories import UserFactory, region
from tests.selection.builders import (
    contact,
    declare_and_score,
    eligible_organisation,
    make_call,
    make_committee,
    member,
    submitted_application,
)

pytestmark = pytest.mark.django_db

ESTRIE = "estrie"
MONTREAL = "grand-montreal"


@pytest.fixture
def staff(db):
    return UserFactory(roles=["staff"], first_name="Sophie", last_name="Tremblay")


@pytest.fixture
def call(db):
    return make_call(CallKind.SEED, budget=Decimal("50000"), regions=(MONTREAL, ESTRIE))


@pytest.fixture
def committee(call):
    return make_committee(call)


def url(call, export=None):
    path = reverse("selection_calls:report", args=[call.pk])
    return f"{path}?export={export}" if export else path


def decide(application, staff, outcome=Outcome.ACCEPTED, amount=Decimal("900")):
    return decision_record(
        application=application,
        actor=staff,
        outcome=outcome,
        amount=amount if outcome == Outcome.ACCEPTED else None,
        reasons="Projet clair & utile.",
        decided_on=timezone.localdate(),
        participants=members_who_decide(application),
        confirm_beyond_quota=True,
    )


def applications(call, count, region_slug, prefix):
    return [
        submitted_application(call, name=f"{prefix} {n} « Ωmega »", region_slug=region_slug)
        for n in range(count)
    ]


def draft(call, name, region_slug=MONTREAL):
    organisation = eligible_organisation(1, name=name, region_slug=region_slug)
    return application_start(call=call, organisation=organisation, person=contact(organisation))


def four_in_estrie_five_in_montreal(call, staff, prefix="Estrie"):
    """Accepted applications: four of Estrie (named ``prefix`` n), five of Montréal."""
    make_committee(call)
    for application in applications(call, 4, ESTRIE, prefix):
        decide(application, staff)
    for application in applications(call, 5, MONTREAL, "Montréal"):
        decide(application, staff)


def group(report, slug):
    if slug == "total":
        return report.total
    return next(row for row in report.regions if row.slug == slug)


def test_applications_are_counted_by_state(call, committee, staff):
    # Montréal: 2 drafts (one returned), 5 submitted, 5 under review, 6 decided.
    draft(call, "Brouillon « Été »")
    returned = submitted_application(call, name="Renvoyé", region_slug=MONTREAL)
    application_return(application=returned, actor=staff, reason="Précisez le budget.")
    applications(call, 5, MONTREAL, "Soumis")
    for application in applications(call, 5, MONTREAL, "En examen"):
        declare_and_score(member(committee), application, [4])
    decided = applications(call, 6, MONTREAL, "Décidé")
    for application in decided[:5]:
        decide(application, staff)
    decide(decided[5], staff, Outcome.WAITLISTED)
    # A waitlisted application decided again counts by its latest decision.
    waiting = submitted_application(call, name="Attente", region_slug=MONTREAL)
    decide(waiting, staff, Outcome.WAITLISTED)
    decide(waiting, staff, Outcome.REFUSED)

    report = call_report(call)
    montreal = group(report, MONTREAL)
    assert (montreal.draft, montreal.submitted, montreal.under_review, montreal.decided) == (
        "<5", 5, 5, 7,
    )  # fmt: skip
    assert (montreal.accepted, montreal.waitlisted, montreal.refused) == (5, "<5", "<5")
    assert montreal.applications == 19
    estrie = group(report, ESTRIE)
    assert (estrie.applications, estrie.draft, estrie.requested, estrie.granted) == (0, 0, 0, 0)
    assert report.total.applications == 19
    # 17 submitted applications of 1 000 $ each; 5 accepted at 900 $.
    assert montreal.requested == Decimal("17000")
    assert montreal.granted == Decimal("4500")
    assert report.left == Decimal("45500")


def test_a_region_of_four_shows_less_than_five_and_no_amount_while_five_show(call, staff):
    four_in_estrie_five_in_montreal(call, staff)
    report = call_report(call)
    estrie, montreal = group(report, ESTRIE), group(report, MONTREAL)
    assert (estrie.applications, estrie.decided, estrie.accepted) == ("<5", "<5", "<5")
    assert (estrie.requested, estrie.granted) == (None, None)
    assert (montreal.applications, montreal.accepted) == (5, 5)
    # Montréal's amounts would give Estrie's by subtraction from the whole call's.
    assert (montreal.requested, montreal.granted) == (None, None)
    assert (report.total.applications, report.total.granted) == (9, Decimal("8100"))

    decide(submitted_application(call, name="Estrie « Ж »", region_slug=ESTRIE), staff)
    report = call_report(call)
    estrie, montreal = group(report, ESTRIE), group(report, MONTREAL)
    assert (estrie.applications, estrie.accepted, estrie.granted) == (5, 5, Decimal("4500"))
    assert (montreal.requested, montreal.granted) == (Decimal("5000"), Decimal("4500"))


def test_a_small_region_hides_the_next_smallest_amount_only(call, staff):
    call.regions.set([])
    make_committee(call)
    for slug, count in ((ESTRIE, 1), (MONTREAL, 5), ("laurentides", 6)):
        for application in applications(call, count, slug, slug):
            decide(application, staff)
    report = call_report(call)
    assert [row.slug for row in report.regions] == [MONTREAL, ESTRIE, "laurentides"]
    granted = {row.slug: row.granted for row in [*report.regions, report.total]}
    assert granted == {
        ESTRIE: None, MONTREAL: None, "laurentides": Decimal("5400"), "total": Decimal("10800"),
    }  # fmt: skip


def test_the_page_shows_the_suppressed_figures_in_french(client, call, staff):
    four_in_estrie_five_in_montreal(call, staff)
    client.force_login(staff)
    page = client.get(url(call)).content.decode()
    assert "Rapport" in page
    assert '<caption class="w-sr-only">Candidatures et montants : Estrie</caption>' in page
    assert '<th scope="row">Montant accordé</th>' in page
    estrie = page.split('data-group="estrie"')[1].split("</table>")[0]
    assert "&lt;5" in estrie
    assert 'data-amount="granted">—</td>' in estrie
    whole = page.split('data-group="total"')[1].split("</table>")[0]
    assert 'data-amount="granted">8\xa0100,00 $</td>' in whole
    assert 'data-amount="budget">50\xa0000,00 $</td>' in whole
    assert 'data-amount="left">41\xa0900,00 $</td>' in whole
    assert "Café" not in page and "Estrie 0" not in page  # no organisation is named
    # The call's listing links to it.
    listing = client.get(reverse("selection_calls:index")).content.decode()
    assert url(call) in listing


def test_amounts_granted_against_the_budget_and_the_quotas(call, staff):
    make_committee(call)
    settings = PathwaySettings.load()
    settings.quota_level_1 = 6
    settings.save()
    RegionalQuota.objects.create(level=1, region=region(MONTREAL), planned=3)
    other_call = make_call(CallKind.SEED, title="Appel « Semence » d’automne")
    make_committee(other_call)
    for application in applications(other_call, 1, ESTRIE, "Autre"):
        decide(application, staff)
    for application in applications(call, 5, MONTREAL, "Montréal"):
        decide(application, staff, amount=Decimal("1000"))
    call.budget = Decimal("4000")
    call.save()
    report = call_report(call)
    montreal, estrie = group(report, MONTREAL), group(report, ESTRIE)
    assert report.level == 1
    assert (report.total.quota, report.total.awarded) == (6, 6)  # every call of the level
    assert (montreal.quota, montreal.awarded) == (3, 5)
    assert (estrie.quota, estrie.awarded) == (None, "<5")
    assert report.total.granted == Decimal("5000")
    assert report.left == Decimal("-1000")
    # A seat's call has no quota nor amounts to weigh.
    seat_report = call_report(make_call(CallKind.LEVEL2_SEAT, ceiling=None,
                                        cohort=make_cohort(), title="Place"))  # fmt: skip
    assert seat_report.level is None
    assert seat_report.total.quota is None and seat_report.total.awarded is None


def test_the_exports_hold_the_same_suppressed_figures(client, call, staff):
    four_in_estrie_five_in_montreal(call, staff, "=Estrie")
    client.force_login(staff)

    response = client.get(url(call, "csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="rapport-appel-{call.pk}.csv"'
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(StringIO(text), delimiter=";"))
    header = rows[0]
    assert header[:3] == [
        "Région", "Candidatures", "Brouillons (y compris renvoyées pour modifications)",
    ]  # fmt: skip
    assert "Montant accordé ($)" in header and "Bourses prévues" in header
    by_region = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_region) == {"Grand Montréal", "Estrie", "Ensemble de l’appel"}
    assert by_region["Estrie"]["Candidatures"] == "<5"
    assert by_region["Estrie"]["Montant accordé ($)"] == "—"
    assert by_region["Grand Montréal"]["Candidatures"] == "5"
    assert by_region["Ensemble de l’appel"]["Montant accordé ($)"] == "8100,00"
    assert by_region["Ensemble de l’appel"]["Budget de l’appel ($)"] == "50000,00"
    assert "=Estrie" not in text

    response = client.get(url(call, "xlsx"))
    assert response["Content-Disposition"] == f'attachment; filename="rapport-appel-{call.pk}.xlsx"'
    sheet = load_workbook(BytesIO(response.content)).active
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert cells[0] == header
    xlsx = {row[0]: dict(zip(header, row, strict=True)) for row in cells[1:]}
    assert xlsx["Estrie"]["Candidatures"] == "<5"
    assert xlsx["Estrie"]["Montant demandé ($)"] == "—"
    assert xlsx["Grand Montréal"]["Montant accordé ($)"] == "—"
    assert xlsx["Ensemble de l’appel"]["Montant accordé ($)"] == 8100
    assert xlsx["Ensemble de l’appel"]["Candidatures"] == 9

    assert client.get(url(call, "pdf")).status_code == 404


def test_staff_see_the_report_and_no_one_else(client, call, staff, learner, facilitator, author):
    client.force_login(staff)
    assert client.get(url(call)).status_code == 200
    committee_member = make_committee(call).members.first().person
    # Without the admin, the login page; an author in the admin is sent to its home.
    for person, to in ((learner, "/comptes/login/"), (facilitator, "/comptes/login/"),
                       (committee_member, "/comptes/login/"), (author, "/admin/")):  # fmt: skip
        client.force_login(person)
        for export in (None, "csv", "xlsx"):
            response = client.get(url(call, export))
            assert response.status_code in (302, 403), (person, export)
            if response.status_code == 302:
                assert response["Location"].startswith(to), (person, export)
    client.force_login(author)
    listing = client.get(reverse("selection_calls:index"), follow=True).content.decode()
    assert url(call) not in listing
    client.logout()
    response = client.get(url(call))
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(staff)
    assert client.get(reverse("selection_calls:report", args=[call.pk + 1000])).status_code == 404


def test_the_report_takes_the_same_queries_as_applications_grow(client, call, staff):
    make_committee(call)
    client.force_login(staff)
    applications(call, 1, MONTREAL, "Premier")
    with CaptureQueriesContext(connection) as one:
        assert client.get(url(call)).status_code == 200
    with CaptureQueriesContext(connection) as selector_one:
        call_report(call)
    for application in applications(call, 3, MONTREAL, "Montréal"):
        decide(application, staff)
    for application in applications(call, 2, ESTRIE, "Estrie"):
        declare_and_score(member(call.committees.get()), application, [3])
    with CaptureQueriesContext(connection) as six:
        assert client.get(url(call)).status_code == 200
    with CaptureQueriesContext(connection) as selector_six:
        call_report(call)
    assert len(six) == len(one)
    assert len(selector_six) == len(selector_one) <= 6
