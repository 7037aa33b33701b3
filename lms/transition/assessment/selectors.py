"""The self-assessment's reads: the questionnaire, who answers for which organisation,
the organisation's combined result per round and the comparison of two rounds, the
modules that address its weakest dimensions, and the programme's aggregates.

Combining colleagues' takes (``combine``): each finished take gives a dimension the mean
of its answers to that dimension's questions (levels 1 to 5); the organisation's result
per dimension is the **median** of its colleagues' values and their **spread** (highest
minus lowest); a spread of ``DISAGREEMENT`` levels or more makes the dimension a talking
point. Only finished takes count; each is read in its own copy of the questionnaire.

Every selector runs a fixed number of queries, whatever the number of colleagues, rounds
or organisations (tests count them).
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch

from cohorts.models import CohortSeat
from content.i18n import localized_pages
from lms.accounts.models import Organisation, Region
from lms.accounts.roles import learner_accounts
from lms.kept import kept_until_pages_change
from lms.privacy.aggregate import SMALL_GROUP
from lms.transition.assessment.models import ResultSharing, Round, SelfAssessmentPage, Take
from lms.transition.assessment.questionnaire import dimensions, question_keys

#: Colleagues whose values on a dimension are this many levels apart disagree.
DISAGREEMENT = 2
#: How many of the weakest dimensions the result suggests modules for.
WEAKEST = 3
#: Programme staff see no figure of a group of fewer organisations than this (the
#: privacy rule of every report, ``lms.privacy.aggregate``).
MIN_GROUP = SMALL_GROUP


def questionnaire_page() -> SelfAssessmentPage | None:
    """Return the published questionnaire (its French page), or None (kept until pages
    change: "Mon parcours" asks for it on every visit)."""
    return kept_until_pages_change(
        "questionnaire_page",
        lambda: (
            SelfAssessmentPage.objects.live()
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .order_by("path")
            .first()
        ),
    )


def learner_organisation(user) -> Organisation | None:
    """Return the organisation ``user`` answers for: theirs, if they are one of its
    learners (an active account with the learner role); None for anyone else."""
    if not user.is_authenticated or not user.organisation_id:
        return None
    found = (
        learner_accounts()
        .filter(pk=user.pk, organisation__isnull=False)
        .select_related("organisation")
        .first()
    )
    return found.organisation if found else None


def is_contact(*, user, organisation: Organisation) -> bool:
    """Whether ``user`` is one of the organisation's contact people."""
    return organisation.contacts.filter(person=user).exists()


def is_shared(organisation: Organisation) -> bool:
    """Whether the organisation shares its results with its cohorts' facilitators."""
    return ResultSharing.objects.filter(organisation=organisation, shared=True).exists()


# --- Combining takes ----------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionResult:
    key: str
    title: str
    data_use: bool
    #: The median of the colleagues' values, and their spread (highest minus lowest).
    median: float
    spread: float
    #: How many finished takes answered it.
    takes: int

    @property
    def disagreement(self) -> bool:
        return self.spread >= DISAGREEMENT


@dataclass(frozen=True)
class AssessmentResult:
    """An organisation's combined result for one round."""

    round: Round
    #: How many colleagues finished their take.
    takes: int
    dimensions: list[DimensionResult]

    @property
    def talking_points(self) -> list[DimensionResult]:
        """The dimensions colleagues disagree on by ``DISAGREEMENT`` levels or more."""
        return [d for d in self.dimensions if d.disagreement]

    @property
    def weakest(self) -> list[DimensionResult]:
        """The ``WEAKEST`` lowest medians, in the questionnaire's order for equal ones."""
        return sorted(self.dimensions, key=lambda d: d.median)[:WEAKEST]

    def dimension(self, key: str) -> DimensionResult | None:
        return next((d for d in self.dimensions if d.key == key), None)


def take_values(take: Take) -> dict[str, float]:
    """Return a take's value per dimension: the mean of its answers there."""
    values = {}
    for dimension in take.questions:
        levels = [
            take.answers[q["key"]] for q in dimension["questions"] if q["key"] in take.answers
        ]
        if levels:
            values[dimension["key"]] = round(statistics.fmean(levels), 2)
    return values


