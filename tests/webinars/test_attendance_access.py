"""Who may record attendance, and for whom: every attendance route, as a facilitator of
another cohort, with a learner outside their cohorts, is refused with nothing written and
no name revealed; staff record for any learner, and only learners hold attendance."""

import html as htmllib
import io
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.pathway.models import BursaryEligibility, LevelCompletion
from tests.factories import OrganisationFactory, UserFactory
from tests.webinars import reports
from tests.webinars.test_attendance_import import facilitate, new_session, quebec, run_import
from webinars.models import Attendance, AttendanceImport
from webinars.services import attendance_mark, session_register

START = datetime(2026, 3, 10, 14, 0)


@pytest.fixture
def session(db):
    return new_session(quebec(2026, 3, 10, 14, 0), 90)


@pytest.fixture
def ours(db):
    """An organisation seated in the facilitator's cohort, and its learner."""
    organisation = OrganisationFactory(name="Cuisines collectives du Plateau")
    learner = UserFactory(
        email="noemie@cuisines.test", first_name="Noémie", last_name="Bouchard",
        organisation=organisation, roles=["learner"],
    )  # fmt: skip
    return learner


@pytest.fixture
def outsider(db):
    """A learner of an organisation that no cohort of the facilitator seats."""
    return UserFactory(
        email="zoe@ailleurs.test", first_name="Zoé", last_name="Étrangère-Ωmega",
        organisation=OrganisationFactory(name="Organisme d'ailleurs"), roles=["learner"],
    )  # fmt: skip


@pytest.fixture
def own_cohort(session, facilitator, ours):
    return facilitate(session, facilitator, organisations=[ours.organisation])


def sheet_url(session):
    return f"/webinaires/seances/{session.pk}/presences/"


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


def nothing_written():
    return (
        not Attendance.objects.exists()
        and not LevelCompletion.objects.exists()
        and not BursaryEligibility.objects.exists()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,allowed", [("facilitator", True), ("staff", True), ("learner", False), ("author", False)]
)
def test_only_facilitators_and_staff_reach_the_attendance_screens(client, session, role, allowed):
    person = UserFactory(roles=[role])
    facilitate(session, person)  # for a facilitator: a session of their own cohort
    client.force_login(person)
    for url in ("/webinaires/seances/", sheet_url(session)):
        assert (client.get(url).status_code == 200) is allowed, url


# --- A facilitator, a learner outside their cohorts -------------------------------------


@pytest.mark.django_db
def test_a_facilitator_cannot_mark_someone_outside_their_cohorts(
    client, session, own_cohort, facilitator, outsider, staff, mailoutbox
):
    client.force_login(facilitator)
    for person in (outsider, staff, UserFactory(roles=["author"]), facilitator):
        response = client.post(
            sheet_url(session),
            {"action": "mark", "learner": person.pk, "minutes_present": "90", "reason": "x"},
        )
        assert response.status_code == 404, person
    assert nothing_written()
    assert mailoutbox == []


@pytest.mark.django_db
def test_marking_zero_minutes_never_lists_an_account(client, session, own_cohort, facilitator):
    other = UserFactory(first_name="Secret", last_name="Person", roles=["learner"])
    client.force_login(facilitator)
    client.post(
        sheet_url(session),
        {"action": "mark", "learner": other.pk, "minutes_present": "0", "reason": "x"},
    )
    assert "Secret Person" not in text(client.get(sheet_url(session)))
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_the_sheet_lists_only_the_facilitators_own_learners(
    client, session, own_cohort, facilitator, ours, outsider
):
    session.starts_at = timezone.now() + timedelta(days=1)
    session.save()
    session_register(learner=outsider, session=session)  # open to all: someone else registers
    session_register(learner=ours, session=session)
    client.force_login(facilitator)

    page = text(client.get(sheet_url(session)))

    assert "Noémie Bouchard" in page
    assert "Zoé" not in page and "Organisme d'ailleurs" not in page


@pytest.mark.django_db
def test_an_import_reveals_and_records_only_the_facilitators_own_learners(
    client, session, own_cohort, facilitator, ours, outsider, staff
):
    content = reports.zoom_en(
        [
            ("Noémie Bouchard", ours.email, START, START + timedelta(minutes=90)),
            ("Zoé", outsider.email, START, START + timedelta(minutes=90)),
            ("Équipe", staff.email, START, START + timedelta(minutes=90)),
            ("Personne", "personne@nulle-part.test", START, START + timedelta(minutes=90)),
        ],
        meeting=(START, START + timedelta(minutes=92)),
    )
    client.force_login(facilitator)

    response = client.post(sheet_url(session), {"action": "import", "report": io.BytesIO(content)})
    page = text(client.get(response["Location"]))

    assert set(Attendance.objects.values_list("learner__email", flat=True)) == {ours.email}
    assert LevelCompletion.objects.filter(learner=outsider).count() == 0
    assert "Zoé" not in page and "Étrangère" not in page
    # Someone with an account and someone without read the same: nothing tells them apart.
    report = AttendanceImport.objects.get().report
    reasons = {row["who"]: row["reason"] for row in report["not_matched"]}
    assert reasons[outsider.email] == reasons["personne@nulle-part.test"] == reasons[staff.email]


