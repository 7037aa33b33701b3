"""Writes to the transition plan: save a draft, submit it, share it, comment on it.

Every write locks the plan's row (``select_for_update``), so two colleagues saving at
once, or ten presses of "Submit", are taken one after the other: a save based on an
outdated revision is refused and nothing is overwritten, and a plan is frozen once.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from content.sanitize import sanitize_html
from lms.accounts.roles import learner_accounts
from lms.learning_events import LearningEvent, announce
from lms.transition.plan.document import (
    ROW_FIELDS,
    ROW_MODELS,
    content_of,
    formatted,
    missing_parts,
)
from lms.transition.plan.models import (
    PlanComment,
    PlanPriority,
    PlanRevision,
    PlanVersion,
    TransitionPlan,
)


class PlanOutdated(Exception):
    """The save was based on a revision another save has replaced since."""

    def __init__(self, *, base_revision: int, revision: int):
        super().__init__(f"based on {base_revision}, now {revision}")
        self.base_revision = base_revision
        self.revision = revision


class PlanIncomplete(Exception):
    """The plan misses parts it needs before it can be submitted."""

    def __init__(self, missing: list):
        super().__init__(f"{len(missing)} missing parts")
        self.missing = missing


@dataclass(frozen=True)
class Submission:
    version: PlanVersion
    #: False when this revision had already been submitted (nothing new was frozen).
    created: bool


def _locked_plan(organisation) -> TransitionPlan:
    TransitionPlan.objects.get_or_create(organisation=organisation)
    return (
        TransitionPlan.objects.select_for_update()
        .prefetch_related("priorities", *ROW_FIELDS)
        .get(organisation=organisation)
    )


def _clean(content: dict) -> dict:
    """Return ``content`` with its situation as sanitised HTML (``document.formatted``)."""
    return {**content, "situation": sanitize_html(formatted(content["situation"])).strip()}


def plan_save(*, organisation, user, base_revision: int, content: dict) -> TransitionPlan:
    """Save the organisation's draft, as based on ``base_revision``.

    Raise ``PlanOutdated`` (nothing written) when another save came in between and this
    one would change the plan; a save that changes nothing is accepted as it is.
    """
    content = _clean(content)
    with transaction.atomic():
        plan = _locked_plan(organisation)
        if content == content_of(plan):
            return plan
        if plan.revision != base_revision:
            raise PlanOutdated(base_revision=base_revision, revision=plan.revision)
        plan.situation = content["situation"]
        plan.priorities.all().delete()
        PlanPriority.objects.bulk_create(
            PlanPriority(plan=plan, position=i, text=text)
            for i, text in enumerate(content["priorities"])
        )
        for section, model in ROW_MODELS.items():
            getattr(plan, section).all().delete()
            model.objects.bulk_create(
                model(plan=plan, position=i, **row) for i, row in enumerate(content[section])
            )
        plan.revision += 1
        plan.updated_by = user
        plan.save()
        PlanRevision.objects.create(plan=plan, number=plan.revision, content=content, saved_by=user)
    return plan


def plan_submit(*, organisation, user, base_revision: int) -> Submission:
    """Freeze the organisation's draft as a new version and tell the pathway engine.

    In one transaction, under the plan's row lock: the version is written, then a
    learning event is announced for each learner of the organisation, so the engine
    completes level 2 (and grants the eligibility) with the version in its evidence.
    A revision already submitted is not frozen twice. Raise ``PlanOutdated`` or
    ``PlanIncomplete`` (with the missing parts) instead.
    """
    with transaction.atomic():
        plan = _locked_plan(organisation)
        latest = plan.versions.order_by("-number").first()
        if latest is not None and latest.revision == plan.revision:
            return Submission(version=latest, created=False)
        if plan.revision != base_revision:
            raise PlanOutdated(base_revision=base_revision, revision=plan.revision)
        content = content_of(plan)
        missing = missing_parts(content)
        if missing:
            raise PlanIncomplete(missing)
        version = PlanVersion.objects.create(
            plan=plan,
            number=latest.number + 1 if latest else 1,
            revision=plan.revision,
            content=content,
            submitted_by=user,
        )
        for learner in learner_accounts().filter(organisation=organisation).order_by("pk"):
            announce(LearningEvent(learner=learner, source=f"plan:{version.pk}"))
    return Submission(version=version, created=True)


def plan_share_set(*, organisation, user, shared: bool) -> TransitionPlan:
    """Share the plan with the facilitators of the organisation's cohorts, or withdraw
    it (at once: every facilitator's page reads this flag)."""
    with transaction.atomic():
        plan = _locked_plan(organisation)
        plan.shared = shared
        plan.shared_changed_at = timezone.now()
        plan.shared_changed_by = user
        plan.save(update_fields=["shared", "shared_changed_at", "shared_changed_by"])
    return plan


def plan_comment_add(*, plan, cohort, author, section: str, body: str) -> PlanComment:
    """Add a facilitator's comment on one section of a shared plan."""
    return PlanComment.objects.create(
        plan=plan, cohort=cohort, author=author, section=section, body=body.strip()
    )
