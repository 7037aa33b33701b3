"""The webinars' periodic task: find the reminders now due (``services.reminders_enqueue``);
each reminder's e-mail is an outbox message (``effects.reminder``)."""

from lms.celery import app
from webinars.services import reminders_enqueue


@app.task
def enqueue_due_reminders() -> int:
    """Periodic: find the reminders now due and enqueue them."""
    return reminders_enqueue()
