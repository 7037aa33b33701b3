"""The cohort's people: its learners (the one definition, ``cohort_learners``), its
organisations, and a session's learners."""

import unicodedata

from django.db.models import Q, QuerySet
from django.http import Http404

from cohorts.models import Cohort, CohortSeat
from lms.accounts.models import Organisation, User
from lms.accounts.roles import learner_accounts


def _seat_holders(cohort: Cohort) -> Q:
    """The accounts the cohort's active seats admit: the members of its seated
    organisations (level 2), or its seated leaders (the lab)."""
    seats = CohortSeat.objects.active().filter(cohort=cohort)
    if cohort.is_lab:
        return Q(pk__in=seats.values("leader"))
    return Q(organisation__in=seats.values("organisation"))


def cohort_learners(cohort: Cohort) -> QuerySet[User]:
    """Return the cohort's learners, the people its facilitators act for: the learner
    accounts (active, with the learner role) of the organisations an active seat admits
    (level 2), or the leaders an active seat admits (the lab). Facilitators and staff
    are none, unless they also hold the learner role; a withdrawn seat admits nobody.

    The grid, its flags, the attendance export and a session's learners all read these.
    """
    return learner_accounts().filter(_seat_holders(cohort)).order_by("pk")


def cohort_members(*, cohort: Cohort) -> QuerySet[User]:
    """Return the cohort's learners with their organisation, as the grid and the
    attendance rows show them."""
    return cohort_learners(cohort).select_related("organisation")


def session_learners(*, user, session) -> QuerySet[User]:
    """Answer webinars: the people ``user`` may record attendance for at ``session``,
    the learners of the cohorts they facilitate that the session belongs to."""
    people = Q(pk__in=[])
    for cohort in Cohort.objects.filter(sessions=session, facilitators=user):
        people |= Q(pk__in=cohort_learners(cohort).values("pk"))
    return User.objects.filter(people)


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
