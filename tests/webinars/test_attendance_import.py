import html as htmllib
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from tests.factories import UserFactory, webinar_page
from webinars.models import Attendance, AttendanceImport
from webinars.services import attendance_import_start, attendance_mark

SAMPLES = Path(__file__).resolve().parents[2] / "webinars" / "samples"
PEOPLE = {
    "camille.tremblay@exemple.test": ("Camille", "Tremblay"),
    "leo.gagnon@exemple.test": ("Léo", "Gagnon"),
    "ines.roy@exemple.test": ("Inès", "Roy"),
    "mathis.cote@exemple.test": ("Mathis", "Côté"),
    "noemie.bouchard@exemple.test": ("Noémie", "Bouchard"),
}


@pytest.fixture
def session(db):
    start = timezone.now() - timedelta(days=1)
    return webinar_page(sessions=[{"starts_at": start, "duration_minutes": 100}]).sessions.get()


@pytest.fixture
def people(db):
    return {
        email: UserFactory(email=email, first_name=first, last_name=last)
        for email, (first, last) in PEOPLE.items()
    }


def facilitate(session, facilitator, **fields):
    """Link ``session`` to a cohort ``facilitator`` facilitates: their attendance to record."""
    from tests.cohorts.builders import make_cohort

    return make_cohort(facilitators=[facilitator], sessions=[session], **fields)


def run_import(session, name, by=None):
    with translation.override("fr"):
        return attendance_import_start(
            session=session, uploaded_by=by, filename=name, content=(SAMPLES / name).read_bytes()
        )


def minutes(session) -> dict[str, int]:
    return {
        a.learner.email: a.minutes_present for a in session.attendances.select_related("learner")
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "zoom_en_utf8.csv",
        "zoom_fr_utf8_bom.csv",
        "zoom_fr_cp1252.csv",
        "teams_en_utf16.csv",
        "teams_fr_utf8.csv",
    ],  # fmt: skip
)
def test_every_sample_format_imports_the_learners_it_names(session, people, name):
    result = run_import(session, name)

    assert result.status == AttendanceImport.Status.DONE, result.report
    assert set(minutes(session)) <= set(PEOPLE)
    assert len(minutes(session)) >= 4
    assert result.content is None  # the file's rows are not kept once read


@pytest.mark.django_db
def test_zoom_rows_are_matched_case_insensitively_and_rejoins_added_up(session, people):
    result = run_import(session, "zoom_en_utf8.csv")

    assert minutes(session) == {
        "camille.tremblay@exemple.test": 93,
        "leo.gagnon@exemple.test": 85,
        "ines.roy@exemple.test": 89,
        "mathis.cote@exemple.test": 12,
        "noemie.bouchard@exemple.test": 92,
    }
    attended = {a.learner.email for a in session.attendances.filter(attended=True)}
    assert "mathis.cote@exemple.test" not in attended  # 12 of 100 minutes: under 75 %
    assert "leo.gagnon@exemple.test" in attended
    assert any("Reconnexion" in n["reason"] for n in result.report["notes"])
    unknown = [p for p in result.report["problems"] if p["content"] == "inconnu@exemple.test"]
    assert unknown and unknown[0]["reason"] == "Personne sur la plateforme n'a cette adresse."


@pytest.mark.django_db
def test_a_malformed_file_imports_nothing_and_lists_the_lines(session, people):
    result = run_import(session, "malformed.csv")

    assert result.status == AttendanceImport.Status.REFUSED
    assert not Attendance.objects.exists()
    assert [p["line"] for p in result.report["problems"]] == [3, 4, 6, 7]
    assert result.report["error"].startswith("Rien n'a été importé")


@pytest.mark.django_db
def test_a_file_that_is_no_report_is_refused_in_french(session, people):
    result = run_import(session, "not_a_report.csv")
    assert result.status == AttendanceImport.Status.REFUSED
    assert "Zoom" in result.report["error"] and "Teams" in result.report["error"]
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_nothing(session, people):
    first = run_import(session, "zoom_en_utf8.csv")
    before = minutes(session)
    again = run_import(session, "zoom_en_utf8.csv")

    assert again.pk == first.pk
    assert AttendanceImport.objects.count() == 1
    assert minutes(session) == before
    assert Attendance.objects.count() == 5


@pytest.mark.django_db
def test_a_large_file_is_imported_by_a_worker(session, people, django_capture_on_commit_callbacks):
    content = (SAMPLES / "zoom_en_utf8.csv").read_bytes()
    padding = b"\n" * (120 * 1024)  # blank lines are skipped; the file is now "large"
    with django_capture_on_commit_callbacks(execute=True):
        result = attendance_import_start(
            session=session, uploaded_by=None, filename="grand.csv", content=content + padding
        )
    assert result.status == AttendanceImport.Status.PENDING  # answered before the worker ran
    result.refresh_from_db()
    assert result.status == AttendanceImport.Status.DONE
    assert len(minutes(session)) == 5


@pytest.mark.django_db
def test_the_management_command_gives_the_same_report(session, people):
    out = io.StringIO()
    call_command("import_attendance", session.pk, str(SAMPLES / "zoom_en_utf8.csv"), stdout=out)
    assert "Camille Tremblay: 93 min (present)" in out.getvalue()
    assert "inconnu@exemple.test" in out.getvalue()

    with pytest.raises(CommandError):
        call_command("import_attendance", session.pk, str(SAMPLES / "malformed.csv"), stdout=out)
    assert Attendance.objects.count() == 5
    with pytest.raises(CommandError):
        call_command("import_attendance", 99999, str(SAMPLES / "malformed.csv"), stdout=out)


