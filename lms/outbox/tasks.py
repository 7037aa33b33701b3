from lms.celery import app
from lms.outbox import services


@app.task
def process_outbox_message(message_id: int) -> bool:
    """Carry out one outbox message; nothing if it already was."""
    return services.outbox_process(message_id=message_id)


@app.task
def relay_outbox() -> int:
    """Periodic: hand the outbox messages still pending to workers."""
    return services.outbox_relay()
