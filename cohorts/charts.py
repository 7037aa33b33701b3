"""The completion chart, drawn on the server as SVG: no chart library, no script.

``completion_chart`` turns the weeks of ``CohortGrid.completion_by_week()`` into shapes
with their coordinates and words; ``templates/cohorts/includes/completion_chart.svg``
draws them. The words are translated here, since ``makemessages`` reads no .svg file.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cohorts.selectors.grid import WeekCompletion

#: Geometry, in SVG user units.
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 34, 30
PLOT_HEIGHT = 140
STEP = 34  # one week's slot
OUTER = 26  # the expected share's outline
INNER = 14  # the completed share's bar
SCALE = 1.5


@dataclass(frozen=True)
class ChartBar:
    week: WeekCompletion
    label: str
    label_x: float
    expected_x: float
    expected_y: float
    expected_height: float
    done_x: float
    done_y: float
    done_height: float
    value_y: float


@dataclass(frozen=True)
class ChartTick:
    percent: int
    y: float


@dataclass(frozen=True)
class CompletionChart:
    width: int
    height: int
    #: Drawn larger than its units, so that its smallest text stays legible.
    display_width: int
    display_height: int
    left: int
    right: int
    baseline: float
    plot_top: int
    bars: list[ChartBar]
    ticks: list[ChartTick]
    title: str
    description: str
    done_label: str
    expected_label: str
    inner: int = INNER
    outer: int = OUTER


def _y(percent: float) -> float:
    return TOP + PLOT_HEIGHT * (1 - percent / 100)


def completion_chart(weeks: list[WeekCompletion]) -> CompletionChart:
    """Lay out one slot per week: the expected share as a dashed outline, the share of
    learners who finished the week's required modules as a bar inside it."""
    bars = []
    for index, week in enumerate(weeks):
        centre = LEFT + STEP * index + STEP / 2
        expected_y = _y(week.expected_percent)
        done_y = _y(week.percent)
        bars.append(
            ChartBar(
                week=week,
                label=_("W%(week)s") % {"week": week.week},
                label_x=centre,
                expected_x=centre - OUTER / 2,
                expected_y=expected_y,
                expected_height=TOP + PLOT_HEIGHT - expected_y,
                done_x=centre - INNER / 2,
                done_y=done_y,
                done_height=TOP + PLOT_HEIGHT - done_y,
                value_y=done_y - 4,
            )
        )
    width = LEFT + STEP * max(len(weeks), 1) + RIGHT
    height = TOP + PLOT_HEIGHT + BOTTOM
    return CompletionChart(
        width=width,
        height=height,
        display_width=round(width * SCALE),
        display_height=round(height * SCALE),
        left=LEFT,
        right=width - RIGHT,
        baseline=TOP + PLOT_HEIGHT,
        plot_top=TOP,
        bars=bars,
        ticks=[ChartTick(percent=p, y=_y(p)) for p in (0, 50, 100)],
        title=_("Completion by week against the calendar"),
        description=_(
            "Bars: the share of learners who finished each week's required modules. "
            "Dashed outlines: the share expected by today. The table after the chart "
            "gives the same numbers."
        ),
        done_label=_("Finished"),
        expected_label=_("Expected by today"),
    )