def combine(takes: list[Take], language: str | None = None) -> list[DimensionResult]:
    """Combine colleagues' finished takes: per dimension the median, the spread and the
    number of takes; dimensions in the latest take's order (older ones' after)."""
    titles: dict[str, tuple[str, bool]] = {}
    for take in sorted(takes, key=lambda t: t.finished_at, reverse=True):
        for dimension in dimensions(take.questions, language):
            titles.setdefault(dimension.key, (dimension.title, dimension.data_use))
    values = defaultdict(list)
    for take in takes:
        for key, value in take_values(take).items():
            values[key].append(value)
    return [
        DimensionResult(
            key=key,
            title=title,
            data_use=data_use,
            median=round(statistics.median(values[key]), 2),
            spread=round(max(values[key]) - min(values[key]), 2),
            takes=len(values[key]),
        )
        for key, (title, data_use) in titles.items()
        if values[key]
    ]


def _finished() -> Prefetch:
    return Prefetch(
        "takes",
        queryset=Take.objects.filter(finished_at__isnull=False).only(
            "round_id", "questions", "answers", "finished_at"
        ),
        to_attr="finished_takes",
    )


def _result(round: Round, language: str | None = None) -> AssessmentResult:
    takes = round.finished_takes
    return AssessmentResult(round=round, takes=len(takes), dimensions=combine(takes, language))


def organisation_results(organisation: Organisation) -> list[AssessmentResult]:
    """Return the organisation's result for each of its rounds, the first round first
    (a round without a finished take has an empty result). Two queries."""
    rounds = Round.objects.filter(organisation=organisation).order_by("number")
    return [_result(r) for r in rounds.prefetch_related(_finished())]


def latest_result(organisation: Organisation) -> AssessmentResult | None:
    """Return the organisation's latest combined result, or None if no colleague has
    finished a take yet.

    For the transition plan's "situation": ``result.round`` (its ``number``,
    ``opened_at``, ``closed_at``: None while open), ``result.takes`` (how many colleagues
    finished), and ``result.dimensions``, in the questionnaire's order, each with its
    ``title`` (in the active language), ``median`` and ``spread`` (levels 1 to 5, as
    floats), ``takes``, ``data_use`` (the programme's "use of the data of the people
    served") and ``disagreement`` (colleagues two levels apart or more);
    ``result.weakest`` and ``result.talking_points`` list the same records. Two queries.
    """
    found = (
        Round.objects.filter(organisation=organisation, takes__finished_at__isnull=False)
        .order_by("-number")
        .prefetch_related(_finished())
        .first()
    )
    return _result(found) if found else None


# --- Comparing two rounds -----------------------------------------------------------------


@dataclass(frozen=True)
class DimensionChange:
    key: str
    title: str
    data_use: bool
    previous: float | None
    current: float | None

    @property
    def change(self) -> float | None:
        if self.previous is None or self.current is None:
            return None
        return round(self.current - self.previous, 2)


def compare(current: AssessmentResult, previous: AssessmentResult | None) -> list[DimensionChange]:
    """Put two rounds' medians side by side, per dimension (the current round's order,
    then the dimensions only the previous round had)."""
    changes = []
    seen = set()
    for dimension in current.dimensions:
        before = previous.dimension(dimension.key) if previous else None
        changes.append(
            DimensionChange(
                key=dimension.key,
                title=dimension.title,
                data_use=dimension.data_use,
                previous=before.median if before else None,
                current=dimension.median,
            )
        )
        seen.add(dimension.key)
    for dimension in previous.dimensions if previous else []:
        if dimension.key not in seen:
            changes.append(
                DimensionChange(
                    key=dimension.key,
                    title=dimension.title,
                    data_use=dimension.data_use,
                    previous=dimension.median,
                    current=None,
                )
            )
    return changes


# --- The modules that address a dimension -------------------------------------------------


def dimension_modules(keys: list[str]) -> dict[str, list]:
    """Return the modules the authors tagged on each dimension (by key), in the reader's
    language where translated. A fixed number of queries."""
    page = questionnaire_page()
    if page is None or not keys:
        return {}
    tagged = {
        str(child.id): [module for module in child.value["modules"] if module and module.live]
        for child in page.dimensions
        if str(child.id) in keys
    }
    shown = {
        module.pk: localized
        for module, localized in zip(
            [m for modules in tagged.values() for m in modules],
            localized_pages([m for modules in tagged.values() for m in modules]),
            strict=True,
        )
    }
    return {key: [shown[m.pk] for m in modules] for key, modules in tagged.items()}


# --- A learner's own take -----------------------------------------------------------------


@dataclass
class TakeProgress:
    take: Take
    answered: int
    total: int
    #: The first step (1-based) with a question left, or None.
    next_step: int | None = None
    steps: list = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.take.finished_at is not None


