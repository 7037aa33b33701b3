"""Reads on people and organisations."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from lms.accounts.models import (
    Organisation,
    OrganisationJoinRequest,
    Region,
    User,
    name_key,
    normalise_neq,
)
from lms.accounts.roles import ROLES, learner_accounts

#: Fewest characters before the organisation search answers.
SEARCH_MIN_LENGTH = 2


def organisation_search(*, query: str, limit: int = 10) -> list[dict]:
    """Return confirmed organisations whose name contains the query, for sign-up."""
    key = name_key(query)
    if len(key) < SEARCH_MIN_LENGTH:
        return []
    rows = (
        Organisation.objects.confirmed()
        .filter(name_key__contains=key)
        .select_related("region")
        .order_by("name")[:limit]
    )
    return [{"id": o.pk, "name": o.name, "region": o.region.name} for o in rows]


@dataclass(frozen=True)
class OrganisationMatch:
    """A listed organisation that a newcomer's organisation name or NEQ points to."""

    organisation: Organisation
    #: True when the NEQ matched (whatever the name and region typed).
    by_neq: bool


def organisation_match(
    *, name: str, region: Region | None, neq: str = ""
) -> OrganisationMatch | None:
    """Return the listed organisation with this NEQ, or else this name in this region."""
    selectable = Organisation.objects.selectable().select_related("region")
    neq = normalise_neq(neq)
    if neq and (by_neq := selectable.filter(neq=neq).first()) is not None:
        return OrganisationMatch(organisation=by_neq, by_neq=True)
    if region is None or not name_key(name):
        return None
    by_name = selectable.filter(region=region, name_key=name_key(name)).first()
    return OrganisationMatch(organisation=by_name, by_neq=False) if by_name else None


def contact_organisations(*, person: User) -> QuerySet[Organisation]:
    """Return the organisations ``person`` is a contact person of."""
    return Organisation.objects.filter(contacts__person=person)


def join_requests_to_decide(*, actor: User) -> QuerySet[OrganisationJoinRequest]:
    """Return the requests waiting for ``actor`` as a contact person, oldest first."""
    return (
        OrganisationJoinRequest.objects.pending()
        .visible()
        .filter(organisation__in=contact_organisations(person=actor))
        .select_related("person", "organisation")
        .order_by("created_at")
    )


def join_request_waiting(*, person: User) -> OrganisationJoinRequest | None:
    """Return ``person``'s own request still waiting for an answer, if any."""
    return (
        OrganisationJoinRequest.objects.pending()
        .filter(person=person)
        .select_related("organisation")
        .first()
    )


def join_request_deciders(*, request: OrganisationJoinRequest) -> tuple[list[User], bool]:
    """Return who to tell a request waits: its organisation's contact people, or
    programme staff when it has none; and whether they are staff."""
    contacts = list(
        User.objects.filter(contact_for__organisation=request.organisation, is_active=True)
    )
    if contacts:
        return contacts, False
    return list(programme_staff()), True


def programme_staff() -> QuerySet[User]:
    """Return the active members of the programme staff's group."""
    return User.objects.filter(groups__name=ROLES["staff"].group_name, is_active=True).distinct()


def staff_to_notify() -> QuerySet[User]:
    """Return the programme staff who asked to be e-mailed of proposals and requests."""
    return programme_staff().filter(notify_staff_events=True)


def staff_waiting_counts() -> dict[str, int]:
    """Return how many organisations wait for confirmation and join requests for staff."""
    return {
        "proposed": Organisation.objects.filter(status=Organisation.Status.PROPOSED).count(),
        "join_requests": OrganisationJoinRequest.objects.pending().visible().count(),
    }


def _not_staff(people: QuerySet[User]) -> QuerySet[User]:
    return people.filter(is_staff=False, is_superuser=False).exclude(
        groups__name=ROLES["staff"].group_name
    )


def learner_choices() -> QuerySet[User]:
    """Return the accounts a seat or the lab may go to: active learners, never staff."""
    return _not_staff(learner_accounts())


def member_choices(*, organisation_pk: int | str) -> QuerySet[User]:
    """Return the active members of an organisation who may be named its contact people."""
    if not str(organisation_pk).isdigit():
        return User.objects.none()
    return _not_staff(User.objects.filter(organisation_id=organisation_pk, is_active=True))


def person_search(*, people: QuerySet[User], query: str) -> QuerySet[User]:
    """Keep the people whose name or e-mail address holds every word of ``query``."""
    for word in query.split()[:5]:
        people = people.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    return people


def organisations_load(people) -> None:
    """Put each person's organisation on them, those not loaded yet read in one query
    (thousands of learners of one attendance import)."""
    field = User._meta.get_field("organisation")
    missing = {p.organisation_id for p in people if p.organisation_id and not field.is_cached(p)}
    # What the pathway and its questions read of an organisation, not its whole record.
    loaded = (
        Organisation.objects.only("pk", "name", "status", "region_id").in_bulk(missing)
        if missing
        else {}
    )
    for person in people:
        if person.organisation_id in loaded and not field.is_cached(person):
            field.set_cached_value(person, loaded[person.organisation_id])
