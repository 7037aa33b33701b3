"""The pathway's completion rules, as the programme states them.

Each rule returns the evidence that a learner completed a level (the records it rests on),
or None. Each is written once, for a list of learners (``level1_evidence_many``: a few
queries for an attendance import of thousands); the one-learner form asks it for a list of
one. They only read; ``services.pathway_evaluate_many`` records what they find.

* Level 1 (Sensibilisation): attended a live session of a level-1 webinar long enough,
  or watched its replay past the threshold.
* Level 2 (Accélération): the learner's organisation holds a seat in a level-2 cohort,
  every required module of the level-2 course is done, and the organisation's digital
  transition plan has been submitted.
* Level 3 (Innovation): admitted to the leadership lab, and every required module of the
  lab is done.
"""

from django.db.models import Count, Q

from courses.models import CoursePage, Level, ModuleCompletion, ModulePage
from courses.selectors import level_path
from lms.accounts.selectors import organisations_load
from lms.pathway import hooks
from webinars.models import Attendance, ReplayProgress


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _one(rule_many, learner) -> dict | None:
    """A rule asked for one learner: the same rule, for a list of one."""
    return rule_many([learner])[learner.pk]


def _organisations(learners) -> dict:
    """Each learner's organisation (or None), by learner id: those already loaded on the
    learner, the others in one query."""
    organisations_load(learners)
    return {learner.pk: learner.organisation for learner in learners}


#: What a live session's evidence copies of an attendance (and nothing more is read).
ATTENDANCE_EVIDENCE = (
    "pk", "learner_id", "minutes_present", "source", "imported_seconds", "manual_minutes",
    "manual_reason", "session__starts_at", "session__duration_minutes",
    "session__webinar__title",
)  # fmt: skip


