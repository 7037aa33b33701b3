"""The exports: CSV streamed, UTF-8 with a byte order mark, ";" in French and "," in
English; XLSX with a named sheet; header in the reader's language, one row per learner
(per learner and session for attendance)."""

import csv
import io
from datetime import timedelta

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from lms.spreadsheets import csv_safe as safe
from tests.cohorts.conftest import answer, complete, learner_of
from tests.factories import webinar_page
from webinars.models import Attendance, WebinarSession


@pytest.fixture
def people(cohort, kitchen, library, modules):
    alice = learner_of(kitchen, "Alice")
    complete(alice, modules["w1a"])
    answer(alice, modules["w1b"])
    learner_of(library, "Chloé", "Gagnon")
    return alice


def read(response, delimiter=";") -> tuple[bytes, list[list[str]]]:
    """The CSV as French Excel reads it: semicolons."""
    assert isinstance(response, StreamingHttpResponse)
    raw = b"".join(response.streaming_content)
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=delimiter))


def read_xlsx(response):
    from openpyxl import load_workbook

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    return sheet, [[("" if c is None else str(c)) for c in row] for row in sheet.values]


def test_the_grid_export(client, facilitator, cohort, people, modules):
    client.force_login(facilitator)

    response = client.get(reverse("cohorts_grid_export", args=[cohort.pk]))
    raw, rows = read(response)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="progression-cohorte-montreal-2026.csv"'
    )
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte order mark Excel looks for
    assert rows[0] == [
        "Organisme",
        "Personne",
        "Semaine 1 : La culture des données",
        "Semaine 1 : Expérimentation : repérer",
        "Semaine 2 : La gouvernance des données",
        "Semaine 3 : La cyberhygiène",
        "Semaine 3 : Pour aller plus loin",
        "Semaine 4 : Le plan de transition",
        "Modules terminés",
        "Dernière activité",
        "En retard",
        "Inactive ou inactif",
        "Autodiagnostic",
        "Plan de transition numérique",
    ]
    assert len(rows) == 3  # one row per learner
    library_row, kitchen_row = rows[1], rows[2]
    # The comma and the accent survive the round trip.
    assert kitchen_row[:2] == ["Cuisine collective, Saint-Jérôme", "Alice Tremblay"]
    assert kitchen_row[2:8] == [
        "Terminé",
        "En cours",
        "Pas commencé",
        "Pas commencé",
        "Pas commencé",
        "Pas commencé",
    ]
    assert kitchen_row[8] == "1"
    assert kitchen_row[9] == timezone.localdate().isoformat()
    assert library_row[:2] == ["Bibliothèque de rue", "Chloé Gagnon"]
    assert library_row[10:12] == ["oui", "oui"]  # the cohort's calendar is long past
    # Where each organisation stands on its self-assessment and plan: the status only.
    assert library_row[12:] == kitchen_row[12:] == ["Pas commencé", "Pas commencé"]


def test_the_grid_export_speaks_english_under_en(client, facilitator, cohort, people):
    client.force_login(facilitator)

    response = client.get("/en" + reverse("cohorts_grid_export", args=[cohort.pk]))
    _raw, rows = read(response, delimiter=",")

    assert rows[0][:3] == ["Organisation", "Person", "Week 1: La culture des données"]
    assert rows[0][-6:] == [
        "Modules done",
        "Last activity",
        "Behind",
        "Inactive",
        "Self-assessment",
        "Digital transition plan",
    ]
    assert rows[1][2] == "Not started" and rows[1][-3] == "yes"
    assert rows[1][-2:] == ["Not started", "Not started"]


def test_the_grid_export_keeps_the_pages_filters(client, facilitator, cohort, people, kitchen):
    client.force_login(facilitator)
    url = reverse("cohorts_grid_export", args=[cohort.pk])

    _raw, rows = read(client.get(url, {"organisation": kitchen.pk}))

    assert [row[1] for row in rows[1:]] == ["Alice Tremblay"]


