"""Eligibility is granted once per organisation and level, with its evidence, its notices
and its certificate, carried by the outbox."""

import html as htmllib
from unittest import mock

import pytest
from kombu.exceptions import OperationalError

from lms.accounts.models import OrganisationContact
from lms.outbox import tasks
from lms.outbox.models import OutboxMessage
from lms.outbox.services import outbox_process, outbox_relay
from lms.pathway.models import (
    BursaryEligibility,
    Certificate,
    EligibilityChange,
    PathwaySettings,
    ReviewRequest,
)
from lms.pathway.services import EligibilityError, eligibility_set_status
from tests.factories import OrganisationFactory, UserFactory
from webinars.services import attendance_mark


def attend(learner, session, by, capture):
    with capture(execute=True):
        attendance_mark(
            session=session,
            learner=learner,
            minutes_present=90,
            recorded_by=by,
            reason="Présence vérifiée",
        )


@pytest.fixture
def contact(learner):
    OrganisationContact.objects.create(organisation=learner.organisation, person=learner)
    return learner


@pytest.mark.django_db
def test_completing_level1_makes_the_organisation_eligible_with_its_evidence(
    contact, staff, awareness_session, mailoutbox, django_capture_on_commit_callbacks
):
    attend(contact, awareness_session, staff, django_capture_on_commit_callbacks)

    eligibility = BursaryEligibility.objects.get()
    assert (eligibility.organisation, eligibility.level, eligibility.status) == (
        contact.organisation,
        1,
        "eligible",
    )
    assert eligibility.rules_version == "2026.1"
    assert eligibility.evidence["learner"] == contact.pk
    assert eligibility.evidence["records"][0]["kind"] == "attendance"
    assert eligibility.region == contact.organisation.region
    assert not eligibility.over_quota
    assert EligibilityChange.objects.get().to_status == "eligible"

    subjects = sorted(m.subject for m in mailoutbox)
    assert len(subjects) == 3
    assert any("est admissible" in s for s in subjects)  # to the contact person
    assert any("Nouvelle admissibilité" in s for s in subjects)  # to programme staff
    assert any("Votre certificat" in s for s in subjects)  # to the learner
    assert Certificate.objects.count() == 1
    assert not OutboxMessage.objects.filter(processed_at__isnull=True).exists()


@pytest.mark.django_db
def test_the_notice_says_the_decision_was_automatic_and_how_to_ask_for_a_review(
    contact, staff, awareness_session, mailoutbox, django_capture_on_commit_callbacks
):
    attend(contact, awareness_session, staff, django_capture_on_commit_callbacks)
    notice = next(m for m in mailoutbox if "est admissible" in m.subject)
    assert "automatiquement" in notice.body
    assert "version 2026.1" in notice.body
    assert "Les données utilisées" in notice.body
    assert "/parcours/mon-parcours/" in notice.body
    assert notice.to == [contact.email]


@pytest.mark.django_db
def test_the_notice_shows_the_organisations_name_as_typed(
    contact, staff, awareness_session, mailoutbox, django_capture_on_commit_callbacks
):
    name = "Centre d'action bénévole & Cie"
    contact.organisation.name = name
    contact.organisation.save()

    attend(contact, awareness_session, staff, django_capture_on_commit_callbacks)

    notice = next(m for m in mailoutbox if "est admissible" in m.subject)
    assert name in notice.subject
    assert name in notice.body
    assert "&#x27;" not in notice.subject + notice.body and "&amp;" not in notice.body
    html = notice.alternatives[0][0]
    assert "Centre d&#x27;action bénévole &amp; Cie" in html
    assert "&amp;amp;" not in html and name not in html