def level1_evidence_many(learners) -> dict[int, dict | None]:
    """For each learner, by id: attended a level-1 live session long enough, or watched
    its replay far enough (two queries at most, however many learners)."""
    found: dict[int, dict | None] = dict.fromkeys(learner.pk for learner in learners)
    if not learners:
        return found
    awareness = level_path(Level.AWARENESS)
    # The values alone (thousands of attendances for one import), the webinar's title
    # read through the join the filter makes anyway.
    attendances = (
        Attendance.objects.filter(
            learner__in=list(found),
            attended=True,
            session__webinar__locale__language_code="fr",
            session__webinar__path__startswith=awareness,
        )
        .order_by("recorded_at", "pk")
        .values(*ATTENDANCE_EVIDENCE)
    )
    for attendance in attendances:
        if found[attendance["learner_id"]] is not None:
            continue  # the learner's first one is the evidence
        # A copy of what the attendance said then: later imports or marks change the
        # attendance, never this evidence.
        found[attendance["learner_id"]] = {
            "rule": "level1.live_session",
            "records": [
                {
                    "kind": "attendance",
                    "id": attendance["pk"],
                    "webinar": attendance["session__webinar__title"],
                    "session_start": _iso(attendance["session__starts_at"]),
                    "session_minutes": attendance["session__duration_minutes"],
                    "minutes_present": attendance["minutes_present"],
                    "source": attendance["source"],
                    "imported_minutes": attendance["imported_seconds"] // 60,
                    "manual_minutes": attendance["manual_minutes"],
                    "manual_reason": attendance["manual_reason"],
                }
            ],
        }
    without = [pk for pk, evidence in found.items() if evidence is None]
    if not without:
        return found
    replays = (
        ReplayProgress.objects.filter(
            learner__in=without,
            completed_at__isnull=False,
            webinar__path__startswith=awareness,
        )
        .select_related("webinar")
        .order_by("completed_at", "pk")
    )
    for replay in replays:
        if found[replay.learner_id] is not None:
            continue
        found[replay.learner_id] = {
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
    return found


def level1_evidence(learner) -> dict | None:
    """Attended a level-1 live session long enough, or watched its replay far enough."""
    return _one(level1_evidence_many, learner)


def _required_modules_evidence(learners, *, number: int, course_format: str) -> dict:
    """The module records of each learner who did every required module of the level's
    courses of ``course_format``, by learner id (those who did not are left out)."""
    if not learners:
        return {}
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
        return {}
    # Who did them all is counted in the database; only their records are read.
    complete = list(
        ModuleCompletion.objects.filter(
            learner__in=[learner.pk for learner in learners], module_id__in=required
        )
        .values("learner_id")
        .annotate(done=Count("module_id", distinct=True))
        .filter(done=len(required))
        .values_list("learner_id", flat=True)
    )
    if not complete:
        return {}
    done: dict[int, dict] = {}
    for completion in ModuleCompletion.objects.filter(
        learner__in=complete, module_id__in=required
    ).order_by("completed_at", "pk"):
        done.setdefault(completion.learner_id, {})[completion.module_id] = completion
    return {
        learner_id: {
            "records": [
                {
                    "kind": "module",
                    "id": c.pk,
                    "module": c.module_title,
                    "revision": c.revision_id,
                    "completed_at": _iso(c.completed_at),
                }
                for c in modules.values()
            ]
        }
        for learner_id, modules in done.items()
    }


def level2_evidence_many(learners) -> dict[int, dict | None]:
    """For each learner, by id: a seat in a level-2 cohort, every required module done, the
    transition plan submitted (a few queries, however many learners)."""
    found: dict[int, dict | None] = dict.fromkeys(learner.pk for learner in learners)
    organisations = _organisations(learners)
    seated = hooks.ask_many(
        "level2_seat", {o.pk: o for o in organisations.values() if o is not None}.values()
    )
    candidates = [
        learner
        for learner in learners
        if organisations[learner.pk] is not None and organisations[learner.pk].pk in seated
    ]
    modules = _required_modules_evidence(
        candidates, number=Level.ACCELERATION, course_format="course"
    )
    with_modules = {organisations[pk].pk: organisations[pk] for pk in modules}
    plans = hooks.record_many("transition_plan", with_modules.values()) if with_modules else {}
    for learner_id, done in modules.items():
        organisation = organisations[learner_id]
        plan = plans.get(organisation.pk)
        if plan is None:
            continue
        found[learner_id] = {
            "rule": "level2.course_and_plan",
            "records": [
                *done["records"],
                {**plan, "kind": "transition_plan", "organisation": organisation.pk},
            ],
        }
    return found


def level2_evidence(learner) -> dict | None:
    """Seat in a level-2 cohort, every required module done, transition plan submitted."""
    return _one(level2_evidence_many, learner)


def level3_evidence_many(learners) -> dict[int, dict | None]:
    """For each learner, by id: admitted to the leadership lab, and every required lab
    module done (a few queries, however many learners)."""
    found: dict[int, dict | None] = dict.fromkeys(learner.pk for learner in learners)
    admitted = hooks.ask_many("lab_admission", learners) if learners else set()
    modules = _required_modules_evidence(
        [learner for learner in learners if learner.pk in admitted],
        number=Level.INNOVATION,
        course_format="lab",
    )
    for learner_id, done in modules.items():
        found[learner_id] = {"rule": "level3.lab", "records": done["records"]}
    return found


def level3_evidence(learner) -> dict | None:
    """Admitted to the leadership lab, and every required lab module done."""
    return _one(level3_evidence_many, learner)


#: The events after which a completed level's rule is checked again: the records it
#: rests on can change (an attendance is re-imported or marked again by hand), while
#: module completions and watched replays never go backwards.
RECHECKED_ON: dict[int, tuple[str, ...]] = {Level.AWARENESS: ("session:",)}

#: Each level's rule, asked for many learners at once: ``{learner id: evidence or None}``.
RULES = {
    Level.AWARENESS: level1_evidence_many,
    Level.ACCELERATION: level2_evidence_many,
    Level.INNOVATION: level3_evidence_many,
}
