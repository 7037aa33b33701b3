"""The pathway engine: turning learning records into level completions and bursary
eligibility, once, with their side effects carried by the outbox (``lms/outbox/``).

``pathway_evaluate`` is called inside the transaction that records a learning event
(a module done, an attendance, a replay watched past its threshold). Everything it
decides, and every e-mail or certificate that follows, is written in that same
transaction, so a crash or a broker outage can delay a side effect but never lose it.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lms.accounts.models import Organisation
from lms.accounts.roles import learner_accounts
from lms.accounts.selectors import organisations_load
from lms.bulk import rows_insert_new
from lms.learning_events import LearningEvent
from lms.outbox.services import outbox_add, outbox_add_many
from lms.pathway import effects
from lms.pathway.models import (
    BursaryEligibility,
    EligibilityChange,
    LevelCompletion,
    PathwaySettings,
    ReviewRequest,
)
from lms.pathway.rules import RECHECKED_ON, RULES

#: Statuses that still use a bursary of the level's quota.
COUNTED_STATUSES = (
    BursaryEligibility.Status.ELIGIBLE,
    BursaryEligibility.Status.APPLIED,
    BursaryEligibility.Status.AWARDED,
)
#: The moves staff may make, from each status.
ALLOWED_MOVES = {
    BursaryEligibility.Status.ELIGIBLE: {"applied", "declined", "revoked"},
    BursaryEligibility.Status.APPLIED: {"awarded", "declined", "revoked", "eligible"},
    BursaryEligibility.Status.AWARDED: {"revoked"},
    BursaryEligibility.Status.DECLINED: {"eligible", "revoked"},
    BursaryEligibility.Status.REVOKED: {"eligible"},
}


class EligibilityError(Exception):
    """A status change staff cannot make; the message is for them."""


def pathway_evaluate(*, learner, source: str) -> list[LevelCompletion]:
    """Record every level ``learner`` has now completed, with what follows from it.

    Call it inside the transaction that recorded the learning event. Only learner
    accounts complete levels. Levels already completed are never taken back; after an
    event that can change their evidence (``RECHECKED_ON``), a level whose rule no
    longer holds becomes a review item for staff (``evidence_review_open``).
    """
    return pathway_evaluate_many(learners=[learner], source=source)


def pathway_evaluate_many(*, learners, source: str) -> list[LevelCompletion]:
    """Do what ``pathway_evaluate`` does for each of ``learners`` in turn, in a few
    queries however many learners (an attendance import of thousands).

    The rules read what they need for all the learners at once; the completions, their
    certificates and eligibilities, and the review items are then written together, in
    the order of ``learners`` (then of levels), so that an organisation's eligibility
    goes to the same first completion as one learner after the other would give it.
    """
    given = {learner.pk: learner for learner in learners}
    # Only learner accounts complete levels (their ids, one query); their organisations,
    # which the rules and the records need, are read at once where not already loaded.
    accounts = set(learner_accounts().filter(pk__in=list(given)).values_list("pk", flat=True))
    learners = [learner for pk, learner in given.items() if pk in accounts]
    if not learners:
        return []
    organisations_load(learners)
    # The completions' ids only (thousands for one import); the few whose evidence no
    # longer holds are read whole below.
    done = {
        (learner_id, level): pk
        for pk, learner_id, level in LevelCompletion.objects.filter(
            learner_id__in=[learner.pk for learner in learners]
        ).values_list("pk", "learner_id", "level")
    }
    evidence = {}
    for level, rule in RULES.items():
        rechecked = source.startswith(RECHECKED_ON.get(level, ()))
        asked = [learner for learner in learners if rechecked or (learner.pk, level) not in done]
        evidence[level] = rule(asked) if asked else {}
    found, changed = [], []
    for learner in learners:
        for level in RULES:
            completion = done.get((learner.pk, level))
            if completion is None:
                if evidence[level].get(learner.pk) is not None:
                    found.append((learner, level, evidence[level][learner.pk]))
            elif evidence[level].get(learner.pk) is None and source.startswith(
                RECHECKED_ON.get(level, ())
            ):
                changed.append((completion, learner))
    if changed:
        whole = LevelCompletion.objects.in_bulk([pk for pk, _learner in changed])
        for pk, learner in changed:
            whole[pk].learner = learner
        evidence_reviews_open(completions=[whole[pk] for pk, _learner in changed], source=source)
    return level_completions_record(found=found, source=source)


def pathway_on_learning_event(event: LearningEvent) -> None:
    """Listen to the learning apps: evaluate the learner's pathway in their transaction."""
    pathway_evaluate(learner=event.learner, source=event.source)


