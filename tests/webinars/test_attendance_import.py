"""Importing attendance reports: what Zoom and Teams really write, and what must hold.

Sessions sit on the dates of the real samples (March 2026, Quebec time) or on the dates
the report writers of ``tests/webinars/reports.py`` are given.
"""

import html as htmllib
import io
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from lms.pathway.models import BursaryEligibility, LevelCompletion
from tests.factories import OrganisationFactory, UserFactory, webinar_page
from tests.webinars import reports
from webinars.attendance import AttendanceFileError
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
CAMILLE, LEO, INES, MATHIS = list(PEOPLE)[:4]


def quebec(*args) -> datetime:
    """An aware moment in Quebec time."""
    return timezone.make_aware(datetime(*args), timezone.get_default_timezone())


def new_session(start: datetime, minutes: int = 90, **webinar_fields):
    """A session of a new level-1 webinar (under the level-1 page, made once)."""
    from courses.models import LevelPage

    slug = f"webinaire-{start:%Y%m%d%H%M}-{minutes}"
    page = webinar_page(
        level=LevelPage.objects.filter(slug="sensibilisation").first(),
        slug=slug,
        sessions=[{"starts_at": start, "duration_minutes": minutes}],
        **webinar_fields,
    )
    return page.sessions.get()


@pytest.fixture
def session(db):
    """The live session of the Zoom and Teams samples: 10 March 2026, 14:00 to 15:30."""
    return new_session(quebec(2026, 3, 10, 14, 0), 90)


@pytest.fixture
def people(db):
    organisation = OrganisationFactory(name="Centre d'action bénévole de Laval")
    return {
        email: UserFactory(
            email=email,
            first_name=first,
            last_name=last,
            organisation=organisation,
            roles=["learner"],
        )  # fmt: skip
        for email, (first, last) in PEOPLE.items()
    }


def facilitate(session, facilitator, organisations=(), **fields):
    """Link ``session`` to a cohort ``facilitator`` facilitates, seating ``organisations``."""
    from tests.cohorts.builders import admit, make_cohort

    cohort = make_cohort(facilitators=[facilitator], sessions=[session], **fields)
    for organisation in organisations:
        admit(cohort, organisation=organisation)
    return cohort


def run_import(session, name=None, by=None, content=None):
    with translation.override("fr"):
        return attendance_import_start(
            session=session,
            uploaded_by=by,
            filename=name or "rapport.csv",
            content=content if content is not None else (SAMPLES / name).read_bytes(),
        ).attendance_import


def minutes(session) -> dict[str, int]:
    return {
        a.learner.email: a.minutes_present for a in session.attendances.select_related("learner")
    }


def present(session) -> set[str]:
    return {a.learner.email for a in session.attendances.filter(attended=True)}


def page_text(response) -> str:
    return htmllib.unescape(response.content.decode())


# --- The real samples ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,start,length",
    [
        ("zoom_en_utf8.csv", (2026, 3, 10, 14, 0), 90),
        ("zoom_fr_utf8_bom.csv", (2026, 3, 10, 14, 0), 90),
        ("zoom_fr_cp1252.csv", (2026, 3, 17, 9, 0), 90),
        ("teams_en_utf16.csv", (2026, 3, 10, 13, 30), 120),
        ("teams_fr_utf8.csv", (2026, 3, 24, 13, 30), 120),
    ],
)
def test_every_sample_format_imports_the_learners_it_names(people, name, start, length):
    session = new_session(quebec(*start), length)

    result = run_import(session, name)

    assert result.status == AttendanceImport.Status.DONE, result.report
    assert set(minutes(session)) <= set(PEOPLE)
    assert len(minutes(session)) >= 4
    assert result.content is None  # the file's rows are not kept once read


