"""Reads of the transition plan: its page, its versions, what changed since a revision,
who may read it, and what the pathway engine, "Mon parcours" and the facilitators'
pages ask of it. Each one a fixed number of queries, whatever the plan holds.
"""

from dataclasses import dataclass, field
from html import escape

from django.db.models import Prefetch
from django.http import Http404
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from cohorts.models import CohortSeat
from cohorts.selectors.access import cohort_for
from cohorts.selectors.people import cohort_organisations, find_organisation
from cohorts.selectors.plans import PlanStatus, TransitionState
from courses.models import Level, LevelPage
from lms.accounts.roles import learner_accounts
from lms.pathway.steps import LevelStep
from lms.transition.assessment.selectors import latest_result
from lms.transition.plan.document import (
    EMPTY,
    MAX_PRIORITIES,
    ROW_FIELDS,
    Budget,
    budget_of,
    content_of,
    differences,
    missing_parts,
)
from lms.transition.plan.models import (
    PlanComment,
    PlanRevision,
    PlanVersion,
    Section,
    TransitionPlan,
)


def situation_prefill(organisation) -> str:
    """Return the text that starts an empty plan's situation: the organisation's latest
    self-assessment round, dimension by dimension (the median level and how far apart
    colleagues were), its talking points, as HTML the learner edits (a plain string: the
    form escapes it like any draft). "" without a result.
    """
    result = latest_result(organisation)
    if result is None:
        return ""
    heading = _(
        "Our self-assessment (round %(number)s, %(takes)s colleagues), level by dimension:"
    ) % {"number": result.round.number, "takes": result.takes}
    items = [
        _("%(dimension)s: %(median)s out of 5 (colleagues %(spread)s levels apart)")
        % {
            "dimension": dimension.title,
            "median": floatformat(dimension.median, -1),
            "spread": floatformat(dimension.spread, -1),
        }
        for dimension in result.dimensions
    ]
    text = f"<p>{escape(heading)}</p><ul>"
    text += "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"
    if result.talking_points:
        points = ", ".join(d.title for d in result.talking_points)
        talk = _("To talk over as a team: %(points)s.") % {"points": points}
        text += f"<p>{escape(talk)}</p>"
    return text


def bursary_ceiling() -> int | None:
    """Return the acceleration bursary's ceiling, in dollars, from the level-2 page."""
    return (
        LevelPage.objects.live()
        .filter(number=Level.ACCELERATION, locale__language_code="fr")
        .values_list("bursary_ceiling", flat=True)
        .first()
    )


def _plans():
    return TransitionPlan.objects.select_related("updated_by").prefetch_related(
        "priorities",
        *ROW_FIELDS,
        Prefetch("comments", queryset=PlanComment.objects.select_related("author")),
        Prefetch("versions", queryset=PlanVersion.objects.select_related("submitted_by")),
    )


@dataclass
class PlanPage:
    organisation: object
    plan: TransitionPlan | None
    content: dict
    budget: Budget
    missing: list
    versions: list
    #: Section value → its comments, oldest first.
    comments: dict = field(default_factory=dict)

    @property
    def revision(self) -> int:
        return self.plan.revision if self.plan else 0

    @property
    def latest_version(self):
        return self.versions[-1] if self.versions else None

    @property
    def draft_after_version(self) -> bool:
        """Whether the draft changed since the latest submitted version."""
        latest = self.latest_version
        return latest is not None and latest.revision != self.revision

    @property
    def can_add_priority(self) -> bool:
        return len(self.content["priorities"]) < MAX_PRIORITIES

    @property
    def shared(self) -> bool:
        return bool(self.plan and self.plan.shared)


def plan_page(*, organisation) -> PlanPage:
    """Return everything the plan's page shows (seven queries, or two with no plan)."""
    plan = _plans().filter(organisation=organisation).first()
    content = content_of(plan)
    comments = {value: [] for value in Section.values}
    for comment in plan.comments.all() if plan else ():
        comments[comment.section].append(comment)
    return PlanPage(
        organisation=organisation,
        plan=plan,
        content=content,
        budget=budget_of(content, ceiling=bursary_ceiling()),
        missing=missing_parts(content),
        versions=list(plan.versions.all()) if plan else [],
        comments=comments,
    )


def plan_version(*, organisation, number) -> PlanVersion:
    """Return the organisation's submitted version ``number``, or 404."""
    version = (
        PlanVersion.objects.select_related("submitted_by")
        .filter(plan__organisation=organisation, number=number)
        .first()
    )
    if version is None:
        raise Http404
    return version


@dataclass(frozen=True)
class Change:
    """What one save changed, by whom and when."""

    difference: object
    saved_by: object
    saved_at: object


def plan_changes_since(*, plan, base_revision: int) -> list[Change]:
    """Return what each save after ``base_revision`` changed, field by field (one query)."""
    revisions = list(
        PlanRevision.objects.filter(plan=plan, number__gte=base_revision)
        .select_related("saved_by")
        .order_by("number")
    )
    before = EMPTY
    changes = []
    for revision in revisions:
        if revision.number == base_revision:
            before = revision.content
            continue
        for difference in differences(before, revision.content):
            changes.append(Change(difference, revision.saved_by, revision.saved_at))
        before = revision.content
    return changes


