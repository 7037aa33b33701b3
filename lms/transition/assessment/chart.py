"""The result chart, drawn on the server as SVG: no chart library, no script.

One row per dimension: its title, then the round's median as a filled bar and, when a
previous round is compared, that round's median as a dashed outline below it, on a scale
of levels 0 to 5. ``result_chart`` lays the shapes out with their coordinates and words;
``templates/assessment/includes/result_chart.svg`` draws them. The words are translated
here, since ``makemessages`` reads no .svg file; the page's table gives the same numbers.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from lms.transition.assessment.blocks import LEVELS
from lms.transition.assessment.selectors import DimensionChange
from lms.transition.assessment.words import level_number

#: Geometry, in SVG user units.
LEFT, RIGHT, TOP = 12, 40, 40
PLOT_WIDTH = 420
TITLE = 16  # a row's title line
BAR = 12
GAP = 4
ROW_GAP = 14
SCALE = 1.4


@dataclass(frozen=True)
class ChartRow:
    title: str
    title_y: float
    current_y: float
    current_width: float
    current_label: str
    current_label_x: float
    previous_y: float
    previous_width: float | None
    previous_label: str
    previous_label_x: float


@dataclass(frozen=True)
class ChartTick:
    level: int
    x: float


@dataclass(frozen=True)
class ResultChart:
    width: int
    height: int
    display_width: int
    display_height: int
    left: int
    bottom: float
    rows: list[ChartRow]
    ticks: list[ChartTick]
    title: str
    description: str
    current_label: str
    previous_label: str
    compared: bool
    bar: int = BAR


def _x(level: float) -> float:
    return round(PLOT_WIDTH * level / LEVELS, 1)


def result_chart(
    changes: list[DimensionChange], *, current_name: str, previous_name: str = ""
) -> ResultChart:
    """Lay out one row per dimension: the current round's median, and the compared
    round's (``previous_name``, when one is compared)."""
    compared = bool(previous_name)
    row_height = TITLE + BAR + (GAP + BAR if compared else 0) + ROW_GAP
    rows = []
    for index, change in enumerate(changes):
        top = TOP + row_height * index
        current_y = top + TITLE
        rows.append(
            ChartRow(
                title=change.title,
                title_y=top + TITLE - 4,
                current_y=current_y,
                current_width=_x(change.current or 0),
                current_label=level_number(change.current) or _("not answered"),
                current_label_x=LEFT + _x(change.current or 0) + 4,
                previous_y=current_y + BAR + GAP,
                previous_width=_x(change.previous) if change.previous is not None else None,
                previous_label=level_number(change.previous) or _("not answered"),
                previous_label_x=LEFT + _x(change.previous or 0) + 4,
            )
        )
    bottom = TOP + row_height * max(len(changes), 1)
    width = LEFT + PLOT_WIDTH + RIGHT
    height = round(bottom + 4)
    description = _(
        "For each dimension, the median of the colleagues' levels (0 to 5) in %(current)s."
    ) % {"current": current_name}
    if compared:
        description += " " + _("Dashed outlines: %(previous)s.") % {"previous": previous_name}
    description += " " + _("The table after the chart gives the same numbers.")
    return ResultChart(
        width=width,
        height=height,
        display_width=round(width * SCALE),
        display_height=round(height * SCALE),
        left=LEFT,
        bottom=bottom,
        rows=rows,
        ticks=[ChartTick(level=level, x=LEFT + _x(level)) for level in range(LEVELS + 1)],
        title=_("The organisation's level by dimension"),
        description=description,
        current_label=current_name,
        previous_label=previous_name,
        compared=compared,
    )
