"""Reads of calls and applications: the public call page, the organisation's application,
"Mon parcours" steps and the staff listings; the committees' pages (a member's
applications, the application they are assigned, the consolidated scores). Each in a
fixed number of queries."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext

from lms.accounts.models import Organisation
from lms.pathway.models import BursaryEligibility, PathwaySettings
from lms.pathway.steps import LevelStep
from lms.selection.eligibility import facts_for, may_apply
from lms.selection.models import (
    BURSARY_LEVEL,
    FINAL_OUTCOMES,
    Application,
    ApplicationVersion,
    Call,
    CallCriterion,
    Committee,
    CommitteeMember,
    ConflictDeclaration,
    Decision,
    Outcome,
    RegionalQuota,
    Review,
)
from lms.transition.plan.models import BursaryCategory


def call_for_page(*, pk: int) -> Call | None:
    """Return a call with its criteria and regions, for its public page."""
    return (
        Call.objects.select_related("cohort")
        .prefetch_related("criteria", "regions")
        .filter(pk=pk)
        .first()
    )


def contact_organisation(user) -> Organisation | None:
    """Return the organisation ``user`` is a contact person of (their own first)."""
    if not user.is_authenticated:
        return None
    found = list(Organisation.objects.filter(contacts__person=user).order_by("pk"))
    for organisation in found:
        if organisation.pk == user.organisation_id:
            return organisation
    return found[0] if found else None


def application_for(*, user, pk: int) -> Application | None:
    """Return the application ``pk`` if ``user`` is a contact of its organisation."""
    if not user.is_authenticated:
        return None
    return (
        Application.objects.select_related("call", "organisation", "plan_version", "leader")
        .prefetch_related(
            "budget_lines", Prefetch("versions", queryset=ApplicationVersion.objects.all())
        )
        .filter(pk=pk, organisation__contacts__person=user)
        .first()
    )


def open_calls(*, today=None):
    today = today or timezone.localdate()
    return (
        Call.objects.filter(opens_on__lte=today, closes_on__gte=today)
        .prefetch_related("regions")
        .order_by("closes_on", "pk")
    )


def money(amount: Decimal) -> str:
    """An amount as the language of the moment writes it ("1 500,50" in French)."""
    return formats.number_format(amount, 2, use_l10n=True, force_grouping=True)


def _state_words(application: Application, decision: Decision | None = None) -> str:
    if decision is not None:
        words = gettext("Decision of %(date)s: %(outcome)s") % {
            "date": formats.date_format(decision.decided_on),
            "outcome": decision.get_outcome_display(),
        }
        if decision.amount is not None:
            words += gettext(", %(amount)s $ granted") % {"amount": money(decision.amount)}
        return words
    if application.state == Application.State.SUBMITTED:
        return gettext("Submitted on %(date)s") % {
            "date": formats.date_format(timezone.localtime(application.submitted_at))
        }
    if application.state == Application.State.RETURNED:
        return gettext("Returned for changes")
    return gettext("Draft saved on %(date)s") % {
        "date": formats.date_format(timezone.localtime(application.updated_at))
    }


def call_steps(*, learner) -> list[LevelStep]:
    """ "Mon parcours": the open calls the learner's organisation may apply to, and its
    applications with their state or decision (eight queries at most, whatever the
    calls)."""
    organisation = learner.organisation
    if organisation is None:
        return []
    applications = list(
        Application.objects.filter(organisation=organisation)
        .select_related("call")
        .prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.order_by("recorded_at", "pk"))
        )
    )
    decisions = {
        application.pk: (list(application.decisions.all()) or [None])[-1]
        for application in applications
    }
    # The application's page is its contact people's; the others read the call.
    is_contact = organisation.contacts.filter(person=learner).exists()
    steps = [
        LevelStep(
            level=application.call.level,
            title=gettext("Application: %(call)s") % {"call": application.call.title},
            status=_state_words(application, decisions[application.pk]),
            url=reverse("selection_application", args=[application.pk])
            if is_contact
            else reverse("selection_call", args=[application.call_id]),
            action=gettext("See the application") if is_contact else gettext("Read the call"),
            done=application.state == Application.State.SUBMITTED,
        )
        for application in applications
    ]
    applied = {application.call_id for application in applications}
    calls = [call for call in open_calls() if call.pk not in applied]
    if calls:
        facts = facts_for(organisation=organisation, person=learner)
        steps += [
            LevelStep(
                level=call.level,
                title=gettext("Call for applications: %(call)s") % {"call": call.title},
                status=gettext("Open until %(date)s")
                % {"date": formats.date_format(call.closes_on)},
                url=reverse("selection_call", args=[call.pk]),
                action=gettext("Read the call"),
            )
            for call in calls
            if may_apply(call, facts)
        ]
    return steps


def version_content(version: ApplicationVersion | None) -> dict | None:
    """A version's content as pages show it: each budget line with its category's name."""
    if version is None:
        return None
    labels = dict(BursaryCategory.choices)
    content = dict(version.content)
    content["budget"] = [
        {**line, "category_label": labels.get(line["category"], line["category"])}
        for line in content.get("budget", [])
    ]
    return content


def applications_for_staff():
    """Every application, with what the staff listing shows."""
    return Application.objects.select_related("call", "organisation")


def application_for_staff(*, pk: int) -> Application | None:
    return (
        Application.objects.select_related(
            "call", "organisation", "plan_version", "leader", "created_by"
        )
        .prefetch_related(
            "budget_lines",
            Prefetch(
                "versions", queryset=ApplicationVersion.objects.select_related("submitted_by")
            ),
        )
        .filter(pk=pk)
        .first()
    )


# Committees ------------------------------------------------------------------------------


def _regional(call_ids) -> dict[int, set[int]]:
    """For each call, the regions that have a committee of their own."""
    found: dict[int, set[int]] = {}
    rows = Committee.objects.filter(call_id__in=call_ids, region__isnull=False)
    for call_id, region_id in rows.values_list("call_id", "region_id"):
        found.setdefault(call_id, set()).add(region_id)
    return found


def _assigned(committee: Committee, application: Application, regional) -> bool:
    """Whether ``application`` is ``committee``'s: its call's, submitted, of its region (or
    of a region without a committee of its own, for a committee of every region)."""
    if application.call_id != committee.call_id:
        return False
    if application.state != Application.State.SUBMITTED:
        return False
    region_id = application.organisation.region_id
    if committee.region_id is not None:
        return region_id == committee.region_id
    return region_id not in regional.get(committee.call_id, set())


def _submitted_of(call_ids):
    """The submitted applications of these calls (one query)."""
    return list(
        Application.objects.filter(
            call_id__in=call_ids,
            state=Application.State.SUBMITTED,
        )
        .select_related("call", "organisation")
        .order_by("call_id", "organisation__name", "pk")
    )


class MemberState:
    TO_DECLARE = "to_declare"
    TO_SCORE = "to_score"
    SCORED = "scored"
    CONFLICT = "conflict"


@dataclass
class AssignedApplication:
    application: Application
    member: CommitteeMember
    state: str

    @property
    def state_label(self) -> str:
        return {
            MemberState.TO_DECLARE: gettext("Declare your interests"),
            MemberState.TO_SCORE: gettext("To score"),
            MemberState.SCORED: gettext("Scored"),
            MemberState.CONFLICT: gettext("Conflict of interest declared"),
        }[self.state]


def _state(member, application, conflicts, declared, reviewed) -> str:
    key = (member.pk, application.pk)
    if key in conflicts:
        return MemberState.CONFLICT
    if key in reviewed:
        return MemberState.SCORED
    if key in declared:
        return MemberState.TO_SCORE
    return MemberState.TO_DECLARE


def member_applications(user) -> list[AssignedApplication]:
    """The applications assigned to ``user`` as a committee member, each with its state
    for them (five queries, whatever the committees, applications and declarations)."""
    if not user.is_authenticated:
        return []
    seats = list(CommitteeMember.objects.filter(person=user).select_related("committee__call"))
    if not seats:
        return []
    call_ids = {seat.committee.call_id for seat in seats}
    applications = _submitted_of(call_ids)
    regional = _regional(call_ids)
    pairs = [
        (seat, application)
        for application in applications
        for seat in seats
        if _assigned(seat.committee, application, regional)
    ]
    declarations = ConflictDeclaration.objects.filter(
        member__in=seats, application__in=[application for _seat, application in pairs]
    ).values_list("member_id", "application_id", "has_conflict")
    declared, conflicts = set(), set()
    for member_id, application_id, has_conflict in declarations:
        declared.add((member_id, application_id))
        if has_conflict:
            conflicts.add((member_id, application_id))
    reviewed = set(
        Review.objects.filter(member__in=seats).values_list("member_id", "application_id")
    )
    return [
        AssignedApplication(
            application, seat, _state(seat, application, conflicts, declared, reviewed)
        )
        for seat, application in pairs
    ]


def committee_for(application: Application) -> Committee | None:
    """The committee that judges ``application``: its region's, else the call's own."""
    committees = list(
        Committee.objects.filter(call_id=application.call_id).filter(
            Q(region_id=application.organisation.region_id) | Q(region__isnull=True)
        )
    )
    committees.sort(key=lambda committee: committee.region_id is None)
    return committees[0] if committees else None


def _application(pk: int) -> Application | None:
    return (
        Application.objects.select_related("call", "organisation", "plan_version", "leader")
        .filter(pk=pk, state=Application.State.SUBMITTED)
        .first()
    )


@dataclass
class Assignment:
    """An application as one of its committee's members reaches it."""

    application: Application
    member: CommitteeMember
    state: str