@pytest.mark.django_db
def test_zoom_counts_the_time_within_the_session_and_puts_rejoins_together(session, people):
    result = run_import(session, "zoom_en_utf8.csv")

    # Within 14:00-15:30: Camille joined at 13:58 and left at 15:30:40, so 90 minutes;
    # Léo's two connections, 14:00:05-14:41:30 and 14:47:51-15:30 (of 15:30:40), 83.
    assert minutes(session) == {
        CAMILLE: 90,
        LEO: 83,
        INES: 88,
        MATHIS: 11,
        "noemie.bouchard@exemple.test": 90,
    }
    assert MATHIS not in present(session)  # 11 of 90 minutes: under 75 %
    assert LEO in present(session)
    assert any("Reconnexion" in n["reason"] for n in result.report["notes"])
    assert [row["who"] for row in result.report["not_matched"]] == ["inconnu@exemple.test"]


# --- Times that look valid and are not --------------------------------------------------


IMPOSSIBLE = (
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
    '812 3456 7890,"Webinaire DATAide, niveau 1",03/10/2026 01:55:02 PM,03/10/2026 03:32:10 PM,'
    "animation@exemple.test,98,3\n"
    "\n"
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    "Camille Tremblay,camille.tremblay@exemple.test,03/10/2026 01:58:12 PM,"
    "03/10/2026 03:30:40 PM,93,Yes\n"
    "Léo Gagnon,leo.gagnon@exemple.test,13/45/2026 25:61:00 PM,03/10/2026 03:30:40 PM,120,Yes\n"
)


@pytest.mark.django_db
def test_an_impossible_join_time_imports_nothing_and_grants_nothing(session, people):
    result = run_import(session, content=IMPOSSIBLE.encode())

    assert result.status == AttendanceImport.Status.REFUSED
    assert result.report["error"].startswith("Rien n'a été importé")
    assert result.report["problems"] == [
        {
            "line": 6,
            "reason": "L'heure d'arrivée « 13/45/2026 25:61:00 PM » n'est pas une date et une "
            "heure réelles.",
            "content": IMPOSSIBLE.splitlines()[5],
        }
    ]
    assert not Attendance.objects.exists()
    assert not LevelCompletion.objects.exists()
    assert not BursaryEligibility.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_leave_before_the_join_is_a_problem_on_its_line(session, people):
    content = reports.zoom_fr(
        [("Inès Roy", INES, datetime(2026, 3, 10, 15, 0), datetime(2026, 3, 10, 14, 0), 3600)]
    )

    result = run_import(session, content=content)

    assert result.status == AttendanceImport.Status.REFUSED
    assert result.report["problems"][0]["line"] == 2
    assert "départ précède l'heure d'arrivée" in result.report["problems"][0]["reason"]


@pytest.mark.django_db
def test_a_report_of_another_day_is_refused_naming_both_dates(session, people):
    result = run_import(session, "zoom_fr_cp1252.csv")  # held on 17 March, at 9:00

    assert result.status == AttendanceImport.Status.REFUSED
    assert "17 mars 2026" in result.report["error"]
    assert "10 mars 2026" in result.report["error"]
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_a_report_of_the_same_day_a_year_earlier_is_refused(session, people):
    a_year_before = datetime(2025, 3, 10, 14, 0)
    content = reports.zoom_en(
        [("Camille Tremblay", CAMILLE, a_year_before, a_year_before + timedelta(minutes=90))],
        meeting=(a_year_before, a_year_before + timedelta(minutes=95)),
    )

    result = run_import(session, content=content)

    assert result.status == AttendanceImport.Status.REFUSED
    assert "10 mars 2025" in result.report["error"] and "10 mars 2026" in result.report["error"]
    assert not LevelCompletion.objects.exists()


@pytest.mark.django_db
def test_a_meeting_block_outside_the_session_is_refused_even_if_rows_fit(session, people):
    """Zoom's meeting table says when the meeting really was: it is what is compared."""
    joined = datetime(2026, 3, 10, 14, 0)
    content = reports.zoom_en(
        [("Camille Tremblay", CAMILLE, joined, joined + timedelta(minutes=90))],
        meeting=(datetime(2026, 3, 10, 18, 0), datetime(2026, 3, 10, 20, 0)),
    )

    assert run_import(session, content=content).status == AttendanceImport.Status.REFUSED


