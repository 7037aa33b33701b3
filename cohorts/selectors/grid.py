"""The facilitators' progress grid: a cohort's learners by organisation, their status on
each live module of the course against the cohort's calendar, who is behind or inactive,
and the share of learners who finished each week."""

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.db.models import Max
from django.utils import timezone
from django.utils.text import Truncator

from cohorts.models import Cohort
from cohorts.selectors.calendar import calendar_position
from cohorts.selectors.people import (
    cohort_members,
    cohort_organisations,
    find_organisation,
    name_sort_key,
)
from content.i18n import localized_pages
from courses.models import ActivityResponse, ModuleCompletion, ModuleFeedback, ModulePage
from courses.schedule import CourseCalendar
from lms.accounts.models import Organisation, User


class CellStatus:
    """Where a learner stands on one module."""

    DONE = "done"  # a ModuleCompletion exists
    IN_PROGRESS = "in_progress"  # no completion, but at least one ActivityResponse
    NOT_STARTED = "not_started"


class GridStatusFilter:
    """Which learners ``?status=`` keeps."""

    BEHIND = "behind"
    INACTIVE = "inactive"
    FLAGGED = "flagged"  # behind or inactive
    OK = "ok"  # neither
    ALL = ""


class GridSort:
    NAME = "name"
    PROGRESS = "progress"  # the fewest modules done first
    ACTIVITY = "activity"  # the longest without activity first


@dataclass
class GridColumn:
    """One live module of the cohort's course (French page), in the course's order."""

    module_id: int  # the French page's id, which records point at
    week: int
    title: str  # in the reader's language where translated
    short_title: str
    required: bool
    is_current_week: bool = False
    #: How many of the rows shown have completed it.
    done_count: int = 0


@dataclass
class GridRow:
    """One learner (a seated leader, in the lab) and their status on every column."""

    learner: User
    name: str
    statuses: list[str]
    done: int
    #: Required modules whose week has come, and how many of those are done.
    required_due: int
    required_due_done: int
    last_activity: datetime | None
    #: Days without activity: since the last one, or since the cohort started.
    idle_days: int
    behind: bool
    inactive: bool

    @property
    def behind_by(self) -> int:
        return self.required_due - self.required_due_done

    @property
    def flagged(self) -> bool:
        return self.behind or self.inactive


@dataclass
class GridGroup:
    """An organisation and its learners (in the lab, its seated leaders); ``organisation``
    is None for leaders who belong to no organisation."""

    organisation: Organisation | None
    rows: list[GridRow]


@dataclass
class WeekCompletion:
    """One week of the calendar in the completion chart."""

    week: int
    opens_on: date | None
    required_count: int  # required modules of that week
    expected_percent: int  # 100 once the week is open, 0 before
    done_count: int  # learners who completed all the week's required modules
    learner_count: int

    @property
    def percent(self) -> int:
        if not self.learner_count:
            return 0
        return round(100 * self.done_count / self.learner_count)


