from lms.celery import app


@app.task
def process_outbox_message(message_id: int) -> bool:
    """Carry out one outbox message (an e-mail, a certificate); nothing if already done."""
    from lms.pathway.services import outbox_process

    return outbox_process(message_id=message_id)


@app.task
def relay_outbox() -> int:
    """Periodic: hand the outbox messages still pending to workers."""
    from lms.pathway.services import outbox_relay

    return outbox_relay()