@pytest.mark.django_db
def test_a_session_that_has_not_started_receives_no_attendance(people, staff):
    start = timezone.now() + timedelta(days=2)
    future = new_session(start)
    local = timezone.localtime(start).replace(tzinfo=None)
    content = reports.zoom_fr([("Camille", CAMILLE, local, local + timedelta(minutes=90))])

    with (
        pytest.raises(AttendanceFileError, match="pas encore commencé"),
        translation.override("fr"),
    ):
        attendance_import_start(
            session=future, uploaded_by=staff, filename="a.csv", content=content
        )
    with pytest.raises(Exception, match="pas encore commencé"), translation.override("fr"):
        attendance_mark(
            session=future,
            learner=people[CAMILLE],
            minutes_present=90,
            recorded_by=staff,
            reason="Présente",
        )
    assert not AttendanceImport.objects.exists() and not Attendance.objects.exists()


# --- Guests, devices, rounding ----------------------------------------------------------


@pytest.mark.django_db
def test_a_phone_guest_without_address_is_listed_as_not_matched_and_the_rest_imported(
    client, session, people, staff
):
    start = datetime(2026, 3, 10, 14, 0)
    content = reports.zoom_en(
        [
            ("Camille Tremblay", CAMILLE, start, start + timedelta(minutes=90)),
            ("+1 514-555-0199", "", start, start + timedelta(minutes=80)),
            ("Gaëtan Lebœuf", "gaetan@exemple.test", start, start + timedelta(minutes=80)),
            ("Ли Вэй", "li.wei@exemple.test", start, start + timedelta(minutes=60)),
        ],
        meeting=(start, start + timedelta(minutes=92)),
    )
    client.force_login(staff)

    response = client.post(
        f"/webinaires/seances/{session.pk}/presences/",
        {"action": "import", "report": io.BytesIO(content)},
    )
    result = AttendanceImport.objects.get()

    assert result.status == AttendanceImport.Status.DONE
    assert minutes(session) == {CAMILLE: 90}
    assert [row["line"] for row in result.report["not_matched"]] == [6, 7, 8]
    mine = page_text(client.get(response["Location"]))
    assert "3 lignes du rapport ne correspondaient" in mine
    assert "gaetan@exemple.test" in mine and "+1 514-555-0199" in mine
    # Another member of staff sees how many, not the addresses of the file.
    client.force_login(UserFactory(roles=["staff"]))
    theirs = page_text(client.get(response["Location"]))
    assert "3 lignes du rapport" in theirs and "gaetan@exemple.test" not in theirs


@pytest.mark.django_db
def test_two_devices_at_once_count_once(session, people):
    start = datetime(2026, 3, 10, 14, 0)
    content = reports.zoom_fr(
        [
            ("Camille Tremblay", CAMILLE, start, start + timedelta(minutes=50)),
            (
                "Camille (iPhone)",
                CAMILLE,
                start + timedelta(minutes=5),
                start + timedelta(minutes=50),
            ),
        ]
    )

    run_import(session, content=content)

    assert minutes(session) == {CAMILLE: 50}  # not 95
    assert CAMILLE not in present(session)


@pytest.mark.django_db
def test_a_teams_connection_with_gaps_counts_only_its_time_connected(session, people):
    start = datetime(2026, 3, 10, 14, 0)
    # First join 14:00, last leave 15:30, but connected 60 minutes in between.
    content = reports.teams_en(
        [("Léo Gagnon", LEO, start, start + timedelta(minutes=90), 3600)],
        meeting=(start, start + timedelta(minutes=90)),
    )

    run_import(session, content=content)

    assert minutes(session) == {LEO: 60}
    assert LEO not in present(session)


@pytest.mark.django_db
def test_rounding_never_turns_74_6_percent_into_present(people):
    session = new_session(quebec(2026, 3, 12, 14, 0), 100)
    start = datetime(2026, 3, 12, 14, 0)
    content = reports.zoom_fr(
        [
            ("Camille Tremblay", CAMILLE, start, start + timedelta(minutes=74, seconds=36)),
            ("Léo Gagnon", LEO, start, start + timedelta(minutes=75)),
        ]
    )

    run_import(session, content=content)

    assert CAMILLE not in present(session)  # 74.6 % of 100 minutes
    assert LEO in present(session)  # exactly 75 %


