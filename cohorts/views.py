"""The facilitators' pages: their cohorts, each one's progress grid and exports, and one
organisation's page. Programme staff reach every cohort; a facilitator reaches only the
cohorts they facilitate (anything else is a 404, whatever the URL or parameter)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from cohorts import exports
from cohorts.charts import completion_chart
from cohorts.selectors.access import followed_cohort, follower_role, visible_cohorts
from cohorts.selectors.attendance import cohort_attendance
from cohorts.selectors.calendar import calendar_position
from cohorts.selectors.grid import GridSort, GridStatusFilter, cohort_grid
from cohorts.selectors.people import cohort_members, cohort_organisations, find_organisation
from cohorts.selectors.plans import KEYS, transition_states
from cohorts.services import facilitator_access_log
from lms.person_cache import kept_for_person

STATUS_CHOICES = [
    (GridStatusFilter.ALL, _("Everyone")),
    (GridStatusFilter.FLAGGED, _("Flagged (behind or inactive)")),
    (GridStatusFilter.BEHIND, _("Behind")),
    (GridStatusFilter.INACTIVE, _("Inactive")),
    (GridStatusFilter.OK, _("Not flagged")),
]
SORT_CHOICES = [
    (GridSort.NAME, _("Name")),
    (GridSort.PROGRESS, _("Progress, lowest first")),
    (GridSort.ACTIVITY, _("Last activity, oldest first")),
]


def _follower(request) -> bool:
    """Only facilitators and programme staff follow cohorts: anyone else, 403. Whether
    the person is staff (who follow every cohort)."""
    role = follower_role(request.user)
    if role is None:
        raise PermissionDenied
    return role == "staff"


def _grid_options(request, grid) -> dict:
    """Read ``?organisation=``, ``?status=`` and ``?sort=``. An organisation that is not
    one of the cohort's is a 404; an unknown status or sort falls back to the default."""
    organisation_id = request.GET.get("organisation", "")
    organisation = grid.organisation(organisation_id) if organisation_id else None
    status = request.GET.get("status", "")
    if status not in {value for value, _label in STATUS_CHOICES}:
        status = GridStatusFilter.ALL
    sort = request.GET.get("sort", "")
    if sort not in {value for value, _label in SORT_CHOICES}:
        sort = GridSort.NAME
    return {"organisation": organisation, "status": status, "sort": sort}


@never_cache
@login_required
def cohort_list(request):
    """The cohorts the person follows: their own, or all of them for programme staff."""
    staff = _follower(request)
    cohorts = list(
        visible_cohorts(user=request.user, staff=staff)
        .prefetch_related("pauses")
        .annotate(seat_count=Count("seats", filter=Q(seats__removed_at__isnull=True)))
    )
    today = timezone.localdate()
    for cohort in cohorts:
        cohort.current_week, cohort.is_pause, cohort.has_ended = calendar_position(
            week_starts=cohort.week_starts(), today=today
        )
    return render(request, "cohorts/cohort_list.html", {"cohorts": cohorts})


@never_cache
@login_required
def cohort_grid_view(request, cohort_id: int):
    """A cohort's progress grid, filtered and sorted by GET parameters, and its chart."""
    followed = followed_cohort(user=request.user, cohort_id=cohort_id)
    if request.GET.get("organisation"):
        grid = cohort_grid(cohort=followed.cohort)
        options = _grid_options(request, grid)  # another organisation's id is a 404
        _grid_logged(request, cohort_id, options)
        return _grid_page(request, followed.cohort, grid, options)
    options = _grid_options(request, grid=None)
    _grid_logged(request, cohort_id, options)
    # Asked and logged above on every visit; the grid itself is kept for its reader
    # until a learner acts ("learning") or a cohort, a seat, a page changes.
    return kept_for_person(
        request,
        lambda: _grid_page(request, followed.cohort, cohort_grid(cohort=followed.cohort), options),
        seconds=300, tags=("learning",),
    )  # fmt: skip


def _grid_logged(request, cohort_id: int, options) -> None:
    facilitator_access_log(
        user=request.user, cohort_id=cohort_id, view="grid", organisation=options["organisation"]
    )


def _grid_page(request, cohort, grid, options):
    shown = grid.filtered(**options)
    weeks = grid.completion_by_week()
    return render(
        request,
        "cohorts/cohort_grid.html",
        {
            "cohort": cohort,
            "grid": shown,
            "whole": grid,
            "options": options,
            "status_choices": STATUS_CHOICES,
            "sort_choices": SORT_CHOICES,
            "weeks": weeks,
            "chart": completion_chart(weeks),
        },
    )


@never_cache
@login_required
def organisation_view(request, cohort_id: int, organisation_id: int):
    """One organisation of the cohort: its learners' progress and where its
    self-assessment and transition plan stand (their status only, never their content)."""
    followed = followed_cohort(user=request.user, cohort_id=cohort_id)
    cohort = followed.cohort
    grid = cohort_grid(cohort=cohort)
    organisation = grid.organisation(organisation_id)
    shown = grid.filtered(organisation=organisation)
    facilitator_access_log(
        user=request.user, cohort_id=cohort.pk, view="organisation", organisation=organisation
    )
    return render(
        request,
        "cohorts/cohort_organisation.html",
        {
            "cohort": cohort,
            "organisation": organisation,
            "grid": shown,
            # What an organisation shares is for its cohort's facilitators, not staff.
            "reads_shared": followed.own,
            "states": [
                (label, state)
                for (key, label), state in zip(
                    KEYS.items(),
                    transition_states(cohort=cohort, organisations=[organisation])[
                        organisation.pk
                    ].values(),
                    strict=True,
                )
            ],
        },
    )


@never_cache
@login_required
def grid_export(request, cohort_id: int, extension: str = "csv"):
    """The grid as CSV or XLSX (the same filters as the page), one row per learner."""
    cohort = followed_cohort(user=request.user, cohort_id=cohort_id).cohort
    grid = cohort_grid(cohort=cohort)
    options = _grid_options(request, grid)
    shown = grid.filtered(**options)
    facilitator_access_log(
        user=request.user,
        cohort_id=cohort.pk,
        view="export_grid",
        organisation=options["organisation"],
    )
    states = transition_states(cohort=cohort, organisations=grid.organisations)
    return exports.spreadsheet_response(
        exports.grid_rows(shown, states=states),
        kind="progression",
        cohort=cohort,
        extension=extension,
        title=_("Progress"),
    )


@never_cache
@login_required
def attendance_export(request, cohort_id: int, extension: str = "csv"):
    """Attendance to the cohort's live sessions as CSV or XLSX: one row per person and
    session (``?organisation=`` keeps one organisation's people)."""
    cohort = followed_cohort(user=request.user, cohort_id=cohort_id).cohort
    members = list(cohort_members(cohort=cohort))
    organisation = None
    if request.GET.get("organisation"):
        organisation = find_organisation(
            cohort_organisations(cohort=cohort, members=members), request.GET["organisation"]
        )
        members = [m for m in members if m.organisation_id == organisation.pk]
    rows = cohort_attendance(cohort=cohort, members=members)
    facilitator_access_log(
        user=request.user, cohort_id=cohort.pk, view="export_attendance", organisation=organisation
    )
    return exports.spreadsheet_response(
        exports.attendance_rows(rows),
        kind="presences",
        cohort=cohort,
        extension=extension,
        title=_("Attendance"),
    )
