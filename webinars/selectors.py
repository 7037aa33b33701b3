"""Reads behind the webinar pages and the attendance screens."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from content.i18n import source_page
from lms.accounts.roles import is_programme_staff
from lms.kept import kept_until_pages_change
from webinars.models import (
    Attendance,
    AttendanceImport,
    Registration,
    ReplayProgress,
    WebinarPage,
    WebinarSession,
)
from webinars.scope import recordable_learners
from webinars.services import Replay, replay_of, replay_share


@dataclass
class SessionRow:
    session: WebinarSession
    seats_left: int
    registered: bool
    show_link: bool

    @property
    def is_full(self) -> bool:
        return self.seats_left <= 0


def webinar_sessions(*, webinar: WebinarPage, learner, now=None) -> list[SessionRow]:
    """Return the upcoming sessions of a webinar (its French page's), seats left, and
    whether ``learner`` holds one. Two queries, whatever the number of sessions."""
    now = now or timezone.now()
    sessions = list(
        WebinarSession.objects.filter(webinar=source_page(webinar))
        .filter(starts_at__gt=now - timezone.timedelta(hours=4))
        .annotate(
            taken=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)
            )
        )
        .order_by("starts_at")
    )
    mine: set[int] = set()
    if learner is not None and learner.is_authenticated and sessions:
        mine = set(
            Registration.objects.filter(
                learner=learner,
                session__in=sessions,
                status=Registration.Status.REGISTERED,
            ).values_list("session_id", flat=True)
        )
    rows = []
    for session in sessions:
        if session.ends_at < now:
            continue
        registered = session.pk in mine
        rows.append(
            SessionRow(
                session=session,
                seats_left=max(0, session.capacity - session.taken),
                registered=registered,
                show_link=registered and session.link_visible(now),
            )
        )
    return rows


@dataclass
class WebinarStatus:
    registered_sessions: list[WebinarSession]
    attended: bool
    replay_percent: int
    replay_completed: bool

    @property
    def completed(self) -> bool:
        return self.attended or self.replay_completed


def webinar_status(*, webinar: WebinarPage, learner) -> WebinarStatus | None:
    """Return where ``learner`` stands on a webinar: registered, attended, replay."""
    if learner is None or not learner.is_authenticated:
        return None
    french = source_page(webinar)
    registered = [
        r.session
        for r in Registration.objects.filter(
            learner=learner, session__webinar=french, status=Registration.Status.REGISTERED
        ).select_related("session")
    ]
    attended = Attendance.objects.filter(
        learner=learner, session__webinar=french, attended=True
    ).exists()
    progress = ReplayProgress.objects.filter(learner=learner, webinar=french).first()
    duration = french.replay_duration_seconds or 0
    return WebinarStatus(
        registered_sessions=registered,
        attended=attended,
        replay_percent=replay_share(progress, duration) if progress else 0,
        replay_completed=bool(progress and progress.completed_at),
    )


def session_attendance_sheet(*, session: WebinarSession, user) -> list[dict]:
    """Return the people whose attendance ``user`` records at ``session``, with what is
    recorded: for a facilitator, every learner of their cohorts the session belongs to;
    for programme staff, the session's registrants and anyone recorded. Nobody outside
    ``scope.recordable_learners`` is ever listed.

    Four queries, whatever the number of people."""
    allowed = recordable_learners(user=user, session=session)
    registered = set(
        session.registrations.filter(
            status=Registration.Status.REGISTERED, learner__in=allowed.values("pk")
        ).values_list("learner_id", flat=True)
    )
    attendances = {
        a.learner_id: a
        for a in session.attendances.filter(learner__in=allowed.values("pk")).select_related(
            "manual_by"
        )
    }
    if is_programme_staff(user):
        people = allowed.filter(pk__in=registered | set(attendances))
    else:
        people = allowed
    rows = []
    for learner in people.select_related("organisation").order_by("last_name", "first_name"):
        rows.append(
            {
                "learner": learner,
                "registered": learner.pk in registered,
                "attendance": attendances.get(learner.pk),
            }
        )
    return rows


def session_imports(*, session: WebinarSession) -> list[AttendanceImport]:
    return list(session.imports.select_related("uploaded_by")[:10])


def attendance_sessions(*, user):
    """Return the sessions whose attendance ``user`` records: every session for programme
    staff, only the sessions of the cohorts they facilitate for a facilitator."""
    sessions = WebinarSession.objects.select_related("webinar")
    if is_programme_staff(user):
        return sessions
    return sessions.filter(cohorts__facilitators=user).distinct()


def replay_kept(page_id: int) -> Replay | None:
    """What recording progress needs of a live webinar's replay (``page_id``, in any
    language), or None: kept until a page changes, as it is asked every few seconds."""

    def read():
        page = (
            WebinarPage.objects.live()
            .only("locale_id", "translation_key", "replay_video_id", "replay_duration_seconds",
                  "replay_threshold_percent")
            .filter(pk=page_id)
            .first()
        )  # fmt: skip
        return replay_of(page) if page is not None else None

    return kept_until_pages_change(f"replay:{page_id}", read)