def evidence_review_open(*, completion: LevelCompletion, source: str) -> ReviewRequest | None:
    """Ask staff to look at ``completion``, whose rule its records no longer meet; once
    while the question is open. The completion and its eligibility stay as they are."""
    opened = evidence_reviews_open(completions=[completion], source=source)
    return opened[0] if opened else None


def evidence_reviews_open(*, completions, source: str) -> list[ReviewRequest]:
    """Do what ``evidence_review_open`` does for each of ``completions``, in a few queries."""
    if not completions:
        return []
    already = set(
        ReviewRequest.objects.filter(
            kind=ReviewRequest.Kind.EVIDENCE,
            completion__in=completions,
            status=ReviewRequest.Status.OPEN,
        ).values_list("completion_id", flat=True)
    )
    completions = [c for c in completions if c.pk not in already]
    if not completions:
        return []
    eligibilities = {}
    for eligibility in BursaryEligibility.objects.filter(completion__in=completions):
        eligibilities.setdefault(eligibility.completion_id, eligibility)
    with translation.override(settings.LANGUAGE_CODE):
        message = _(
            "The records this level's completion rested on changed on %(date)s (%(source)s) "
            "and no longer meet the rule. The completion, its evidence as recorded then, "
            "and any eligibility are unchanged: decide whether they stand."
        ) % {
            "date": date_format(timezone.localtime(), "DATETIME_FORMAT"),
            "source": source,
        }
    return ReviewRequest.objects.bulk_create(
        [
            ReviewRequest(
                kind=ReviewRequest.Kind.EVIDENCE,
                requested_by=completion.learner,
                level=completion.level,
                completion=completion,
                eligibility=eligibilities.get(completion.pk),
                message=message,
            )
            for completion in completions
        ]
    )


def level_completion_record(*, learner, level: int, evidence: dict, source: str):
    """Record that ``learner`` completed ``level``; return it, or None if it already was."""
    recorded = level_completions_record(found=[(learner, level, evidence)], source=source)
    return recorded[0] if recorded else None


def level_completions_record(*, found, source: str) -> list[LevelCompletion]:
    """Record each ``(learner, level, evidence)`` of ``found`` as a completion, with its
    certificate and its organisation's eligibility; return those recorded now (not the
    ones already recorded), in a few queries however many.

    The unique (learner, level) keeps each completion once, also against another
    transaction recording it at the same moment: only the one that wrote it follows up.
    """
    if not found:
        return []
    rules_version = PathwaySettings.load().rules_version
    now = timezone.now()
    with transaction.atomic():
        made = [
            LevelCompletion(
                learner=learner,
                level=level,
                completed_at=now,
                rules_version=rules_version,
                organisation=learner.organisation,
                evidence={**evidence, "source": source},
            )
            for learner, level, evidence in found
        ]
        # Ours are those this statement wrote; another transaction's are not.
        written = rows_insert_new(objs=made, unique=("learner", "level"))
        completions = []
        for completion in made:
            pk = written.get((completion.learner_id, completion.level))
            if pk is not None:
                completion.pk = pk
                completion._state.adding = False
                completions.append(completion)
        outbox_add_many(
            kind=effects.CERTIFICATE,
            messages={f"certificate:{c.pk}": {"completion": c.pk} for c in completions},
        )
        eligibilities_grant(
            grants=[
                (c.learner.organisation, c)
                for c in completions
                if c.learner.organisation is not None
                and c.learner.organisation.status != Organisation.Status.DECLINED
            ]
        )
    return completions


def eligibility_grant(*, organisation: Organisation, completion: LevelCompletion):
    """Make ``organisation`` eligible for the level's bursary, the first time only.

    Beyond the level's planned number the eligibility is still recorded, and flagged.
    """
    granted = eligibilities_grant(grants=[(organisation, completion)])
    return granted[0] if granted else None


