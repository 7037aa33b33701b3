"""Saving the draft: any learner of the organisation, text shown once escaped, a save
on an outdated revision refused with what changed since and nothing lost."""

import pytest
from django.test import Client
from django.urls import reverse

from lms.transition.plan.models import PlanRevision, TransitionPlan
from lms.transition.plan.selectors import situation_prefill
from tests.factories import OrganisationFactory, UserFactory
from tests.transition.plan.conftest import complete_content, form_data, logged_in

pytestmark = pytest.mark.django_db


def test_a_learner_saves_a_draft_and_sees_it_back(client, programme, plan_url):
    logged_in(client, programme["learner"])
    response = client.get(plan_url)
    assert response.status_code == 200
    assert "Plan de transition numérique" in response.content.decode()

    response = client.post(plan_url, form_data(complete_content(), revision=0))

    assert response.status_code == 302
    plan = TransitionPlan.objects.get(organisation=programme["organisation"])
    assert plan.revision == 1
    assert [a.responsible for a in plan.actions.all()] == ["Nguyễn Thị Ánh", "Дмитрий Ελένη"]
    assert plan.updated_by == programme["learner"]
    page = client.get(plan_url).content.decode()
    assert 'value="Nguyễn Thị Ánh"' in page
    assert "Brouillon enregistré." in page


def test_every_learner_of_the_organisation_can_save(client, programme, plan_url):
    logged_in(client, programme["colleague"])
    response = client.post(plan_url, form_data(complete_content(), revision=0))
    assert response.status_code == 302
    assert TransitionPlan.objects.get().updated_by == programme["colleague"]


def test_text_is_shown_once_escaped_and_formatted_text_sanitised(client, programme, plan_url):
    logged_in(client, programme["learner"])
    content = complete_content(situation="<p>Café & co <b>gras</b><script>x()</script></p>")
    content["actions"][0]["title"] = "Café & co <b>"
    client.post(plan_url, form_data(content, revision=0))

    plan = TransitionPlan.objects.get()
    assert plan.actions.first().title == "Café & co <b>"  # stored as typed
    assert "<script>" not in plan.situation
    html = client.get(plan_url).content.decode()
    assert 'value="Café &amp; co &lt;b&gt;"' in html
    assert "&amp;amp;" not in html
    assert "Café &amp; co &lt;b&gt;" in html  # the organisation's name, in the header line
    # The situation is edited as text in its field, escaped once there too.
    assert "Café &amp;amp;" not in html


def test_a_save_on_an_outdated_revision_is_refused_with_the_changes(programme, plan_url):
    first = logged_in(Client(), programme["learner"])
    second = logged_in(Client(), programme["colleague"])
    first.post(plan_url, form_data(complete_content(), revision=0))

    mine = complete_content()
    mine["actions"][0]["budget"] = 9000
    theirs = complete_content(priorities=["Former l'équipe", "Numériser les dossiers"])
    assert first.post(plan_url, form_data(mine, revision=1)).status_code == 302

    response = second.post(plan_url, form_data(theirs, revision=1))

    assert response.status_code == 409
    html = response.content.decode()
    assert "Vos modifications n’ont pas été enregistrées" in html
    # What changed since, field by field, with who and when.
    changes = response.context["changes"]
    assert [(c.difference.label, c.difference.after) for c in changes] == [
        ("Action 1 · budget ($)", "9\u00a0000\u00a0$")
    ]
    assert changes[0].saved_by == programme["learner"]
    assert "Ánh" in html
    # Nothing overwritten; what the second person typed is still in the form, now based
    # on the current revision, so saving again after reading is accepted.
    plan = TransitionPlan.objects.get()
    assert plan.revision == 2
    assert [p.text for p in plan.priorities.all()] == mine["priorities"]
    assert 'value="Numériser les dossiers"' in html
    assert 'name="revision" value="2"' in html
    assert second.post(plan_url, form_data(theirs, revision=2)).status_code == 302
    assert TransitionPlan.objects.get().revision == 3


def test_a_save_that_changes_nothing_is_no_new_revision(client, programme, plan_url):
    logged_in(client, programme["learner"])
    client.post(plan_url, form_data(complete_content(), revision=0))
    client.post(plan_url, form_data(complete_content(), revision=0))
    assert TransitionPlan.objects.get().revision == 1
    assert PlanRevision.objects.count() == 1


