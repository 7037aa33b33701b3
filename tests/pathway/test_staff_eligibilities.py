"""The eligible organisations' admin: listing, filters, export, evidence, status changes."""

import csv
import io
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from lms.pathway.models import BursaryEligibility, EligibilityChange, PathwaySettings
from lms.pathway.staff.services import eligibility_change_status
from tests.factories import OrganisationFactory, UserFactory
from tests.pathway.staff_helpers import ELIGIBILITIES, grant, set_status

MODULE_EVIDENCE = {
    "rule": "level2.course_and_plan",
    "records": [
        {
            "kind": "module",
            "id": 31,
            "module": "Semaine 1 : la culture des données",
            "revision": 9,
            "completed_at": "2026-02-03T15:30:00+00:00",
        },
        {"kind": "transition_plan", "organisation": 5},
    ],
}


def rows(html: str) -> list[str]:
    """The listing's rows, as text."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    if body is None:
        return []
    cells = re.findall(r"<tr.*?</tr>", body.group(1), re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", row)).split()) for row in cells]


def listed_names(html: str) -> list[str]:
    """The organisations listed, from the links to their detail."""
    titles = re.findall(
        rf'<div class="title-wrapper">\s*<a href="{ELIGIBILITIES}\d+/">\s*(.*?)\s*</a>', html, re.S
    )
    return sorted(unescape(name) for name in titles)


def exported(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))


@pytest.fixture
def logged_in(client, staff):
    client.force_login(staff)
    return client


@pytest.mark.django_db
def test_a_row_says_organisation_level_region_status_date_and_quota(logged_in):
    settings = PathwaySettings.load()
    settings.quota_level_1 = 1
    settings.save()
    grant(name="Cuisines collectives du Plateau", region_slug="estrie")
    grant(name="Friperie de l'Est", region_slug="outaouais")

    html = logged_in.get(ELIGIBILITIES).content.decode()
    listed = rows(html)

    assert len(listed) == 2
    first, second = sorted(listed)
    assert "Cuisines collectives du Plateau" in first
    assert "Niveau 1 : Sensibilisation" in first and "Estrie" in first and "Admissible" in first
    assert "Au-delà du quota" not in first
    assert "Friperie de l'Est" in second and "Outaouais" in second
    assert "Au-delà du quota" in second
    for heading in ("Organisme", "Niveau", "Région", "Statut", "Admissible depuis"):
        assert f">{heading}<" in re.sub(r"\s*<", "<", re.sub(r">\s*", ">", html)), heading
    assert "Organismes admissibles" in html
    assert f"{ELIGIBILITIES}new/" not in html


@pytest.mark.django_db
def test_filters_and_search(logged_in):
    settings = PathwaySettings.load()
    settings.quota_level_2 = 1
    settings.save()
    estrie = grant(name="Cuisines de l'Estrie", region_slug="estrie")
    montreal = grant(level=2, name="Friperie Rosemont", evidence=MODULE_EVIDENCE)
    beyond = grant(level=2, name="Atelier Verdun", evidence=MODULE_EVIDENCE)
    set_status(montreal, BursaryEligibility.Status.AWARDED)
    set_status(estrie, BursaryEligibility.Status.REVOKED)

    def names(**params):
        return listed_names(logged_in.get(ELIGIBILITIES, params).content.decode())

    assert names(level=2) == ["Atelier Verdun", "Friperie Rosemont"]
    assert names(status=["awarded", "revoked"]) == ["Cuisines de l'Estrie", "Friperie Rosemont"]
    assert names(region=estrie.region_id) == ["Cuisines de l'Estrie"]
    assert names(over_quota="true") == ["Atelier Verdun"]
    assert names(q="friperie") == ["Friperie Rosemont"]
    assert beyond.over_quota


@pytest.mark.django_db
def test_the_csv_export_follows_the_filters_and_holds_what_committees_need(logged_in):
    settings = PathwaySettings.load()
    settings.quota_level_1 = 1
    settings.save()
    grant(name="Cuisines collectives", neq="1160000001", region_slug="estrie")
    grant(name='=HYPERLINK("http://x")', region_slug="estrie")
    grant(level=2, name="Autre niveau", evidence=MODULE_EVIDENCE)

    response = logged_in.get(ELIGIBILITIES, {"level": 1, "export": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    assert "admissibilites-" in response["Content-Disposition"]
    header, *lines = exported(response)
    assert header == [
        "Organisme",
        "NEQ",
        "Région",
        "Niveau",
        "Statut",
        "Admissible depuis",
        "Au-delà du quota",
        "Version des règles",
    ]
    assert len(lines) == 2
    by_name = {line[0]: line for line in lines}
    first = by_name["Cuisines collectives"]
    assert first[1:5] == ["1160000001", "Estrie", "Niveau 1 : Sensibilisation", "Admissible"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", first[5])
    assert first[6:] == ["Non", "2026.1"]
    # A name a spreadsheet would run as a formula is kept as text.
    assert '\'=HYPERLINK("http://x")' in by_name
    assert by_name['\'=HYPERLINK("http://x")'][6] == "Oui"


@pytest.mark.django_db
def test_the_xlsx_export_works_too_in_quebec_time(logged_in):
    eligibility = grant(name="Cuisines collectives")
    response = logged_in.get(ELIGIBILITIES, {"export": "xlsx"})
    assert "spreadsheetml" in response["Content-Type"]

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.title == "Organismes admissibles"  # named, not "Sheet1"
    assert sheet.column_dimensions["A"].width >= len("Cuisines collectives")
    header, line = list(sheet.iter_rows(values_only=True))
    assert header[0] == "Organisme" and line[0] == "Cuisines collectives"
    expected = timezone.make_naive(eligibility.granted_at)
    assert abs(line[5] - expected).total_seconds() < 1  # the hour is Quebec's, not UTC
    assert line[6] == "Non"


@pytest.mark.django_db
def test_the_detail_shows_the_evidence_and_the_history(logged_in, staff):
    learner = UserFactory(
        first_name="Josée", last_name="Lavoie", organisation=OrganisationFactory()
    )
    eligibility = grant(
        level=2, organisation=learner.organisation, learner=learner, evidence=MODULE_EVIDENCE,
        rules_version="2026.3",
    )  # fmt: skip
    set_status(eligibility, BursaryEligibility.Status.APPLIED)
    EligibilityChange.objects.create(
        eligibility=eligibility, from_status="eligible", to_status="applied",
        changed_by=staff, reason="Dossier reçu par courriel.",
    )  # fmt: skip

    html = logged_in.get(f"{ELIGIBILITIES}{eligibility.pk}/").content.decode()

    assert "Josée Lavoie" in html
    assert "2026.3" in html
    records = html[html.index("data-evidence-records") :]
    records = " ".join(
        unescape(re.sub(r"<[^>]+>", " ", records[: records.index("</table>")])).split()
    )
    assert (
        "Module réussi Semaine 1 : la culture des données 3 février 2026 10:30 révision 9 #31"
        in records
    )
    assert "Plan de transition numérique déposé" in records
    history = html[html.index("data-eligibility-history") :]
    history = " ".join(
        unescape(re.sub(r"<[^>]+>", " ", history[: history.index("</table>")])).split()
    )
    assert "(octroi) Admissible la plateforme" in history
    assert f"Admissible Demande déposée {staff.get_full_name()}" in history
    assert "Dossier reçu par courriel." in history
    assert f'href="{ELIGIBILITIES}{eligibility.pk}/status/"' in html


@pytest.mark.django_db
def test_the_listing_links_each_row_to_its_detail_and_status_change(logged_in):
    eligibility = grant()
    html = logged_in.get(ELIGIBILITIES).content.decode()
    assert f'href="{ELIGIBILITIES}{eligibility.pk}/"' in html
    assert f'href="{ELIGIBILITIES}{eligibility.pk}/status/"' in html


@pytest.mark.django_db
def test_staff_change_a_status_with_a_reason_and_it_is_logged(logged_in, staff):
    eligibility = grant()
    url = f"{ELIGIBILITIES}{eligibility.pk}/status/"

    form = logged_in.get(url).content.decode()
    offered = set(re.findall(r'name="status" value="(\w+)"', form))
    assert offered == {"applied", "declined", "revoked"}

    response = logged_in.post(url, {"status": "applied", "reason": "Demande reçue."}, follow=True)

    assert response.redirect_chain[-1][0] == f"{ELIGIBILITIES}{eligibility.pk}/"
    assert "le statut est maintenant « Demande déposée »" in response.content.decode()
    eligibility.refresh_from_db()
    assert eligibility.status == "applied"
    assert eligibility.status_changed_by == staff
    change = eligibility.changes.last()
    assert (change.from_status, change.to_status, change.reason) == (
        "eligible",
        "applied",
        "Demande reçue.",
    )
    entry = ModelLogEntry.objects.get(action="pathway.eligibility.status")
    assert entry.object_id == str(eligibility.pk)
    assert entry.user == staff
    assert entry.data == {"from": "eligible", "to": "applied", "reason": "Demande reçue."}
    formatter = log_registry.get_formatter(entry)
    assert formatter.format_message(entry) == (
        "Statut changé de « Admissible » à « Demande déposée »"
    )


@pytest.mark.django_db
def test_revoking_without_a_reason_is_refused_in_french(logged_in):
    eligibility = grant()

    response = logged_in.post(f"{ELIGIBILITIES}{eligibility.pk}/status/", {"status": "revoked"})

    assert response.status_code == 200
    assert "Indiquez le motif de la révocation de cette admissibilité." in response.content.decode()
    eligibility.refresh_from_db()
    assert eligibility.status == "eligible"
    assert not ModelLogEntry.objects.filter(action="pathway.eligibility.status").exists()


@pytest.mark.django_db
def test_a_move_the_service_refuses_shows_its_message(logged_in, monkeypatch):
    """Whatever the form offers, the service decides: its refusal is a form error."""
    from lms.pathway.viewsets import eligibilities as viewsets

    eligibility = grant()
    monkeypatch.setitem(viewsets.ALLOWED_MOVES, "eligible", {"awarded"})
    # The service reads the same mapping: give it back its own rule for this test.
    from lms.pathway import services

    monkeypatch.setattr(services, "ALLOWED_MOVES", {"eligible": {"applied"}})

    response = logged_in.post(f"{ELIGIBILITIES}{eligibility.pk}/status/", {"status": "awarded"})

    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "Une admissibilité ne peut pas passer de « Admissible » à « Accordée »." in html
    eligibility.refresh_from_db()
    assert eligibility.status == "eligible"


@pytest.mark.django_db
def test_a_status_not_offered_is_refused(logged_in):
    eligibility = grant()
    response = logged_in.post(f"{ELIGIBILITIES}{eligibility.pk}/status/", {"status": "awarded"})
    assert response.status_code == 200
    eligibility.refresh_from_db()
    assert eligibility.status == "eligible"


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(context.captured_queries)


#: The session, the person, their two permission sets and admin profile (5), then the
#: count, the locales and page and collection permissions of the admin's menu, the
#: regions of the filter, and the rows in one query with their organisation and region.
LISTING_QUERIES = 11
#: The export: the same five, then the rows.
EXPORT_QUERIES = 6


@pytest.mark.django_db
def test_the_listing_and_its_export_make_as_many_queries_for_30_as_for_3(
    logged_in, django_assert_max_num_queries
):
    regions = ["estrie", "outaouais", "grand-montreal"]
    for n in range(3):
        grant(region_slug=regions[n % 3], level=1 + n % 2)
    logged_in.get(ELIGIBILITIES)  # the first request fills caches (content types)
    few = count_queries(logged_in, ELIGIBILITIES)
    few_export = count_queries(logged_in, f"{ELIGIBILITIES}?export=csv")
    for n in range(27):
        grant(region_slug=regions[n % 3], level=1 + n % 2)
    assert BursaryEligibility.objects.count() == 30

    with django_assert_max_num_queries(LISTING_QUERIES):
        html = logged_in.get(ELIGIBILITIES).content.decode()
    assert len(rows(html)) == 30
    with django_assert_max_num_queries(EXPORT_QUERIES):
        lines = exported(logged_in.get(ELIGIBILITIES, {"export": "csv"}))
    assert len(lines) == 31
    assert count_queries(logged_in, ELIGIBILITIES) == few
    assert count_queries(logged_in, f"{ELIGIBILITIES}?export=csv") == few_export


@pytest.mark.django_db
def test_the_csv_export_is_sent_as_it_is_read(logged_in):
    for level in (1, 2):
        grant(level=level)
    response = logged_in.get(ELIGIBILITIES, {"export": "csv"})
    # Streamed: rows leave as they are read, the file is never whole in memory.
    assert response.streaming
    assert len(exported(response)) == 3


@pytest.mark.django_db
def test_the_kept_listing_follows_another_staff_members_change_at_once(logged_in):
    eligibility = grant(name="Cuisines collectives du Plateau")
    logged_in.get(ELIGIBILITIES)
    with CaptureQueriesContext(connection) as kept:
        assert "Admissible" in " ".join(rows(logged_in.get(ELIGIBILITIES).content.decode()))
    # The user, their permissions (Wagtail's check that they may use the admin) and
    # their admin profile; not one eligibility.
    assert len(kept) <= 4
    assert not [q for q in kept.captured_queries if "pathway_bursaryeligibility" in q["sql"]]

    colleague = UserFactory(roles=["staff"])
    eligibility_change_status(
        eligibility=eligibility, status="applied", actor=colleague, reason="Demande reçue."
    )
    listed = " ".join(rows(logged_in.get(ELIGIBILITIES).content.decode()))
    assert "Demande déposée" in listed and "Admissible" not in listed
    grant(name="Friperie de l'Est")  # a learner's completion, in another organisation
    assert len(rows(logged_in.get(ELIGIBILITIES).content.decode())) == 2
    # Its filters are part of its address.
    filtered = logged_in.get(ELIGIBILITIES, {"q": "Friperie"}).content.decode()
    assert listed_names(filtered) == ["Friperie de l'Est"]
