"""Writes on the outbox: record a side effect with the write that causes it, hand it to
a worker once committed, relay what the broker did not take, carry each out once.

``tasks`` and this module import each other as modules (never names), the Celery way:
a task calls a service, a service enqueues a task.
"""

import logging
from functools import partial

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError

from lms.bulk import rows_insert_new
from lms.outbox import registry, selectors, tasks
from lms.outbox.models import OutboxMessage

logger = logging.getLogger(__name__)


def outbox_add(*, kind: str, dedupe_key: str, payload: dict) -> OutboxMessage:
    """Record a side effect in the caller's transaction; dispatch it once that commits.

    Called outside a transaction (autocommit), the row is written in one of its own and
    dispatched as soon as it is saved. The same ``dedupe_key`` twice is one message.
    """
    if not registry.is_registered(kind):
        raise registry.UnknownKind(kind)
    with transaction.atomic():
        message, created = OutboxMessage.objects.get_or_create(
            dedupe_key=dedupe_key, defaults={"kind": kind, "payload": payload}
        )
        if created:
            transaction.on_commit(partial(outbox_dispatch, message_id=message.pk))
    return message


def outbox_add_many(*, kind: str, messages: dict[str, dict]) -> set[str]:
    """Record many side effects of one ``kind`` (``{dedupe_key: payload}``) in a constant
    number of queries, as ``outbox_add`` would one by one; return the keys added now.

    A key already recorded is left as it is and not dispatched again. A key another
    transaction records at the very same moment is still one row; both may dispatch it,
    and ``outbox_process`` carries it out once.
    """
    if not registry.is_registered(kind):
        raise registry.UnknownKind(kind)
    if not messages:
        return set()
    with transaction.atomic():
        added = rows_insert_new(
            objs=[
                OutboxMessage(kind=kind, dedupe_key=key, payload=payload)
                for key, payload in messages.items()
            ],
            unique="dedupe_key",
        )
        if added:
            transaction.on_commit(partial(_dispatch_all, message_ids=sorted(added.values())))
    return set(added)


#: How many messages recorded together one task carries out (one hand-over to the broker
#: per batch rather than per message: an import's thousands of certificates).
DISPATCH_BATCH = 200


def _dispatch_all(*, message_ids: list[int]) -> None:
    for start in range(0, len(message_ids), DISPATCH_BATCH):
        batch = message_ids[start : start + DISPATCH_BATCH]
        try:
            tasks.process_outbox_messages.delay(batch)
        except OperationalError as error:  # the broker is down: the relay hands them on
            logger.warning("Outbox messages %s… left for the relay: %s", batch[0], error)
            return
        except Exception:  # eager mode only: each failure is on its row
            logger.exception("Outbox messages %s… failed", batch[0])


def outbox_process_many(*, message_ids: list[int]) -> int:
    """Carry out each message, each on its own as ``outbox_process`` does; return how
    many were done now. One that fails stays pending with its error and the others go
    on; the first failure is then raised, so that the task is retried (what was done is
    not done again)."""
    done, failure = 0, None
    for message_id in message_ids:
        try:
            done += outbox_process(message_id=message_id)
        except Exception as error:
            logger.exception("Outbox message %s failed", message_id)
            failure = failure or error
    if failure is not None:
        raise failure
    return done


def outbox_dispatch(*, message_id: int) -> bool:
    """Hand one message to a worker; return False if the broker is down (the relay will)."""
    try:
        tasks.process_outbox_message.delay(message_id)
    except OperationalError as error:  # kombu's "broker unreachable", after its timeouts
        logger.warning("Outbox message %s left for the relay: %s", message_id, error)
        return False
    except Exception:  # eager mode only: the handler failed; its error is on the row
        logger.exception("Outbox message %s failed", message_id)
    return True


def outbox_relay(*, limit: int = 200) -> int:
    """Dispatch the pending messages, oldest first, until the broker refuses; return how many."""
    handed = 0
    for message_id in selectors.outbox_pending_ids(limit=limit):
        if not outbox_dispatch(message_id=message_id):
            break  # the broker is down: the next run tries again
        handed += 1
    return handed


def outbox_process(*, message_id: int) -> bool:
    """Carry out one message unless it already was; return True if done now.

    The row stays locked while its handler runs and is stamped in the same transaction,
    so a second worker given the same message waits, then finds it done. A handler that
    fails leaves the message pending, with its error, and the exception goes on up (the
    task retries it).
    """
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
            if message is None or message.processed_at is not None:
                return False
            kept = registry.handler_for(message.kind)(message.payload)
            if kept is not None:
                message.payload = kept
            message.processed_at = timezone.now()
            message.attempts += 1
            message.save(update_fields=["payload", "processed_at", "attempts"])
        return True
    except Exception as error:
        OutboxMessage.objects.filter(pk=message_id).update(
            attempts=F("attempts") + 1, last_error=repr(error)[:2000]
        )
        raise
