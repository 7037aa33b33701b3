"""Reads on people and organisations."""

from django.db.models import QuerySet

from lms.accounts.models import Organisation, OrganisationJoinRequest, User, name_key
from lms.accounts.roles import ROLES

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
    staff = User.objects.filter(groups__name=ROLES["staff"].group_name, is_active=True)
    return list(staff.distinct()), True