def assignment_for(*, user, pk: int) -> Assignment | None:
    """Return application ``pk`` if it is assigned to ``user`` (a member of the committee
    that judges it) and they have not declared a conflict with it; else None."""
    if not user.is_authenticated:
        return None
    application = _application(pk)
    if application is None:
        return None
    committee = committee_for(application)
    if committee is None:
        return None
    member = (
        CommitteeMember.objects.filter(committee=committee, person=user)
        .select_related("committee__call", "person")
        .first()
    )
    if member is None:
        return None
    has_conflict = declared = False
    for conflict in ConflictDeclaration.objects.filter(
        member=member, application=application
    ).values_list("has_conflict", flat=True):
        declared = True
        has_conflict = has_conflict or conflict
    if has_conflict:
        return None
    if Review.objects.filter(member=member, application=application).exists():
        state = MemberState.SCORED
    else:
        state = MemberState.TO_SCORE if declared else MemberState.TO_DECLARE
    return Assignment(application, member, state)


def members_who_decide(application: Application) -> list[CommitteeMember]:
    """The members of ``application``'s committee who may decide on it: all but those who
    declared a conflict of interest with it."""
    committee = committee_for(application)
    if committee is None:
        return []
    conflicted = ConflictDeclaration.objects.filter(
        application=application, has_conflict=True
    ).values("member_id")
    return list(
        committee.members.exclude(pk__in=conflicted).select_related("person").order_by("pk")
    )


