"""The pathway's completion rules, as the programme states them.

Each rule returns the evidence that a learner completed a level (the records it rests on),
or None. They only read; ``services.pathway_evaluate`` records what they find.

* Level 1 (Sensibilisation): attended a live session of a level-1 webinar long enough,
  or watched its replay past the threshold.
* Level 2 (Accélération): the learner's organisation holds a seat in a level-2 cohort,
  every required module of the level-2 course is done, and the organisation's digital
  transition plan has been submitted.
* Level 3 (Innovation): admitted to the leadership lab, and every required module of the
  lab is done.
"""

from django.db.models import Q

from courses.models import CoursePage, Level, ModuleCompletion, ModulePage
from courses.selectors import level_path
from lms.pathway import hooks
from webinars.models import Attendance, ReplayProgress


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def level1_evidence(learner) -> dict | None:
    """Attended a level-1 live session long enough, or watched its replay far enough."""
    awareness = level_path(Level.AWARENESS)
    attendance = (
        Attendance.objects.filter(
            learner=learner,
            attended=True,
            session__webinar__locale__language_code="fr",
            session__webinar__path__startswith=awareness,
        )
        .select_related("session__webinar")
        .order_by("recorded_at")
        .first()
    )
    if attendance is not None:
        # A copy of what the attendance said then: later imports or marks change the
        # attendance, never this evidence.
        return {
            "rule": "level1.live_session",
            "records": [
                {
                    "kind": "attendance",
                    "id": attendance.pk,
                    "webinar": attendance.session.webinar.title,
                    "session_start": _iso(attendance.session.starts_at),
                    "session_minutes": attendance.session.duration_minutes,
                    "minutes_present": attendance.minutes_present,
                    "source": attendance.source,
                    "imported_minutes": attendance.imported_seconds // 60,
                    "manual_minutes": attendance.manual_minutes,
                    "manual_reason": attendance.manual_reason,
                }
            ],
        }
    replay = (
        ReplayProgress.objects.filter(
            learner=learner,
            completed_at__isnull=False,
            webinar__path__startswith=awareness,
        )
        .select_related("webinar")
        .order_by("completed_at")
        .first()
    )
    if replay is not None:
        return {
            "rule": "level1.replay",
            "records": [
                {
                    "kind": "replay",
                    "id": replay.pk,
                    "webinar": replay.webinar.title,
                    "watched_seconds": replay.watched_seconds,
                    "completed_at": _iso(replay.completed_at),
                }
            ],
        }
    return None


def _required_modules_evidence(learner, *, number: int, course_format: str) -> dict | None:
    courses = CoursePage.objects.live().filter(
        path__startswith=level_path(number), locale__language_code="fr", format=course_format
    )
    under_courses = Q()
    for course in courses:
        under_courses |= Q(path__startswith=course.path)
    required = (
        list(
            ModulePage.objects.live()
            .filter(under_courses, required=True, locale__language_code="fr")
            .values_list("pk", flat=True)
        )
        if under_courses
        else []
    )
    if not required:
        return None
    done = {
        c.module_id: c
        for c in ModuleCompletion.objects.filter(learner=learner, module_id__in=required)
    }
    if len(done) < len(required):
        return None
    return {
        "records": [
            {
                "kind": "module",
                "id": c.pk,
                "module": c.module_title,
                "revision": c.revision_id,
                "completed_at": _iso(c.completed_at),
            }
            for c in sorted(done.values(), key=lambda c: c.completed_at)
        ]
    }


def level2_evidence(learner) -> dict | None:
    """Seat in a level-2 cohort, every required module done, transition plan submitted."""
    organisation = learner.organisation
    if organisation is None or not hooks.ask("level2_seat", organisation=organisation):
        return None
    modules = _required_modules_evidence(learner, number=Level.ACCELERATION, course_format="course")
    if modules is None:
        return None
    plan = hooks.record("transition_plan", organisation=organisation)
    if plan is None:
        return None
    return {
        "rule": "level2.course_and_plan",
        "records": [
            *modules["records"],
            {**plan, "kind": "transition_plan", "organisation": organisation.pk},
        ],
    }


def level3_evidence(learner) -> dict | None:
    """Admitted to the leadership lab, and every required lab module done."""
    if not hooks.ask("lab_admission", learner=learner):
        return None
    modules = _required_modules_evidence(learner, number=Level.INNOVATION, course_format="lab")
    if modules is None:
        return None
    return {"rule": "level3.lab", "records": modules["records"]}


#: The events after which a completed level's rule is checked again: the records it
#: rests on can change (an attendance is re-imported or marked again by hand), while
#: module completions and watched replays never go backwards.
RECHECKED_ON: dict[int, tuple[str, ...]] = {Level.AWARENESS: ("session:",)}

RULES = {
    Level.AWARENESS: level1_evidence,
    Level.ACCELERATION: level2_evidence,
    Level.INNOVATION: level3_evidence,
}
