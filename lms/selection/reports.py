"""A call's report for staff: its applications counted by state, the amounts requested and
granted against the call's budget and, for a bursary, against the level's quotas; for the
call as a whole and per region. Reads only, in a fixed number of queries.

Aggregates only, so that no organisation can be recognised in a small group:

* a count of one to four applications is shown as "<5" (``HIDDEN``); 0 is shown as 0;
* an amount is the sum over a group of applications (the submitted ones for the amount
  requested, the accepted ones for the amount granted); it is not shown ("—",
  ``NOT_SHOWN``, ``None`` in the report) when that group has one to four applications;
  nor is, then, the amount of the next smallest region (``_amounts_hidden``), so that the
  whole call's amount minus the regions' shown never gives a group of fewer than five;
* the level's bursaries awarded (every call of the level) are a count, suppressed alike.

The figures leave this module already suppressed: pages and exports cannot show more.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from lms.accounts.models import Region
from lms.pathway.models import PathwaySettings
from lms.privacy.aggregate import SMALL_GROUP, shown, too_small
from lms.selection.models import (
    BURSARY_LEVEL,
    Application,
    BudgetLine,
    Call,
    ConflictDeclaration,
    Decision,
    Outcome,
    RegionalQuota,
    Review,
)

#: What an amount over fewer than five applications shows instead.
NOT_SHOWN = "—"

ZERO = Decimal("0")

#: The counts of a group, in the order the page and the exports show them.
COUNTS = (
    "applications",
    "draft",
    "submitted",
    "under_review",
    "decided",
    "accepted",
    "waitlisted",
    "refused",
)


def _amounts_hidden(sizes: dict[int, int], whole: int) -> set[int]:
    """The regions whose amount is not shown, given the size of each one's group and of
    the whole call's: the small ones and, while the whole call's is shown and those hidden
    add up to fewer than five applications, the smallest other one (it has five or more,
    so one is enough)."""
    hidden = {region for region, size in sizes.items() if too_small(size)}
    others = sorted((size, region) for region, size in sizes.items() if size >= SMALL_GROUP)
    while hidden and not too_small(whole) and too_small(sum(sizes[r] for r in hidden)) and others:
        hidden.add(others.pop(0)[1])
    return hidden


@dataclass
class _Tally:
    """A group's raw figures, never shown as they are."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    #: The applications in the submitted state, whatever their review or decision.
    in_submitted_state: int = 0
    requested: Decimal = ZERO
    granted: Decimal = ZERO

    def add(self, row: dict) -> None:
        counts = self.counts
        counts["applications"] += 1
        outcome = row["outcome"]
        if row["state"] != Application.State.SUBMITTED and outcome is None:
            counts["draft"] += 1
            return
        if row["state"] == Application.State.SUBMITTED:
            self.in_submitted_state += 1
            self.requested += row["requested"] or ZERO
        if outcome is not None:
            counts["decided"] += 1
            counts[outcome] += 1
            if outcome == Outcome.ACCEPTED:
                self.granted += row["granted"] or ZERO
        elif row["followed"]:
            counts["under_review"] += 1
        else:
            counts["submitted"] += 1


@dataclass(frozen=True)
class GroupFigures:
    """A group's figures as shown: counts (an int, or "<5"), amounts (``None``: not shown)
    and, for a bursary, the quota (``None``: none set) and the level's bursaries awarded."""

    label: str
    slug: str
    applications: int | str
    draft: int | str
    submitted: int | str
    under_review: int | str
    decided: int | str
    accepted: int | str
    waitlisted: int | str
    refused: int | str
    requested: Decimal | None
    granted: Decimal | None
    quota: int | None = None
    awarded: int | str | None = None

    @classmethod
    def of(cls, tally: _Tally, *, label, slug, hide=(), quota=None, awarded=None) -> "GroupFigures":
        """``tally`` as shown, without the amounts named in ``hide``, nor any over fewer
        than five applications."""
        counts = tally.counts
        hide = {*hide}
        if too_small(tally.in_submitted_state):
            hide.add("requested")
        if too_small(counts["accepted"]):
            hide.add("granted")
        return cls(
            label=label,
            slug=slug,
            **{name: shown(counts[name]) for name in COUNTS},
            requested=None if "requested" in hide else tally.requested,
            granted=None if "granted" in hide else tally.granted,
            quota=quota,
            awarded=None if awarded is None else shown(awarded),
        )


@dataclass(frozen=True)
class CallReport:
    call: Call
    #: The call's budget (``None``: none set) and what is left of it once the amount
    #: granted is taken (``None`` when either is not known or not shown).
    budget: Decimal | None
    left: Decimal | None
    #: For a bursary: its level; else ``None``.
    level: int | None
    total: GroupFigures
    regions: list[GroupFigures]

    @property
    def is_bursary(self) -> bool:
        return self.level is not None