# --- Who reads what ----------------------------------------------------------------------


def is_plan_writer(user, organisation) -> bool:
    """Whether ``user`` may save the organisation's draft: one of its learners."""
    return learner_accounts().filter(pk=user.pk, organisation=organisation).exists()


def is_plan_contact(user, organisation) -> bool:
    """Whether ``user`` is a contact person of the organisation (who shares the plan)."""
    return organisation.contacts.filter(person=user).exists()


def own_organisation(user):
    """Return the organisation whose plan ``user`` works on, or 404: its learners and its
    contact people only."""
    organisation = user.organisation
    if organisation is None:
        raise Http404
    if not (is_plan_writer(user, organisation) or is_plan_contact(user, organisation)):
        raise Http404
    return organisation


def shared_plan_for(*, user, cohort_id: int, organisation_id):
    """Return (cohort, organisation) for a facilitator who may read the organisation's
    shared plan: a cohort they facilitate (``cohort_for``), an organisation with an active
    seat in it, and a plan the organisation shares. Anything else is a 404."""
    cohort = cohort_for(user=user, cohort_id=cohort_id)
    # Shared with the cohort's facilitators, and nobody else: programme staff, who may
    # open any cohort, read the plan only once it comes with a bursary application.
    if not cohort.facilitators.filter(pk=user.pk).exists():
        raise Http404
    organisation = find_organisation(
        cohort_organisations(cohort=cohort, members=[]), organisation_id
    )
    if not TransitionPlan.objects.filter(organisation=organisation, shared=True).exists():
        raise Http404
    return cohort, organisation


# --- What the engine, "Mon parcours" and the cohorts ask -----------------------------------


def plan_record(*, organisation) -> dict | None:
    """Answer the level-2 rule: the organisation's first submitted version, or None."""
    return plan_records(organisations=[organisation]).get(organisation.pk)


def plan_records(*, organisations) -> dict[int, dict]:
    """Answer the level-2 rule for many organisations at once: each one's first submitted
    version, by organisation id (those without one are left out; one query)."""
    versions = PlanVersion.objects.filter(plan__organisation__in=list(organisations)).order_by(
        "-number"
    )
    return {
        organisation_id: {
            "id": pk,
            "version": number,
            "submitted_at": submitted_at.isoformat(),
        }
        # Latest first, so that each organisation's first version is the one kept.
        for pk, number, submitted_at, organisation_id in versions.values_list(
            "pk", "number", "submitted_at", "plan__organisation_id"
        )
    }


def _date(moment) -> str:
    return formats.date_format(moment, "j F Y")


def plan_steps(*, learner) -> list[LevelStep]:
    """The plan's step in the level-2 section of "Mon parcours" (two queries)."""
    if learner.organisation_id is None:
        return []
    plan = (
        TransitionPlan.objects.select_related("updated_by")
        .prefetch_related(Prefetch("versions", queryset=PlanVersion.objects.order_by("number")))
        .filter(organisation_id=learner.organisation_id)
        .first()
    )
    versions = list(plan.versions.all()) if plan else []
    url = reverse("plan_edit")
    title = _("Digital transition plan")
    if versions:
        latest = versions[-1]
        status = _("Submitted (version %(number)s, %(date)s)") % {
            "number": latest.number,
            "date": _date(latest.submitted_at),
        }
        return [LevelStep(2, title, status, url, _("Read the plan"), done=True)]
    if plan and plan.revision:
        status = _("Draft saved on %(date)s by %(name)s") % {
            "date": _date(plan.updated_at),
            "name": plan.updated_by or _("a colleague"),
        }
        return [LevelStep(2, title, status, url, _("Continue the plan"))]
    return [LevelStep(2, title, _("Not started"), url, _("Start the plan"))]


def plan_transition_states(*, cohort, organisations: list) -> dict:
    """Where each organisation's plan stands, for a cohort's facilitators (two queries)."""
    plans = (
        TransitionPlan.objects.filter(organisation__in=[o.pk for o in organisations])
        .prefetch_related(Prefetch("versions", queryset=PlanVersion.objects.order_by("number")))
        .only("pk", "organisation_id", "revision", "shared", "updated_at")
    )
    states = {}
    for plan in plans:
        versions = list(plan.versions.all())
        shared_url = (
            reverse("plan_shared", args=[cohort.pk, plan.organisation_id])
            if plan.shared and cohort is not None
            else ""
        )
        if versions:
            latest = versions[-1]
            detail = _("version %(number)s, %(date)s") % {
                "number": latest.number,
                "date": _date(latest.submitted_at),
            }
            states[plan.organisation_id] = TransitionState(PlanStatus.SUBMITTED, detail, shared_url)
        elif plan.revision:
            detail = _("draft saved on %(date)s") % {"date": _date(plan.updated_at)}
            states[plan.organisation_id] = TransitionState(PlanStatus.STARTED, detail, shared_url)
    return states


def organisation_cohorts(*, organisation) -> list:
    """Return the cohorts where the organisation holds an active seat (one query)."""
    return [
        seat.cohort
        for seat in CohortSeat.objects.active()
        .filter(organisation=organisation)
        .select_related("cohort")
        .order_by("cohort__starts_on")
    ]