def eligibilities_grant(*, grants) -> list[BursaryEligibility]:
    """Do what ``eligibility_grant`` does for each ``(organisation, completion)`` of
    ``grants`` in turn, in a few queries; return the eligibilities granted now."""
    if not grants:
        return []
    levels = {completion.level for _organisation, completion in grants}
    taken = set(
        BursaryEligibility.objects.filter(
            organisation__in=[organisation for organisation, _completion in grants],
            level__in=levels,
        ).values_list("organisation_id", "level")
    )
    used = dict(
        BursaryEligibility.objects.filter(level__in=levels, status__in=COUNTED_STATUSES)
        .values("level")
        .annotate(count=Count("pk"))
        .values_list("level", "count")
    )
    pathway_settings = PathwaySettings.load()
    new = []
    for organisation, completion in grants:
        if (organisation.pk, completion.level) in taken:
            continue  # the first time only
        taken.add((organisation.pk, completion.level))
        new.append(
            BursaryEligibility(
                organisation=organisation,
                level=completion.level,
                granted_at=completion.completed_at,
                completion=completion,
                rules_version=completion.rules_version,
                region_id=organisation.region_id,
                over_quota=used.get(completion.level, 0)
                >= pathway_settings.quota(completion.level),
                evidence={
                    "learner": completion.learner_id,
                    "learner_name": completion.learner.get_full_name(),
                    "completed_at": completion.completed_at.isoformat(),
                    "rules_version": completion.rules_version,
                    **completion.evidence,
                },
            )
        )
        used[completion.level] = used.get(completion.level, 0) + 1
    if not new:
        return []
    with transaction.atomic():
        BursaryEligibility.objects.bulk_create(new, ignore_conflicts=True)
        # Ours are those resting on these completions; another transaction's are not.
        granted = {
            (e.organisation_id, e.level): e
            for e in BursaryEligibility.objects.filter(
                completion__in=[eligibility.completion for eligibility in new]
            )
        }
        eligibilities = [
            granted[(e.organisation_id, e.level)]
            for e in new
            if (e.organisation_id, e.level) in granted
        ]
        EligibilityChange.objects.bulk_create(
            [
                EligibilityChange(eligibility=e, from_status="", to_status=e.status)
                for e in eligibilities
            ]
        )
        for kind, key in (
            (effects.ELIGIBILITY_CONTACTS, "eligibility_contacts"),
            (effects.ELIGIBILITY_STAFF, "eligibility_staff"),
        ):
            outbox_add_many(
                kind=kind,
                messages={f"{key}:{e.pk}": {"eligibility": e.pk} for e in eligibilities},
            )
    return eligibilities


def eligibility_set_status(
    *, eligibility: BursaryEligibility, status: str, actor, reason: str = ""
) -> BursaryEligibility:
    """Move a bursary eligibility along its life, keeping who, when and why."""
    with transaction.atomic():
        eligibility = BursaryEligibility.objects.select_for_update().get(pk=eligibility.pk)
        if status not in ALLOWED_MOVES.get(eligibility.status, set()):
            raise EligibilityError(
                _("An eligibility cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "from": eligibility.get_status_display(),
                    "to": BursaryEligibility.Status(status).label,
                }
            )
        if status == BursaryEligibility.Status.REVOKED and not reason.strip():
            raise EligibilityError(_("Give the reason for revoking this eligibility."))
        EligibilityChange.objects.create(
            eligibility=eligibility,
            from_status=eligibility.status,
            to_status=status,
            changed_by=actor,
            reason=reason.strip(),
        )
        eligibility.status = status
        eligibility.status_changed_at = timezone.now()
        eligibility.status_changed_by = actor
        eligibility.status_reason = reason.strip()
        eligibility.save(
            update_fields=["status", "status_changed_at", "status_changed_by", "status_reason"]
        )
    return eligibility


def review_request_create(*, learner, level: int, message: str) -> ReviewRequest:
    """Ask programme staff to review an automatic decision about ``learner``."""
    with transaction.atomic():
        eligibility = (
            BursaryEligibility.objects.filter(
                organisation=learner.organisation, level=level
            ).first()
            if learner.organisation_id
            else None
        )
        request = ReviewRequest.objects.create(
            requested_by=learner,
            level=level,
            eligibility=eligibility,
            # Plain text, kept as typed: templates escape it once when they show it.
            message=(message or "").strip()[:2000],
        )
        outbox_add(
            kind=effects.REVIEW_REQUEST,
            dedupe_key=f"review_request:{request.pk}",
            payload={"review_request": request.pk},
        )
    return request
