"""Writes of calls' applications: start, save a draft, submit, return for changes; of
committees: open an outside member's account, give members their role, declare a
conflict of interest, submit scores, log each view of an application; and of decisions:
record one, ask for its review.

Each is atomic and the only way to make its change; the e-mails to the organisation's
contacts go through the outbox in the same transaction (``effects``).
"""

from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from cohorts.services import seat_admit
from lms.accounts.models import User
from lms.accounts.roles import role_group
from lms.outbox.services import outbox_add
from lms.pathway.models import BursaryEligibility
from lms.pathway.services import EligibilityError, eligibility_set_status, review_request_create
from lms.pathway.staff.services import eligibility_change_status
from lms.selection.effects import APPLICATION_STATE, MEMBER_INVITATION
from lms.selection.eligibility import facts_for, may_apply
from lms.selection.models import (
    BURSARY_LEVEL,
    FINAL_OUTCOMES,
    Application,
    ApplicationAccess,
    ApplicationVersion,
    BudgetLine,
    Call,
    CallKind,
    Committee,
    CommitteeMember,
    ConflictDeclaration,
    Decision,
    Outcome,
    Review,
    Score,
)
from lms.selection.selectors import (
    decision_quota_warnings,
    latest_decision,
    members_who_decide,
    money,
)
from lms.transition.plan.models import PlanVersion


class ApplicationError(Exception):
    """A change the rules refuse; its message says why, in words for the person."""


@dataclass(frozen=True)
class Missing:
    #: What is missing, in words, and the id of the field to fill (the link's anchor).
    label: str
    field: str
    #: A link elsewhere (the transition plan), when it is not a field of the form.
    url: str = ""


def latest_plan_version(organisation) -> PlanVersion | None:
    """Return the organisation's latest submitted transition plan version, if any."""
    return PlanVersion.objects.filter(plan__organisation=organisation).order_by("-number").first()


def application_start(*, call: Call, organisation, person) -> Application:
    """Open the organisation's draft for ``call`` (or return the one it already has)."""
    existing = Application.objects.filter(call=call, organisation=organisation).first()
    if existing is not None:
        return existing
    if not may_apply(call, facts_for(organisation=organisation, person=person)):
        raise ApplicationError(gettext("Your organisation may not apply to this call."))
    carried = call.kind in (CallKind.LAB_SEAT, CallKind.INNOVATION)
    try:
        with transaction.atomic():
            return Application.objects.create(
                call=call,
                organisation=organisation,
                leader=person if carried else None,
                created_by=person,
                plan_version=(
                    latest_plan_version(organisation)
                    if call.kind == CallKind.ACCELERATION
                    else None
                ),
            )
    except IntegrityError:  # another contact started it at the same moment
        return Application.objects.get(call=call, organisation=organisation)


def budget_total(lines) -> Decimal:
    return sum((line.amount or Decimal("0") for line in lines), Decimal("0"))


def ceiling_error(call: Call, total: Decimal) -> str:
    """The message when the total goes beyond the call's ceiling, or ""."""
    if call.ceiling is not None and total > call.ceiling:
        return gettext(
            "The budget's total (%(total)s $) is above the call's ceiling (%(ceiling)s $): "
            "lower it by %(over)s $."
        ) % {
            "total": money(total),
            "ceiling": money(call.ceiling),
            "over": money(total - call.ceiling),
        }
    return ""


def application_save(
    *, application: Application, person, title: str, summary: str, description: str, lines
) -> Application:
    """Save the draft and its budget lines (``lines``: unsaved ``BudgetLine``s)."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not locked.editable:
            raise ApplicationError(gettext("A submitted application can no longer be changed."))
        locked.title, locked.summary, locked.description = (
            title.strip(),
            summary.strip(),
            description.strip(),
        )
        if locked.call.kind == CallKind.ACCELERATION:
            locked.plan_version = latest_plan_version(locked.organisation)
        locked.save()
        locked.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(
            BudgetLine(
                application=locked,
                category=line.category,
                description=line.description.strip(),
                amount=line.amount,
            )
            for line in lines
        )
    return locked


def application_missing(*, application: Application, lines) -> list[Missing]:
    """What the application still needs before it can be submitted, each with its field."""
    missing = []
    if not application.title:
        missing.append(Missing(gettext("The project's title"), "id_title"))
    if not application.summary:
        missing.append(Missing(gettext("The summary"), "id_summary"))
    if not application.description:
        missing.append(Missing(gettext("The description"), "id_description"))
    if application.call.is_bursary and not lines:
        missing.append(Missing(gettext("At least one budget line"), "budget"))
    if error := ceiling_error(application.call, budget_total(lines)):
        missing.append(Missing(error, "budget"))
    if application.call.kind == CallKind.ACCELERATION and application.plan_version_id is None:
        missing.append(
            Missing(gettext("A submitted digital transition plan"), "plan", url="plan_edit")
        )
    return missing


def snapshot(application: Application, lines) -> dict:
    """The application's whole content, as a version keeps it."""
    plan = application.plan_version
    return {
        "call": application.call.title,
        "title": application.title,
        "summary": application.summary,
        "description": application.description,
        "budget": [
            {"category": line.category, "description": line.description, "amount": str(line.amount)}
            for line in lines
        ],
        "total": str(budget_total(lines)),
        "plan_version": plan.number if plan else None,
        "leader": application.leader.get_full_name() if application.leader else "",
    }