def take_progress(take: Take, language: str | None = None) -> TakeProgress:
    """Return how far a take is: questions answered, the step to resume at."""
    shown = dimensions(take.questions, language)
    keys = question_keys(take.questions)
    next_step = next(
        (
            index
            for index, dimension in enumerate(shown, start=1)
            if any(key not in take.answers for key in dimension.question_keys)
        ),
        None,
    )
    return TakeProgress(
        take=take,
        answered=len(keys & set(take.answers)),
        total=len(keys),
        next_step=next_step,
        steps=shown,
    )


def organisation_overview(*, organisation: Organisation, learner) -> dict:
    """What the questionnaire's page shows a learner of the organisation: its rounds, the
    open one, their own takes. Three queries."""
    rounds = list(
        Round.objects.filter(organisation=organisation)
        .order_by("-number")
        .prefetch_related(_finished())
    )
    own = {
        take.round_id: take
        for take in Take.objects.filter(round__organisation=organisation, learner=learner)
    }
    open_round = next((r for r in rounds if r.is_open), None)
    open_take = own.get(open_round.pk) if open_round else None
    return {
        "rounds": [(r, len(r.finished_takes), own.get(r.pk)) for r in rounds],
        "open_round": open_round,
        "open_take": take_progress(open_take) if open_take else None,
    }


# --- The programme's aggregates -----------------------------------------------------------


@dataclass(frozen=True)
class GroupAggregate:
    name: str
    #: How many organisations have a result in the group.
    count: int
    #: Per dimension (the questionnaire's order): the median of the organisations'
    #: medians, None where fewer than ``MIN_GROUP`` organisations answered it.
    medians: list[float | None]

    @property
    def suppressed(self) -> bool:
        return self.count < MIN_GROUP


@dataclass(frozen=True)
class StaffAggregates:
    dimensions: list
    regions: list[GroupAggregate]
    cohorts: list[GroupAggregate]
    min_group: int = MIN_GROUP


def _aggregate(name: str, medians: list[dict[str, float]], keys: list[str]) -> GroupAggregate:
    count = len(medians)
    values = []
    for key in keys:
        found = [m[key] for m in medians if key in m]
        enough = count >= MIN_GROUP and len(found) >= MIN_GROUP
        values.append(round(statistics.median(found), 2) if enough else None)
    return GroupAggregate(name=name, count=count, medians=values)


def staff_aggregates(language: str | None = None) -> StaffAggregates:
    """Return, per region and per cohort, how many organisations have a result and the
    median of their medians per dimension (each organisation's latest result), with no
    figure for a group of fewer than ``MIN_GROUP``. A fixed number of queries."""
    page = questionnaire_page()
    shown = localized_pages([page], language)[0] if page else None
    live = [(str(child.id), child.value["title"]) for child in shown.dimensions] if shown else []
    keys = [key for key, _title in live]
    latest: dict[int, list[Take]] = {}
    numbers: dict[int, int] = {}
    takes = (
        Take.objects.filter(finished_at__isnull=False)
        .select_related("round")
        .only("questions", "answers", "finished_at", "round__organisation_id", "round__number")
    )
    for take in takes:
        organisation_id, number = take.round.organisation_id, take.round.number
        if number > numbers.get(organisation_id, 0):
            numbers[organisation_id], latest[organisation_id] = number, []
        if number == numbers[organisation_id]:
            latest[organisation_id].append(take)
    medians = {
        organisation_id: {d.key: d.median for d in combine(found, language)}
        for organisation_id, found in latest.items()
    }
    by_region = defaultdict(list)
    for organisation_id, region_id in Organisation.objects.filter(pk__in=list(medians)).values_list(
        "pk", "region_id"
    ):
        by_region[region_id].append(medians[organisation_id])
    by_cohort = defaultdict(list)
    cohorts = {}
    for seat in (
        CohortSeat.objects.active()
        .filter(organisation_id__in=list(medians))
        .select_related("cohort")
        .order_by("-cohort__starts_on", "cohort__name")
    ):
        cohorts[seat.cohort_id] = seat.cohort.name
        by_cohort[seat.cohort_id].append(medians[seat.organisation_id])
    return StaffAggregates(
        dimensions=[title for _key, title in live],
        regions=[
            _aggregate(region.name, by_region.get(region.pk, []), keys)
            for region in Region.objects.all()
        ],
        cohorts=[_aggregate(name, by_cohort[pk], keys) for pk, name in cohorts.items()],
    )