def test_rows_are_added_removed_and_checked(client, programme, plan_url):
    logged_in(client, programme["learner"])
    data = form_data(complete_content(), revision=0, then="actions")
    response = client.post(plan_url, data)
    assert response.url.endswith("#actions")
    html = client.get(plan_url).content.decode()
    assert "Nouvelle action" in html  # one empty row more
    assert 'name="actions-2-title"' in html

    data = form_data(complete_content(), revision=1)
    data["actions-0-DELETE"] = "on"
    data["actions-1-ends_on"] = "2026-01-01"  # before its start
    response = client.post(plan_url, data)
    assert response.status_code == 400
    assert "La fin ne peut pas précéder le début." in response.content.decode()

    data["actions-1-ends_on"] = "2028-01-01"
    client.post(plan_url, data)
    assert [a.title for a in TransitionPlan.objects.get().actions.all()] == [
        "Licences de la suite bureautique"
    ]


def test_at_most_three_priorities(client, programme, plan_url):
    logged_in(client, programme["learner"])
    content = complete_content(priorities=["Un", "Deux", "Trois", "Quatre"])
    response = client.post(plan_url, form_data(content, revision=0))
    assert response.status_code == 400
    assert not TransitionPlan.objects.exists()


def test_the_situation_prefill_is_empty_for_now(programme):
    assert situation_prefill(programme["organisation"]) == ""


@pytest.mark.parametrize("who", ["other_learner", "facilitator", "no_organisation"])
def test_others_cannot_reach_the_plan(client, programme, plan_url, who):
    user = {
        "other_learner": lambda: UserFactory(organisation=OrganisationFactory(), roles=["learner"]),
        "facilitator": lambda: programme["facilitator"],
        "no_organisation": lambda: UserFactory(roles=["learner"]),
    }[who]()
    client.post(plan_url, form_data(complete_content(), revision=0))
    logged_in(client, user)
    response = client.get(plan_url)
    if who == "other_learner":
        # Another organisation's learner reaches their own (empty) plan, never this one.
        assert "Nguyễn" not in response.content.decode()
    else:
        assert response.status_code == 404


def test_anonymous_is_sent_to_log_in(client, plan_url):
    response = client.get(plan_url)
    assert response.status_code == 302
    assert "login" in response.url or "connexion" in response.url


def test_the_formatted_situation_reads_once_escaped(client, programme, plan_url):
    logged_in(client, programme["learner"])
    content = complete_content(situation="Café & co <b>")
    client.post(plan_url, form_data(content, revision=0, then="submit"))

    html = client.get(reverse("plan_version", args=[1])).content.decode()
    situation = html[html.index('id="situation"') : html.index('id="priorities"')]
    assert "Café &amp; co <b></b>" in situation
    assert "&amp;amp;" not in html
    # Edited again, it reads as typed and saves back to the same text.
    edit = client.get(plan_url).content.decode()
    assert "Café &amp; co &lt;b&gt;&lt;/b&gt;</textarea>" in edit
    assert "&amp;amp;" not in edit


def test_the_plan_in_english(client, programme):
    logged_in(client, programme["learner"])
    response = client.get("/en/plan-de-transition/")
    assert response.status_code == 200
    assert "Digital transition plan" in response.content.decode()


def test_the_situation_is_edited_as_text_with_paragraphs_and_lists(client, programme, plan_url):
    """No markup to type or to see: a blank line makes a paragraph, "- " a list item, and
    saving the text unchanged changes nothing."""
    logged_in(client, programme["learner"])
    typed = "Nos outils ont sept ans & plus.\n\nCe qui presse :\n- les sauvegardes\n- les accès"
    content = complete_content(situation=typed)
    client.post(plan_url, form_data(content, revision=0))

    plan = TransitionPlan.objects.get()
    assert plan.situation == (
        "<p>Nos outils ont sept ans &amp; plus.</p><p>Ce qui presse :</p>"
        "<ul><li>les sauvegardes</li><li>les accès</li></ul>"
    )
    edit = client.get(plan_url).content.decode()
    field = edit[edit.index('id="id_situation">') : edit.index("</textarea>")]
    assert field.endswith(
        "Nos outils ont sept ans &amp; plus.\n\nCe qui presse :\n\n- les sauvegardes\n- les accès"
    )
    client.post(plan_url, form_data(content, revision=1))
    assert TransitionPlan.objects.get().revision == 1  # the same text: nothing new saved