@dataclass
class CohortGrid:
    """The progress of a cohort's learners, module by module, against its calendar."""

    cohort: Cohort
    today: date
    columns: list[GridColumn]
    groups: list[GridGroup]
    week_starts: dict[int, date]
    #: The latest week whose start is on or before today (None before week 1).
    expected_week: int | None
    #: Today falls in a pause week (after ``expected_week``, before the next one).
    is_pause: bool
    #: The last week is over.
    has_ended: bool
    #: How many learners the whole cohort has, whatever the filters.
    cohort_learner_count: int = 0

    @property
    def rows(self) -> list[GridRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def learner_count(self) -> int:
        return sum(len(g.rows) for g in self.groups)

    @property
    def organisations(self) -> list:
        return [g.organisation for g in self.groups if g.organisation is not None]

    @property
    def next_week_starts_on(self) -> date | None:
        week = (self.expected_week or 0) + 1
        return self.week_starts.get(week)

    def organisation(self, organisation_id) -> Organisation:
        """Return one of the cohort's organisations by id, or 404 (whatever the id)."""
        return find_organisation(self.organisations, organisation_id)

    def filtered(self, *, organisation=None, status: str = "", sort: str = "") -> "CohortGrid":
        """Return the grid with only one organisation's rows and/or the rows of a status,
        sorted by name, progress or last activity; column totals count the rows kept."""
        keep = {
            GridStatusFilter.BEHIND: lambda r: r.behind,
            GridStatusFilter.INACTIVE: lambda r: r.inactive,
            GridStatusFilter.FLAGGED: lambda r: r.flagged,
            GridStatusFilter.OK: lambda r: not r.flagged,
        }.get(status)
        groups = []
        for group in self.groups:
            if organisation is not None and group.organisation != organisation:
                continue
            rows = [r for r in group.rows if keep is None or keep(r)]
            if keep is not None and not rows:
                continue  # an organisation none of whose learners match
            groups.append(GridGroup(organisation=group.organisation, rows=rows))
        groups = _sorted_groups(groups, sort)
        columns = [replace(c) for c in self.columns]
        _count_done(columns, [r for g in groups for r in g.rows])
        return replace(self, columns=columns, groups=groups)

    def completion_by_week(self) -> list[WeekCompletion]:
        """Return, for each week with required modules, the share of this grid's learners
        who finished that week's required modules, against the share expected by now."""
        calendar = CourseCalendar(week_starts=self.week_starts, source="cohort")
        rows = self.rows
        by_week: dict[int, list[int]] = {}
        for index, column in enumerate(self.columns):
            if column.required:
                by_week.setdefault(column.week, []).append(index)
        weeks = []
        for week, indexes in sorted(by_week.items()):
            opens_on = calendar.opens_on(week)
            done = sum(1 for r in rows if all(r.statuses[i] == CellStatus.DONE for i in indexes))
            weeks.append(
                WeekCompletion(
                    week=week,
                    opens_on=opens_on,
                    required_count=len(indexes),
                    expected_percent=100 if opens_on is not None and opens_on <= self.today else 0,
                    done_count=done,
                    learner_count=len(rows),
                )
            )
        return weeks


#: How many characters of a module's title its column shows.
SHORT_TITLE_LENGTH = 28


def cohort_grid(*, cohort: Cohort, today: date | None = None) -> CohortGrid:
    """Return the cohort's progress grid: its organisations with their learners (the seated
    leaders, in the lab), the course's live modules in order, each learner's status on
    each, totals, last activity and who is behind or inactive.

    A fixed number of queries whatever the number of learners and modules (seven, plus
    one or two for the modules' titles when the reader's language is not French).
    """
    today = today or timezone.localdate()
    week_starts = cohort.week_starts()
    current, is_pause, has_ended = calendar_position(week_starts=week_starts, today=today)
    columns = _grid_columns(cohort, current_week=None if is_pause or has_ended else current)
    members = list(cohort_members(cohort=cohort))
    activity = _learning_activity(
        learner_ids=[m.pk for m in members], module_ids=[c.module_id for c in columns]
    )
    due = [  # the indexes of the required columns whose week has come
        i for i, c in enumerate(columns) if c.required and current is not None and c.week <= current
    ]
    rows = [
        _grid_row(member, cohort=cohort, today=today, columns=columns, due=due, activity=activity)
        for member in members
    ]
    grid = CohortGrid(
        cohort=cohort,
        today=today,
        columns=columns,
        groups=_grid_groups(cohort, members=members, rows=rows),
        week_starts=week_starts,
        expected_week=current,
        is_pause=is_pause,
        has_ended=has_ended,
        cohort_learner_count=len(members),
    )
    return grid.filtered(sort=GridSort.NAME)


def _grid_columns(cohort: Cohort, *, current_week: int | None) -> list[GridColumn]:
    """The course's live modules in order, titled in the reader's language; those of
    ``current_week`` (None in a pause or once the calendar is over) marked."""
    modules = list(
        ModulePage.objects.child_of(cohort.course)
        .live()
        .only("pk", "title", "week", "required", "path", "translation_key", "locale_id")
        .order_by("path")
    )
    return [
        GridColumn(
            module_id=module.pk,
            week=module.week,
            title=localized.title,
            short_title=Truncator(localized.title).chars(SHORT_TITLE_LENGTH),
            required=module.required,
            is_current_week=module.week == current_week,
        )
        for module, localized in zip(modules, localized_pages(modules), strict=True)
    ]


@dataclass
class _LearningActivity:
    """What learners did on modules: the (learner, module) pairs completed, those with an
    answer, and each learner's latest completion, answer or feedback."""

    done: set[tuple[int, int]] = field(default_factory=set)
    started: set[tuple[int, int]] = field(default_factory=set)
    last: dict[int, datetime] = field(default_factory=dict)

    def saw(self, learner_id: int, at: datetime | None) -> None:
        if at is not None and (learner_id not in self.last or at > self.last[learner_id]):
            self.last[learner_id] = at

    def status(self, learner_id: int, module_id: int) -> str:
        if (learner_id, module_id) in self.done:
            return CellStatus.DONE
        if (learner_id, module_id) in self.started:
            return CellStatus.IN_PROGRESS
        return CellStatus.NOT_STARTED


def _learning_activity(*, learner_ids: list[int], module_ids: list[int]) -> _LearningActivity:
    """Read the learners' completions, answers and feedback on the modules: three queries
    (none without learners or modules)."""
    activity = _LearningActivity()
    if not learner_ids or not module_ids:
        return activity
    records = {"learner_id__in": learner_ids, "module_id__in": module_ids}
    completions = ModuleCompletion.objects.filter(**records)
    for learner_id, module_id, at in completions.values_list(
        "learner_id", "module_id", "completed_at"
    ):
        activity.done.add((learner_id, module_id))
        activity.saw(learner_id, at)
    answers = ActivityResponse.objects.filter(**records).values("learner_id", "module_id")
    for item in answers.annotate(at=Max("updated_at")).order_by():
        activity.started.add((item["learner_id"], item["module_id"]))
        activity.saw(item["learner_id"], item["at"])
    feedback = ModuleFeedback.objects.filter(**records).values("learner_id")
    for item in feedback.annotate(at=Max("updated_at")).order_by():
        activity.saw(item["learner_id"], item["at"])
    return activity


def _grid_row(
    member: User,
    *,
    cohort: Cohort,
    today: date,
    columns: list[GridColumn],
    due: list[int],
    activity: _LearningActivity,
) -> GridRow:
    """One learner's row: a status per column, the due required columns (``due``, their
    indexes) done, days without activity, and the cohort's flags."""
    statuses = [activity.status(member.pk, column.module_id) for column in columns]
    due_done = sum(1 for i in due if statuses[i] == CellStatus.DONE)
    last_activity = activity.last.get(member.pk)
    since = timezone.localdate(last_activity) if last_activity is not None else cohort.starts_on
    idle_days = max(0, (today - since).days)
    return GridRow(
        learner=member,
        name=member.get_full_name() or member.email,
        statuses=statuses,
        done=statuses.count(CellStatus.DONE),
        required_due=len(due),
        required_due_done=due_done,
        last_activity=last_activity,
        idle_days=idle_days,
        behind=len(due) - due_done >= cohort.behind_modules,
        inactive=idle_days >= cohort.inactive_days,
    )


def _grid_groups(cohort: Cohort, *, members: list[User], rows: list[GridRow]) -> list[GridGroup]:
    """The rows by organisation, in the cohort's organisations' order, even those without
    learners; then, in the lab, the leaders who belong to no organisation."""
    rows_by_group: dict[int | None, list[GridRow]] = {}
    for row in rows:
        rows_by_group.setdefault(row.learner.organisation_id, []).append(row)
    groups = [
        GridGroup(organisation=o, rows=rows_by_group.get(o.pk, []))
        for o in cohort_organisations(cohort=cohort, members=members)
    ]
    if rows_by_group.get(None):
        groups.append(GridGroup(organisation=None, rows=rows_by_group[None]))
    return groups


def _count_done(columns: list[GridColumn], rows: list[GridRow]) -> None:
    for index, column in enumerate(columns):
        column.done_count = sum(1 for r in rows if r.statuses[index] == CellStatus.DONE)


def _sorted_groups(groups: list[GridGroup], sort: str) -> list[GridGroup]:
    """Sort learners within each organisation, and organisations by their first learner
    under the same order (the one most behind, or idle the longest, leads)."""
    if sort == GridSort.PROGRESS:

        def key(r):
            return (r.done, r.required_due_done, name_sort_key(r.name))
    elif sort == GridSort.ACTIVITY:

        def key(r):
            return (-r.idle_days, name_sort_key(r.name))
    else:

        def key(r):
            return name_sort_key(r.name)

    for group in groups:
        group.rows.sort(key=key)

    def group_key(group):
        name = name_sort_key(group.organisation.name) if group.organisation else "\uffff"
        if sort in (GridSort.PROGRESS, GridSort.ACTIVITY) and group.rows:
            return (0, key(group.rows[0]), name)
        return (1 if sort in (GridSort.PROGRESS, GridSort.ACTIVITY) else 0, (), name)

    return sorted(groups, key=group_key)


def cohort_flagged_learner_ids(cohort: Cohort) -> set[int]:
    """Return the ids of the cohort's learners flagged as behind or inactive today, by
    the same rule as the progress grid."""
    return {row.learner.pk for row in cohort_grid(cohort=cohort).rows if row.flagged}
