"""With the broker down, what people do still succeeds, and every e-mail it causes leaves
exactly once when the broker is back: a real Redis of the test's own is stopped, the
action goes through the real view, then Redis starts again, the relay runs and a real
worker consumes the queue (twice: the second pass sends nothing)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from cohorts.models import CohortMessage
from lms.outbox.models import OutboxMessage
from lms.outbox.services import outbox_relay
from tests.cohorts.builders import admit, make_cohort
from tests.factories import OrganisationFactory, UserFactory, webinar_page
from webinars.models import Registration

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and a worker thread need PostgreSQL"
    ),
]


def pending(kind: str) -> int:
    return OutboxMessage.objects.filter(kind=kind, processed_at__isnull=True).count()


def delivered_once_after_recovery(broker, expected: int) -> list:
    """Start the broker again and let the relay and a worker run, twice; return the
    e-mails sent, checking the second round sent nothing more."""
    assert broker.recover() == expected
    sent = list(mail.outbox)
    assert outbox_relay() == 0  # nothing pending any more
    broker.work()
    assert mail.outbox == sent
    assert not OutboxMessage.objects.filter(processed_at__isnull=True).exists()
    return sent


def test_a_webinar_registration_with_the_broker_down(client, redis_broker):
    start = timezone.now() + timedelta(days=3)
    webinar = webinar_page(sessions=[{"starts_at": start, "capacity": 10}])
    learner = UserFactory(organisation=OrganisationFactory())
    client.force_login(learner)

    redis_broker.stop()
    response = client.post(
        webinar.url, {"action": "register", "session": webinar.sessions.get().pk}
    )

    assert response.status_code == 302
    assert Registration.objects.get().learner == learner
    assert mail.outbox == []
    assert pending("webinars.registration_confirmation") == 1

    sent = delivered_once_after_recovery(redis_broker, 1)
    assert [m.to for m in sent] == [[learner.email]]
    assert sent[0].attachments[0][0] == "webinaire-dataide.ics"


def test_a_cohort_message_with_the_broker_down(client, redis_broker):
    facilitator = UserFactory(roles=["facilitator"])
    cohort = make_cohort(facilitators=[facilitator])
    organisation = OrganisationFactory()
    admit(cohort, organisation=organisation)
    learners = [UserFactory(organisation=organisation, roles=["learner"]) for _ in range(3)]
    client.force_login(facilitator)

    redis_broker.stop()
    response = client.post(
        f"/cohortes/{cohort.pk}/message/",
        {"audience": "all", "subject": "Séance de jeudi", "body": "À jeudi & bonne semaine"},
    )

    assert response.status_code == 302
    assert len(CohortMessage.objects.get().recipients) == 3
    assert mail.outbox == []
    assert pending("cohorts.message") == 3

    sent = delivered_once_after_recovery(redis_broker, 3)
    assert sorted(m.to[0] for m in sent) == sorted(learner.email for learner in learners)
    assert all("À jeudi & bonne semaine" in m.body for m in sent)


def test_a_password_reset_with_the_broker_down(client, redis_broker):
    learner = UserFactory(organisation=OrganisationFactory())

    redis_broker.stop()
    response = client.post("/comptes/password/reset/", {"email": learner.email})

    assert response.status_code == 302
    assert mail.outbox == []
    assert pending("accounts.email") == 1

    sent = delivered_once_after_recovery(redis_broker, 1)
    assert [m.to for m in sent] == [[learner.email]]
    assert "/comptes/password/reset/key/" in sent[0].body
    message = OutboxMessage.objects.get(kind="accounts.email")
    assert message.payload["body"] == ""  # the reset link is not kept once sent


def test_a_large_attendance_import_with_the_broker_down(client, redis_broker):
    """Over 100 KB a report is read by a worker: with the broker down the upload is
    taken, and the import runs once when it is back (and what it completes follows)."""
    import io
    from datetime import datetime

    from lms.pathway.models import LevelCompletion
    from tests.webinars import reports
    from webinars.models import Attendance, AttendanceImport

    start = timezone.localtime(timezone.now() - timedelta(days=1)).replace(
        minute=0, second=0, microsecond=0
    )
    session = webinar_page(sessions=[{"starts_at": start, "duration_minutes": 90}]).sessions.get()
    learner = UserFactory(organisation=OrganisationFactory(), roles=["learner"])
    staff = UserFactory(roles=["staff"])
    local = datetime(start.year, start.month, start.day, start.hour)
    content = reports.zoom_en(
        [("Léa", learner.email, local, local + timedelta(minutes=90))],
        meeting=(local, local + timedelta(minutes=90)),
    ) + b"\n" * (120 * 1024)
    client.force_login(staff)

    redis_broker.stop()
    response = client.post(
        f"/webinaires/seances/{session.pk}/presences/",
        {"action": "import", "report": io.BytesIO(content)},
    )

    assert response.status_code == 302
    assert AttendanceImport.objects.get().status == AttendanceImport.Status.PENDING
    assert pending("webinars.attendance_import") == 1

    assert redis_broker.recover() == 1
    # What the import completes (certificate, notices) is written to the outbox by the
    # worker; a publish on a connection that the broker's restart broke leaves a message
    # to the relay, which the next runs hand over.
    for _ in range(3):
        if not redis_broker.recover():
            break
    sent = delivered_once_after_recovery(redis_broker, 0)
    result = AttendanceImport.objects.get()
    assert result.status == AttendanceImport.Status.DONE and result.content is None
    assert Attendance.objects.get().learner == learner
    assert LevelCompletion.objects.filter(learner=learner, level=1).count() == 1
    to_learner = [m.subject for m in sent if m.to == [learner.email]]
    assert to_learner and len(to_learner) == len(set(to_learner))  # each e-mail once
