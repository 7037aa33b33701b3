"""The facilitators' exports, as XLSX (``lms/spreadsheets.py``: opens in any Excel) or
CSV: streamed, UTF-8 with a byte order mark (so that Excel reads the accents), separated
by semicolons in French (French Excel's list separator, since the comma is its decimal
mark) and by commas in English; the header row in the reader's language.

Rows are built in the view, while the request's language is active; only their writing
is streamed. A cell that starts like a formula (=, +, -, @) is prefixed with an
apostrophe, so that a name typed at sign-up never runs in a spreadsheet.
"""

import csv
from collections.abc import Iterable

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cohorts.selectors.attendance import AttendanceRow
from cohorts.selectors.grid import CellStatus, CohortGrid
from cohorts.selectors.plans import KEYS
from lms.spreadsheets import XLSX_CONTENT_TYPE, csv_safe, xlsx_bytes

BOM = "\ufeff"


class _Echo:
    """A file-like object whose ``write`` hands back the line: csv.writer into a stream."""

    def write(self, value: str) -> str:
        return value


def csv_delimiter() -> str:
    """The separator a spreadsheet in the reader's language expects."""
    return ";" if (get_language() or "fr").startswith("fr") else ","


def csv_response(rows: Iterable[list], *, filename: str) -> StreamingHttpResponse:
    """Stream ``rows`` as a CSV attachment, the byte order mark first."""
    writer = csv.writer(_Echo(), delimiter=csv_delimiter())

    def lines():
        yield BOM
        for row in rows:
            yield writer.writerow([csv_safe(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def filename(kind: str, cohort, extension: str = "csv") -> str:
    """``progression-<cohort-slug>.csv``, ``presences-<cohort-slug>.xlsx``."""
    return f"{kind}-{slugify(cohort.name) or cohort.pk}.{extension}"


def spreadsheet_response(rows: list[list], *, kind: str, cohort, extension: str, title: str):
    """``rows`` as a CSV or an XLSX attachment (``extension``)."""
    if extension == "xlsx":
        response = HttpResponse(xlsx_bytes(rows, title=title), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename(kind, cohort, "xlsx")}"'
        return response
    return csv_response(rows, filename=filename(kind, cohort))


def status_label(status: str) -> str:
    return {
        CellStatus.DONE: _("Done"),
        CellStatus.IN_PROGRESS: _("In progress"),
        CellStatus.NOT_STARTED: _("Not started"),
    }[status]


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _date(value) -> str:
    return timezone.localtime(value).date().isoformat() if value else ""


def grid_rows(grid: CohortGrid, *, states: dict | None = None) -> list[list]:
    """Return the grid as rows: the header, then one row per learner, with where their
    organisation stands on its self-assessment and plan (``states``: the status, never
    the content)."""
    states = states or {}
    header = [_("Organisation"), _("Person")]
    header += [
        _("Week %(week)s: %(title)s") % {"week": c.week, "title": c.title} for c in grid.columns
    ]
    header += [_("Modules done"), _("Last activity"), _("Behind"), _("Inactive")]
    header += [str(label) for label in KEYS.values()]
    rows = [header]
    for group in grid.groups:
        organisation = group.organisation.name if group.organisation else ""
        for row in group.rows:
            rows.append(
                [
                    organisation,
                    row.name,
                    *[status_label(s) for s in row.statuses],
                    row.done,
                    _date(row.last_activity),
                    yes_no(row.behind),
                    yes_no(row.inactive),
                    *_states(states, group.organisation),
                ]
            )
    return rows


def _states(states: dict, organisation) -> list[str]:
    if organisation is None:
        return ["" for _key in KEYS]
    mine = states.get(organisation.pk, {})
    return [mine[key].status_label if key in mine else "" for key in KEYS]


def attendance_rows(rows: list[AttendanceRow]) -> list[list]:
    """Return attendance as rows: the header, then one row per person and session."""
    header = [
        _("Organisation"),
        _("Person"),
        _("Live session"),
        _("Date"),
        _("Minutes present"),
        _("Present"),
    ]
    lines = [header]
    now = timezone.now()
    for row in rows:
        held = row.session.starts_at <= now
        lines.append(
            [
                row.organisation.name if row.organisation else "",
                row.name,
                row.session.webinar.title,
                timezone.localtime(row.session.starts_at).strftime("%Y-%m-%d %H:%M"),
                # A session still to come has no attendance yet: not "0, no".
                row.minutes_present if held else "",
                yes_no(row.attended) if held else _("not held yet"),
            ]
        )
    return lines