def _tell_contacts(application: Application, event: str, key: str, **extra) -> None:
    for contact in application.organisation.contacts.all():
        outbox_add(
            kind=APPLICATION_STATE,
            dedupe_key=f"selection.{event}:{application.pk}:{key}:{contact.person_id}",
            payload={
                "application": application.pk,
                "person": contact.person_id,
                "event": event,
                **extra,
            },
        )


def application_submit(*, application: Application, person) -> ApplicationVersion:
    """Freeze the application as its next version and tell the organisation's contacts."""
    with transaction.atomic():
        locked = (
            # Only the application's row: the plan and the leader are nullable joins.
            Application.objects.select_for_update(of=("self",))
            .select_related("call", "plan_version", "leader")
            .get(pk=application.pk)
        )
        if not locked.editable:
            raise ApplicationError(gettext("This application is already submitted."))
        lines = list(locked.budget_lines.all())
        if application_missing(application=locked, lines=lines):
            raise ApplicationError(gettext("The application is not complete yet."))
        if locked.call.closes_on < timezone.localdate():
            raise ApplicationError(gettext("The call is closed."))
        number = locked.versions.count() + 1
        version = ApplicationVersion.objects.create(
            application=locked, number=number, content=snapshot(locked, lines), submitted_by=person
        )
        locked.state = Application.State.SUBMITTED
        locked.submitted_at = version.submitted_at
        locked.save(update_fields=["state", "submitted_at", "updated_at"])
        _mark_applied(locked, person)
        _tell_contacts(locked, "submitted", str(number))
    return version


def _eligibility(application: Application) -> BursaryEligibility | None:
    """The organisation's eligibility for the bursary the call gives (None for a seat)."""
    level = BURSARY_LEVEL.get(application.call.kind)
    if level is None:
        return None
    return BursaryEligibility.objects.filter(
        organisation_id=application.organisation_id, level=level
    ).first()


def _mark_applied(application: Application, person) -> None:
    """A bursary application submitted: the eligibility goes from eligible to applied
    (the engine's status service keeps the change in the eligibility's history)."""
    eligibility = _eligibility(application)
    if eligibility is not None and eligibility.status == BursaryEligibility.Status.ELIGIBLE:
        eligibility_set_status(
            eligibility=eligibility,
            status=BursaryEligibility.Status.APPLIED,
            actor=person,
            reason=gettext("Application to “%(call)s” submitted.") % {"call": application.call},
        )


RETURN_REASON_REQUIRED = _("Say what to change: the organisation reads it.")


def application_return(*, application: Application, actor, reason: str) -> Application:
    """Staff send a submitted application back for changes; it is a draft again."""
    reason = reason.strip()
    if not reason:
        raise ApplicationError(str(RETURN_REASON_REQUIRED))
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.state != Application.State.SUBMITTED:
            raise ApplicationError(gettext("Only a submitted application can be returned."))
        locked.state = Application.State.RETURNED
        locked.return_reason = reason
        locked.save(update_fields=["state", "return_reason", "updated_at"])
        _tell_contacts(locked, "returned", str(locked.versions.count()))
    return locked


# Committees ------------------------------------------------------------------------------

#: The audit log's action when staff open an account for a member from outside.
MEMBER_INVITED_ACTION = "selection.member.invited"


def committee_member_invite(
    *, first_name: str, last_name: str, email: str, language: str, actor
) -> User:
    """Open an account for a committee member from outside the programme: the committee
    role only (no organisation, no learner role), an address staff vouch for, and no
    password: the invitation e-mail (outbox) carries a link to choose one."""
    email = User.objects.normalize_email(email.strip()).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ApplicationError(
            gettext(
                "An account with this address already exists: choose the person in the "
                "committee's form; they get the committee role with the seat."
            )
        )
    with transaction.atomic():
        person = User.objects.create_user(
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            preferred_language=language,
        )
        person.groups.add(role_group("committee"))
        EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
        log(person, MEMBER_INVITED_ACTION, user=actor)
        outbox_add(
            kind=MEMBER_INVITATION,
            dedupe_key=f"selection.invitation:{person.pk}",
            payload={"person": person.pk},
        )
    return person


