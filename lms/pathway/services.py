"""The pathway engine: turning learning records into level completions and bursary
eligibility, once, with their side effects carried by the outbox (``lms/outbox/``).

``pathway_evaluate`` is called inside the transaction that records a learning event
(a module done, an attendance, a replay watched past its threshold). Everything it
decides, and every e-mail or certificate that follows, is written in that same
transaction, so a crash or a broker outage can delay a side effect but never lose it.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lms.accounts.models import Organisation
from lms.accounts.roles import learner_accounts
from lms.learning_events import LearningEvent
from lms.outbox.services import outbox_add
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
    """Do what ``pathway_evaluate`` does for each of ``learners`` in turn, reading what the
    rules need for all of them at once (a few queries, however many learners).

    Only what follows a new completion (the completion, its certificate and eligibility)
    or a changed evidence (the review item) is written learner by learner, in the order
    given, so that an organisation's eligibility goes to the same first completion.
    """
    given = list(dict.fromkeys(learner.pk for learner in learners))
    # Loaded again, with their organisation: the rules and the records need it.
    accounts = learner_accounts().filter(pk__in=given).select_related("organisation")
    by_pk = {account.pk: account for account in accounts}
    learners = [by_pk[pk] for pk in given if pk in by_pk]
    if not learners:
        return []
    done = {
        (c.learner_id, c.level): c for c in LevelCompletion.objects.filter(learner__in=learners)
    }
    evidence = {}
    for level, rule in RULES.items():
        rechecked = source.startswith(RECHECKED_ON.get(level, ()))
        asked = [learner for learner in learners if rechecked or (learner.pk, level) not in done]
        evidence[level] = rule(asked) if asked else {}
    completed = []
    for learner in learners:
        for level in RULES:
            found = evidence[level].get(learner.pk)
            completion = done.get((learner.pk, level))
            if completion is not None:
                if found is None and source.startswith(RECHECKED_ON.get(level, ())):
                    completion.learner = learner
                    evidence_review_open(completion=completion, source=source)
                continue
            if found is not None:
                completion = level_completion_record(
                    learner=learner, level=level, evidence=found, source=source
                )
                if completion is not None:
                    completed.append(completion)
    return completed


def pathway_on_learning_event(event: LearningEvent) -> None:
    """Listen to the learning apps: evaluate the learner's pathway in their transaction."""
    pathway_evaluate(learner=event.learner, source=event.source)


def evidence_review_open(*, completion: LevelCompletion, source: str) -> ReviewRequest | None:
    """Ask staff to look at ``completion``, whose rule its records no longer meet; once
    while the question is open. The completion and its eligibility stay as they are."""
    already = ReviewRequest.objects.filter(
        kind=ReviewRequest.Kind.EVIDENCE,
        completion=completion,
        status=ReviewRequest.Status.OPEN,
    ).exists()
    if already:
        return None
    eligibility = BursaryEligibility.objects.filter(completion=completion).first()
    with translation.override(settings.LANGUAGE_CODE):
        message = _(
            "The records this level's completion rested on changed on %(date)s (%(source)s) "
            "and no longer meet the rule. The completion, its evidence as recorded then, "
            "and any eligibility are unchanged: decide whether they stand."
        ) % {
            "date": date_format(timezone.localtime(), "DATETIME_FORMAT"),
            "source": source,
        }
    return ReviewRequest.objects.create(
        kind=ReviewRequest.Kind.EVIDENCE,
        requested_by=completion.learner,
        level=completion.level,
        completion=completion,
        eligibility=eligibility,
        message=message,
    )


def level_completion_record(*, learner, level: int, evidence: dict, source: str):
    """Record that ``learner`` completed ``level``; return it, or None if it already was."""
    rules_version = PathwaySettings.load().rules_version
    with transaction.atomic():
        completion, created = LevelCompletion.objects.get_or_create(
            learner=learner,
            level=level,
            defaults={
                "completed_at": timezone.now(),
                "rules_version": rules_version,
                "organisation": learner.organisation,
                "evidence": {**evidence, "source": source},
            },
        )
        if not created:
            return None
        outbox_add(
            kind=effects.CERTIFICATE,
            dedupe_key=f"certificate:{completion.pk}",
            payload={"completion": completion.pk},
        )
        organisation = learner.organisation
        if organisation is not None and organisation.status != Organisation.Status.DECLINED:
            eligibility_grant(organisation=organisation, completion=completion)
    return completion


def eligibility_grant(*, organisation: Organisation, completion: LevelCompletion):
    """Make ``organisation`` eligible for the level's bursary, the first time only.

    Beyond the level's planned number the eligibility is still recorded, and flagged.
    """
    with transaction.atomic():
        used = BursaryEligibility.objects.filter(
            level=completion.level, status__in=COUNTED_STATUSES
        ).count()
        eligibility, created = BursaryEligibility.objects.get_or_create(
            organisation=organisation,
            level=completion.level,
            defaults={
                "granted_at": completion.completed_at,
                "completion": completion,
                "rules_version": completion.rules_version,
                "region_id": organisation.region_id,
                "over_quota": used >= PathwaySettings.load().quota(completion.level),
                "evidence": {
                    "learner": completion.learner_id,
                    "learner_name": completion.learner.get_full_name(),
                    "completed_at": completion.completed_at.isoformat(),
                    "rules_version": completion.rules_version,
                    **completion.evidence,
                },
            },
        )
        if not created:
            return None
        EligibilityChange.objects.create(
            eligibility=eligibility, from_status="", to_status=eligibility.status
        )
        for kind, key in (
            (effects.ELIGIBILITY_CONTACTS, "eligibility_contacts"),
            (effects.ELIGIBILITY_STAFF, "eligibility_staff"),
        ):
            outbox_add(
                kind=kind,
                dedupe_key=f"{key}:{eligibility.pk}",
                payload={"eligibility": eligibility.pk},
            )
    return eligibility


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
