"""Writes on webinars: registration, reminders, replay watching, attendance.

Each is atomic; e-mails are enqueued once the transaction commits.
"""

import hashlib
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.selectors import source_page
from lms.outbox.services import outbox_add
from webinars.models import (
    Attendance,
    AttendanceImport,
    Registration,
    ReminderSent,
    ReplayProgress,
    WebinarPage,
    WebinarSession,
)
from webinars.replay import covered_seconds, merge_intervals

#: Files larger than this are imported by a worker rather than during the request.
LARGE_IMPORT_BYTES = 100 * 1024
#: The most seconds of replay one report may add, per second since the previous report:
#: a player at double speed, plus slack for a tab that reports late.
MAX_WATCH_RATE = 2.0
WATCH_SLACK_SECONDS = 45

#: A reminder still unsent after this long is enqueued again.
REMINDER_RETRY_AFTER = timedelta(minutes=15)
#: When each reminder is due, relative to the session's start: from, until.
REMINDER_WINDOWS = {
    ReminderSent.Kind.DAY_BEFORE: (timedelta(hours=24), timedelta(hours=2)),
    ReminderSent.Kind.HOUR_BEFORE: (timedelta(hours=1), timedelta(0)),
}


class RegistrationError(Exception):
    """A registration that cannot be made; the message is for the learner."""


# --- Registration ----------------------------------------------------------------------


def session_register(*, learner, session: WebinarSession) -> Registration:
    """Register ``learner`` to ``session``; registering twice keeps one registration."""
    with transaction.atomic():
        # Lock the session so that two last-seat registrations cannot both pass the count.
        session = WebinarSession.objects.select_for_update().get(pk=session.pk)
        if session.starts_at <= timezone.now():
            raise RegistrationError(_("This session has already started."))
        registration = Registration.objects.filter(session=session, learner=learner).first()
        if registration and registration.status == Registration.Status.REGISTERED:
            return registration
        taken = session.registrations.filter(status=Registration.Status.REGISTERED).count()
        if taken >= session.capacity:
            raise RegistrationError(_("This session is full."))
        if registration is None:
            registration = Registration.objects.create(session=session, learner=learner)
        else:
            registration.status = Registration.Status.REGISTERED
            registration.registered_at = timezone.now()
            registration.cancelled_at = None
            registration.save(update_fields=["status", "registered_at", "cancelled_at"])
            # A new registration gets its reminders again.
            registration.reminders.all().delete()
        # One confirmation per registration: registering again after a cancellation
        # gets a new one, a double click does not (the first already registered).
        outbox_add(
            kind="webinars.registration_confirmation",  # webinars.effects
            dedupe_key=f"registration:{registration.pk}:{registration.registered_at.isoformat()}",
            payload={"registration": registration.pk},
        )
    return registration


@transaction.atomic
def session_cancel(*, learner, session: WebinarSession) -> Registration | None:
    """Cancel ``learner``'s registration to ``session``, freeing the seat."""
    registration = (
        Registration.objects.select_for_update().filter(session=session, learner=learner).first()
    )
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return registration
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    return registration


def reminders_enqueue(*, now=None) -> int:
    """Mark every reminder now due and enqueue its e-mail; return how many were new.

    A reminder is recorded once (unique per registration and kind) before its e-mail is
    enqueued, so running this twice, or in two workers at once, sends nothing twice.
    """
    from webinars.tasks import send_reminder

    now = now or timezone.now()
    created = 0
    for kind, (opens, closes) in REMINDER_WINDOWS.items():
        due = (
            Registration.objects.filter(
                status=Registration.Status.REGISTERED,
                session__starts_at__gt=now + closes,
                session__starts_at__lte=now + opens,
            )
            .exclude(reminders__kind=kind)
            .values_list("pk", flat=True)
        )
        for registration_id in list(due):
            with transaction.atomic():
                reminder, new = ReminderSent.objects.get_or_create(
                    registration_id=registration_id, kind=kind
                )
                if new:
                    created += 1
                    transaction.on_commit(lambda pk=reminder.pk: send_reminder.delay(pk))
    # A reminder whose e-mail never left (its task lost with a broker, say) is sent again;
    # the send task itself checks that it has not left in the meantime.
    stuck = ReminderSent.objects.filter(
        sent_at__isnull=True,
        created_at__lt=now - REMINDER_RETRY_AFTER,
        registration__session__starts_at__gt=now,
    ).values_list("pk", flat=True)
    for reminder_id in list(stuck):
        send_reminder.delay(reminder_id)
    return created


