"""An empty transition plan starts from the organisation's latest self-assessment."""

import pytest
from django.urls import reverse

from lms.transition.plan.selectors import situation_prefill
from tests.transition.assessment.conftest import finished_round

pytestmark = pytest.mark.django_db


def test_an_empty_plan_starts_from_the_latest_round(client, organisation, learner, questionnaire):
    assert situation_prefill(organisation) == ""
    finished_round(organisation, questionnaire, [[1, 2, 3], [3, 2, 5], [2, 2, 4]])

    client.force_login(learner)
    page = client.get(reverse("plan_edit")).content.decode()

    situation = page[page.index('id="id_situation">') : page.index("</textarea>")]
    # Shown in the form as text to edit: paragraphs, and a list of "- " lines.
    assert "\nNotre autodiagnostic (tour 1, 3 collègues)" in situation
    assert "\n- Culture et leadership : 2 sur 5 (écart de 2 niveaux entre collègues)" in situation
    assert "&lt;" not in situation
    assert "Sécurité : 2 sur 5 (écart de 0 niveaux" in situation
    # Colleagues two levels apart: talking points.
    assert "À discuter en équipe : Culture et leadership, Utilisation des données" in situation
