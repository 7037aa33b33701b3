"""Combining colleagues' takes: per dimension the median, the spread, and the talking
points where colleagues disagree by two levels or more."""

import pytest

from lms.transition.assessment.selectors import latest_result, organisation_results
from lms.transition.assessment.services import take_start
from tests.transition.assessment.conftest import (
    answer,
    colleague,
    finished_round,
    open_round,
)

CULTURE, SECURITY, DATA = range(3)


def medians(result):
    return [(d.title, d.median, d.spread, d.takes) for d in result.dimensions]


def test_one_colleague_is_the_result_with_no_spread(organisation, questionnaire):
    finished_round(organisation, questionnaire, [[[2, 3], 4, [1, 1]]])

    result = latest_result(organisation)

    assert result.takes == 1
    assert medians(result) == [
        ("Culture et leadership", 2.5, 0, 1),  # the mean of the dimension's answers
        ("Sécurité", 4, 0, 1),
        ("Utilisation des données des personnes servies", 1, 0, 1),
    ]
    assert result.talking_points == []
    assert result.dimensions[DATA].data_use


def test_three_colleagues_median_spread_and_disagreement(organisation, questionnaire):
    finished_round(
        organisation,
        questionnaire,
        [[1, 3, 2], [3, 3, 3], [5, 4, 3]],
    )

    result = latest_result(organisation)

    assert medians(result) == [
        ("Culture et leadership", 3, 4, 3),
        ("Sécurité", 3, 1, 3),
        ("Utilisation des données des personnes servies", 3, 1, 3),
    ]
    assert [d.title for d in result.talking_points] == ["Culture et leadership"]


@pytest.mark.parametrize(
    ("levels", "median", "spread", "talking_point"),
    [
        ([2, 3], 2.5, 1, False),
        ([2, 3, 4, 5], 3.5, 3, True),
        ([1, 1, 3, 3], 2, 2, True),  # exactly two levels apart is a disagreement
        ([4, 4, 4, 5], 4, 1, False),
    ],
)
def test_an_even_number_of_colleagues_takes_the_middle_two(
    organisation, questionnaire, levels, median, spread, talking_point
):
    finished_round(organisation, questionnaire, [[level, 3, 3] for level in levels])

    culture = latest_result(organisation).dimensions[CULTURE]

    assert (culture.median, culture.spread, culture.disagreement) == (median, spread, talking_point)


def test_only_finished_takes_count(organisation, questionnaire):
    found = open_round(organisation, questionnaire)
    answer(found, colleague(organisation), 2)
    take_start(round=found, learner=colleague(organisation))  # started, nothing answered

    [result] = organisation_results(organisation)

    assert result.takes == 1
    assert [d.median for d in result.dimensions] == [2, 2, 2]


def test_no_result_before_a_take_is_finished(organisation, questionnaire):
    open_round(organisation, questionnaire)

    assert latest_result(organisation) is None
