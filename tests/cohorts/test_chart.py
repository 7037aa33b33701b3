"""The completion chart: per week, the share of learners who finished the week's
required modules against the share expected; an SVG image with a text alternative."""

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.charts import PLOT_HEIGHT, completion_chart
from cohorts.selectors.grid import cohort_grid
from tests.cohorts.conftest import complete, learner_of

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def people(kitchen, library, modules):
    alice = learner_of(kitchen, "Alice")
    for key in ("w1a", "w1b", "w2"):
        complete(alice, modules[key])
    beatrice = learner_of(kitchen, "Béatrice")
    complete(beatrice, modules["w1a"])
    learner_of(library, "Chloé")
    denis = learner_of(library, "Denis")
    for module in modules.values():
        complete(denis, module)


def test_completion_by_week(cohort, people):
    # 28 January: weeks 1 to 3 are open (week 3 since the 26th), week 4 opens 2 February.
    weeks = cohort_grid(cohort=cohort, today=date(2026, 1, 28)).completion_by_week()

    assert [
        (w.week, w.required_count, w.done_count, w.learner_count, w.percent, w.expected_percent)
        for w in weeks
    ] == [
        (1, 2, 2, 4, 50, 100),  # both week-1 modules: Alice and Denis
        (2, 1, 2, 4, 50, 100),
        (3, 1, 1, 4, 25, 100),  # the optional week-3 module does not count
        (4, 1, 1, 4, 25, 0),
    ]
    assert weeks[2].opens_on == date(2026, 1, 26)


def test_the_bars_are_drawn_to_scale(cohort, people):
    weeks = cohort_grid(cohort=cohort, today=date(2026, 1, 28)).completion_by_week()

    chart = completion_chart(weeks)

    assert [b.done_height for b in chart.bars] == [PLOT_HEIGHT / 2] * 2 + [PLOT_HEIGHT / 4] * 2
    assert [b.expected_height for b in chart.bars] == [PLOT_HEIGHT] * 3 + [0]
    assert chart.width > chart.bars[-1].expected_x + chart.outer


def test_the_chart_is_an_image_with_a_text_alternative(client, facilitator, cohort, people):
    # Week 3 (after the pause) opened two days ago; week 4 is still to come.
    cohort.starts_on = timezone.localdate() - timedelta(days=23)
    cohort.save()
    client.force_login(facilitator)

    html = client.get(reverse("cohorts_grid", args=[cohort.pk])).content.decode()

    # Well-formed XML (our own page, not untrusted input).
    svg = ET.fromstring(re.search(r"<svg.*?</svg>", html, re.S).group(0))  # noqa: S314
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-title chart-desc"
    assert svg.find(f"{SVG}title").get("id") == "chart-title"
    assert svg.find(f"{SVG}title").text == "Réussite par semaine, comparée au calendrier"
    assert "tableau qui suit" in svg.find(f"{SVG}desc").text
    # The adjacent table gives the same numbers.
    table = html[html.index("<caption>Réussite par semaine, en chiffres</caption>") :]
    table = table[: table.index("</table>")]
    cells = [
        re.sub(r"\s+", " ", c).strip()
        for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", table, re.S)
    ]
    body = cells[5:]
    assert [body[i : i + 5][0::2] for i in range(0, len(body), 5)] == [
        ["1", "2", "100 %"],
        ["2", "1", "100 %"],
        ["3", "1", "100 %"],
        ["4", "1", "0 %"],
    ]
    assert [body[i + 3] for i in range(0, len(body), 5)] == [
        "2 sur 4 (50 %)",
        "2 sur 4 (50 %)",
        "1 sur 4 (25 %)",
        "1 sur 4 (25 %)",
    ]
