"""The plan's PDF (text extracted, names in any alphabet, the reader's language) and the
plan page's fixed number of queries."""

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from lms.transition.plan.models import PlanComment, TransitionPlan
from tests.transition.plan.conftest import complete_content, form_data, logged_in

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")


def test_a_version_as_pdf_in_french_with_every_name(client, programme, plan_url):
    logged_in(client, programme["learner"])
    client.post(plan_url, form_data(complete_content(), revision=0, then="submit"))

    text = pdf_text(client.get(reverse("plan_version_pdf", args=[1])))

    for expected in (
        "Plan de transition numérique",
        "Café & co <b>",  # the organisation's name, as typed
        "Version 1",
        "Nguyễn Thị Ánh",
        "Дмитрий Ελένη",
        "Priorités",
        "Équipement",
        "Licences de logiciels",
        "5 200 $",
        "Plafond de la bourse d'accélération",
        "15 000 $",
        "Plan de suivi",
        "Chiffrer les portables",
    ):
        assert expected in text, expected


def test_the_draft_as_pdf_in_the_readers_language(client, programme, plan_url):
    learner = programme["learner"]
    learner.preferred_language = "en"
    learner.save()
    logged_in(client, learner)
    content = complete_content()
    content["actions"][0]["budget"] = 15000
    client.post(plan_url, form_data(content, revision=0))

    text = pdf_text(client.get(reverse("plan_draft_pdf")))

    assert "Digital transition plan" in text
    assert "Draft" in text
    assert "Software licences" in text
    assert "exceeds the bursary's ceiling by 1 200 $" in text
    assert "Ελένη" in text


def _grow(plan, n):
    """Give the plan ``n`` more actions, risks, indicators and comments."""
    content = complete_content()
    for i in range(n):
        content["actions"].append({**content["actions"][0], "title": f"Action {i}"})
        content["risks"].append({**content["risks"][0], "description": f"Risque {i}"})
        content["indicators"].append({**content["indicators"][0], "name": f"Indicateur {i}"})
    content["priorities"] = ["Un", "Deux", "Trois"][: 1 + min(n, 2)]
    return content


def test_the_plan_page_reads_in_a_fixed_number_of_queries(
    client, programme, plan_url, django_assert_num_queries
):
    logged_in(client, programme["learner"])
    client.post(plan_url, form_data(_grow(None, 0), revision=0, then="submit"))
    client.get(plan_url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(plan_url).status_code == 200
        return len(queries)

    small = count()
    plan = TransitionPlan.objects.get()
    client.post(plan_url, form_data(_grow(None, 6), revision=plan.revision, then="submit"))
    for i in range(5):
        PlanComment.objects.create(plan=plan, section="actions", body=f"Commentaire {i}")
    with django_assert_num_queries(small):
        response = client.get(plan_url)
    assert response.content.decode().count("Commentaire ") == 5
    assert len(response.context["page"].content["actions"]) == 8
