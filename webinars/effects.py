"""What each of the webinars' outbox messages does. Registered with the outbox in
``WebinarsConfig.ready()``; each handler runs with its message row locked and must be
safe to run again if its worker dies midway."""

from django.db import transaction
from django.utils import timezone

from lms.emails import send_templated_email
from lms.links import absolute_url
from webinars.ics import session_ics
from webinars.models import AttendanceImport, Registration, ReminderSent
from webinars.services import attendance_import_run

#: The webinars' outbox kinds.
REGISTRATION_CONFIRMATION = "webinars.registration_confirmation"
#: Payload ``{"import": <AttendanceImport id>}``: a large report read by a worker.
ATTENDANCE_IMPORT = "webinars.attendance_import"
#: Payload ``{"reminder": <ReminderSent id>}``: the day-before or hour-before e-mail.
REMINDER = "webinars.reminder"


def page_url(webinar) -> str:
    """Return the webinar page's absolute address, for e-mails."""
    return absolute_url(webinar.url or "/")


def registration_confirmation(payload: dict) -> None:
    """E-mail a learner the confirmation of their registration, with a calendar file."""
    registration = (
        Registration.objects.select_related("session__webinar", "learner")
        .filter(pk=payload["registration"], status=Registration.Status.REGISTERED)
        .first()
    )
    if registration is None:
        return  # cancelled before the e-mail left
    learner, session = registration.learner, registration.session
    url = page_url(session.webinar)
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


def attendance_import(payload: dict) -> None:
    """Read a large attendance report; nothing happens if it already ran."""
    found = AttendanceImport.objects.filter(pk=payload["import"]).first()
    if found is not None:
        attendance_import_run(attendance_import=found)


def reminder(payload: dict) -> None:
    """Send one reminder, unless it already left or the registration was cancelled."""
    with transaction.atomic():
        sent = (
            ReminderSent.objects.select_for_update()
            .select_related("registration__session__webinar", "registration__learner")
            .filter(pk=payload["reminder"])
            .first()
        )
        if sent is None or sent.sent_at is not None:
            return
        registration = sent.registration
        if registration.status != Registration.Status.REGISTERED:
            return
        learner, session = registration.learner, registration.session
        send_templated_email(
            template="webinars/email/reminder",
            to=[learner.email],
            context={
                "learner": learner,
                "session": session,
                "kind": sent.kind,
                "page_url": page_url(session.webinar),
            },
            language=learner.preferred_language,
        )
        sent.sent_at = timezone.now()
        sent.save(update_fields=["sent_at"])


HANDLERS = {
    REGISTRATION_CONFIRMATION: registration_confirmation,
    ATTENDANCE_IMPORT: attendance_import,
    REMINDER: reminder,
}
