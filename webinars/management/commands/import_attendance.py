"""Import a videoconference attendance report for a live session, from the shell.

It speaks the platform's default language (French), whatever the shell's locale.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from lms.accounts.models import User
from webinars.attendance import MAX_BYTES, AttendanceFileError, too_large_message
from webinars.models import AttendanceImport, WebinarSession
from webinars.services import (
    already_imported_message,
    attendance_import_run,
    attendance_import_start,
)


class Command(BaseCommand):
    help = "Import a Zoom or Teams attendance report (CSV) for a live session."

    def add_arguments(self, parser):
        parser.add_argument("session", type=int, help="The live session's id.")
        parser.add_argument("file", type=Path, help="The attendance report (CSV).")
        parser.add_argument(
            "--by",
            dest="by",
            help="E-mail of the person importing: the learners they may record for. "
            "Without it, any learner (as programme staff).",
        )

    def handle(self, *args, session, file, by=None, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._import(session, file, by)

    def _import(self, session_id, file: Path, by):
        session = WebinarSession.objects.select_related("webinar").filter(pk=session_id).first()
        if session is None:
            raise CommandError(_("No live session has the id %(id)s.") % {"id": session_id})
        if not file.is_file():
            raise CommandError(_("No file at %(path)s.") % {"path": file})
        user = User.objects.filter(email__iexact=by).first() if by else None
        if by and user is None:
            raise CommandError(_("Nobody has the address %(email)s.") % {"email": by})
        if file.stat().st_size > MAX_BYTES:  # refused before it is read
            raise CommandError(too_large_message())
        try:
            started = attendance_import_start(
                session=session, uploaded_by=user, filename=file.name, content=file.read_bytes()
            )
        except AttendanceFileError as error:
            raise CommandError(str(error)) from error
        attendance_import = started.attendance_import
        if started.already_imported:
            self.stdout.write(already_imported_message(attendance_import))
            return
        if attendance_import.status == AttendanceImport.Status.PENDING:
            # Large files go to a worker from the site; here we are the worker.
            attendance_import = attendance_import_run(attendance_import=attendance_import)
        self._print(attendance_import)
        if attendance_import.status == AttendanceImport.Status.REFUSED:
            raise CommandError(attendance_import.report.get("error") or _("Refused."))

    def _print(self, attendance_import):
        report = attendance_import.report
        write = self.stdout.write
        write(
            _("%(file)s: %(status)s")
            % {"file": attendance_import.filename, "status": attendance_import.get_status_display()}
        )
        for person in report.get("imported", []):
            line = _("  recorded %(name)s: %(minutes)s min") % {
                "name": person["name"],
                "minutes": person["minutes"],
            }
            write(line + (_(" (present)") if person["attended"] else ""))
        for problem in report.get("problems", []):
            write(_("  line %(line)s: %(reason)s") % problem + f" {problem['content']}")
        for row in report.get("not_matched", []):
            write(
                _("  line %(line)s, not matched: %(who)s (%(reason)s)")
                % {"line": row["line"], "who": row["who"] or "—", "reason": row["reason"]}
            )
        for note in report.get("notes", []):
            write(_("  line %(line)s: %(reason)s") % note)
