from lms.celery import app
from lms.outbox import services


@app.task
def process_outbox_message(message_id: int) -> bool:
    """Carry out one outbox message; nothing if it already was."""
    return services.outbox_process(message_id=message_id)


@app.task
def process_outbox_messages(message_ids: list[int]) -> int:
    """Carry out outbox messages recorded together; nothing for those already done."""
    return services.outbox_process_many(message_ids=message_ids)


@app.task
def relay_outbox() -> int:
    """Periodic: hand the outbox messages still pending to workers."""
    return services.outbox_relay()
