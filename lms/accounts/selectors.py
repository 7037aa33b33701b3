"""Reads on people and organisations."""

from lms.accounts.models import Organisation, name_key

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
