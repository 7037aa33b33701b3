from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.outbox.models import OutboxMessage
from tests.factories import UserFactory, webinar_page
from tests.pathway.test_concurrency import run_together
from webinars.effects import reminder as send_reminder_handler
from webinars.models import Registration, ReminderSent
from webinars.services import reminders_enqueue, session_cancel, session_register
from webinars.tasks import enqueue_due_reminders


@pytest.fixture
def session(db):
    start = timezone.now() + timedelta(days=5)
    return webinar_page(sessions=[{"starts_at": start}]).sessions.get()


def run_periodic(capture, now):
    with capture(execute=True):
        with mock.patch("webinars.services.timezone.now", return_value=now):
            return reminders_enqueue(now=now)


@pytest.mark.django_db
def test_each_reminder_is_sent_once_even_if_the_task_runs_twice(
    learner, session, mailoutbox, django_capture_on_commit_callbacks
):
    session_register(learner=learner, session=session)
    mailoutbox.clear()
    day_before = session.starts_at - timedelta(hours=20)

    assert run_periodic(django_capture_on_commit_callbacks, day_before) == 1
    assert run_periodic(django_capture_on_commit_callbacks, day_before) == 0

    assert [m.subject for m in mailoutbox] == ["[DATAide] Demain : Webinaire de sensibilisation"]

    hour_before = session.starts_at - timedelta(minutes=50)
    run_periodic(django_capture_on_commit_callbacks, hour_before)
    run_periodic(django_capture_on_commit_callbacks, hour_before)
    assert [m.subject for m in mailoutbox][1:] == [
        "[DATAide] Dans une heure : Webinaire de sensibilisation"
    ]
    assert ReminderSent.objects.filter(sent_at__isnull=False).count() == 2


@pytest.mark.django_db
def test_a_reminder_message_handled_twice_sends_once(learner, session, mailoutbox):
    session_register(learner=learner, session=session)
    mailoutbox.clear()
    registration = session.registrations.get()
    reminder = ReminderSent.objects.create(registration=registration, kind="day_before")

    send_reminder_handler({"reminder": reminder.pk})
    send_reminder_handler({"reminder": reminder.pk})

    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_nothing_is_due_too_early_or_for_a_cancelled_registration(
    learner, session, mailoutbox, django_capture_on_commit_callbacks
):
    session_register(learner=learner, session=session)
    other = UserFactory()
    session_register(learner=other, session=session)
    session_cancel(learner=other, session=session)
    mailoutbox.clear()

    assert (
        run_periodic(django_capture_on_commit_callbacks, session.starts_at - timedelta(days=3)) == 0
    )
    assert (
        run_periodic(django_capture_on_commit_callbacks, session.starts_at - timedelta(hours=23))
        == 1
    )
    assert [m.to for m in mailoutbox] == [[learner.email]]


@pytest.mark.django_db
def test_a_late_registrant_gets_only_the_hour_before_reminder(
    learner, session, mailoutbox, django_capture_on_commit_callbacks
):
    session_register(learner=learner, session=session)
    mailoutbox.clear()
    assert (
        run_periodic(django_capture_on_commit_callbacks, session.starts_at - timedelta(minutes=30))
        == 1
    )
    assert ReminderSent.objects.get().kind == "hour_before"


@pytest.mark.django_db
def test_a_reminder_whose_task_was_lost_is_sent_by_the_next_run(
    learner, session, mailoutbox, django_capture_on_commit_callbacks
):
    session_register(learner=learner, session=session)
    mailoutbox.clear()
    registration = session.registrations.get()
    lost = ReminderSent.objects.create(registration=registration, kind="day_before")
    ReminderSent.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(hours=1))

    run_periodic(django_capture_on_commit_callbacks, session.starts_at - timedelta(hours=20))

    assert len(mailoutbox) == 1
    lost.refresh_from_db()
    assert lost.sent_at is not None


def test_the_periodic_task_is_scheduled():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "webinars.tasks.enqueue_due_reminders" in tasks
    assert enqueue_due_reminders.name == "webinars.tasks.enqueue_due_reminders"


@pytest.mark.django_db
def test_each_reminder_is_one_outbox_message_written_with_it(
    learner, session, mailoutbox, django_capture_on_commit_callbacks
):
    """The e-mail is recorded in the reminder's transaction: a broker outage delays it, and
    the outbox's relay sends it once the broker is back, once."""
    session_register(learner=learner, session=session)
    day_before = session.starts_at - timedelta(hours=20)

    run_periodic(django_capture_on_commit_callbacks, day_before)
    run_periodic(django_capture_on_commit_callbacks, day_before)

    reminder = ReminderSent.objects.get()
    messages = OutboxMessage.objects.filter(kind="webinars.reminder")
    assert [m.payload for m in messages] == [{"reminder": reminder.pk}]


@pytest.mark.django_db
def test_the_reminders_of_30_registrations_cost_as_many_queries_as_those_of_3():
    """A day of many sessions is a few queries, and running it twice still records each
    reminder and its e-mail once."""
    start = timezone.now() + timedelta(days=5)
    webinar = webinar_page(
        sessions=[{"starts_at": start}, {"starts_at": start + timedelta(days=2)}]
    )
    small, large = webinar.sessions.order_by("starts_at")
    for session, count in ((small, 3), (large, 30)):
        Registration.objects.bulk_create(
            [Registration(session=session, learner=UserFactory()) for _ in range(count)]
        )

    counts, created = [], []
    for session in (small, large):
        day_before = session.starts_at - timedelta(hours=20)
        with CaptureQueriesContext(connection) as queries:
            created.append(reminders_enqueue(now=day_before))
        counts.append(len(queries))
        assert reminders_enqueue(now=day_before) == 0  # the second run finds nothing new

    print("REMINDER QUERIES", counts)
    assert created == [3, 30]
    assert counts[0] == counts[1]
    reminders = ReminderSent.objects.filter(kind="day_before")
    assert reminders.count() == 33
    messages = OutboxMessage.objects.filter(kind="webinars.reminder")
    assert sorted(m.payload["reminder"] for m in messages) == sorted(r.pk for r in reminders)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and real concurrency need PostgreSQL"
)
def test_two_workers_finding_the_same_reminders_record_and_count_each_once():
    start = timezone.now() + timedelta(days=5)
    session = webinar_page(sessions=[{"starts_at": start}]).sessions.get()
    Registration.objects.bulk_create(
        [Registration(session=session, learner=UserFactory()) for _ in range(20)]
    )
    day_before = start - timedelta(hours=20)
    created = []

    errors = run_together([lambda: created.append(reminders_enqueue(now=day_before))] * 4)

    assert errors == []
    assert sum(created) == 20
    assert ReminderSent.objects.count() == 20
    assert OutboxMessage.objects.filter(kind="webinars.reminder").count() == 20
