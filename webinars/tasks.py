from django.db import transaction
from django.utils import timezone

from lms.celery import app
from lms.emails import send_templated_email


def _page_url(webinar) -> str:
    from django.conf import settings

    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + (webinar.url or "/")


@app.task
def send_registration_confirmation(registration_id: int) -> None:
    """E-mail a learner the confirmation of their registration, with a calendar file."""
    from webinars.ics import session_ics
    from webinars.models import Registration

    registration = (
        Registration.objects.select_related("session__webinar", "learner")
        .filter(pk=registration_id, status=Registration.Status.REGISTERED)
        .first()
    )
    if registration is None:
        return  # cancelled before the e-mail left
    learner, session = registration.learner, registration.session
    url = _page_url(session.webinar)
    send_templated_email(
        template="webinars/email/registration_confirmed",
        to=[learner.email],
        context={"learner": learner, "session": session, "page_url": url},
        language=learner.preferred_language,
        attachments=[
            (
                "webinaire-dataide.ics",
                session_ics(session, page_url=url, language=learner.preferred_language),
                "text/calendar",
            )
        ],
    )


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
                "page_url": _page_url(session.webinar),
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


@app.task
def run_attendance_import(import_id: int) -> None:
    """Import a large attendance file in a worker; nothing happens if it already ran."""
    from webinars.models import AttendanceImport
    from webinars.services import attendance_import_run

    attendance_import = AttendanceImport.objects.filter(pk=import_id).first()
    if attendance_import is not None:
        attendance_import_run(attendance_import=attendance_import)