def declared_conflict(*, user, application: Application) -> bool:
    """Whether ``user`` declared, as any committee's member, a conflict with it."""
    return ConflictDeclaration.objects.filter(
        member__person=user, application=application, has_conflict=True
    ).exists()


def application_for_committee_staff(*, pk: int) -> Application | None:
    """A submitted application, for staff's consolidated view."""
    return _application(pk)


# The consolidated view ------------------------------------------------------------------

#: The spread of scores from which members disagree enough to discuss a criterion.
DISAGREEMENT = 2
ONE_DECIMAL = Decimal("0.1")


@dataclass
class MemberScores:
    member: CommitteeMember
    review: Review
    #: Criterion id → the ``Score``.
    scores: dict
    total: int = 0


@dataclass
class CriterionRow:
    criterion: CallCriterion
    #: The members' scores, in the order of ``Consolidated.members`` (None: not scored).
    scores: list
    spread: int | None = None

    @property
    def disputed(self) -> bool:
        return self.spread is not None and self.spread >= DISAGREEMENT


@dataclass
class Consolidated:
    application: Application
    criteria: list
    members: list[MemberScores]
    rows: list[CriterionRow]
    #: The most a member's weighted total can be (5 × the sum of the weights).
    maximum: int
    overall: Decimal | None
    conflicted: list = field(default_factory=list)

    @property
    def disputed(self) -> list[CriterionRow]:
        return sorted(
            (row for row in self.rows if row.disputed), key=lambda row: -(row.spread or 0)
        )


