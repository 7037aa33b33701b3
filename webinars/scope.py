"""Who may record attendance for whom.

Attendance opens level 1, and so a bursary: it is recorded only for learner accounts,
and only by people allowed to speak for them. Programme staff record it for any learner
(and the shell's ``import_attendance``, run without ``--by``, acts as staff). A
facilitator records it only for the learners of their own cohorts, at their cohorts'
sessions: which learners those are is the cohorts app's knowledge, so it registers a
*scope* here (``register_attendance_scope``) rather than webinars asking it directly.
With no scope registered, a facilitator records attendance for nobody.
"""

from collections.abc import Callable

from django.db.models import QuerySet

from lms.accounts.roles import is_programme_staff, learner_accounts

#: ``scope(user=..., session=...)`` returns the people ``user`` may record for.
AttendanceScope = Callable[..., QuerySet]

_scopes: list[AttendanceScope] = []


def register_attendance_scope(scope: AttendanceScope) -> AttendanceScope:
    """Let another app (cohorts) say which learners a person records attendance for."""
    if scope not in _scopes:
        _scopes.append(scope)
    return scope


def recordable_learners(*, user, session) -> QuerySet:
    """Return the learner accounts ``user`` may record attendance for at ``session``:
    every learner for programme staff (or the shell, ``user`` None), the learners of
    their cohorts for a facilitator, nobody for anyone else."""
    learners = learner_accounts()
    if user is None or is_programme_staff(user):
        return learners
    allowed = learners.none()
    for scope in _scopes:
        allowed = allowed | learners.filter(pk__in=scope(user=user, session=session).values("pk"))
    return allowed.distinct()


#: ``listener(user=..., session=...)``: someone looked at a session's attendance sheet.
SheetViewed = Callable[..., None]
_sheet_viewers: list[SheetViewed] = []


def register_sheet_viewed(listener: SheetViewed) -> SheetViewed:
    """Let another app (cohorts, for its access log) hear who looked at a sheet."""
    if listener not in _sheet_viewers:
        _sheet_viewers.append(listener)
    return listener


def sheet_viewed(*, user, session) -> None:
    """Tell the listeners ``user`` looked at ``session``'s attendance sheet."""
    for listener in _sheet_viewers:
        listener(user=user, session=session)
