"""The outbox: a side effect exists only if its write committed, is carried out once,
and waits with its error when its handler fails."""

from unittest import mock

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from kombu.exceptions import OperationalError

from lms import outbox
from lms.outbox import registry, tasks
from lms.outbox.models import OutboxMessage
from lms.outbox.services import (
    outbox_add,
    outbox_add_many,
    outbox_process,
    outbox_process_many,
    outbox_relay,
)


@pytest.fixture
def done():
    """A kind of the tests' own, whose handler records what it was given."""
    calls = []

    def handler(payload):
        calls.append(payload)

    outbox.register("tests.done", handler)
    yield calls
    outbox.unregister("tests.done")


@pytest.fixture
def failing():
    outbox.register("tests.failing", mock.Mock(side_effect=RuntimeError("SMTP is down")))
    yield
    outbox.unregister("tests.failing")


def add(kind="tests.done", key="k1", payload=None) -> OutboxMessage:
    return outbox_add(kind=kind, dedupe_key=key, payload=payload or {"n": 1})


@pytest.mark.django_db
def test_a_message_added_in_a_transaction_that_rolls_back_leaves_nothing(
    done, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            add()
            raise RuntimeError("the write failed")

    assert not OutboxMessage.objects.exists()
    assert callbacks == [] and done == []


@pytest.mark.django_db
def test_a_message_is_dispatched_once_committed_and_the_same_key_is_one_message(
    done, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            first = add()
            again = add(payload={"n": 2})

    assert first == again and len(callbacks) == 1
    assert done == [{"n": 1}]
    first.refresh_from_db()
    assert first.processed_at is not None and first.attempts == 1


@pytest.mark.django_db
def test_processing_twice_does_the_work_once(done, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        message = add()

    assert outbox_process(message_id=message.pk) is True
    assert outbox_process(message_id=message.pk) is False
    assert done == [{"n": 1}]


@pytest.mark.django_db
def test_a_handler_that_raises_leaves_the_message_pending_with_its_error(
    failing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        message = add(kind="tests.failing")

    with pytest.raises(RuntimeError):
        outbox_process(message_id=message.pk)

    message.refresh_from_db()
    assert message.processed_at is None
    assert message.attempts == 1
    assert "SMTP is down" in message.last_error


@pytest.mark.django_db
def test_a_handler_may_keep_less_of_its_payload_once_done(django_capture_on_commit_callbacks):
    outbox.register("tests.secret", lambda payload: {"to": payload["to"]})
    try:
        with django_capture_on_commit_callbacks(execute=True):
            message = add(kind="tests.secret", payload={"to": "a@b.test", "link": "/reset/x"})
    finally:
        outbox.unregister("tests.secret")

    message.refresh_from_db()
    assert message.payload == {"to": "a@b.test"} and message.processed_at is not None


@pytest.mark.django_db
def test_an_unknown_kind_is_refused():
    with pytest.raises(registry.UnknownKind):
        add(kind="nobody.registered_this")
    assert not OutboxMessage.objects.exists()


def test_a_kind_has_one_handler(done):
    with pytest.raises(ValueError):
        outbox.register("tests.done", print)


def test_every_app_registers_its_kinds():
    assert {
        "accounts.email",
        "cohorts.message",
        "pathway.certificate",
        "pathway.eligibility_contacts",
        "pathway.eligibility_staff",
        "pathway.review_request",
        "webinars.attendance_import",
        "webinars.registration_confirmation",
    } <= set(registry.kinds())


@pytest.mark.django_db
def test_with_the_broker_down_the_relay_stops_and_leaves_everything_pending(
    done, django_capture_on_commit_callbacks
):
    down = mock.patch.object(
        tasks.process_outbox_message, "delay", side_effect=OperationalError("down")
    )
    with down as delay, django_capture_on_commit_callbacks(execute=True):
        add(key="k1")
        add(key="k2")
        assert outbox_relay() == 0
    assert delay.call_count == 3  # the relay stopped at its first refusal; both commits failed
    assert OutboxMessage.objects.filter(processed_at__isnull=True).count() == 2

    assert outbox_relay() == 2  # the broker is back
    assert outbox_relay() == 0
    assert done == [{"n": 1}, {"n": 1}]


@pytest.mark.django_db
def test_many_messages_are_added_at_once_each_key_once_and_dispatched_once_committed(
    done, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add(key="k1", payload={"n": 1})  # already there: kept as it is, not carried out again
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            added = outbox_add_many(
                kind="tests.done", messages={"k1": {"n": 10}, "k2": {"n": 2}, "k3": {"n": 3}}
            )
            again = outbox_add_many(kind="tests.done", messages={"k2": {"n": 20}})

    assert added == {"k2", "k3"} and again == set()
    assert sorted(p["n"] for p in done) == [1, 2, 3]
    assert dict(OutboxMessage.objects.values_list("dedupe_key", "payload")) == {
        "k1": {"n": 1}, "k2": {"n": 2}, "k3": {"n": 3},
    }  # fmt: skip
    assert not OutboxMessage.objects.filter(processed_at__isnull=True).exists()


@pytest.mark.django_db
def test_adding_many_messages_costs_as_many_queries_for_30_as_for_3(done):
    counts = []
    for size in (3, 30):
        with CaptureQueriesContext(connection) as queries:
            outbox_add_many(
                kind="tests.done", messages={f"{size}:{n}": {"n": n} for n in range(size)}
            )
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert OutboxMessage.objects.count() == 33


@pytest.mark.django_db
def test_adding_many_messages_of_an_unknown_kind_is_refused():
    with pytest.raises(registry.UnknownKind):
        outbox_add_many(kind="tests.unknown", messages={"k": {}})
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_many_messages_go_to_the_broker_in_batches_and_a_failure_leaves_only_itself(
    done, failing, django_capture_on_commit_callbacks
):
    with mock.patch.object(tasks.process_outbox_messages, "delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            outbox_add_many(kind="tests.done", messages={f"d{n}": {"n": n} for n in range(450)})
    assert [len(call.args[0]) for call in delay.call_args_list] == [200, 200, 50]

    bad = add(kind="tests.failing", key="bad")
    ids = sorted(OutboxMessage.objects.filter(kind="tests.done").values_list("pk", flat=True))
    with pytest.raises(RuntimeError, match="SMTP is down"):  # raised last: the task retries
        outbox_process_many(message_ids=[ids[0], bad.pk, *ids[1:]])
    assert len(done) == 450  # the others were carried out
    bad.refresh_from_db()
    assert bad.processed_at is None and "SMTP is down" in bad.last_error
    assert tasks.process_outbox_messages.apply(args=[ids]).get() == 0  # done once only
    assert len(done) == 450


@pytest.mark.django_db
def test_with_the_broker_down_a_batch_waits_for_the_relay(done, django_capture_on_commit_callbacks):
    down = mock.patch.object(
        tasks.process_outbox_messages, "delay", side_effect=OperationalError("down")
    )
    with down, django_capture_on_commit_callbacks(execute=True):
        outbox_add_many(kind="tests.done", messages={f"d{n}": {"n": n} for n in range(5)})
    assert done == [] and OutboxMessage.objects.filter(processed_at__isnull=True).count() == 5
    assert outbox_relay() == 5
    assert len(done) == 5
