"""Every report beyond a person's own data is aggregate, with groups of fewer than five
shown as "<5" (``lms.privacy.aggregate``). Each such report is listed here with the test
that proves it on its own data (four in a group: "<5" and no figure; five: the figures);
a report added without its proof, or a proof removed, fails here.

Not in the list, on purpose: the facilitators' grid and its exports (a facilitator follows
their own cohort's learners by name: the reason is the programme's, written in
``cohorts/selectors/access.py``), the authors' feedback report (each learner's own
words, named only when they chose to), staff's eligibility list and quota counts
(organisations, not people, which staff manage by name)."""

import importlib

import pytest

from lms.privacy.aggregate import HIDDEN, SMALL_GROUP, shown, too_small

#: Each aggregate report, and the test that proves its small groups hidden.
AGGREGATE_REPORTS = {
    "self-assessment results per region and per cohort (staff)": (
        "tests.transition.assessment.test_visibility",
        "test_staff_see_aggregates_and_no_figure_for_fewer_than_five",
    ),
    "a call's report: applications and amounts per region (staff)": (
        "tests.selection.test_reports",
        "test_a_region_of_four_shows_less_than_five_and_no_amount_while_five_show",
    ),
    "a call's report, as CSV and XLSX": (
        "tests.selection.test_reports",
        "test_the_exports_hold_the_same_suppressed_figures",
    ),
}


@pytest.mark.parametrize("report", sorted(AGGREGATE_REPORTS))
def test_each_aggregate_report_has_its_proof(report):
    module, name = AGGREGATE_REPORTS[report]
    assert callable(getattr(importlib.import_module(module), name, None)), report


def test_four_is_hidden_five_is_shown_and_nothing_is_nothing():
    assert SMALL_GROUP == 5 and HIDDEN == "<5"
    assert [shown(n) for n in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]
    assert [too_small(n) for n in (0, 1, 4, 5)] == [False, True, True, False]