@pytest.mark.django_db
def test_another_cohorts_session_is_a_404_on_every_attendance_route(client, facilitator, outsider):
    elsewhere = new_session(quebec(2026, 3, 11, 14, 0))
    facilitate(elsewhere, UserFactory(roles=["facilitator"]), organisations=[outsider.organisation])
    foreign_import = run_import(
        elsewhere,
        content=reports.zoom_fr(
            [("Zoé", outsider.email, datetime(2026, 3, 11, 14), datetime(2026, 3, 11, 15, 30))]
        ),
    )
    Attendance.objects.all().delete()
    facilitate(new_session(quebec(2026, 3, 12, 14, 0)), facilitator)
    client.force_login(facilitator)

    assert client.get(sheet_url(elsewhere)).status_code == 404
    assert client.get(f"/webinaires/importations/{foreign_import.pk}/").status_code == 404
    mark = {"action": "mark", "learner": outsider.pk, "minutes_present": "90", "reason": "x"}
    assert client.post(sheet_url(elsewhere), mark).status_code == 404
    upload = {"action": "import", "report": io.BytesIO(b"Name,Email\n")}
    assert client.post(sheet_url(elsewhere), upload).status_code == 404
    assert "Autre" not in text(client.get("/webinaires/seances/"))
    assert not Attendance.objects.exists()
    assert AttendanceImport.objects.count() == 1


@pytest.mark.django_db
def test_the_cohorts_attendance_export_shows_only_its_learners(
    client, session, own_cohort, facilitator, ours, outsider, staff
):
    attendance_mark(
        session=session, learner=outsider, minutes_present=90, recorded_by=staff, reason="Là"
    )
    client.force_login(facilitator)

    export = client.get(f"/cohortes/{own_cohort.pk}/presences.csv")

    content = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Noémie" in content and "Zoé" not in content


# --- Staff, and who can hold attendance -------------------------------------------------


@pytest.mark.django_db
def test_staff_mark_any_learner_and_every_mark_says_who_and_why(client, session, staff, outsider):
    client.force_login(staff)
    client.post(
        sheet_url(session),
        {
            "action": "mark",
            "learner": outsider.pk,
            "minutes_present": "85",
            "reason": "Présente par téléphone",
        },
    )

    attendance = Attendance.objects.get()
    assert (attendance.manual_minutes, attendance.manual_by, attendance.manual_reason) == (
        85,
        staff,
        "Présente par téléphone",
    )
    assert attendance.attended


@pytest.mark.django_db
def test_a_mark_without_a_reason_is_refused(client, session, staff, outsider):
    client.force_login(staff)
    response = client.post(
        sheet_url(session),
        {"action": "mark", "learner": outsider.pk, "minutes_present": "85", "reason": "  "},
        follow=True,
    )
    assert "pourquoi vous les saisissez à la main" in text(response)
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_only_learner_accounts_hold_attendance(client, session, staff):
    author = UserFactory(roles=["author"])
    client.force_login(staff)
    response = client.post(
        sheet_url(session),
        {"action": "mark", "learner": author.pk, "minutes_present": "90", "reason": "x"},
    )
    assert response.status_code == 404
    # Nor does an import give them any, even run by staff from the shell.
    run_import(
        session,
        content=reports.zoom_fr([("Autrice", author.email, START, START + timedelta(minutes=90))]),
    )
    assert nothing_written()


@pytest.mark.django_db
def test_staff_record_every_session(client, session, staff):
    unlinked_import = run_import(session, "zoom_en_utf8.csv")
    client.force_login(staff)

    assert sheet_url(session) in client.get("/webinaires/seances/").content.decode()
    assert client.get(sheet_url(session)).status_code == 200
    assert client.get(f"/webinaires/importations/{unlinked_import.pk}/").status_code == 200


@pytest.mark.django_db
def test_a_session_of_two_of_a_facilitators_cohorts_is_listed_once(client, session, facilitator):
    facilitate(session, facilitator)
    facilitate(session, facilitator, name="Deuxième cohorte")
    client.force_login(facilitator)

    listing = client.get("/webinaires/seances/").content.decode()

    assert listing.count(sheet_url(session)) == 1


@pytest.mark.django_db
def test_facilitator_uploads_a_report_and_reads_it_back(client, session, facilitator):
    organisation = OrganisationFactory()
    for email, name in (
        ("camille.tremblay@exemple.test", "Camille"),
        ("ines.roy@exemple.test", "Inès"),
    ):
        UserFactory(email=email, first_name=name, organisation=organisation, roles=["learner"])
    facilitate(session, facilitator, organisations=[organisation])
    client.force_login(facilitator)
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "webinars" / "samples" / "zoom_fr_utf8_bom.csv"
    with sample.open("rb") as report:
        response = client.post(sheet_url(session), {"action": "import", "report": report})
    assert response.status_code == 302
    assert "2 personnes enregistrées" in text(client.get(response["Location"]))
    assert "Camille Tremblay" in text(client.get(sheet_url(session)))
    from cohorts.models import FacilitatorAccess

    assert FacilitatorAccess.objects.filter(facilitator=facilitator, view="attendance").exists()


@pytest.mark.django_db
def test_attendance_sheet_query_count_is_constant(
    client, session, facilitator, staff, django_assert_max_num_queries
):
    organisation = OrganisationFactory()
    facilitate(session, facilitator, organisations=[organisation])
    client.force_login(facilitator)
    UserFactory(organisation=organisation, roles=["learner"])
    client.get(sheet_url(session))
    with CaptureQueriesContext(connection) as few:
        client.get(sheet_url(session))
    for _ in range(12):
        learner = UserFactory(organisation=organisation, roles=["learner"])
        attendance_mark(
            session=session, learner=learner, minutes_present=80, recorded_by=staff, reason="Là"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(sheet_url(session)).status_code == 200
