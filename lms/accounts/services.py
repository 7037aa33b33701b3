"""Writes on people and organisations. Views and forms call these, nothing else does."""

import uuid
from datetime import timedelta

from django.contrib.sessions.backends.cached_db import SessionStore
from django.contrib.sessions.models import Session
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
    normalise_neq,
)
from lms.accounts.roles import ROLES, is_programme_staff, role_group
from lms.accounts.selectors import staff_to_notify
from lms.outbox.services import outbox_add


@transaction.atomic
def organisation_propose(
    *, name: str, region: Region, neq: str = "", proposed_by: User | None = None
) -> Organisation:
    """Propose a new organisation; refuse a name or NEQ an organisation already holds.

    Matching a listed organisation is the sign-up form's to show (``organisation_match``):
    the newcomer then asks to join it explicitly. Here the unique constraints answer, with
    their messages, whoever got there first.
    """
    organisation = Organisation(
        name=" ".join(name.split()), region=region, neq=normalise_neq(neq), proposed_by=proposed_by
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
    region: Region,
    organisation_name: str = "",
    neq: str = "",
    organisation_to_join: Organisation | None = None,
    language: str = "fr",
) -> User:
    """Complete a new sign-up: name, language, the learner role and the organisation asked.

    No one is a member before their e-mail address is confirmed, and no one becomes a
    contact person by signing up. With ``organisation_to_join`` (the newcomer chose to
    join it) a join request waits for its contact people or programme staff; otherwise
    the organisation named is proposed, and its proposer becomes its member once their
    address is confirmed (``user_email_confirmed``).
    """
    if organisation_to_join is None:
        organisation_propose(name=organisation_name, region=region, neq=neq, proposed_by=user)
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.preferred_language = language if language in ("fr", "en") else "fr"
    user.save(update_fields=["first_name", "last_name", "preferred_language"])
    user.groups.add(role_group("learner"))
    if organisation_to_join is not None:
        OrganisationJoinRequest.objects.create(person=user, organisation=organisation_to_join)
    return user


@transaction.atomic
def user_email_confirmed(*, user: User) -> None:
    """Once a newcomer's address is confirmed: make them a member of the organisation
    they proposed, or show their join request to the people who decide (and tell them)."""
    if user.organisation_id is None:
        proposed = Organisation.objects.selectable().filter(proposed_by=user).first()
        if proposed is not None:
            _membership_grant(person=user, organisation=proposed)
            if proposed.status == Organisation.Status.PROPOSED:
                _staff_notify(about="organisation", pk=proposed.pk)
    for request in OrganisationJoinRequest.objects.pending().filter(person=user):
        outbox_add(
            kind="accounts.join_request_waiting",  # lms.accounts.effects
            dedupe_key=f"join_request_waiting:{request.pk}",
            payload={"request": request.pk},
        )
        _staff_notify(about="join_request", pk=request.pk)


def _staff_notify(*, about: str, pk: int) -> None:
    # One message per staff member who asked for these e-mails: each is sent, and
    # retried, on its own.
    for staff_pk in staff_to_notify().values_list("pk", flat=True):
        outbox_add(
            kind="accounts.staff_notice",  # lms.accounts.effects
            dedupe_key=f"staff_notice:{about}:{pk}:{staff_pk}",
            payload={"about": about, "pk": pk, "to": staff_pk},
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
    """Stamp and log a status change already saved (by the admin's edit form, say).

    On confirmation an organisation without a contact person gets its proposer, if a
    member, as one; its contact people are then told by e-mail.
    """
    organisation.status_changed_at = timezone.now()
    organisation.save(update_fields=["status_changed_at"])
    log(organisation, f"accounts.organisation.{organisation.status}", user=actor)
    if organisation.status == Organisation.Status.CONFIRMED:
        proposer = organisation.proposed_by
        if (
            not organisation.contacts.exists()
            and proposer is not None
            and proposer.organisation_id == organisation.pk
        ):
            _contact_add(organisation=organisation, person=proposer, actor=actor)
        outbox_add(
            kind="accounts.organisation_confirmed",  # lms.accounts.effects
            dedupe_key=f"organisation_confirmed:{organisation.pk}:{organisation.status_changed_at.isoformat()}",
            payload={"organisation": organisation.pk},
        )
    return organisation


def _contact_add(*, organisation: Organisation, person: User, actor: User) -> OrganisationContact:
    contact = OrganisationContact.objects.create(organisation=organisation, person=person)
    log(
        organisation,
        "accounts.organisation.contact_added",
        user=actor,
        data={"person": person.pk},
    )
    return contact


@transaction.atomic
def organisation_contact_add(
    *, organisation: Organisation, person: User, actor: User
) -> OrganisationContact:
    """Name a member of ``organisation`` its contact person (staff or a contact only)."""
    if not join_request_can_decide(actor=actor, organisation=organisation):
        raise PermissionDenied("Only staff or the organisation's contact people name one.")
    contact = OrganisationContact(organisation=organisation, person=person)
    contact.full_clean()
    return _contact_add(organisation=organisation, person=person, actor=actor)


class OrganisationChangeRefused(PermissionDenied):
    """The actor is not programme staff, or the person is staff or a superuser."""


@transaction.atomic
def person_organisation_change(
    *, person: User, organisation: Organisation | None, actor: User, reason: str
) -> User:
    """Move a learner to another organisation (staff only; nothing else of theirs changes)."""
    if not (actor.is_active and is_programme_staff(actor)):
        raise OrganisationChangeRefused("Only programme staff change a person's organisation.")
    if person.is_staff or person.is_superuser or is_programme_staff(person):
        raise OrganisationChangeRefused("Staff accounts are not changed here.")
    person = User.objects.select_for_update().get(pk=person.pk)
    previous = person.organisation_id
    if previous == (organisation.pk if organisation else None):
        return person
    # Speaking for the previous organisation goes with belonging to it.
    OrganisationContact.objects.filter(person=person).delete()
    OrganisationJoinRequest.objects.pending().filter(person=person).update(
        status=OrganisationJoinRequest.Status.DECLINED, decided_at=timezone.now(), decided_by=actor
    )
    _membership_grant(person=person, organisation=organisation)
    log(
        person,
        "accounts.person.organisation_changed",
        user=actor,
        data={
            "from": previous,
            "to": organisation.pk if organisation else None,
            "reason": reason,
        },
    )
    outbox_add(
        kind="accounts.organisation_changed",  # lms.accounts.effects
        dedupe_key=f"organisation_changed:{person.pk}:{uuid.uuid4().hex}",
        payload={"person": person.pk, "organisation": organisation.pk if organisation else None},
    )
    return person


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


def sessions_end(*, user: User, keep: str | None = None) -> int:
    """End every open session of ``user`` at once (but ``keep``, a session key: the one
    that just changed the password); return how many ended.

    Sessions live in the database, with a copy in the cache that a request reads first
    (``SESSION_ENGINE``, cached_db), and do not say whose they are without being read:
    the unexpired ones are read, the person's deleted from both. Called on a password
    change or reset (``receivers``) and by the account's erasure."""
    now = timezone.now()
    ended = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=now).iterator()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
        and session.session_key != keep
    ]
    for session_key in ended:
        SessionStore(session_key).delete()
    return len(ended)