def committee_roles(committee: Committee) -> None:
    """Give each member of ``committee`` the committee-member role (once)."""
    group = role_group("committee")
    for member in committee.members.select_related("person"):
        member.person.groups.add(group)


def conflict_declare(
    *, member: CommitteeMember, application: Application, has_conflict: bool, note: str = ""
) -> ConflictDeclaration:
    """Keep ``member``'s declaration about ``application`` (every one is kept)."""
    with transaction.atomic():
        if ConflictDeclaration.objects.filter(
            member=member, application=application, has_conflict=True
        ).exists():
            raise ApplicationError(gettext("A conflict of interest is already declared."))
        return ConflictDeclaration.objects.create(
            member=member, application=application, has_conflict=has_conflict, note=note.strip()
        )


def review_submit(*, member: CommitteeMember, application: Application, scores: dict) -> Review:
    """Keep ``member``'s scores of ``application``: ``scores`` maps each of the call's
    criteria's id to ``(value, comment)``, every criterion scored from 0 to 5. Once."""
    criteria = list(application.call.criteria.all())
    if {criterion.pk for criterion in criteria} != set(scores):
        raise ApplicationError(gettext("Score every criterion."))
    if any(not 0 <= value <= 5 for value, _comment in scores.values()):
        raise ApplicationError(gettext("Each score is between 0 and 5."))
    declarations = list(
        ConflictDeclaration.objects.filter(member=member, application=application).values_list(
            "has_conflict", flat=True
        )
    )
    if not declarations or any(declarations):
        raise ApplicationError(gettext("Declare your interests before scoring."))
    try:
        with transaction.atomic():
            review = Review.objects.create(member=member, application=application)
            Score.objects.bulk_create(
                Score(review=review, criterion_id=key, value=value, comment=comment.strip())
                for key, (value, comment) in scores.items()
            )
    except IntegrityError as error:
        raise ApplicationError(gettext("You already scored this application.")) from error
    return review


def application_access_log(*, person, application: Application, view: str) -> None:
    """Write that ``person`` saw ``application`` (``ApplicationAccess.View``)."""
    ApplicationAccess.objects.create(person=person, application=application, view=view)


# Decisions -------------------------------------------------------------------------------


class QuotaWarning(ApplicationError):
    """The decision would go beyond a quota: staff see ``warnings`` and confirm."""

    def __init__(self, warnings: list[str]):
        super().__init__(" ".join(warnings))
        self.warnings = warnings


#: How many members without a conflict of interest must take part in a decision.
QUORUM = 3


def _check_decision(application, outcome, amount, reasons, decided_on, participants) -> None:
    if outcome not in Outcome.values:
        raise ApplicationError(gettext("Choose the decision."))
    if not reasons:
        raise ApplicationError(gettext("Write the reasons: the organisation reads them."))
    if decided_on > timezone.localdate():
        raise ApplicationError(gettext("The date of the decision cannot be in the future."))
    if decided_on < timezone.localtime(application.submitted_at).date():
        raise ApplicationError(gettext("The decision cannot come before the application."))
    if amount is not None and outcome != Outcome.ACCEPTED:
        raise ApplicationError(gettext("Only an accepted application is granted an amount."))
    if application.call.is_bursary and outcome == Outcome.ACCEPTED:
        if amount is None or amount <= 0:
            raise ApplicationError(gettext("Give the amount granted."))
        requested = budget_total(application.budget_lines.all())
        if amount > requested:
            raise ApplicationError(
                gettext("The amount granted cannot exceed the amount requested (%(amount)s $).")
                % {"amount": money(requested)}
            )
        if application.call.ceiling is not None and amount > application.call.ceiling:
            raise ApplicationError(
                gettext("The amount granted cannot exceed the call's ceiling (%(amount)s $).")
                % {"amount": money(application.call.ceiling)}
            )
    if not application.call.is_bursary and amount is not None:
        raise ApplicationError(gettext("A seat is not granted an amount."))
    deciding = {member.pk for member in members_who_decide(application)}
    if not deciding:
        raise ApplicationError(gettext("No committee judges this application yet."))
    if any(member.pk not in deciding for member in participants):
        raise ApplicationError(
            gettext(
                "Only members of the application's committee who declared no conflict of "
                "interest with it take part in its decision."
            )
        )
    if len(set(participants)) < QUORUM:
        raise ApplicationError(
            gettext(
                "A decision needs at least three members of the committee without a "
                "conflict of interest."
            )
        )


