from django.db import transaction
from django.utils import timezone

from lms.celery import app
from lms.emails import send_templated_email
from webinars.effects import page_url


@app.task
def send_reminder(reminder_id: int) -> None:
    """Send one reminder, unless it already left: safe to run twice."""
    from webinars.models import Registration, ReminderSent

    with transaction.atomic():
        reminder = (
            ReminderSent.objects.select_for_update()
            .select_related("registration__session__webinar", "registration__learner")
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None or reminder.sent_at is not None:
            return
        registration = reminder.registration
        if registration.status != Registration.Status.REGISTERED:
            return
        learner, session = registration.learner, registration.session
        send_templated_email(
            template="webinars/email/reminder",
            to=[learner.email],
            context={
                "learner": learner,
                "session": session,
                "kind": reminder.kind,
                "page_url": page_url(session.webinar),
            },
            language=learner.preferred_language,
        )
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["sent_at"])


@app.task
def enqueue_due_reminders() -> int:
    """Periodic: find the reminders now due and enqueue them."""
    from webinars.services import reminders_enqueue

    return reminders_enqueue()
