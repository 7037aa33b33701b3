"""Who may apply to a call: the engine's business, not the form's.

``facts_for`` reads, in a fixed number of queries, what the rules rest on for one
organisation and one person (its eligibilities, whether one of its learners completed
level 1 or 2, whether the person was admitted to the lab). One pure function per kind of
call then answers from those facts, and ``may_apply`` adds the dates and the regions.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from cohorts.selectors.learner import leader_admitted_to_lab
from lms.pathway.models import BursaryEligibility, LevelCompletion
from lms.pathway.services import COUNTED_STATUSES
from lms.selection.models import BURSARY_LEVEL, Call, CallKind


@dataclass(frozen=True)
class Facts:
    organisation_id: int
    #: The organisation's region.
    region_id: int
    #: Level -> the region of an eligibility whose status still counts.
    eligible_levels: dict[int, int]
    #: The levels one of its learners completed (for this organisation).
    completed_levels: frozenset[int]
    #: Whether the person applying was admitted to the leadership lab.
    person_in_lab: bool


def facts_for(*, organisation, person=None) -> Facts:
    """Read what the rules rest on for ``organisation`` (and ``person``): three queries."""
    eligible = dict(
        BursaryEligibility.objects.filter(
            organisation=organisation, status__in=COUNTED_STATUSES
        ).values_list("level", "region_id")
    )
    completed = frozenset(
        LevelCompletion.objects.filter(organisation=organisation)
        .values_list("level", flat=True)
        .distinct()
    )
    in_lab = bool(person and leader_admitted_to_lab(learner=person))
    return Facts(
        organisation_id=organisation.pk,
        region_id=organisation.region_id,
        eligible_levels=eligible,
        completed_levels=completed,
        person_in_lab=in_lab,
    )


def call_is_open(call: Call, *, today: date | None = None) -> bool:
    """Whether ``today`` is between the call's opening and closing days (both included)."""
    today = today or timezone.localdate()
    return call.opens_on <= today <= call.closes_on


def in_regions(call: Call, region_id: int) -> bool:
    """Whether the region is one the call covers (a call with none covers them all)."""
    # ``regions.all()`` so that a prefetch is used.
    covered = {region.pk for region in call.regions.all()}
    return not covered or region_id in covered


def bursary_accepts(call: Call, facts: Facts) -> bool:
    """Seed, acceleration, innovation: an eligibility for the level that still counts,
    granted in one of the call's regions."""
    region_id = facts.eligible_levels.get(BURSARY_LEVEL[call.kind])
    return region_id is not None and in_regions(call, region_id)


def level2_seat_accepts(call: Call, facts: Facts) -> bool:
    """A level-2 seat: one of the organisation's learners completed level 1."""
    return 1 in facts.completed_levels and in_regions(call, facts.region_id)


def lab_seat_accepts(call: Call, facts: Facts) -> bool:
    """A lab seat: a leader whose organisation completed level 2, or any leader when the
    call is open to other leaders."""
    completed = 2 in facts.completed_levels
    return (completed or call.open_to_other_leaders) and in_regions(call, facts.region_id)


def innovation_accepts(call: Call, facts: Facts) -> bool:
    """An innovation project: the level-3 bursary's rule, carried by a leader admitted to
    the lab."""
    return facts.person_in_lab and bursary_accepts(call, facts)


RULES = {
    CallKind.SEED: bursary_accepts,
    CallKind.ACCELERATION: bursary_accepts,
    CallKind.INNOVATION: innovation_accepts,
    CallKind.LEVEL2_SEAT: level2_seat_accepts,
    CallKind.LAB_SEAT: lab_seat_accepts,
}


def accepts(call: Call, facts: Facts) -> bool:
    """Whether the call's rule accepts the organisation (and person), dates aside."""
    return RULES[call.kind](call, facts)


def may_apply(call: Call, facts: Facts, *, today: date | None = None) -> bool:
    """Whether the organisation (and person) may apply to ``call`` now."""
    return call_is_open(call, today=today) and accepts(call, facts)
