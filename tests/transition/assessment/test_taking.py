"""Rounds and takes through the pages: one open round at a time, each colleague answering
on their own one dimension per step with plain form posts (no script), saved as they go
and resumable; a round closed and a new one opened."""

from django.urls import reverse

from lms.transition.assessment.models import Round, Take
from tests.transition.assessment.conftest import answer, colleague, open_round


def post(client, name, *args, **data):
    return client.post(reverse(name, args=args), data)


def test_a_learner_opens_a_round_and_only_one_at_a_time(client, learner, questionnaire):
    client.force_login(learner)

    first = post(client, "assessment_round_open")
    again = client.post(reverse("assessment_round_open"), follow=True)

    assert first.status_code == 302
    assert first.url == questionnaire.url
    assert Round.objects.filter(organisation=learner.organisation).count() == 1
    assert "Un tour est déjà ouvert" in again.text


def test_the_page_leads_a_learner_through_the_round(client, learner, questionnaire):
    client.force_login(learner)

    assert "Ouvrir un tour" in client.get(questionnaire.url).text
    post(client, "assessment_round_open")
    assert "Commencer mes réponses" in client.get(questionnaire.url).text


def test_answers_are_saved_step_by_step_without_javascript_and_resumed(
    client, learner, questionnaire
):
    client.force_login(learner)
    post(client, "assessment_round_open")
    start = post(client, "assessment_take_start")
    assert start.url == reverse("assessment_step", args=[1])

    step_1 = client.get(start.url)
    take = Take.objects.get(learner=learner)
    culture = take.questions[0]
    keys = [q["key"] for q in culture["questions"]]
    assert step_1.status_code == 200
    assert "<script" not in step_1.text.split("<main")[1]
    assert f'name="q-{keys[0]}" value="5"' in step_1.text
    assert "Culture et leadership : question 1" in step_1.text
    assert 'aria-describedby="aide-' in step_1.text

    saved = client.post(start.url, {f"q-{keys[0]}": "4", f"q-{keys[1]}": "2", "go": "next"})
    assert saved.url == reverse("assessment_step", args=[2])
    take.refresh_from_db()
    assert take.answers == {keys[0]: 4, keys[1]: 2}
    assert take.finished_at is None

    # Leave after step 2 with nothing answered; the page then resumes at step 2.
    later = client.post(saved.url, {"go": "later"})
    assert later.url == questionnaire.url
    page = client.get(questionnaire.url).text
    assert "Vos réponses : 2 sur 5 questions." in page
    assert f'href="{reverse("assessment_step", args=[2])}"' in page

    # Back on step 1, the answers are there.
    assert 'value="4" checked' in client.get(start.url).text

    security, data = take.questions[1], take.questions[2]
    client.post(saved.url, {f"q-{security['questions'][0]['key']}": "3"})
    last = client.post(
        reverse("assessment_step", args=[3]),
        {f"q-{q['key']}": "1" for q in data["questions"]},
    )
    take.refresh_from_db()
    assert take.finished_at is not None
    assert last.url == reverse("assessment_result", args=[take.round_id])


def test_the_last_step_with_questions_left_lists_them(client, learner, questionnaire):
    client.force_login(learner)
    post(client, "assessment_round_open")
    post(client, "assessment_take_start")

    response = client.post(reverse("assessment_step", args=[3]), {"go": "next"}, follow=True)

    assert "Non répondue pour l’instant" in response.text
    assert response.request["PATH_INFO"] == reverse(
        "assessment_take", args=[Take.objects.get(learner=learner).pk]
    )


def test_a_level_out_of_range_is_refused(client, learner, questionnaire):
    client.force_login(learner)
    post(client, "assessment_round_open")
    post(client, "assessment_take_start")
    key = Take.objects.get(learner=learner).questions[1]["questions"][0]["key"]

    response = client.post(reverse("assessment_step", args=[2]), {f"q-{key}": "9"})

    assert response.status_code == 400
    assert "Choisissez un niveau de 1 à 5." in response.text
    assert Take.objects.get(learner=learner).answers == {}


def test_a_step_beyond_the_questionnaire_is_a_404(client, learner, questionnaire):
    client.force_login(learner)
    post(client, "assessment_round_open")
    post(client, "assessment_take_start")

    assert client.get(reverse("assessment_step", args=[4])).status_code == 404


def test_closing_a_round_freezes_it_and_a_new_round_can_be_opened(
    client, learner, organisation, questionnaire
):
    found = open_round(organisation, questionnaire)
    take = answer(found, learner, 3)
    client.force_login(learner)

    post(client, "assessment_round_close", found.pk)
    found.refresh_from_db()
    assert found.closed_at is not None and found.closed_by == learner
    # Its answers no longer change: there is no open take to post to.
    key = take.questions[1]["questions"][0]["key"]
    client.post(reverse("assessment_step", args=[2]), {f"q-{key}": "5"})
    take.refresh_from_db()
    assert take.answers[key] == 3

    post(client, "assessment_round_open")
    rounds = Round.objects.filter(organisation=organisation).order_by("number")
    assert [(r.number, r.is_open) for r in rounds] == [(1, False), (2, True)]


def test_each_colleague_answers_on_their_own(client, learner, organisation, questionnaire):
    found = open_round(organisation, questionnaire)
    other = colleague(organisation)
    answer(found, other, 5)
    client.force_login(learner)

    post(client, "assessment_take_start")

    mine = Take.objects.get(learner=learner)
    assert mine.answers == {}
    assert found.takes.count() == 2
