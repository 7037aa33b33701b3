"""Writes on people and organisations. Views and forms call these, nothing else does."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from lms.accounts.models import (
    Organisation,
    OrganisationContact,
    OrganisationJoinRequest,
    Region,
    User,
    name_key,
    normalise_neq,
)
from lms.accounts.roles import ROLES, role_group
from lms.outbox.services import outbox_add


@transaction.atomic
def organisation_find_or_propose(
    *, name: str, region: Region, neq: str = "", proposed_by: User | None = None
) -> Organisation:
    """Return the organisation a newcomer names, proposing it if it is not listed yet.

    An organisation matches when its NEQ is the one given, or when it has the same name
    (ignoring case, accents and spacing) in the same region. Declined organisations are
    never matched: their name can be proposed again.
    """
    neq = normalise_neq(neq)
    candidates = Organisation.objects.selectable().select_for_update()
    if neq:
        by_neq = candidates.filter(neq=neq).first()
        if by_neq is not None:
            return by_neq
    existing = candidates.filter(region=region, name_key=name_key(name)).first()
    if existing is not None:
        return existing
    organisation = Organisation(
        name=" ".join(name.split()), region=region, neq=neq, proposed_by=proposed_by
    )
    organisation.full_clean()
    organisation.save()
    log(organisation, "accounts.organisation.proposed", user=proposed_by)
    return organisation


@transaction.atomic
def user_register(
    *,
    user: User,
    first_name: str,
    last_name: str,
    organisation_name: str,
    region: Region,
    neq: str = "",
    language: str = "fr",
) -> User:
    """Complete a new sign-up: name, language, the learner role and the organisation asked.

    No one is a member before their e-mail address is confirmed. Whoever proposes a new
    organisation becomes its member and first contact then (``user_email_confirmed``);
    whoever names an organisation already listed gets a join request, which one of its
    contact people or programme staff accept or decline.
    """
    organisation = organisation_find_or_propose(
        name=organisation_name, region=region, neq=neq, proposed_by=user
    )
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.preferred_language = language if language in ("fr", "en") else "fr"
    user.save(update_fields=["first_name", "last_name", "preferred_language"])
    user.groups.add(role_group("learner"))
    if organisation.proposed_by_id != user.pk:
        OrganisationJoinRequest.objects.create(person=user, organisation=organisation)
    return user


@transaction.atomic
def user_email_confirmed(*, user: User) -> None:
    """Once a newcomer's address is confirmed: found their organisation, or show their
    join request to the people who decide (and tell them it waits)."""
    if user.organisation_id is None:
        proposed = Organisation.objects.selectable().filter(proposed_by=user).first()
        if proposed is not None:
            _membership_grant(person=user, organisation=proposed)
            if not OrganisationContact.objects.filter(organisation=proposed).exists():
                OrganisationContact.objects.create(organisation=proposed, person=user)
    for request in OrganisationJoinRequest.objects.pending().filter(person=user):
        outbox_add(
            kind="accounts.join_request_waiting",  # lms.accounts.effects
            dedupe_key=f"join_request_waiting:{request.pk}",
            payload={"request": request.pk},
        )


def join_request_can_decide(*, actor: User, organisation: Organisation) -> bool:
    """Whether ``actor`` may accept or decline requests to join ``organisation``."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    if actor.is_superuser or actor.groups.filter(name=ROLES["staff"].group_name).exists():
        return True
    return OrganisationContact.objects.filter(organisation=organisation, person=actor).exists()


class JoinRequestRefused(PermissionDenied):
    """The actor may not decide this request, or it cannot be decided (any more)."""


def join_request_accept(
    *, request: OrganisationJoinRequest, actor: User
) -> OrganisationJoinRequest:
    """Make the requester a member of the organisation, if ``actor`` may decide."""
    return _join_request_decide(
        request=request, actor=actor, status=OrganisationJoinRequest.Status.ACCEPTED
    )


def join_request_decline(
    *, request: OrganisationJoinRequest, actor: User
) -> OrganisationJoinRequest:
    """Refuse the requester membership of the organisation, if ``actor`` may decide."""
    return _join_request_decide(
        request=request, actor=actor, status=OrganisationJoinRequest.Status.DECLINED
    )


@transaction.atomic
def _join_request_decide(
    *, request: OrganisationJoinRequest, actor: User, status: str
) -> OrganisationJoinRequest:
    request = (
        OrganisationJoinRequest.objects.select_for_update()
        .select_related("person", "organisation")
        .get(pk=request.pk)
    )
    if not join_request_can_decide(actor=actor, organisation=request.organisation):
        raise JoinRequestRefused("Only the organisation's contact people or staff decide.")
    if request.status != OrganisationJoinRequest.Status.REQUESTED:
        raise JoinRequestRefused("This request has already been decided.")
    if not OrganisationJoinRequest.objects.visible().filter(pk=request.pk).exists():
        raise JoinRequestRefused("The requester's e-mail address is not confirmed yet.")
    request.status = status
    request.decided_at = timezone.now()
    request.decided_by = actor
    request.save(update_fields=["status", "decided_at", "decided_by"])
    if status == OrganisationJoinRequest.Status.ACCEPTED:
        _membership_grant(person=request.person, organisation=request.organisation)
    log(
        request,
        f"accounts.join_request.{status}",
        user=actor,
        data={"person": request.person_id, "organisation": request.organisation_id},
    )
    outbox_add(
        kind="accounts.join_request_decided",  # lms.accounts.effects
        dedupe_key=f"join_request_decided:{request.pk}",
        payload={"request": request.pk},
    )
    return request


def _membership_grant(*, person: User, organisation: Organisation) -> None:
    person.organisation = organisation
    person.save(update_fields=["organisation"])


@transaction.atomic
def organisation_set_status(
    *, organisation: Organisation, status: str, actor: User
) -> Organisation:
    """Confirm or decline a proposed organisation, and log who did it."""
    if status not in Organisation.Status.values:
        raise ValueError(f"Unknown status {status!r}")
    organisation.status = status
    organisation.save(update_fields=["status"])
    return organisation_status_recorded(organisation=organisation, actor=actor)


def organisation_status_recorded(*, organisation: Organisation, actor: User) -> Organisation:
    """Stamp and log a status change already saved (by the admin's edit form, say)."""
    organisation.status_changed_at = timezone.now()
    organisation.save(update_fields=["status_changed_at"])
    log(organisation, f"accounts.organisation.{organisation.status}", user=actor)
    return organisation


def accounts_purge_unverified(*, older_than_days: int) -> int:
    """Erase sign-ups whose e-mail address was never confirmed; return how many."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    stale = User.objects.filter(
        date_joined__lt=cutoff,
        last_login__isnull=True,
        is_staff=False,
        is_superuser=False,
        emailaddress__verified=False,
    ).exclude(emailaddress__verified=True)
    count = 0
    for user in stale.distinct().iterator():
        with transaction.atomic():
            # An organisation this person proposed and nobody else joined, or asked to
            # join, goes too.
            others = User.objects.exclude(pk=user.pk)
            Organisation.objects.filter(
                proposed_by=user, status=Organisation.Status.PROPOSED
            ).exclude(members__in=others).exclude(join_requests__person__in=others).delete()
            user.delete()
        count += 1
    return count
