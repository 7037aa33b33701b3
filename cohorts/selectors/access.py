"""Who may follow which cohorts: facilitators their own, programme staff all of them;
anyone else's cohort is a 404."""

import functools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.shortcuts import get_object_or_404

from cohorts.models import Cohort
from lms.accounts.roles import ROLES, is_programme_staff


def follower_role(user) -> str | None:
    """ "staff" (all cohorts), "facilitator" (their own) or None (none), in one query."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return "staff"
    names = {ROLES[key].group_name: key for key in ("staff", "facilitator")}
    held = set(user.groups.filter(name__in=names).values_list("name", flat=True))
    return next((key for name, key in names.items() if name in held), None)


def can_follow_cohorts(user) -> bool:
    """Facilitators and programme staff follow cohorts (each one's own, or all); nobody
    else, whatever cohort they name."""
    return follower_role(user) is not None


def visible_cohorts(*, user, staff: bool | None = None):
    """Return the cohorts ``user`` may follow: their own for a facilitator, all for staff
    (``staff`` when the caller already knows)."""
    cohorts = Cohort.objects.select_related("course").order_by("-starts_on", "name")
    if is_programme_staff(user) if staff is None else staff:
        return cohorts
    return cohorts.filter(facilitators=user)


def cohort_for(*, user, cohort_id: int, staff: bool | None = None) -> Cohort:
    """Return a cohort ``user`` may follow, or 404: another facilitator's cohort does not
    exist as far as they can tell. Its course is read when asked for (a kept grid does
    not)."""
    cohort = (
        visible_cohorts(user=user, staff=staff).select_related(None).filter(pk=cohort_id).first()
    )
    if cohort is None:
        raise Http404
    return cohort


@dataclass
class Followed:
    """A cohort someone may follow, and who they are for it."""

    cohort_id: int
    #: Programme staff, who follow every cohort.
    staff: bool
    #: Named among the cohort's facilitators (what organisations share is for them).
    own: bool

    @functools.cached_property
    def cohort(self) -> Cohort:
        return get_object_or_404(Cohort, pk=self.cohort_id)


def followed_cohort(*, user, cohort_id: int) -> Followed:
    """The cohort ``user`` may follow and who they are for it, asked in one statement
    (the cohort itself is read when asked for: a kept grid does not): 403 for a person
    who follows no cohort, 404 for a cohort that is not theirs, or none."""
    if not user.is_authenticated:
        raise PermissionDenied
    with connection.cursor() as cursor:
        cursor.execute(
            _following_sql(connection.vendor),
            {
                "cohort": cohort_id,
                "user": user.pk,
                "staff": ROLES["staff"].group_name,
                "facilitator": ROLES["facilitator"].group_name,
            },
        )
        found, staff, facilitator, own = (bool(value) for value in cursor.fetchone())
    staff = staff or user.is_superuser
    if not (staff or facilitator):
        raise PermissionDenied
    if not found or not (staff or own):
        raise Http404
    return Followed(cohort_id, staff, own)


@functools.cache
def _following_sql(vendor: str) -> str:
    """Whether the cohort exists, the person is staff, is a facilitator, is named among
    the cohort's facilitators: four answers of one row (written once per process; the
    ORM would spend ten times the database's time building it)."""
    quote = connection.ops.quote_name
    held = get_user_model().groups.through
    named = Cohort.facilitators.through

    def column(model, name):
        return f"{quote(model._meta.db_table)}.{quote(model._meta.get_field(name).column)}"

    def in_group(placeholder):
        return (
            f"EXISTS (SELECT 1 FROM {quote(held._meta.db_table)} "  # noqa: S608 (names only; values are parameters)
            f"INNER JOIN {quote(Group._meta.db_table)} "
            f"ON {column(Group, 'id')} = {column(held, 'group')} "
            f"WHERE {column(held, 'user')} = %(user)s AND {column(Group, 'name')} = {placeholder})"
        )

    return (
        f"SELECT EXISTS (SELECT 1 FROM {quote(Cohort._meta.db_table)} "  # noqa: S608 (names only; values are parameters)
        f"WHERE {column(Cohort, 'id')} = %(cohort)s), "
        f"{in_group('%(staff)s')}, {in_group('%(facilitator)s')}, "
        f"EXISTS (SELECT 1 FROM {quote(named._meta.db_table)} "
        f"WHERE {column(named, 'cohort')} = %(cohort)s AND {column(named, 'user')} = %(user)s)"
    )
