"""Writes on people and organisations. Views and forms call these, nothing else does."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from lms.accounts.models import (
    Organisation,
    OrganisationContact,
    Region,
    User,
    name_key,
    normalise_neq,
)
from lms.accounts.roles import role_group


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
    """Complete a new sign-up: name, language, organisation and the learner role.

    The first person to name an organisation becomes its first contact person, so that
    every organisation has someone who speaks for it from the start.
    """
    organisation = organisation_find_or_propose(
        name=organisation_name, region=region, neq=neq, proposed_by=user
    )
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.preferred_language = language if language in ("fr", "en") else "fr"
    user.organisation = organisation
    user.save(update_fields=["first_name", "last_name", "preferred_language", "organisation"])
    user.groups.add(role_group("learner"))
    if not OrganisationContact.objects.filter(organisation=organisation).exists():
        OrganisationContact.objects.create(organisation=organisation, person=user)
    return user


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
            # An organisation this person proposed and nobody else joined goes too.
            Organisation.objects.filter(
                proposed_by=user, status=Organisation.Status.PROPOSED
            ).exclude(members__in=User.objects.exclude(pk=user.pk)).delete()
            user.delete()
        count += 1
    return count