def consolidated(application: Application) -> Consolidated:
    """Every member's scores of ``application``, their weighted totals (Σ weight × score)
    per member and on average, and each criterion's spread (four queries)."""
    criteria = list(application.call.criteria.all())
    reviews = list(
        Review.objects.filter(application=application)
        .select_related("member__person")
        .prefetch_related("scores")
        .order_by("member__seat", "pk")
    )
    conflicted = list(
        ConflictDeclaration.objects.filter(application=application, has_conflict=True)
        .select_related("member__person")
        .order_by("pk")
    )
    weights = {criterion.pk: criterion.weight for criterion in criteria}
    members = []
    for review in reviews:
        scores = {score.criterion_id: score for score in review.scores.all()}
        total = sum(weights.get(key, 0) * score.value for key, score in scores.items())
        members.append(MemberScores(review.member, review, scores, total))
    rows = []
    for criterion in criteria:
        values = [m.scores.get(criterion.pk) for m in members]
        numbers = [score.value for score in values if score is not None]
        spread = max(numbers) - min(numbers) if numbers else None
        rows.append(CriterionRow(criterion, values, spread))
    overall = None
    if members:
        overall = (Decimal(sum(m.total for m in members)) / len(members)).quantize(
            ONE_DECIMAL, rounding=ROUND_HALF_UP
        )
    return Consolidated(
        application=application,
        criteria=criteria,
        members=members,
        rows=rows,
        maximum=5 * sum(weights.values()),
        overall=overall,
        conflicted=list({d.member_id: d.member for d in conflicted}.values()),
    )


def committees_overview() -> list[tuple[Committee, list[Application]]]:
    """Staff: each committee with the applications it judges (four queries)."""
    committees = list(
        Committee.objects.select_related("call", "region").order_by("call_id", "region_id")
    )
    call_ids = {committee.call_id for committee in committees}
    applications = _submitted_of(call_ids)
    regional = _regional(call_ids)
    return [
        (
            committee,
            [a for a in applications if _assigned(committee, a, regional)],
        )
        for committee in committees
    ]


# Decisions -------------------------------------------------------------------------------


def latest_decision(application: Application) -> Decision | None:
    """The application's latest decision (a waitlisted one may be followed by another)."""
    return application.decisions.order_by("-recorded_at", "-pk").first()


def decided(application: Application) -> bool:
    """Whether the application has a final decision (accepted or refused)."""
    return application.decisions.filter(outcome__in=FINAL_OUTCOMES).exists()


def decision_quota_warnings(application: Application, outcome: str) -> list[str]:
    """What an accepted bursary would go beyond, in words: the level's quota overall
    (``PathwaySettings``) and the region's (``RegionalQuota``), counting the bursaries
    already awarded. Empty when within both, or for anything but a bursary accepted."""
    level = BURSARY_LEVEL.get(application.call.kind)
    if level is None or outcome != Outcome.ACCEPTED:
        return []
    awarded = BursaryEligibility.objects.filter(
        level=level, status=BursaryEligibility.Status.AWARDED
    )
    warnings = []
    planned = PathwaySettings.load().quota(level)
    count = awarded.count()
    if count + 1 > planned:
        warnings.append(
            gettext(
                "Bursaries of level %(level)s already awarded: %(count)s of %(planned)s "
                "planned; this one goes beyond the quota."
            )
            % {"count": count, "level": level, "planned": planned}
        )
    region = application.organisation.region
    share = RegionalQuota.objects.filter(level=level, region=region).first()
    if share is not None:
        count = awarded.filter(region=region).count()
        if count + 1 > share.planned:
            warnings.append(
                gettext(
                    "Bursaries of level %(level)s already awarded in %(region)s: %(count)s "
                    "of %(planned)s planned there; this one goes beyond the region's quota."
                )
                % {"count": count, "level": level, "region": region, "planned": share.planned}
            )
    return warnings


def decisions_of(application: Application) -> list[Decision]:
    """Every decision on the application, oldest first, with who took part."""
    return list(
        application.decisions.select_related("recorded_by", "review_request").order_by(
            "recorded_at", "pk"
        )
    )
