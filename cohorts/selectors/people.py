"""The cohort's people: its learners (the members of its seated organisations, or its
seated leaders in the lab), its organisations, and the learners of one of its sessions."""

import unicodedata

from django.db.models import Q
from django.http import Http404

from cohorts.models import Cohort, CohortSeat
from lms.accounts.models import Organisation, User
from lms.accounts.roles import ROLES


def cohort_learners(cohort: Cohort):
    """Return the cohort's learners: the members of its seated organisations (level 2),
    or its seated leaders (the lab); active seats and active accounts only."""
    seats = CohortSeat.objects.active().filter(cohort=cohort)
    if cohort.is_lab:
        people = Q(pk__in=seats.values("leader"))
    else:
        people = Q(organisation__in=seats.values("organisation"))
    return User.objects.filter(people, is_active=True).order_by("pk")


def session_learners(*, user, session):
    """Answer webinars: the people ``user`` may record attendance for at ``session``,
    the members of the cohorts they facilitate that the session belongs to."""
    people = Q(pk__in=[])
    for cohort in Cohort.objects.filter(sessions=session, facilitators=user):
        people |= Q(pk__in=cohort_members(cohort=cohort).values("pk"))
    return User.objects.filter(people)


def cohort_members(*, cohort: Cohort):
    """Return the people whose progress a cohort follows: the active learners of its
    seated organisations, or, for the leadership lab, its seated leaders."""
    seats = Q(cohort_seats__cohort=cohort, cohort_seats__removed_at__isnull=True)
    if cohort.is_lab:
        return User.objects.filter(seats)
    return User.objects.filter(
        is_active=True,
        groups__name=ROLES["learner"].group_name,
        organisation__cohort_seats__cohort=cohort,
        organisation__cohort_seats__removed_at__isnull=True,
    )


def cohort_organisations(*, cohort: Cohort, members: list) -> list:
    """Return the cohort's organisations: those holding an active seat, or, in the lab,
    those its seated leaders (``members``) belong to. One query (none for the lab)."""
    if cohort.is_lab:
        return list(
            {m.organisation_id: m.organisation for m in members if m.organisation_id}.values()
        )
    return [
        seat.organisation
        for seat in CohortSeat.objects.active()
        .filter(cohort=cohort, organisation__isnull=False)
        .select_related("organisation__region")
    ]


def find_organisation(organisations: list, organisation_id) -> Organisation:
    """Return the organisation of that id among ``organisations``, or 404: an organisation
    that is not the cohort's does not exist here, whatever the id looks like."""
    for organisation in organisations:
        if str(organisation.pk) == str(organisation_id).strip():
            return organisation
    raise Http404


def name_sort_key(text: str) -> str:
    """Sort French names as a reader expects: accents and case aside."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