@pytest.mark.django_db
def test_marking_by_hand_uses_the_threshold(session, people, staff):
    learner = people["mathis.cote@exemple.test"]
    assert not attendance_mark(
        session=session, learner=learner, minutes_present=74, recorded_by=staff
    ).attended
    assert attendance_mark(
        session=session, learner=learner, minutes_present=75, recorded_by=staff
    ).attended
    assert Attendance.objects.get().source == "manual"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,allowed", [("facilitator", True), ("staff", True), ("learner", False), ("author", False)]
)
def test_only_facilitators_and_staff_reach_the_attendance_screens(client, session, role, allowed):
    person = UserFactory(roles=[role])
    facilitate(session, person)  # for a facilitator: a session of their own cohort
    client.force_login(person)
    for url in ("/webinaires/seances/", f"/webinaires/seances/{session.pk}/presences/"):
        assert (client.get(url).status_code == 200) is allowed, url


@pytest.mark.django_db
def test_facilitator_uploads_a_report_and_reads_it_back(client, session, people, facilitator):
    facilitate(session, facilitator)
    client.force_login(facilitator)
    with (SAMPLES / "zoom_fr_utf8_bom.csv").open("rb") as report:
        response = client.post(
            f"/webinaires/seances/{session.pk}/presences/", {"action": "import", "report": report}
        )
    assert response.status_code == 302
    page = htmllib.unescape(client.get(response["Location"]).content.decode())
    assert "personnes enregistrées" in page
    sheet = htmllib.unescape(
        client.get(f"/webinaires/seances/{session.pk}/presences/").content.decode()
    )
    assert "Camille Tremblay" in sheet
    from cohorts.models import FacilitatorAccess

    assert FacilitatorAccess.objects.filter(facilitator=facilitator, view="attendance").exists()


@pytest.mark.django_db
def test_facilitator_marks_attendance_by_hand(client, session, people, facilitator):
    learner = people["ines.roy@exemple.test"]
    facilitate(session, facilitator)
    client.force_login(facilitator)
    client.post(
        f"/webinaires/seances/{session.pk}/presences/",
        {"action": "mark", "learner": learner.pk, "minutes_present": "90"},
    )
    attendance = Attendance.objects.get()
    assert (attendance.minutes_present, attendance.attended, attendance.recorded_by) == (
        90,
        True,
        facilitator,
    )


@pytest.mark.django_db
def test_attendance_sheet_query_count_is_constant(
    client, session, facilitator, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from webinars.services import session_register

    facilitate(session, facilitator)
    client.force_login(facilitator)
    url = f"/webinaires/seances/{session.pk}/presences/"
    session.starts_at = timezone.now() + timedelta(days=1)
    session.save()
    session_register(learner=UserFactory(), session=session)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(12):
        learner = UserFactory()
        session_register(learner=learner, session=session)
        attendance_mark(
            session=session, learner=learner, minutes_present=80, recorded_by=facilitator
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_facilitator_records_only_their_own_cohorts_sessions(client, session, facilitator):
    start = timezone.now() - timedelta(days=2)
    other_webinar = webinar_page(
        level=session.webinar.get_parent(),
        slug="autre-webinaire",
        title="Autre webinaire",
        sessions=[{"starts_at": start, "duration_minutes": 90}],
    )
    elsewhere = other_webinar.sessions.get()  # another facilitator's cohort's session
    facilitate(elsewhere, UserFactory(roles=["facilitator"]), name="Autre cohorte")
    unlinked = webinar_page(
        level=session.webinar.get_parent(),
        slug="sans-cohorte",
        title="Webinaire sans cohorte",
        sessions=[{"starts_at": start, "duration_minutes": 90}],
    ).sessions.get()
    facilitate(session, facilitator)
    foreign_import = run_import(elsewhere, "zoom_en_utf8.csv")
    client.force_login(facilitator)

    listing = htmllib.unescape(client.get("/webinaires/seances/").content.decode())
    assert f"/webinaires/seances/{session.pk}/presences/" in listing
    assert "Autre webinaire" not in listing and "Webinaire sans cohorte" not in listing
    for other in (elsewhere, unlinked):
        url = f"/webinaires/seances/{other.pk}/presences/"
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "mark", "learner": facilitator.pk}).status_code == 404
    assert client.get(f"/webinaires/importations/{foreign_import.pk}/").status_code == 404
    assert not Attendance.objects.filter(recorded_by=facilitator).exists()

    own_import = run_import(session, "zoom_en_utf8.csv")
    assert client.get(f"/webinaires/importations/{own_import.pk}/").status_code == 200


@pytest.mark.django_db
def test_staff_record_every_session(client, session, staff):
    unlinked_import = run_import(session, "zoom_en_utf8.csv")
    client.force_login(staff)

    assert (
        f"/webinaires/seances/{session.pk}/presences/"
        in client.get("/webinaires/seances/").content.decode()
    )
    assert client.get(f"/webinaires/seances/{session.pk}/presences/").status_code == 200
    assert client.get(f"/webinaires/importations/{unlinked_import.pk}/").status_code == 200


@pytest.mark.django_db
def test_a_session_of_two_of_a_facilitators_cohorts_is_listed_once(client, session, facilitator):
    facilitate(session, facilitator)
    facilitate(session, facilitator, name="Deuxième cohorte")
    client.force_login(facilitator)

    listing = client.get("/webinaires/seances/").content.decode()

    assert listing.count(f"/webinaires/seances/{session.pk}/presences/") == 1
