"""Import a videoconference attendance report for a live session, from the shell."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from webinars.models import AttendanceImport, WebinarSession
from webinars.services import attendance_import_run, attendance_import_start


class Command(BaseCommand):
    help = "Import a Zoom or Teams attendance report (CSV) for a live session."

    def add_arguments(self, parser):
        parser.add_argument("session", type=int, help="The live session's id.")
        parser.add_argument("file", type=Path, help="The attendance report (CSV).")
        parser.add_argument("--by", dest="by", help="E-mail of the person importing.")

    def handle(self, *args, session, file, by=None, **options):
        found = WebinarSession.objects.filter(pk=session).first()
        if found is None:
            raise CommandError(f"No live session has the id {session}.")
        if not file.is_file():
            raise CommandError(f"No file at {file}.")
        user = get_user_model().objects.filter(email__iexact=by).first() if by else None
        if by and user is None:
            raise CommandError(f"Nobody has the address {by}.")
        attendance_import = attendance_import_start(
            session=found, uploaded_by=user, filename=file.name, content=file.read_bytes()
        )
        if attendance_import.status == AttendanceImport.Status.PENDING:
            # Large files go to a worker from the site; here we are the worker.
            attendance_import = attendance_import_run(attendance_import=attendance_import)
        self._print(attendance_import)
        if attendance_import.status == AttendanceImport.Status.REFUSED:
            raise CommandError(attendance_import.report.get("error", "Refused."))

    def _print(self, attendance_import):
        report = attendance_import.report
        self.stdout.write(f"{attendance_import.filename}: {attendance_import.get_status_display()}")
        for person in report.get("imported", []):
            mark = " (present)" if person["attended"] else ""
            self.stdout.write(f"  recorded  {person['name']}: {person['minutes']} min{mark}")
        for problem in report.get("problems", []):
            self.stdout.write(f"  line {problem['line']}: {problem['reason']} {problem['content']}")
        for note in report.get("notes", []):
            self.stdout.write(f"  line {note['line']}: {note['reason']}")