@pytest.mark.django_db
def test_a_second_learner_of_the_organisation_adds_no_eligibility_and_no_notice(
    contact, staff, awareness_session, mailoutbox, django_capture_on_commit_callbacks
):
    colleague = UserFactory(organisation=contact.organisation, roles=["learner"])
    attend(contact, awareness_session, staff, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    attend(colleague, awareness_session, staff, django_capture_on_commit_callbacks)

    assert BursaryEligibility.objects.count() == 1
    assert [m.to for m in mailoutbox] == [[colleague.email]]  # only their own certificate
    assert Certificate.objects.count() == 2


@pytest.mark.django_db
def test_eligibility_beyond_the_quota_is_recorded_and_flagged(
    staff, awareness_session, django_capture_on_commit_callbacks
):
    settings = PathwaySettings.load()
    settings.quota_level_1 = 1
    settings.save()
    first, second = (
        UserFactory(organisation=OrganisationFactory(), roles=["learner"]) for _ in range(2)
    )
    attend(first, awareness_session, staff, django_capture_on_commit_callbacks)
    attend(second, awareness_session, staff, django_capture_on_commit_callbacks)

    flags = dict(BursaryEligibility.objects.values_list("organisation", "over_quota"))
    assert flags == {first.organisation_id: False, second.organisation_id: True}


@pytest.mark.django_db
def test_staff_move_the_bursary_along_and_revoking_needs_a_reason(
    contact, staff, awareness_session, django_capture_on_commit_callbacks
):
    attend(contact, awareness_session, staff, django_capture_on_commit_callbacks)
    eligibility = BursaryEligibility.objects.get()

    eligibility_set_status(eligibility=eligibility, status="applied", actor=staff)
    with pytest.raises(EligibilityError):
        eligibility_set_status(eligibility=eligibility, status="revoked", actor=staff)
    eligibility_set_status(
        eligibility=eligibility, status="revoked", actor=staff, reason="Doublon d'organisme"
    )
    with pytest.raises(EligibilityError):
        eligibility_set_status(eligibility=eligibility, status="awarded", actor=staff)

    eligibility.refresh_from_db()
    assert (eligibility.status, eligibility.status_reason, eligibility.status_changed_by) == (
        "revoked",
        "Doublon d'organisme",
        staff,
    )
    assert list(eligibility.changes.values_list("from_status", "to_status")) == [
        ("", "eligible"),
        ("eligible", "applied"),
        ("applied", "revoked"),
    ]


@pytest.mark.django_db
def test_content_changes_never_remove_an_eligibility(
    contact, staff, awareness_session, django_capture_on_commit_callbacks
):
    attend(contact, awareness_session, staff, django_capture_on_commit_callbacks)
    webinar = awareness_session.webinar
    webinar.unpublish()
    attendance_mark(
        session=awareness_session,
        learner=contact,
        minutes_present=10,
        recorded_by=staff,
        reason="Présence vérifiée",
    )
    assert BursaryEligibility.objects.filter(status="eligible").count() == 1


@pytest.mark.django_db
def test_with_the_broker_down_the_completion_succeeds_and_the_relay_sends_once_later(
    client, contact, staff, awareness_session, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    down = mock.patch.object(
        tasks.process_outbox_message, "delay", side_effect=OperationalError("broker down")
    )
    down_too = mock.patch.object(
        tasks.process_outbox_messages, "delay", side_effect=OperationalError("broker down")
    )
    with down, down_too, django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/webinaires/seances/{awareness_session.pk}/presences/",
            {
                "action": "mark",
                "learner": contact.pk,
                "minutes_present": "90",
                "reason": "Présente du début à la fin",
            },
        )

    assert response.status_code == 302  # the person recording attendance sees success
    assert BursaryEligibility.objects.count() == 1
    assert mailoutbox == []
    assert OutboxMessage.objects.filter(processed_at__isnull=True).count() == 3

    # The broker is back: the periodic relay hands the messages over, once.
    assert outbox_relay() == 3
    assert len(mailoutbox) == 3
    outbox_relay()
    assert len(mailoutbox) == 3
    assert not OutboxMessage.objects.filter(processed_at__isnull=True).exists()


@pytest.mark.django_db
def test_a_worker_killed_while_issuing_a_certificate_leaves_one_certificate(
    contact, staff, awareness_session, mailoutbox, django_capture_on_commit_callbacks
):
    with (  # nothing runs yet
        mock.patch.object(tasks.process_outbox_message, "delay"),
        mock.patch.object(tasks.process_outbox_messages, "delay"),
    ):
        attend(contact, awareness_session, staff, django_capture_on_commit_callbacks)
    message = OutboxMessage.objects.get(kind="pathway.certificate")

    with mock.patch("lms.pathway.effects.send_templated_email", side_effect=SystemExit("killed")):
        with pytest.raises(SystemExit):
            outbox_process(message_id=message.pk)
    assert outbox_process(message_id=message.pk) is True
    assert outbox_process(message_id=message.pk) is False  # delivered twice: nothing more

    assert Certificate.objects.count() == 1
    assert len([m for m in mailoutbox if "Votre certificat" in m.subject]) == 1


@pytest.mark.django_db
def test_the_dashboard_shows_levels_certificate_and_the_automatic_decision(
    client, contact, staff, awareness_session, django_capture_on_commit_callbacks
):
    attend(contact, awareness_session, staff, django_capture_on_commit_callbacks)
    client.force_login(contact)
    page = htmllib.unescape(client.get("/parcours/mon-parcours/").content.decode())

    assert "Niveau 1 : Sensibilisation" in page
    assert "Réussi" in page
    assert "Mon certificat de réussite" in page
    assert "Bourse de votre organisme : admissible." in page
    assert "prise automatiquement par la plateforme" in page
    assert "Demander qu'une personne révise cette décision" in page


@pytest.mark.django_db
def test_asking_for_a_review_creates_a_task_for_staff(
    client, contact, staff, awareness_session, mailoutbox, django_capture_on_commit_callbacks
):
    attend(contact, awareness_session, staff, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    client.force_login(contact)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/parcours/mon-parcours/", {"level": "1", "message": "<b>J'étais</b> à la séance."}
        )

    assert response.status_code == 302
    request = ReviewRequest.objects.get()
    assert (request.level, request.status, request.message) == (
        1,
        "open",
        "<b>J'étais</b> à la séance.",  # as typed: escaped where it is shown
    )
    assert request.eligibility == BursaryEligibility.objects.get()
    assert [m.to for m in mailoutbox] == [[staff.email]]


@pytest.mark.django_db
def test_the_dashboard_query_count_does_not_grow_with_history(
    client, contact, staff, awareness_session, django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(contact)
    client.get("/parcours/mon-parcours/")
    with CaptureQueriesContext(connection) as empty:
        client.get("/parcours/mon-parcours/")
    baseline = len(empty.captured_queries)  # read now: each request resets the query log
    attend(contact, awareness_session, staff, django_capture_on_commit_callbacks)
    client.post("/parcours/mon-parcours/", {"level": "1", "message": "Merci de vérifier."})
    with django_assert_max_num_queries(baseline):
        client.get("/parcours/mon-parcours/")


@pytest.mark.django_db
def test_the_verification_page_shows_only_name_level_and_dates(
    client, contact, staff, awareness_session, django_capture_on_commit_callbacks
):
    attend(contact, awareness_session, staff, django_capture_on_commit_callbacks)
    token = Certificate.objects.get().token
    page = htmllib.unescape(client.get(f"/parcours/certificats/{token}/").content.decode())
    assert "Ce certificat est authentique." in page
    assert contact.get_full_name() in page
    assert contact.email not in page
    assert contact.organisation.name not in page
    assert client.get("/parcours/certificats/pas-un-vrai-jeton/").status_code == 404
    assert len(token) >= 32