def _apply_decision(application: Application, outcome: str, actor, reasons: str) -> None:
    """What the decision changes elsewhere, in its transaction: the eligibility's status
    (bursaries) through the engine's status service, or the seat (seat calls)."""
    call = application.call
    if call.is_bursary:
        eligibility = _eligibility(application)
        usable = (BursaryEligibility.Status.ELIGIBLE, BursaryEligibility.Status.APPLIED)
        if outcome == Outcome.WAITLISTED:
            return
        if eligibility is None or eligibility.status not in usable:
            raise ApplicationError(
                gettext(
                    "The organisation is not eligible for this bursary any more (its "
                    "eligibility is “%(status)s”): the decision cannot be recorded."
                )
                % {"status": eligibility.get_status_display() if eligibility else "—"}
            )
        if eligibility.status == BursaryEligibility.Status.ELIGIBLE:
            _mark_applied(application, actor)
        target = (
            BursaryEligibility.Status.AWARDED
            if outcome == Outcome.ACCEPTED
            else BursaryEligibility.Status.DECLINED
        )
        try:
            eligibility_change_status(
                eligibility=eligibility, status=target, actor=actor, reason=reasons
            )
        except EligibilityError as error:
            raise ApplicationError(str(error)) from error
    elif outcome == Outcome.ACCEPTED:
        lab = call.kind == CallKind.LAB_SEAT
        try:
            seat_admit(
                cohort=call.cohort,
                actor=actor,
                organisation=None if lab else application.organisation,
                leader=application.leader if lab else None,
            )
        except ValidationError as error:
            raise ApplicationError(" ".join(error.messages)) from error


def decision_record(
    *,
    application: Application,
    actor,
    outcome: str,
    amount: Decimal | None,
    reasons: str,
    decided_on,
    participants: list[CommitteeMember],
    confirm_beyond_quota: bool = False,
) -> Decision:
    """Record the committee's decision on ``application`` for ``actor`` (staff), once.

    In the same transaction: the bursary's eligibility goes to awarded or declined (a
    seat is admitted), and each contact of the organisation is told by e-mail (outbox).
    A decision beyond the level's quota, overall or in the region, raises
    ``QuotaWarning`` unless ``confirm_beyond_quota``. Two staff members recording at the
    same moment: the application's row is locked, the second one is refused."""
    reasons = reasons.strip()
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call", "organisation", "leader")
            .get(pk=application.pk)
        )
        if locked.state != Application.State.SUBMITTED:
            raise ApplicationError(gettext("Only a submitted application can be decided."))
        previous = latest_decision(locked)
        if previous is not None and previous.outcome in FINAL_OUTCOMES:
            raise ApplicationError(gettext("This application is already decided."))
        _check_decision(locked, outcome, amount, reasons, decided_on, participants)
        warnings = decision_quota_warnings(locked, outcome)
        if warnings and not confirm_beyond_quota:
            raise QuotaWarning(warnings)
        decision = Decision.objects.create(
            application=locked,
            outcome=outcome,
            amount=amount,
            reasons=reasons,
            decided_on=decided_on,
            participant_names=[
                f"{member.person.get_full_name() or member.person.email} "
                f"({member.get_seat_display()})"
                for member in participants
            ],
            quota_warnings=warnings,
            recorded_by=actor,
        )
        decision.participants.set(participants)
        _apply_decision(locked, outcome, actor, reasons)
        _tell_contacts(locked, "decided", str(decision.pk), decision=decision.pk)
    return decision


REVIEW_MESSAGE_REQUIRED = _("Say why the decision should be looked at again.")


def decision_review_ask(*, decision: Decision, person, message: str) -> Decision:
    """The organisation asks for a review of ``decision``: a task for staff (the pathway's
    review requests), once per decision."""
    message = message.strip()
    if not message:
        raise ApplicationError(str(REVIEW_MESSAGE_REQUIRED))
    with transaction.atomic():
        locked = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("application__call", "application__organisation")
            .get(pk=decision.pk)
        )
        if locked.review_request_id is not None:
            raise ApplicationError(gettext("A review of this decision is already asked for."))
        application = locked.application
        context = gettext(
            "Review of the decision “%(outcome)s” of %(date)s on the application of "
            "%(organisation)s to “%(call)s”."
        ) % {
            "outcome": locked.get_outcome_display(),
            "date": formats.date_format(locked.decided_on),
            "organisation": application.organisation.name,
            "call": application.call.title,
        }
        locked.review_request = review_request_create(
            learner=person, level=application.call.level, message=f"{context}\n\n{message}"
        )
        locked.save(update_fields=["review_request"])
    return locked