# --- Several reports, manual marks, evidence ---------------------------------------------


@pytest.mark.django_db
def test_two_reports_of_one_session_combine_as_a_union(session, people):
    start = datetime(2026, 3, 10, 14, 0)
    half = start + timedelta(minutes=45)
    zoom = reports.zoom_en(
        [("Léo Gagnon", LEO, start, half), ("Camille Tremblay", CAMILLE, start, half)],
        meeting=(start, half),
    )
    teams = reports.teams_fr(
        [
            ("Léo Gagnon", LEO, half, start + timedelta(minutes=90)),
            # Camille's Teams connection overlaps her Zoom one: counted once.
            ("Camille Tremblay", CAMILLE, start, half),
        ],
        meeting=(start, start + timedelta(minutes=90)),
    )

    run_import(session, content=zoom)
    assert LEO not in present(session)
    run_import(session, content=teams)

    assert minutes(session) == {LEO: 90, CAMILLE: 45}
    assert present(session) == {LEO}
    assert LevelCompletion.objects.filter(learner=people[LEO], level=1).exists()


@pytest.mark.django_db
def test_a_manual_mark_is_kept_beside_a_later_import(client, session, people, facilitator):
    facilitate(session, facilitator, organisations=[people[INES].organisation])
    client.force_login(facilitator)
    url = f"/webinaires/seances/{session.pk}/presences/"
    client.post(
        url,
        {
            "action": "mark",
            "learner": people[INES].pk,
            "minutes_present": "80",
            "reason": "Présente par téléphone",
        },
    )
    start = datetime(2026, 3, 10, 14, 0)
    run_import(
        session,
        content=reports.zoom_fr([("Inès Roy", INES, start, start + timedelta(minutes=20))]),
        by=facilitator,
    )

    attendance = Attendance.objects.get(learner=people[INES])
    assert (attendance.imported_minutes, attendance.manual_minutes) == (20, 80)
    assert attendance.manual_by == facilitator
    assert attendance.attended
    sheet = page_text(client.get(url))
    assert "20 min" in sheet and "80 min" in sheet and "Présente par téléphone" in sheet


@pytest.mark.django_db
def test_a_completion_keeps_its_evidence_and_a_lowered_mark_goes_to_staff(session, people, staff):
    ines = people[INES]
    attendance_mark(
        session=session, learner=ines, minutes_present=90, recorded_by=staff, reason="Présente"
    )
    completion = LevelCompletion.objects.get(learner=ines, level=1)
    assert completion.evidence["records"][0]["minutes_present"] == 90

    attendance_mark(
        session=session, learner=ines, minutes_present=10, recorded_by=staff, reason="Erreur"
    )
    attendance_mark(
        session=session, learner=ines, minutes_present=5, recorded_by=staff, reason="Erreur"
    )

    completion.refresh_from_db()
    assert completion.evidence["records"][0]["minutes_present"] == 90  # a copy
    from lms.pathway.models import ReviewRequest

    review = ReviewRequest.objects.get()  # once, while it is open
    assert (review.kind, review.completion, review.requested_by) == ("evidence", completion, ines)
    assert BursaryEligibility.objects.get().status == "eligible"  # staff decide


@pytest.mark.django_db
def test_the_same_file_twice_changes_nothing_and_says_so(client, session, people, staff):
    staff.first_name, staff.last_name = "Gaëlle", "Ouellet"
    staff.save()
    client.force_login(staff)
    url = f"/webinaires/seances/{session.pk}/presences/"
    sample = (SAMPLES / "zoom_en_utf8.csv").read_bytes()
    client.post(url, {"action": "import", "report": io.BytesIO(sample)})
    before = minutes(session)

    again = client.post(url, {"action": "import", "report": io.BytesIO(sample)}, follow=True)

    assert AttendanceImport.objects.count() == 1
    assert minutes(session) == before
    text = page_text(again)
    assert "Ce rapport a déjà été importé le " in text and "par Gaëlle Ouellet" in text


