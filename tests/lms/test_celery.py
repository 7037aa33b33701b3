import os
import smtplib
from unittest import mock

import pytest
from django.conf import settings

from lms.celery import app
from lms.outbox.models import OutboxMessage
from lms.outbox.services import outbox_add
from lms.outbox.tasks import process_outbox_message

BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")

MESSAGE = {
    "subject": "[DATAide] Bienvenue",
    "body": "Bonjour",
    "from_email": "ne-pas-repondre@dataide.example",
    "to": ["camille@exemple.test"],
    "alternatives": [["<p>Bonjour</p>", "text/html"]],
}


def test_production_delivery_guarantees_are_configured():
    conf = app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_serializer == "json"


def test_tasks_retry_with_exponential_backoff():
    assert process_outbox_message.autoretry_for == (Exception,)
    assert process_outbox_message.retry_backoff is True
    assert process_outbox_message.max_retries >= 5


def test_every_scheduled_task_exists():
    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks, entry["task"]


def test_embedded_default_runs_tasks_eagerly():
    assert app.conf.task_always_eager is True


def test_wagtails_own_tasks_keep_the_immediate_backend():
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")


def add_email(capture) -> OutboxMessage:
    """An account e-mail in the outbox, not dispatched yet."""
    with capture(execute=False):
        return outbox_add(kind="accounts.email", dedupe_key="accounts.email:test", payload=MESSAGE)


@pytest.mark.django_db
def test_a_failing_mail_server_is_retried_and_the_mail_sent_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    from django.core.mail import EmailMultiAlternatives

    message = add_email(django_capture_on_commit_callbacks)

    real_send = EmailMultiAlternatives.send
    calls = {"n": 0}

    def flaky_send(message, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise smtplib.SMTPServerDisconnected("gone")
        return real_send(message, *args, **kwargs)

    with mock.patch.object(EmailMultiAlternatives, "send", flaky_send):
        # throw=False: in eager mode Celery re-raises the Retry after re-running the task.
        process_outbox_message.apply(args=[message.pk], throw=False)

    assert calls["n"] == 2
    assert len(mailoutbox) == 1
    assert mailoutbox[0].alternatives[0][1] == "text/html"
    message.refresh_from_db()
    assert message.processed_at and message.attempts == 2 and "gone" in message.last_error
    assert message.payload["body"] == "" and message.payload["to"] == MESSAGE["to"]


@pytest.mark.skipif(not BROKER_URL.startswith("redis"), reason="needs CELERY_BROKER_URL (Redis)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_goes_through_the_real_broker_to_a_worker(
    mailoutbox, django_capture_on_commit_callbacks
):
    from celery.contrib.testing.worker import start_worker

    app.conf.task_always_eager = False
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            process_outbox_message.delay(add_email(django_capture_on_commit_callbacks).pk)
            for _ in range(100):
                if mailoutbox:
                    break
                import time

                time.sleep(0.1)
    finally:
        app.conf.task_always_eager = True
    assert [m.subject for m in mailoutbox] == ["[DATAide] Bienvenue"]
