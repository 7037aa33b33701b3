"""The progress grid's rows and cells, written at once rather than through template tags
per row and per cell: at 60 learners × 24 modules, those tags were most of the grid's
rendering time (issue 16)."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext

register = template.Library()

_CELLS: dict[str, dict[str, str]] = {}


def _cells() -> dict[str, str]:
    """The three cells' HTML in the language of the moment (made once per language)."""
    language = get_language() or ""
    if language not in _CELLS:
        _CELLS[language] = {
            "done": format_html('<td class="cell cell-done">✓ {}</td>', gettext("Done")),
            "in_progress": format_html(
                '<td class="cell cell-progress">{}</td>', gettext("In progress")
            ),
            "": format_html(
                '<td class="cell cell-none"><span aria-hidden="true">—</span>'
                '<span class="visually-hidden">{}</span></td>',
                gettext("Not started"),
            ),
        }
    return _CELLS[language]


@register.filter
def grid_cells(statuses) -> str:
    """A row's module cells: done, in progress, or not started (any other status)."""
    cells = _cells()
    return mark_safe("".join(cells.get(status, cells[""]) for status in statuses))  # noqa: S308


@register.simple_tag
def grid_groups(grid, cohort, link_organisations: bool, colspan: int) -> str:
    """The grid's row groups (an organisation, its learners and their cells), written at
    once: 60 learners went through ten template tags each."""
    none = gettext("none")
    behind = format_html('<span class="flag flag-behind">{}</span>', gettext("Behind"))
    no_flag = format_html('<span class="visually-hidden">{}</span>', none)
    of = format_html('<span class="grid-of"> / {}</span>', len(grid.columns))
    empty = format_html(
        '<tr><td colspan="{}" class="grid-empty">{}</td></tr>',
        colspan,
        gettext("No learner of this organisation follows the course yet."),
    )
    parts = []
    for group in grid.groups:
        parts.append(
            format_html(
                '<tbody><tr class="grid-group"><th scope="rowgroup" colspan="{}">'
                '<span class="grid-group-label">{} <span class="grid-group-count">({})</span>'
                "</span></th></tr>",
                colspan,
                _group_label(group, cohort, link_organisations),
                ngettext("%(counter)s person", "%(counter)s people", len(group.rows))
                % {"counter": len(group.rows)},
            )
        )
        for row in group.rows:
            flags = []
            if row.behind:
                flags.append(behind)
            if row.inactive:
                flags.append(
                    format_html(
                        '<span class="flag flag-inactive">{}</span>',
                        gettext("Inactive for %(days)s days") % {"days": row.idle_days},
                    )
                )
            parts.append(
                format_html(
                    '<tr{}><th scope="row" class="grid-name">{}</th>'
                    '<td class="grid-num">{}{}</td><td class="grid-date">{}</td>'
                    '<td class="grid-flags">{}</td>{}</tr>',
                    mark_safe(' class="is-flagged"') if row.flagged else "",  # noqa: S308
                    row.name,
                    row.done,
                    of,
                    _last_activity(row.last_activity, none),
                    mark_safe("".join(flags)) if flags else no_flag,  # noqa: S308
                    grid_cells(row.statuses),
                )
            )
        if not group.rows:
            parts.append(empty)
        parts.append(mark_safe("</tbody>"))  # noqa: S308
    return mark_safe("".join(parts))  # noqa: S308


def _group_label(group, cohort, link_organisations: bool) -> str:
    if group.organisation is None:
        return gettext("No organisation")
    if link_organisations:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("cohorts_organisation", args=[cohort.pk, group.organisation.pk]),
            group.organisation.name,
        )
    return group.organisation.name


def _last_activity(moment, none: str) -> str:
    if moment is None:
        return none
    day = timezone.localtime(moment)
    return format_html(
        '<time datetime="{}">{}</time>', date_format(day, "Y-m-d"), date_format(day, "j N Y")
    )