# --- Size -------------------------------------------------------------------------------


@pytest.fixture
def upload_spy(monkeypatch):
    """The sizes the attendance upload handler was given, chunk after chunk."""
    from webinars import forms

    received = []
    original = forms.CappedUploadHandler.receive_data_chunk

    def spy(self, raw_data, start):
        received.append(start + len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(forms.CappedUploadHandler, "receive_data_chunk", spy)
    return received


def upload(client, session, size: int):
    report = io.BytesIO(b"Name,Email,Join Time,Leave Time,Duration\n" + b"x" * size)
    report.name = "zoom.csv"
    return client.post(
        f"/webinaires/seances/{session.pk}/presences/", {"action": "import", "report": report}
    )


@pytest.mark.django_db
def test_a_30_mb_upload_is_refused_before_it_is_read(client, session, staff, upload_spy):
    client.force_login(staff)

    response = upload(client, session, 30 * 2**20)

    assert response.status_code == 413
    assert "trop volumineux" in page_text(response)
    assert not AttendanceImport.objects.exists()
    assert upload_spy == []  # refused by its announced length: not a byte of it was read


@pytest.mark.django_db
def test_an_upload_just_over_the_limit_is_given_up_at_the_limit(client, session, staff, upload_spy):
    client.force_login(staff)

    response = upload(client, session, 5 * 2**20 + 10 * 1024)

    assert response.status_code == 413
    assert "trop volumineux" in page_text(response)
    assert not AttendanceImport.objects.exists()
    assert upload_spy and max(upload_spy) <= 5 * 2**20 + 64 * 1024


@pytest.mark.django_db
def test_a_request_announcing_more_than_the_limit_is_not_read(client, session, staff):
    client.force_login(staff)
    response = client.generic(
        "POST",
        f"/webinaires/seances/{session.pk}/presences/",
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(30 * 2**20),
    )
    assert response.status_code == 413
    assert not AttendanceImport.objects.exists()


@pytest.mark.django_db
def test_the_command_refuses_a_30_mb_file_without_reading_it(session, tmp_path, monkeypatch):
    big = tmp_path / "zoom.csv"
    with big.open("wb") as handle:
        handle.truncate(30 * 2**20)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))

    with pytest.raises(CommandError, match="trop volumineux"):
        call_command("import_attendance", session.pk, str(big), stdout=io.StringIO())
    assert not AttendanceImport.objects.exists()


# --- The command ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_speaks_french_with_french_typography(session, people):
    out = io.StringIO()
    with translation.override("en"):  # whatever the shell's language
        call_command("import_attendance", session.pk, str(SAMPLES / "zoom_en_utf8.csv"), stdout=out)
    text = out.getvalue()
    assert "zoom_en_utf8.csv : Importé" in text
    assert "Camille Tremblay : 90 min (présence comptée)" in text
    assert "ligne 11, non associée : inconnu@exemple.test" in text

    again = io.StringIO()
    call_command("import_attendance", session.pk, str(SAMPLES / "zoom_en_utf8.csv"), stdout=again)
    assert "déjà été importé" in again.getvalue()
    with pytest.raises(CommandError, match="Aucune séance"):
        call_command("import_attendance", 99999, str(SAMPLES / "malformed.csv"), stdout=out)
    with pytest.raises(CommandError, match="Rien n'a été importé"):
        call_command("import_attendance", session.pk, str(SAMPLES / "malformed.csv"), stdout=out)


# --- The worker -------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_large_file_is_imported_by_a_worker(session, people, django_capture_on_commit_callbacks):
    content = (SAMPLES / "zoom_en_utf8.csv").read_bytes()
    padding = b"\n" * (120 * 1024)  # blank lines are skipped; the file is now "large"
    with django_capture_on_commit_callbacks(execute=True):
        result = attendance_import_start(
            session=session, uploaded_by=None, filename="grand.csv", content=content + padding
        ).attendance_import
    assert result.status == AttendanceImport.Status.PENDING  # answered before the worker ran
    result.refresh_from_db()
    assert result.status == AttendanceImport.Status.DONE
    assert len(minutes(session)) == 5
