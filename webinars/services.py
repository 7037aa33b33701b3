"""Writes on webinars: registration, reminders, replay watching, attendance.

Each is atomic; e-mails are enqueued once the transaction commits.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from content.i18n import source_page
from lms.bulk import collections_paused, row_read, row_update_if, rows_insert, rows_update
from lms.learning_events import LearningEvent, announce, announce_many
from lms.outbox.services import outbox_add, outbox_add_many
from webinars.attendance import (
    MAX_BYTES,
    AttendanceFileError,
    ParsedReport,
    parse_attendance,
    presence_seconds,
    too_large_message,
)
from webinars.models import (
    Attendance,
    AttendanceImport,
    ImportedPresence,
    Registration,
    ReminderSent,
    ReplayProgress,
    WebinarPage,
    WebinarSession,
)
from webinars.replay import covered_seconds, merge_intervals
from webinars.scope import recordable_learners

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

    A reminder is recorded once (unique per registration and kind), with its e-mail as an
    outbox message in the same transaction, so running this twice, or in two workers at
    once, sends nothing twice, and a broker outage delays the e-mail without losing it.
    The whole run is a few queries, however many reminders are due.
    """
    now = now or timezone.now()
    created = 0
    with transaction.atomic():
        for kind, (opens, closes) in REMINDER_WINDOWS.items():
            due = list(
                Registration.objects.filter(
                    status=Registration.Status.REGISTERED,
                    session__starts_at__gt=now + closes,
                    session__starts_at__lte=now + opens,
                )
                .exclude(reminders__kind=kind)
                .values_list("pk", flat=True)
            )
            if not due:
                continue
            # A second worker's insert waits for the first one's commit, then skips
            # the same reminders; their messages are then already recorded, so only
            # the worker that recorded a reminder counts it.
            ReminderSent.objects.bulk_create(
                [ReminderSent(registration_id=pk, kind=kind) for pk in due],
                ignore_conflicts=True,
            )
            reminders = ReminderSent.objects.filter(registration_id__in=due, kind=kind).values_list(
                "pk", flat=True
            )
            created += len(_reminders_outbox(reminders))
        # A reminder recorded without its outbox message (before reminders went through
        # the outbox) gets one; the handler checks that the e-mail has not left meanwhile.
        _reminders_outbox(
            ReminderSent.objects.filter(
                sent_at__isnull=True,
                created_at__lt=now - REMINDER_RETRY_AFTER,
                registration__session__starts_at__gt=now,
            ).values_list("pk", flat=True)
        )
    return created


def _reminders_outbox(reminder_ids) -> set[str]:
    """Add the e-mail of each reminder not yet in the outbox; return the keys added."""
    return outbox_add_many(
        kind="webinars.reminder",  # webinars.effects
        messages={f"webinars.reminder:{pk}": {"reminder": pk} for pk in reminder_ids},
    )


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


@dataclass(frozen=True)
class Replay:
    """What recording a replay's progress needs of its webinar (its French page)."""

    page_id: int
    has_video: bool
    duration: int | None
    threshold: int


def replay_of(webinar: WebinarPage) -> Replay:
    french = source_page(webinar)
    return Replay(
        page_id=french.pk,
        has_video=bool(french.replay_video_id),
        duration=french.replay_duration_seconds,
        threshold=french.replay_threshold_percent,
    )


def replay_record(*, learner, webinar: WebinarPage | Replay, intervals) -> ReplayProgress:
    """Add the parts of the replay ``learner`` just watched to what they watched before.

    The union is kept, so watching a part twice, reloading, seeking or switching device
    never counts a second twice. A report claiming more than could have been watched
    since the previous one is refused. Completion is set once and never taken back.

    Posted every few seconds by everyone watching, a report first tries without a lock:
    it reads the row and writes it only if nobody wrote it since. The first report, the
    one that completes, and one overtaken by another device's (two devices at the same
    moment) take the row's lock and add their parts to what is there then.
    """
    replay = webinar if isinstance(webinar, Replay) else replay_of(webinar)
    duration = replay.duration
    if not replay.has_video or not duration:
        raise ValidationError(_("This webinar has no replay to watch."))
    new = _parse_intervals(intervals, duration)
    progress = row_read(ReplayProgress, learner=learner.pk, webinar=replay.page_id)
    if progress is not None:
        seen = progress.updated_at
        if not _replay_merge(progress, new, replay):
            progress.updated_at = timezone.now()
            if row_update_if(
                progress,
                fields=("intervals", "watched_seconds", "updated_at"),
                expected={"updated_at": seen},
                persons=[learner.pk],
            ):
                return progress
    with transaction.atomic():
        progress, _created = ReplayProgress.objects.select_for_update().get_or_create(
            learner=learner, webinar_id=replay.page_id
        )
        newly_completed = _replay_merge(progress, new, replay)
        progress.save()
        if newly_completed:
            announce(LearningEvent(learner=learner, source=f"replay:{replay.page_id}"))
    return progress