# --- Replay ----------------------------------------------------------------------------


def _parse_intervals(raw, duration: int) -> list[tuple[float, float]]:
    if not isinstance(raw, list) or len(raw) > 500:
        raise ValidationError(_("The watched parts could not be read."))
    intervals = []
    for item in raw:
        try:
            start, end = (float(item[0]), float(item[1]))
        except (TypeError, ValueError, IndexError, KeyError) as exc:
            raise ValidationError(_("The watched parts could not be read.")) from exc
        if not (0 <= start < end <= duration + 1):
            raise ValidationError(_("A watched part lies outside the video."))
        intervals.append((start, min(end, float(duration))))
    return intervals


def replay_record(*, learner, webinar: WebinarPage, intervals) -> ReplayProgress:
    """Add the parts of the replay ``learner`` just watched to what they watched before.

    The union is kept, so watching a part twice, reloading, seeking or switching device
    never counts a second twice. A report claiming more than could have been watched
    since the previous one is refused. Completion is set once and never taken back.
    """
    french = source_page(webinar)
    duration = french.replay_duration_seconds
    if not french.replay_video_id or not duration:
        raise ValidationError(_("This webinar has no replay to watch."))
    new = _parse_intervals(intervals, duration)
    with transaction.atomic():
        progress, _created = ReplayProgress.objects.select_for_update().get_or_create(
            learner=learner, webinar=french
        )
        before = [tuple(i) for i in progress.intervals]
        merged = merge_intervals(before + new)
        added = covered_seconds(merged) - covered_seconds(before)
        elapsed = (timezone.now() - progress.updated_at).total_seconds() if before else 0
        if added > MAX_WATCH_RATE * elapsed + WATCH_SLACK_SECONDS:
            raise ValidationError(_("More was reported watched than time has passed."))
        progress.intervals = [list(i) for i in merged]
        progress.watched_seconds = round(covered_seconds(merged))
        newly_completed = progress.completed_at is None and replay_share(progress, duration) >= (
            french.replay_threshold_percent
        )
        if newly_completed:
            progress.completed_at = timezone.now()
        progress.save()
        if newly_completed:
            from lms.pathway.services import pathway_evaluate

            pathway_evaluate(learner=learner, source=f"replay:{french.pk}")
    return progress


def replay_share(progress: ReplayProgress, duration: int) -> int:
    """Return the watched share of the replay, in whole percent."""
    return min(100, int(100 * progress.watched_seconds / duration)) if duration else 0


# --- Attendance ------------------------------------------------------------------------


def _attended(session: WebinarSession, minutes: int) -> bool:
    threshold = session.webinar.attendance_threshold_percent
    return minutes * 100 >= threshold * session.duration_minutes


@transaction.atomic
def attendance_mark(*, session: WebinarSession, learner, minutes_present: int, recorded_by):
    """Record by hand how long ``learner`` was present at ``session``."""
    attendance, _created = Attendance.objects.update_or_create(
        session=session,
        learner=learner,
        defaults={
            "minutes_present": minutes_present,
            "attended": _attended(session, minutes_present),
            "source": Attendance.Source.MANUAL,
            "source_import": None,
            "recorded_by": recorded_by,
        },
    )
    if attendance.attended:
        _evaluate(learner, session)
    return attendance


def _evaluate(learner, session: WebinarSession) -> None:
    from lms.pathway.services import pathway_evaluate

    pathway_evaluate(learner=learner, source=f"session:{session.pk}")


