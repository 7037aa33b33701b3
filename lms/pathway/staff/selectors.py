"""Reads behind the programme staff's admin: eligible organisations, their evidence, the
quotas report and the review requests.

Kept apart from ``selectors.py`` (the learner's pages) so that the two sides can change
independently. Every read here makes a fixed number of queries, whatever the number of
eligibilities: the tests count them.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import Level
from lms.accounts.models import Region
from lms.pathway.models import (
    BursaryEligibility,
    EligibilityChange,
    PathwaySettings,
    ReviewRequest,
)
from lms.pathway.services import COUNTED_STATUSES

# --- Eligibilities ----------------------------------------------------------------------


def eligibilities_for_staff() -> QuerySet[BursaryEligibility]:
    """Return every eligibility with what its listing and export show, in one query."""
    return BursaryEligibility.objects.select_related("organisation", "region")


def eligibility_for_staff(*, pk: int) -> BursaryEligibility | None:
    """Return one eligibility with its organisation, region, completion and learner."""
    return (
        BursaryEligibility.objects.select_related("organisation", "region", "completion__learner")
        .filter(pk=pk)
        .first()
    )


def eligibility_history(*, eligibility: BursaryEligibility) -> list[EligibilityChange]:
    """Return the eligibility's status changes, oldest first, with who made them."""
    return list(eligibility.changes.select_related("changed_by").order_by("changed_at", "pk"))


def status_label(value: str) -> str:
    """The label of a status value; an empty value is the grant itself."""
    if not value:
        return _("(granted)")
    try:
        return str(BursaryEligibility.Status(value).label)
    except ValueError:
        return value


# --- Evidence ---------------------------------------------------------------------------

#: What each kind of record is, as staff read it.
RECORD_KINDS = {
    "attendance": gettext_lazy("Live session attended"),
    "replay": gettext_lazy("Replay watched"),
    "module": gettext_lazy("Module completed"),
    "transition_plan": gettext_lazy("Digital transition plan submitted"),
}
#: Which rule decided, as staff read it.
RULES = {
    "level1.live_session": gettext_lazy("Attended a live session of the level 1 webinar"),
    "level1.replay": gettext_lazy("Watched the replay of the level 1 webinar"),
    "level2.course_and_plan": gettext_lazy(
        "Completed the level 2 course, with a cohort seat and the transition plan submitted"
    ),
    "level3.lab": gettext_lazy("Completed the leadership lab"),
}
#: Keys of a record shown in their own column, or not at all (``kind``, the id).
_SHOWN_APART = {"kind", "id", "webinar", "module", "session_start", "completed_at"}


@dataclass
class EvidenceRow:
    kind: str
    reference: str
    title: str
    date: datetime | None
    details: list[str] = field(default_factory=list)


def _minutes(seconds) -> int:
    try:
        return round(int(seconds) / 60)
    except (TypeError, ValueError):
        return 0


def _detail(key: str, value) -> str:
    if key == "minutes_present":
        return _("%(minutes)s min present") % {"minutes": value}
    if key == "watched_seconds":
        return _("%(minutes)s min watched") % {"minutes": _minutes(value)}
    if key == "revision":
        return _("revision %(id)s") % {"id": value}
    if key == "source":
        return _("recorded by: %(source)s") % {"source": value}
    if key == "organisation":
        return _("organisation no. %(id)s") % {"id": value}
    return f"{key}: {value}"


def evidence_rows(evidence: dict) -> list[EvidenceRow]:
    """Turn the records an eligibility rests on into rows a person can read.

    Known keys get words; any other key is shown as it is, so that nothing the decision
    rested on is hidden.
    """
    rows = []
    for record in (evidence or {}).get("records") or []:
        if not isinstance(record, dict):
            rows.append(EvidenceRow(kind=str(record), reference="", title="", date=None))
            continue
        kind = record.get("kind", "")
        moment = record.get("session_start") or record.get("completed_at")
        rows.append(
            EvidenceRow(
                kind=str(RECORD_KINDS.get(kind, kind)),
                reference=f"#{record['id']}" if record.get("id") is not None else "",
                title=str(record.get("webinar") or record.get("module") or ""),
                date=parse_datetime(moment) if isinstance(moment, str) else None,
                details=[
                    _detail(key, value)
                    for key, value in record.items()
                    if key not in _SHOWN_APART and value not in (None, "")
                ],
            )
        )
    return rows


def evidence_rule(evidence: dict) -> str:
    """The rule an eligibility was decided on, in words."""
    rule = (evidence or {}).get("rule", "")
    return str(RULES.get(rule, rule))


# --- Quotas -----------------------------------------------------------------------------


@dataclass
class LevelQuota:
    level: int
    label: str
    planned: int
    used: int

    @property
    def remaining(self) -> int:
        return self.planned - self.used

    @property
    def beyond(self) -> int:
        """How many eligibilities are counted beyond the planned number (0 if none)."""
        return max(0, -self.remaining)


@dataclass
class RegionRow:
    region: Region
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class QuotaReport:
    levels: list[LevelQuota]
    regions: list[RegionRow]

    @property
    def totals(self) -> list[int]:
        return [quota.used for quota in self.levels]

    @property
    def total(self) -> int:
        return sum(self.totals)


def quota_report(*, request=None) -> QuotaReport:
    """Return, per level, the bursaries planned, used and left, and per region the
    eligibilities that use the quota. Three queries, whatever the number of eligibilities."""
    settings = PathwaySettings.load(request_or_site=request)
    counts = {
        (row["region_id"], row["level"]): row["count"]
        for row in BursaryEligibility.objects.filter(status__in=COUNTED_STATUSES)
        .values("region_id", "level")
        .annotate(count=Count("pk"))
        .order_by()
    }
    levels = [
        LevelQuota(
            level=level.value,
            label=str(level.label),
            planned=settings.quota(level.value),
            used=sum(n for (_region, number), n in counts.items() if number == level.value),
        )
        for level in Level
    ]
    regions = [
        RegionRow(region=region, counts=[counts.get((region.pk, level), 0) for level in Level])
        for region in Region.objects.order_by("sort_order", "name")
    ]
    return QuotaReport(levels=levels, regions=regions)


# --- Review requests --------------------------------------------------------------------


def review_requests_for_staff() -> QuerySet[ReviewRequest]:
    """Return every review request with its person, organisation and who closed it."""
    return ReviewRequest.objects.select_related(
        "requested_by__organisation", "eligibility__organisation", "closed_by"
    )


def review_request_organisation(review_request: ReviewRequest):
    """The organisation a request is about: its eligibility's, else the person's."""
    if review_request.eligibility is not None:
        return review_request.eligibility.organisation
    return review_request.requested_by.organisation