def _replay_merge(progress: ReplayProgress, new, replay: Replay) -> bool:
    """Add ``new`` parts to ``progress`` (not saved); True when it completes the
    replay now."""
    before = [tuple(i) for i in progress.intervals]
    merged = merge_intervals(before + new)
    added = covered_seconds(merged) - covered_seconds(before)
    elapsed = (timezone.now() - progress.updated_at).total_seconds() if before else 0
    if added > MAX_WATCH_RATE * elapsed + WATCH_SLACK_SECONDS:
        raise ValidationError(_("More was reported watched than time has passed."))
    progress.intervals = [list(i) for i in merged]
    progress.watched_seconds = round(covered_seconds(merged))
    if progress.completed_at is None and replay_share(progress, replay.duration) >= (
        replay.threshold
    ):
        progress.completed_at = timezone.now()
        return True
    return False


def replay_share(progress: ReplayProgress, duration: int) -> int:
    """Return the watched share of the replay, in whole percent."""
    return min(100, int(100 * progress.watched_seconds / duration)) if duration else 0


# --- Attendance ------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportStarted:
    attendance_import: AttendanceImport
    #: The same file was already imported (or is being imported) for this session:
    #: nothing changed.
    already_imported: bool = False


def session_not_started_message(session: WebinarSession) -> str:
    return _(
        "This session has not started yet: attendance can be recorded from its start, %(start)s."
    ) % {"start": date_format(timezone.localtime(session.starts_at), "DATETIME_FORMAT")}


def _meets(session: WebinarSession, seconds: int) -> bool:
    """Whether ``seconds`` reach the webinar's share of the session (never rounded up)."""
    threshold = session.webinar.attendance_threshold_percent
    return seconds * 100 >= threshold * session.duration_minutes * 60


def _settle(attendance: Attendance, session: WebinarSession) -> None:
    """Derive what is shown and what counts from the two figures."""
    manual_seconds = (attendance.manual_minutes or 0) * 60
    attendance.attended = _meets(session, attendance.imported_seconds) or (
        attendance.manual_minutes is not None and _meets(session, manual_seconds)
    )
    attendance.minutes_present = max(attendance.imported_seconds, manual_seconds) // 60
    manual_wins = attendance.manual_minutes is not None and (
        manual_seconds > attendance.imported_seconds or not attendance.imported_seconds
    )
    attendance.source = Attendance.Source.MANUAL if manual_wins else Attendance.Source.IMPORT


#: What recording an attendance writes on an existing row.
RECORDED_FIELDS = [
    "minutes_present", "attended", "source", "imported_seconds", "manual_minutes",
    "manual_by", "manual_reason", "manual_at", "source_import", "recorded_by", "recorded_at",
]  # fmt: skip


def _record(*, session: WebinarSession, learner, recorded_by, **figures) -> Attendance:
    """Write ``figures`` on ``learner``'s attendance, settle it, and let the pathway know."""
    return _record_many(session=session, figures={learner: figures}, recorded_by=recorded_by)[
        learner.pk
    ]


