"""What the webinars app keeps about people (the privacy registry, ``lms.privacy``)."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Basis, Erasure, PersonalData, authored_page, register
from webinars.models import AttendanceImport

#: Days an attendance report's file (until read) and its named lines are kept.
IMPORT_DAYS = 90

#: In an import's ``report``: the lists, and the keys in their items, that name people
#: (a learner's name, an unmatched address or name, a raw line of the file).
_NAMING = {"imported": "name", "not_matched": "who", "problems": "content", "notes": "content"}


def _stripped(report: dict, names: set[str] | None = None) -> dict:
    """The report without the people it names (only those in ``names``, when given)."""
    clean = dict(report)
    for key, item_key in _NAMING.items():
        items = []
        for item in report.get(key, []):
            value = str(item.get(item_key, ""))
            if names is None or value.casefold() in names:
                item = {**item, item_key: ""}
            items.append(item)
        if key in report:
            clean[key] = items
    return clean


def purge_imports(now) -> int:
    """Remove the file and the named lines of attendance reports older than
    ``IMPORT_DAYS``; return how many reports changed."""
    count = 0
    old = AttendanceImport.objects.filter(created_at__lt=now - timedelta(days=IMPORT_DAYS))
    for attendance_import in old.only("pk", "report", "content"):
        report = _stripped(attendance_import.report)
        if report != attendance_import.report or attendance_import.content is not None:
            attendance_import.report = report
            attendance_import.content = None
            attendance_import.save(update_fields=["report", "content"])
            count += 1
    return count


def erase_from_imports(person) -> None:
    """Remove ``person``'s name and address from the attendance reports' results."""
    names = {n.casefold() for n in (person.get_full_name(), person.email) if n}
    for attendance_import in AttendanceImport.objects.only("pk", "report").iterator():
        report = _stripped(attendance_import.report, names)
        if report != attendance_import.report:
            attendance_import.report = report
            attendance_import.save(update_fields=["report"])


register(
    authored_page("webinars.WebinarPage"),
    PersonalData(
        model="webinars.Registration",
        label=_("Your registrations to the webinars' live sessions"),
        purpose=_("To save your seat and send you the reminders and the link to the session."),
        basis=Basis.NECESSITY,
        retention=_("As long as your account exists."),
        seen_by=_("You; the session's facilitators; the DATAide team."),
        person_fields=("learner",),
        export_fields=("session", "status", "registered_at", "cancelled_at"),
        erasure=Erasure.DELETE,
        order=30,
    ),
    PersonalData(
        model="webinars.AttendanceImport",
        label=_("The attendance reports of the live sessions (Zoom, Teams)"),
        purpose=_(
            "To record who attended a live session. The file is deleted as soon as it is "
            "read; the report of the import names the people found and the lines that "
            "matched no one (addresses or names of unknown attendees)."
        ),
        basis=Basis.NECESSITY,
        retention=_(
            "The names and addresses in the report of an import: 90 days, then removed. The "
            "file: until it is read (a few seconds), at most 90 days."
        ),
        seen_by=_("The facilitator who imported it; the DATAide team."),
        # The person appears in ``report`` by name or address (no link): ``erase``.
        actor_fields=("uploaded_by",),
        export_fields=("session", "filename", "created_at", "status"),
        erasure=Erasure.ANONYMISE,
        erase=erase_from_imports,
        keep_reason=_(
            "The import explains the attendances it recorded: it stays, without your name "
            "or address."
        ),
        retention_days=IMPORT_DAYS,
        retention_field="created_at",
        purge=purge_imports,
        order=500,
    ),
    PersonalData(
        model="webinars.ImportedPresence",
        label=_("Your connections to the live sessions, as the reports list them"),
        purpose=_("To count your minutes of attendance, once, across several reports."),
        basis=Basis.NECESSITY,
        retention=_("As long as your account exists."),
        seen_by=_("The session's facilitators; the DATAide team."),
        person_fields=("learner",),
        export_fields=("attendance_import", "connections"),
        erasure=Erasure.DELETE,
        order=30,
    ),
    PersonalData(
        model="webinars.Attendance",
        label=_("Your attendance to the live sessions"),
        purpose=_("To complete level 1 and make your organisation eligible for its bursary."),
        basis=Basis.NECESSITY,
        retention=_(
            "As long as your account exists; once it is erased, without your identity until "
            "the programme's accounts are closed."
        ),
        seen_by=_("You; the session's facilitators; the DATAide team."),
        person_fields=("learner",),
        actor_fields=("manual_by", "recorded_by"),
        export_fields=("session", "minutes_present", "attended", "source", "recorded_at"),
        erasure=Erasure.ANONYMISE,
        # The reason for a mark by hand may name the learner ("Sarah called in").
        anonymise=("manual_reason",),
        keep_reason=_(
            "An attendance may have made an organisation eligible for a bursary: it stays, "
            "with no name."
        ),
        order=700,
    ),
    PersonalData(
        model="webinars.ReplayProgress",
        label=_("What you watched of the replays"),
        purpose=_("To complete level 1 by the replay and let you resume where you stopped."),
        basis=Basis.NECESSITY,
        retention=_("As long as your account exists."),
        seen_by=_("You; the DATAide team."),
        person_fields=("learner",),
        export_fields=("webinar", "watched_seconds", "updated_at", "completed_at"),
        erasure=Erasure.DELETE,
        order=30,
    ),
)
