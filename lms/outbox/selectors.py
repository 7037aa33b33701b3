"""Reads on the outbox."""

from lms.outbox.models import OutboxMessage


def outbox_pending_ids(*, limit: int) -> list[int]:
    """Return the ids of the messages not carried out yet, oldest first."""
    pending = OutboxMessage.objects.filter(processed_at__isnull=True).order_by("created_at", "pk")
    return list(pending.values_list("pk", flat=True)[:limit])
