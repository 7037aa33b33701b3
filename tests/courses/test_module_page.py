import html as htmllib

import pytest
from django.utils import timezone

from courses.models import ActivityResponse, ModuleCompletion, ModuleFeedback
from tests.factories import UserFactory, block_id, course_page, home_page, module_page, translate


@pytest.fixture
def course(db):
    return course_page()


@pytest.fixture
def module(course):
    return module_page(course, week=1)


def post(client, page, **data):
    return client.post(page.url, data)


@pytest.mark.django_db
def test_a_module_shows_its_week_kind_duration_and_content(client, learner, module):
    client.force_login(learner)
    html = htmllib.unescape(client.get(module.url).content.decode())
    assert "<h1>Module de la semaine 1</h1>" in html
    assert "Semaine 1" in html
    assert "Module d'apprentissage" in html
    assert "45" in html
    assert "Les données racontent" in html
    assert "Marquer comme terminé" in html


@pytest.mark.django_db
def test_pressing_done_twice_records_once_and_moves_on(client, learner, course, module):
    following = module_page(course, week=2)
    client.force_login(learner)

    first = post(client, module, action="complete")
    second = post(client, module, action="complete")

    assert ModuleCompletion.objects.filter(learner=learner, module=module).count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == following.url
    completion = ModuleCompletion.objects.get()
    assert completion.module_title == "Module de la semaine 1"
    assert completion.revision_id == module.live_revision_id


@pytest.mark.django_db
def test_the_last_module_leads_back_to_the_course(client, learner, course, module):
    client.force_login(learner)
    assert post(client, module, action="complete")["Location"] == course.url


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in_and_nothing_is_recorded(client, module):
    response = post(client, module, action="complete")
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/")
    assert not ModuleCompletion.objects.exists()


@pytest.mark.django_db
def test_a_reflection_is_sanitised_and_shown_only_to_its_author(client, learner, module):
    client.force_login(learner)
    reflection = block_id(module, "reflection")
    post(
        client,
        module,
        action="answer",
        block_id=reflection,
        text='Nos listes <script>alert("x")</script>de <b>bénévoles</b>',
    )

    answer = ActivityResponse.objects.get()
    assert "<script" not in answer.answer_html
    assert "<b>bénévoles</b>" in answer.answer_html
    assert "bénévoles</b>" in client.get(module.url).content.decode()

    colleague = UserFactory(organisation=learner.organisation)
    client.force_login(colleague)
    assert "bénévoles" not in client.get(module.url).content.decode()


@pytest.mark.django_db
def test_an_empty_reflection_is_refused_with_a_message(client, learner, module):
    client.force_login(learner)
    response = post(
        client, module, action="answer", block_id=block_id(module, "reflection"), text="  "
    )
    assert not ActivityResponse.objects.exists()
    page = htmllib.unescape(client.get(response["Location"]).content.decode())
    assert "Écrivez une réponse" in page


@pytest.mark.django_db
def test_a_quiz_answer_shows_the_result_and_the_explanation(client, learner, module):
    client.force_login(learner)
    quiz = block_id(module, "quiz")
    html_before = client.get(module.url).content.decode()
    assert "Une adresse identifie une personne." not in html_before

    post(client, module, action="answer", block_id=quiz, choice="1")

    html = client.get(module.url).content.decode()
    assert ActivityResponse.objects.get().data == {"selected": [1], "correct": True}
    assert "Bonne réponse !" in html
    assert "Une adresse identifie une personne." in html


@pytest.mark.django_db
def test_a_single_choice_quiz_refuses_two_answers(client, learner, module):
    client.force_login(learner)
    post(client, module, action="answer", block_id=block_id(module, "quiz"), choice=["0", "1"])
    assert not ActivityResponse.objects.exists()


@pytest.mark.django_db
def test_a_forged_choice_is_refused(client, learner, module):
    client.force_login(learner)
    post(client, module, action="answer", block_id=block_id(module, "quiz"), choice="7")
    post(client, module, action="answer", block_id="not-a-block", text="x")
    assert not ActivityResponse.objects.exists()


@pytest.mark.django_db
def test_a_checklist_keeps_the_ticked_steps(client, learner, module):
    client.force_login(learner)
    post(client, module, action="answer", block_id=block_id(module, "checklist"), choice="1")
    assert ActivityResponse.objects.get().data == {"checked": [1]}
    assert 'value="1" id="etape-' in client.get(module.url).content.decode()


@pytest.mark.django_db
def test_feedback_is_kept_once_sanitised_and_anonymous_by_default(client, learner, module):
    client.force_login(learner)
    post(client, module, action="feedback", rating="4", comment="<i>Très</i> utile")
    post(client, module, action="feedback", rating="5", comment="Encore mieux")

    feedback = ModuleFeedback.objects.get()
    assert (feedback.rating, feedback.comment, feedback.show_name) == (5, "Encore mieux", False)


@pytest.mark.django_db
def test_feedback_without_a_rating_is_refused_in_french(client, learner, module):
    client.force_login(learner)
    response = post(client, module, action="feedback", rating="", comment="Bof")
    assert response.status_code == 400
    assert "Champ requis" in response.content.decode() or "obligatoire" in response.content.decode()
    assert not ModuleFeedback.objects.exists()


@pytest.mark.django_db
def test_a_locked_module_says_when_it_opens_and_refuses_done(client, learner):
    start = timezone.localdate()
    course = course_page(lock_by_week=True, starts_on=start)
    module_page(course, week=1)
    later = module_page(course, week=3)
    client.force_login(learner)

    html = client.get(later.url).content.decode()
    response = post(client, later, action="complete")

    opens = start + timezone.timedelta(weeks=2)
    assert f"Ce module ouvrira le {opens.day}" in html
    assert "Les données racontent" not in html
    assert not ModuleCompletion.objects.exists()
    assert response.status_code == 302


@pytest.mark.django_db
def test_english_module_records_against_the_french_page(client, learner, module):
    level = module.get_parent().get_parent().specific
    translate(home_page(), title="Home", slug="home")
    translate(level, title="Level 2")
    translate(module.get_parent().specific, title="12-week course")
    english = translate(module, title="Week 1 module")
    client.force_login(learner)

    html = client.get("/en" + english.url if not english.url.startswith("/en/") else english.url)
    assert "Week 1 module" in html.content.decode()
    client.post(english.url, {"action": "complete"})

    assert ModuleCompletion.objects.get().module_id == module.pk


@pytest.mark.django_db
def test_the_same_idempotency_key_twice_is_one_request(client, learner, module):
    from courses.models import RequestKey

    client.force_login(learner)
    page = client.get(module.url).content.decode()
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    assert len(key) == 32

    post(client, module, action="complete", idempotency_key=key)
    response = post(client, module, action="complete", idempotency_key=key)

    assert response.status_code == 302
    assert ModuleCompletion.objects.count() == 1
    assert RequestKey.objects.filter(learner=learner, key=key).count() == 1


@pytest.mark.django_db
def test_a_reflection_edited_again_reads_as_typed(client, learner, module):
    """An ampersand typed is an ampersand in the field (escaped once in the page)."""
    client.force_login(learner)
    post(client, module, action="answer", block_id=block_id(module, "reflection"), text="Café & co")

    page = client.get(module.url).content.decode()

    assert ">Café &amp; co</textarea>" in page
    assert "&amp;amp;" not in page
