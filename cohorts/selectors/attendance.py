"""Attendance to the cohort's live sessions: one row per learner and session, for the
facilitators' export."""

from dataclasses import dataclass

from cohorts.models import Cohort
from cohorts.selectors.people import cohort_members, name_sort_key
from lms.accounts.models import Organisation, User
from webinars.models import Attendance, WebinarSession


@dataclass
class AttendanceRow:
    learner: User
    name: str
    organisation: Organisation | None
    session: WebinarSession
    minutes_present: int
    attended: bool


def cohort_attendance(*, cohort: Cohort, members: list | None = None) -> list[AttendanceRow]:
    """Return one row per member and live session of the cohort, by organisation and
    name: minutes present and whether that counted as present. Three queries (two when
    ``members`` is given), whatever the number of people."""
    if members is None:
        members = list(cohort_members(cohort=cohort))
    sessions = list(cohort.sessions.select_related("webinar").order_by("starts_at"))
    records = {
        (a["learner_id"], a["session_id"]): a
        for a in Attendance.objects.filter(
            session__in=[s.pk for s in sessions], learner__in=[m.pk for m in members]
        ).values("learner_id", "session_id", "minutes_present", "attended")
    }
    rows = []
    members = sorted(
        members,
        key=lambda m: (
            m.organisation is None,
            name_sort_key(m.organisation.name if m.organisation else ""),
            name_sort_key(m.get_full_name() or m.email),
        ),
    )
    for member in members:
        for session in sessions:
            record = records.get((member.pk, session.pk), {})
            rows.append(
                AttendanceRow(
                    learner=member,
                    name=member.get_full_name() or member.email,
                    organisation=member.organisation,
                    session=session,
                    minutes_present=record.get("minutes_present", 0),
                    attended=record.get("attended", False),
                )
            )
    return rows