def _record_many(*, session: WebinarSession, figures: dict, recorded_by) -> dict[int, Attendance]:
    """Write each learner's ``figures`` (``{learner: {field: value}}``) on their attendance,
    settle it, and let the pathway know, in a few queries however many learners."""
    learners = list(figures)
    existing = {
        a.learner_id: a
        for a in Attendance.objects.select_for_update().filter(
            session=session, learner_id__in=[learner.pk for learner in learners]
        )
    }
    now = timezone.now()
    recorded, new, counted = {}, [], []
    for learner in learners:
        attendance = existing.get(learner.pk)
        if attendance is None:
            attendance = Attendance(session=session, learner=learner, minutes_present=0)
            new.append(attendance)
        counted_before = attendance.attended
        for name, value in figures[learner].items():
            setattr(attendance, name, value)
        attendance.recorded_by = recorded_by
        attendance.recorded_at = now
        _settle(attendance, session)
        recorded[learner.pk] = attendance
        if attendance.attended or counted_before:
            # Also when it no longer counts: the engine shows staff a completion whose
            # evidence changed, it never takes it back silently.
            counted.append(learner)
    rows_insert(new)
    if existing:
        rows_update(objs=list(existing.values()), fields=RECORDED_FIELDS)
    announce_many(learners=counted, source=f"session:{session.pk}")
    return recorded


def _locked_session(session: WebinarSession) -> WebinarSession:
    """Lock the session: its attendances are recomputed one writer at a time."""
    return (
        WebinarSession.objects.select_for_update(of=("self",))
        .select_related("webinar")
        .get(pk=session.pk)
    )


