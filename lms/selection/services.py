"""Writes of calls' applications: start, save a draft, submit, return for changes; and of
committees: give members their role, declare a conflict of interest, submit scores, log
each view of an application.

Each is atomic and the only way to make its change; the e-mails to the organisation's
contacts go through the outbox in the same transaction (``effects``).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lms.accounts.roles import role_group
from lms.outbox.services import outbox_add
from lms.selection.effects import APPLICATION_STATE
from lms.selection.eligibility import facts_for, may_apply
from lms.selection.models import (
    Application,
    ApplicationAccess,
    ApplicationVersion,
    BudgetLine,
    Call,
    CallKind,
    Committee,
    CommitteeMember,
    ConflictDeclaration,
    Review,
    Score,
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


def money(amount: Decimal) -> str:
    """An amount as the language of the moment writes it ("1 500,50" in French)."""
    return formats.number_format(amount, 2, use_l10n=True, force_grouping=True)


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


def _tell_contacts(application: Application, event: str, key: str) -> None:
    for contact in application.organisation.contacts.all():
        outbox_add(
            kind=APPLICATION_STATE,
            dedupe_key=f"selection.{event}:{application.pk}:{key}:{contact.person_id}",
            payload={"application": application.pk, "person": contact.person_id, "event": event},
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
        _tell_contacts(locked, "submitted", str(number))
    return version


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