def test_a_name_that_looks_like_a_formula_is_defused(client, facilitator, cohort, kitchen):
    learner_of(kitchen, '=HYPERLINK("http://exemple.test")', "+1")
    client.force_login(facilitator)

    _raw, rows = read(client.get(reverse("cohorts_grid_export", args=[cohort.pk])))

    assert rows[1][1].startswith("'=")
    assert safe("-3") == "'-3" and safe("@x") == "'@x" and safe(3) == "3"


def test_the_attendance_export(client, facilitator, cohort, people, kitchen):
    webinar = webinar_page(
        sessions=[
            {"starts_at": timezone.now() - timedelta(days=9)},
            {"starts_at": timezone.now() - timedelta(days=2)},
        ]
    )
    first, second = webinar.sessions.order_by("starts_at")
    other = WebinarSession.objects.create(
        webinar=webinar, starts_at=timezone.now() - timedelta(days=1), meeting_url="https://v.test"
    )
    cohort.sessions.add(first, second)
    cohort.save()
    Attendance.objects.create(
        session=first, learner=people, minutes_present=100, attended=True, source="manual"
    )
    Attendance.objects.create(
        session=second, learner=people, minutes_present=20, attended=False, source="manual"
    )
    Attendance.objects.create(  # a session of no concern to the cohort
        session=other, learner=people, minutes_present=120, attended=True, source="manual"
    )
    client.force_login(facilitator)

    response = client.get(reverse("cohorts_attendance_export", args=[cohort.pk]))
    raw, rows = read(response)

    assert raw.startswith(b"\xef\xbb\xbf")
    assert response["Content-Disposition"] == (
        'attachment; filename="presences-cohorte-montreal-2026.csv"'
    )
    assert rows[0] == [
        "Organisme",
        "Personne",
        "Séance en direct",
        "Date",
        "Minutes de présence",
        "Présence",
    ]
    # By organisation, then name, then session.
    assert [(r[0], r[1], r[4], r[5]) for r in rows[1:]] == [
        ("Bibliothèque de rue", "Chloé Gagnon", "0", "non"),
        ("Bibliothèque de rue", "Chloé Gagnon", "0", "non"),
        ("Cuisine collective, Saint-Jérôme", "Alice Tremblay", "100", "oui"),
        ("Cuisine collective, Saint-Jérôme", "Alice Tremblay", "20", "non"),
    ]
    assert rows[1][2] == "Webinaire de sensibilisation"

    _raw, rows = read(
        client.get(
            reverse("cohorts_attendance_export", args=[cohort.pk]), {"organisation": kitchen.pk}
        )
    )
    assert [(r[1], r[4]) for r in rows[1:]] == [("Alice Tremblay", "100"), ("Alice Tremblay", "20")]


def test_the_grid_as_xlsx_opens_with_the_columns_of_the_csv(client, facilitator, cohort, people):
    client.force_login(facilitator)

    _raw, csv_rows = read(client.get(reverse("cohorts_grid_export", args=[cohort.pk])))
    response = client.get(reverse("cohorts_grid_export_xlsx", args=[cohort.pk]))
    sheet, rows = read_xlsx(response)

    assert response["Content-Disposition"] == (
        'attachment; filename="progression-cohorte-montreal-2026.xlsx"'
    )
    assert sheet.title == "Progression"
    assert rows[0] == csv_rows[0]
    assert [row[1] for row in rows[1:]] == [row[1] for row in csv_rows[1:]]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width >= len("Alice Tremblay")


def test_a_session_still_to_come_is_not_written_as_absent(client, facilitator, cohort, people):
    webinar = webinar_page(sessions=[{"starts_at": timezone.now() + timedelta(days=3)}])
    cohort.sessions.add(webinar.sessions.get())
    cohort.save()
    client.force_login(facilitator)

    _raw, rows = read(client.get(reverse("cohorts_attendance_export", args=[cohort.pk])))

    assert {(r[4], r[5]) for r in rows[1:]} == {("", "pas encore tenue")}
