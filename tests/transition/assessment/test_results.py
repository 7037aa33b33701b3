"""The organisation's result page: two rounds compared, the chart and its table, the
weakest dimensions with their modules, the CSV and PDF exports, and a fixed number of
queries however many colleagues and rounds."""

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from lms.transition.assessment.selectors import compare, organisation_results
from tests.transition.assessment.conftest import (
    answer,
    colleague,
    finished_round,
    open_round,
)


@pytest.fixture
def two_rounds(organisation, questionnaire, learner):
    """Round 1 (closed): culture 2, 2, 4; round 2 (open): culture 3, 4, security lower."""
    first = open_round(organisation, questionnaire)
    answer(first, learner, [2, 3, 2])
    answer(first, colleague(organisation), [2, 3, 2])
    answer(first, colleague(organisation), [4, 3, 2])
    from lms.transition.assessment.services import round_close

    round_close(round=first, by=learner)
    second = open_round(organisation, questionnaire)
    answer(second, learner, [3, 1, 4])
    answer(second, colleague(organisation), [4, 1, 4])
    return first, second


def test_two_rounds_compare_per_dimension(organisation, two_rounds):
    first, second = organisation_results(organisation)

    changes = compare(second, first)

    assert [(c.title, c.previous, c.current, c.change) for c in changes] == [
        ("Culture et leadership", 2, 3.5, 1.5),
        ("Sécurité", 3, 1, -2),
        ("Utilisation des données des personnes servies", 2, 4, 2),
    ]


def test_the_result_page_shows_the_comparison_chart_table_and_talking_points(
    client, learner, two_rounds, data_module
):
    first, second = two_rounds
    client.force_login(learner)

    page = client.get(reverse("assessment_result", args=[second.pk])).text

    assert '<svg class="chart"' in page
    assert "Contours pointillés : Tour 1." in page
    assert "<caption>Tour 2 par dimension, comparé au tour 1</caption>" in page
    assert "<td>3,5</td>" in page and "<td>+1,5</td>" in page and "<td>-2,0</td>" in page
    # Round 1: culture 2, 2, 4: a talking point in round 1 only.
    assert "Les collègues sont en désaccord de moins de deux niveaux" in page
    assert (
        "Culture et leadership</strong> · écart"
        in client.get(reverse("assessment_result", args=[first.pk])).text
    )
    # The weakest: security (1), culture (3.5), data (4) with its module.
    assert f'<a href="{data_module.url}">Gouverner les données des personnes</a>' in page


def test_another_round_can_be_chosen_for_the_comparison(client, learner, organisation, two_rounds):
    first, second = two_rounds
    client.force_login(learner)

    alone = client.get(reverse("assessment_result", args=[first.pk])).text
    back = client.get(reverse("assessment_result", args=[first.pk]), {"avec": second.pk}).text

    assert "Médiane, tour" not in alone  # no earlier round
    assert "Médiane, tour 2" in back


def test_the_csv_export(client, learner, organisation, two_rounds):
    _first, second = two_rounds
    client.force_login(learner)

    response = client.get(reverse("assessment_result_csv", args=[second.pk]))

    content = response.content.decode("utf-8")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        'filename="autodiagnostic-cuisines-collectives-du-plateau-2.csv"'
        in response["Content-Disposition"]
    )
    assert content.startswith("\ufeffDimension;Médiane (niveaux 1 à 5);Écart;")
    lines = content.splitlines()
    assert lines[1] == "Culture et leadership;3,5;1,0;2;non;2,0;'+1,5"
    assert lines[2] == "Sécurité;1,0;0,0;2;non;3,0;'-2,0"


def test_a_csv_cell_that_looks_like_a_formula_is_defused(client, organisation, questionnaire):
    page = questionnaire
    stream = page.dimensions.raw_data
    stream[1]["value"]["title"] = '=HYPERLINK("http://exemple.test")'
    page.dimensions = stream
    page.save_revision().publish()
    found = finished_round(organisation, questionnaire, [3])
    learner = colleague(organisation)
    client.force_login(learner)

    content = client.get(reverse("assessment_result_csv", args=[found.pk])).content.decode()

    assert "\n\"'=HYPERLINK(" in content.replace("\r\n", "\n")


def test_the_pdf_is_one_page_with_a_non_latin_name(client, questionnaire):
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory(name="Đặng & Ωμέγα — Café <b> Жизнь")
    found = finished_round(organisation, questionnaire, [[1, 5, 2], [4, 3, 2]])
    client.force_login(colleague(organisation))

    response = client.get(reverse("assessment_result_pdf", args=[found.pk]))

    pdf = response.content
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) == 1
    assert b"DejaVuSans" in pdf and b"/FontFile2" in pdf  # embedded
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Autodiagnostic de maturité numérique" in text
    assert "Đặng & Ωμέγα — Café <b> Жизнь" in text
    assert "Culture et leadership" in text
    assert "plus sur : Culture et leadership; Sécurité." in text


def test_the_result_page_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, organisation, questionnaire
):
    viewer = colleague(organisation)
    found = open_round(organisation, questionnaire)
    answer(found, viewer, 3)
    client.force_login(viewer)
    url = reverse("assessment_result", args=[found.pk])
    client.get(url)  # warm the site's caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200

    for levels in ([1, 2, 3], [5, 5, 5], [2, 4, 1]):
        answer(found, colleague(organisation), levels)
    from lms.transition.assessment.services import round_close

    round_close(round=found, by=None)
    for _round in range(3):
        finished_round(organisation, questionnaire, [[2, 2, 2], [3, 3, 3], [4, 4, 4]])

    with django_assert_num_queries(len(few)):
        assert client.get(url, {"avec": found.pk + 1}).status_code == 200