def _application_rows(call: Call):
    """One row per application of ``call``: region, state, whether a member has declared
    or scored, its latest decision's outcome and amount, the sum of its budget lines."""
    latest = Decision.objects.filter(application=OuterRef("pk")).order_by("-recorded_at", "-pk")
    requested = (
        BudgetLine.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    money = DecimalField(max_digits=12, decimal_places=2)
    return (
        Application.objects.filter(call=call)
        .annotate(
            followed=Exists(ConflictDeclaration.objects.filter(application=OuterRef("pk")))
            | Exists(Review.objects.filter(application=OuterRef("pk"))),
            outcome=Subquery(latest.values("outcome")[:1]),
            granted=Subquery(latest.values("amount")[:1], output_field=money),
            requested=Coalesce(Subquery(requested, output_field=money), ZERO, output_field=money),
        )
        .order_by()
        .values("organisation__region_id", "state", "followed", "outcome", "granted", "requested")
    )


def _awarded(level: int) -> dict[int, int]:
    """Accepted decisions of every call of ``level``'s bursary, per region."""
    kinds = [kind for kind, number in BURSARY_LEVEL.items() if number == level]
    # An accepted decision is final: one per application, always its latest.
    return dict(
        Decision.objects.filter(outcome=Outcome.ACCEPTED, application__call__kind__in=kinds)
        .order_by()
        .values("application__organisation__region_id")
        .annotate(count=Count("pk"))
        .values_list("application__organisation__region_id", "count")
    )


def call_report(call: Call, *, request=None) -> CallReport:
    """Return ``call``'s applications by state and its amounts, overall and per region,
    suppressed as the module says. At most six queries for a bursary, three for a seat,
    whatever the number of applications and regions."""
    tallies: dict[int, _Tally] = defaultdict(_Tally)
    total = _Tally()
    for row in _application_rows(call):
        tallies[row["organisation__region_id"]].add(row)
        total.add(row)
    # The call's regions (none: every region), and any other region an application is
    # from (an organisation that moved since).
    call_regions = {region.pk for region in call.regions.all()}
    regions = Region.objects.filter(Q(pk__in=call_regions) | Q(pk__in=list(tallies)))
    level = BURSARY_LEVEL.get(call.kind)
    quotas: dict[int, int] = {}
    awarded: dict[int, int] = {}
    planned = None
    if level is not None:
        planned = PathwaySettings.load(request_or_site=request).quota(level)
        quotas = dict(
            RegionalQuota.objects.filter(level=level).order_by().values_list("region_id", "planned")
        )
        awarded = _awarded(level)
    hidden = {
        "requested": _amounts_hidden(
            {pk: tally.in_submitted_state for pk, tally in tallies.items()},
            total.in_submitted_state,
        ),
        "granted": _amounts_hidden(
            {pk: tally.counts["accepted"] for pk, tally in tallies.items()},
            total.counts["accepted"],
        ),
    }
    rows = [
        GroupFigures.of(
            tallies[region.pk],
            label=region.name,
            slug=region.slug,
            hide=[amount for amount, regions in hidden.items() if region.pk in regions],
            quota=quotas.get(region.pk),
            awarded=awarded.get(region.pk, 0) if level is not None else None,
        )
        for region in regions.order_by("sort_order", "name")
    ]
    overall = GroupFigures.of(
        total,
        label=gettext("Whole call"),
        slug="total",
        quota=planned,
        awarded=sum(awarded.values()) if level is not None else None,
    )
    left = None
    if call.budget is not None and overall.granted is not None:
        left = call.budget - overall.granted
    return CallReport(
        call=call, budget=call.budget, left=left, level=level, total=overall, regions=rows
    )


def count_labels() -> list[tuple[str, str]]:
    """Each count's name and what it is called, in the language of the moment."""
    return [
        ("applications", gettext("Applications")),
        ("draft", gettext("Drafts (incl. returned for changes)")),
        ("submitted", gettext("Submitted, not yet reviewed")),
        ("under_review", gettext("Under review")),
        ("decided", gettext("Decided")),
        ("accepted", gettext("Decided: accepted")),
        ("waitlisted", gettext("Decided: waitlisted")),
        ("refused", gettext("Decided: refused")),
    ]


def report_rows(report: CallReport) -> list[list]:
    """The report as a spreadsheet's rows, in the language of the moment: the header, a
    row per region, then the whole call; what is not shown says "<5" or "—"."""
    header = [
        gettext("Region"),
        *(label for _name, label in count_labels()),
        gettext("Amount requested ($)"),
        gettext("Amount granted ($)"),
    ]
    if report.is_bursary:
        header += [gettext("Bursaries planned"), gettext("Bursaries awarded (every call)")]
    header.append(gettext("Budget of the call ($)"))
    rows = [header]
    for group in [*report.regions, report.total]:
        row = [group.label, *(getattr(group, name) for name, _label in count_labels())]
        amounts = (group.requested, group.granted)
        row += [NOT_SHOWN if amount is None else amount for amount in amounts]
        if report.is_bursary:
            row += ["" if group.quota is None else group.quota, group.awarded]
        is_total = group is report.total
        row.append(report.budget if is_total and report.budget is not None else "")
        rows.append(row)
    return rows