def attendance_import_start(
    *, session: WebinarSession, uploaded_by, filename: str, content: bytes
) -> AttendanceImport:
    """Take an attendance report for ``session``: import it now, or in a worker if large.

    The same file imported again for the same session changes nothing: the earlier
    import is returned.
    """
    from webinars.tasks import run_attendance_import

    digest = hashlib.sha256(content).hexdigest()
    earlier = AttendanceImport.objects.filter(
        session=session, sha256=digest, status=AttendanceImport.Status.DONE
    ).first()
    if earlier is not None:
        return earlier
    attendance_import = AttendanceImport.objects.create(
        session=session,
        uploaded_by=uploaded_by,
        filename=filename[:255],
        sha256=digest,
        content=content,
    )
    if len(content) > LARGE_IMPORT_BYTES:
        transaction.on_commit(lambda: run_attendance_import.delay(attendance_import.pk))
        return attendance_import
    return attendance_import_run(attendance_import=attendance_import)


def _problem(line: int, reason: str, content: str = "") -> dict:
    return {"line": line, "reason": str(reason), "content": content}


def attendance_import_run(*, attendance_import: AttendanceImport) -> AttendanceImport:
    """Read an imported file and record its attendances, all or nothing.

    A file with a malformed line imports nothing: the report lists what to fix. Rows of
    people with no account (guests) and repeated rows are imported around and reported.
    """
    from webinars.attendance import AttendanceFileError, parse_attendance

    with transaction.atomic():
        attendance_import = AttendanceImport.objects.select_for_update().get(
            pk=attendance_import.pk
        )
        if attendance_import.status != AttendanceImport.Status.PENDING:
            return attendance_import  # already run (a task delivered twice)
        session = attendance_import.session
        report: dict = {"problems": [], "notes": [], "imported": [], "format": ""}
        try:
            parsed = parse_attendance(bytes(attendance_import.content or b""))
        except AttendanceFileError as error:
            report["error"] = str(error)
            return _finish(attendance_import, AttendanceImport.Status.REFUSED, report)
        report["format"] = parsed.format
        report["encoding"] = parsed.encoding
        if parsed.problems:
            report["problems"] = [_problem(p.line, p.reason, p.content) for p in parsed.problems]
            report["error"] = _("Nothing was imported: correct the lines below and try again.")
            return _finish(attendance_import, AttendanceImport.Status.REFUSED, report)

        minutes_by_email: dict[str, float] = {}
        first_line: dict[str, int] = {}
        seen_rows: dict[tuple, int] = {}
        for row in parsed.rows:
            key = (row.email, row.joined_at, row.left_at, row.minutes)
            if key in seen_rows:
                report["notes"].append(
                    _problem(
                        row.line,
                        _("Same row as line %(line)s: counted once.") % {"line": seen_rows[key]},
                    )  # fmt: skip
                )
                continue
            seen_rows[key] = row.line
            if row.email in minutes_by_email:
                report["notes"].append(
                    _problem(
                        row.line,
                        _("Joined again (first at line %(line)s): times added up.")
                        % {"line": first_line[row.email]},
                    )  # fmt: skip
                )
            first_line.setdefault(row.email, row.line)
            minutes_by_email[row.email] = minutes_by_email.get(row.email, 0) + row.minutes

        users = {
            u.email_lower: u
            for u in get_user_model()
            .objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=list(minutes_by_email))
        }
        for email, minutes in minutes_by_email.items():
            learner = users.get(email)
            if learner is None:
                report["problems"].append(
                    _problem(
                        first_line[email], _("Nobody on the platform has this address."), email
                    )
                )
                continue
            minutes = min(round(minutes), session.duration_minutes * 3)
            Attendance.objects.update_or_create(
                session=session,
                learner=learner,
                defaults={
                    "minutes_present": minutes,
                    "attended": _attended(session, minutes),
                    "source": Attendance.Source.IMPORT,
                    "source_import": attendance_import,
                    "recorded_by": attendance_import.uploaded_by,
                },
            )
            if _attended(session, minutes):
                _evaluate(learner, session)
            report["imported"].append(
                {
                    "name": learner.get_full_name() or email,
                    "minutes": minutes,
                    "attended": _attended(session, minutes),
                }  # fmt: skip
            )
        return _finish(attendance_import, AttendanceImport.Status.DONE, report)


def _finish(attendance_import: AttendanceImport, status: str, report: dict) -> AttendanceImport:
    attendance_import.status = status
    attendance_import.report = report
    attendance_import.content = None  # the file's rows are not kept once read
    attendance_import.finished_at = timezone.now()
    attendance_import.save(update_fields=["status", "report", "content", "finished_at"])
    return attendance_import