@transaction.atomic
def attendance_mark(
    *, session: WebinarSession, learner, minutes_present: int, recorded_by, reason: str
) -> Attendance:
    """Record by hand how long ``learner`` was present at ``session``, and why.

    Only for a learner ``recorded_by`` may record for (``scope.recordable_learners``):
    anyone else raises ``PermissionDenied`` with nothing written. The mark is kept beside
    what the reports say; either one reaching the threshold counts.
    """
    session = _locked_session(session)
    if not recordable_learners(user=recorded_by, session=session).filter(pk=learner.pk).exists():
        raise PermissionDenied
    if session.starts_at > timezone.now():
        raise ValidationError(session_not_started_message(session))
    if not 0 <= minutes_present <= session.duration_minutes:
        raise ValidationError(
            _("Give the minutes present, from 0 to the session's %(minutes)s.")
            % {"minutes": session.duration_minutes}
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why you mark this attendance by hand."))
    return _record(
        session=session,
        learner=learner,
        recorded_by=recorded_by,
        manual_minutes=minutes_present,
        manual_by=recorded_by,
        manual_reason=reason[:1000],
        manual_at=timezone.now(),
    )


def attendance_import_start(
    *, session: WebinarSession, uploaded_by, filename: str, content: bytes
) -> ImportStarted:
    """Take an attendance report for ``session``: import it now, or in a worker if large.

    A file over the size limit, or for a session that has not started, raises
    ``AttendanceFileError`` and nothing is written. The same file sent again for the
    same session changes nothing: the earlier import is returned, and says so.
    """
    if len(content) > MAX_BYTES:
        raise AttendanceFileError(too_large_message())
    if session.starts_at > timezone.now():
        raise AttendanceFileError(session_not_started_message(session))
    digest = hashlib.sha256(content).hexdigest()
    earlier = (
        AttendanceImport.objects.filter(
            session=session,
            sha256=digest,
            status__in=[AttendanceImport.Status.DONE, AttendanceImport.Status.PENDING],
        )
        .select_related("uploaded_by")
        .first()
    )
    if earlier is not None:
        return ImportStarted(earlier, already_imported=True)
    with transaction.atomic():
        attendance_import = AttendanceImport.objects.create(
            session=session,
            uploaded_by=uploaded_by,
            filename=filename[:255],
            sha256=digest,
            content=content,
        )
        if len(content) > LARGE_IMPORT_BYTES:
            # Read by a worker: an outbox message written with the import, so a broker
            # that is down delays the import, never loses it.
            outbox_add(
                kind="webinars.attendance_import",
                dedupe_key=f"attendance_import:{attendance_import.pk}",
                payload={"import": attendance_import.pk},
            )
            return ImportStarted(attendance_import)
    return ImportStarted(attendance_import_run(attendance_import=attendance_import))


def already_imported_message(attendance_import: AttendanceImport) -> str:
    """Say that this very file was imported before: when, and by whom."""
    if attendance_import.status == AttendanceImport.Status.PENDING:
        return _("This report is already being imported: nothing more was done.")
    by = attendance_import.uploaded_by
    return _("This report was already imported on %(date)s by %(name)s: nothing changed.") % {
        "date": date_format(timezone.localtime(attendance_import.created_at), "DATETIME_FORMAT"),
        "name": (by.get_full_name() or by.email) if by else _("the platform's command line"),
    }


def _problem(line: int, reason: str, content: str = "") -> dict:
    return {"line": line, "reason": str(reason), "content": content}


def _aware(moment: datetime) -> datetime:
    """A report's local time (Quebec time) as an aware moment."""
    return timezone.make_aware(moment, timezone.get_default_timezone())


def _outside_session_message(session: WebinarSession, start: datetime, end: datetime) -> str:
    def moment(value):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")

    return _(
        "This report is of a meeting held from %(report_start)s to %(report_end)s, but "
        "this session is scheduled from %(session_start)s to %(session_end)s. Check that "
        "you chose the right session and the right report: nothing was imported."
    ) % {
        "report_start": moment(start),
        "report_end": moment(end),
        "session_start": moment(session.starts_at),
        "session_end": moment(session.ends_at),
    }


def _connections_by_email(
    parsed: ParsedReport, report: dict
) -> tuple[dict[str, list[list]], dict[str, int]]:
    """Group the report's rows by address, noting repeated and rejoining rows; return the
    connections by address and the line each address first appears on."""
    by_email: dict[str, list[list]] = {}
    first_line: dict[str, int] = {}
    seen_rows: dict[tuple, int] = {}
    for row in parsed.rows:
        key = (row.email or row.name, row.joined_at, row.left_at, row.minutes)
        if key in seen_rows:
            note = _("Same row as line %(line)s: counted once.") % {"line": seen_rows[key]}
            report["notes"].append(_problem(row.line, note))
            continue
        seen_rows[key] = row.line
        if not row.has_address:
            reason = (
                _("“%(email)s” is not an e-mail address.") % {"email": row.email[:100]}
                if row.email
                else _("No e-mail address (a guest, or someone who called in by phone).")
            )
            report["not_matched"].append(
                {"line": row.line, "who": row.email or row.name[:100], "reason": reason}
            )
            continue
        if row.email in first_line:
            note = _(
                "Joined again (first at line %(line)s): the times are put together, "
                "and a minute on two devices counts once."
            ) % {"line": first_line[row.email]}
            report["notes"].append(_problem(row.line, note))
        first_line.setdefault(row.email, row.line)
        by_email.setdefault(row.email, []).append(
            [_aware(row.joined).isoformat(), _aware(row.left).isoformat(), row.minutes * 60]
        )
    return by_email, first_line


def _window_epoch(session: WebinarSession) -> tuple[float, float]:
    return session.starts_at.timestamp(), session.ends_at.timestamp()


def _presence(connections: list[list], session: WebinarSession) -> int:
    rows = [
        (datetime.fromisoformat(j).timestamp(), datetime.fromisoformat(left).timestamp(), s)
        for j, left, s in connections
    ]
    return presence_seconds(rows, window=_window_epoch(session))


def attendance_import_run(*, attendance_import: AttendanceImport) -> AttendanceImport:
    """Read an imported file and record its attendances, all or nothing.

    A file with a malformed line, or of another meeting than the session, imports
    nothing: the report says what to fix. Guests without an address, and addresses that
    match none of the learners the importer may record for, are listed as not matched
    (their addresses shown to the importer only) and imported around. Each learner's
    presence is recomputed from every report of the session. The learners' presences,
    attendances and pathways are written together: the same few dozen queries for a
    report of ten rows or of thousands.
    """
    with collections_paused(), transaction.atomic():
        attendance_import = AttendanceImport.objects.select_for_update().get(
            pk=attendance_import.pk
        )
        if attendance_import.status != AttendanceImport.Status.PENDING:
            return attendance_import  # already run (a task delivered twice)
        session = _locked_session(attendance_import.session)
        report: dict = {"problems": [], "notes": [], "imported": [], "not_matched": []}
        report["format"] = ""
        try:
            parsed = parse_attendance(
                bytes(attendance_import.content or b""),
                expected_date=timezone.localdate(session.starts_at),
            )
        except AttendanceFileError as error:
            report["error"] = str(error)
            return _finish(attendance_import, AttendanceImport.Status.REFUSED, report)
        report["format"] = parsed.format
        report["encoding"] = parsed.encoding
        if parsed.problems:
            report["problems"] = [_problem(p.line, p.reason, p.content) for p in parsed.problems]
            report["error"] = _("Nothing was imported: correct the lines below and try again.")
            return _finish(attendance_import, AttendanceImport.Status.REFUSED, report)
        span = parsed.span
        if span is None:
            report["error"] = _("This report lists nobody: nothing was imported.")
            return _finish(attendance_import, AttendanceImport.Status.REFUSED, report)
        start, end = (_aware(moment) for moment in span)
        tolerance = timedelta(minutes=settings.WEBINARS_REPORT_TOLERANCE_MINUTES)
        if not (
            session.starts_at - tolerance <= start <= session.ends_at
            and session.starts_at <= end <= session.ends_at + tolerance
        ):
            report["error"] = _outside_session_message(session, start, end)
            return _finish(attendance_import, AttendanceImport.Status.REFUSED, report)

        by_email, first_line = _connections_by_email(parsed, report)
        learners = {
            u.email_lower: u
            for u in recordable_learners(user=attendance_import.uploaded_by, session=session)
            .annotate(email_lower=Lower("email"))
            .filter(email_lower__in=list(by_email))
            # What the import and the pathway read of them (thousands of accounts).
            .only("pk", "email", "first_name", "last_name", "organisation_id", "is_active")
        }
        for email in by_email:
            if email not in learners:
                # The same words whether nobody has this address or someone the importer
                # may not record for: an import never tells who has an account.
                report["not_matched"].append(
                    {
                        "line": first_line[email],
                        "who": email,
                        "reason": _("Not one of the learners you record attendance for."),
                    }
                )
        matched = [learners[e] for e in by_email if e in learners]
        rows_insert(
            [
                ImportedPresence(
                    attendance_import=attendance_import,
                    learner=learner,
                    connections=by_email[learner.email_lower],
                )
                for learner in matched
            ]
        )
        everything = _session_connections(
            session,
            attendance_import,
            {learner.pk: by_email[learner.email_lower] for learner in matched},
        )
        seconds = {
            learner: _presence(everything.get(learner.pk, []), session) for learner in matched
        }
        attendances = _record_many(
            session=session,
            figures={
                learner: {"imported_seconds": seconds[learner], "source_import": attendance_import}
                for learner in matched
            },
            recorded_by=attendance_import.uploaded_by,
        )
        for learner in matched:
            report["imported"].append(
                {
                    "name": learner.get_full_name() or learner.email,
                    "minutes": seconds[learner] // 60,
                    "attended": attendances[learner.pk].attended,
                }
            )
        report["not_matched"].sort(key=lambda item: item["line"])
        return _finish(attendance_import, AttendanceImport.Status.DONE, report)


def _session_connections(
    session: WebinarSession, attendance_import: AttendanceImport, current: dict
) -> dict[int, list[list]]:
    """Every connection of the learners of ``current`` (this report's connections, by
    learner id) in the session's reports: the earlier ones read, this one as it is."""
    found: dict[int, list[list]] = {pk: list(connections) for pk, connections in current.items()}
    # The session's earlier reports first (a few rows): a first report reads no presence.
    reports = list(
        AttendanceImport.objects.filter(session=session, status=AttendanceImport.Status.DONE)
        .exclude(pk=attendance_import.pk)
        .values_list("pk", flat=True)
    )
    if not reports:
        return found
    earlier = ImportedPresence.objects.filter(
        attendance_import_id__in=reports, learner_id__in=list(current)
    )
    for learner_id, connections in earlier.values_list("learner_id", "connections"):
        found[learner_id].extend(connections)
    return found


def _finish(attendance_import: AttendanceImport, status: str, report: dict) -> AttendanceImport:
    attendance_import.status = status
    attendance_import.report = report
    attendance_import.content = None  # the file's rows are not kept once read
    attendance_import.finished_at = timezone.now()
    attendance_import.save(update_fields=["status", "report", "content", "finished_at"])
    return attendance_import
