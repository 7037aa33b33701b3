"""A logged-in person's pages kept for them alone (``lms.person_cache``): served again
without being rendered, and never stale after what they show changes, whoever changed
it, nor shown to anybody else."""

import html as htmllib
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cohorts.models import Cohort
from courses.models import ActivityResponse, ModuleCompletion
from lms.accounts.roles import role_group
from lms.pathway.services import level_completion_record
from tests.factories import UserFactory, block_id, course_page, module_page, webinar_page
from webinars.services import session_register

pytestmark = pytest.mark.django_db

NONCE = re.compile(r"'nonce-([^']+)'")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


def alike(response) -> str:
    """The page without what each response has of its own (nonce, CSRF token's mask)."""
    nonce = NONCE.search(response["Content-Security-Policy"])[1]
    return TOKEN.sub("", text(response).replace(nonce, ""))


def warm(client, url):
    """The first visit finds the page's route, the second keeps the person's copy."""
    client.get(url)
    return client.get(url)


def assert_kept(client, url):
    """The person's copy is there: the next visit reads nothing but the user."""
    _, count = kept_visit(client, url)
    assert count == 1


def kept_visit(client, url):
    """A visit and the queries it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


@pytest.fixture
def course(db):
    return course_page()


@pytest.fixture
def module(course):
    return module_page(course, week=1)


def test_a_kept_page_is_served_again_with_the_user_read_alone(client, learner, course, module):
    client.force_login(learner)
    first = warm(client, course.url)
    second, count = kept_visit(client, course.url)
    assert count == 1  # the user, to know whose page it is; the session is in the cache
    assert second.status_code == 200
    assert alike(second) == alike(first)
    assert "private" in second["Cache-Control"]
    assert int(second["Content-Length"]) == len(second.content)


def test_completing_a_module_shows_at_once_on_the_course_and_module_pages(
    client, learner, course, module
):
    client.force_login(learner)
    assert "0 module obligatoire terminé sur 1" in text(warm(client, course.url))
    warm(client, module.url)
    assert "Marquer comme terminé" in text(client.get(module.url))
    assert_kept(client, course.url)
    assert_kept(client, module.url)
    client.post(module.url, {"action": "complete"})
    assert ModuleCompletion.objects.filter(learner=learner).exists()
    assert "Marquer comme terminé" not in text(client.get(module.url))
    assert "1 module obligatoire terminé sur 1" in text(client.get(course.url))


def test_another_person_never_gets_a_kept_page(client, learner, course, module):
    other = UserFactory(
        first_name="Zoé", last_name="Tremblay-刘", organisation=learner.organisation
    )
    client.force_login(learner)
    client.post(module.url, {"action": "complete"})
    warm(client, module.url)
    assert "Marquer comme terminé" not in text(client.get(module.url))
    client.force_login(other)  # the same browser, another person
    assert "Marquer comme terminé" in text(client.get(module.url))


def test_a_second_device_gets_its_own_valid_csrf_token(learner, module):
    laptop = Client(enforce_csrf_checks=True)
    phone = Client(enforce_csrf_checks=True)
    for device in (laptop, phone):
        device.force_login(learner)
    warm(laptop, module.url)
    phone.get(module.url)  # the phone's CSRF cookie
    page, count = kept_visit(phone, module.url)
    assert count == 1  # served from the laptop's render
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()))
    assert "csrf-token-" not in page.content.decode()
    assert len(tokens) == 1
    response = phone.post(module.url, {"action": "complete", "csrfmiddlewaretoken": tokens.pop()})
    assert response.status_code == 302
    assert ModuleCompletion.objects.filter(learner=learner, module=module).count() == 1


def test_two_tabs_of_a_kept_module_answer_as_two_requests(client, learner, module):
    client.force_login(learner)
    warm(client, module.url)
    keys = [
        re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', text(client.get(module.url)))[1]
        for _ in range(2)
    ]
    assert keys[0] != keys[1]
    for key, prompt in zip(keys, ("Des listes", "Des courriels"), strict=True):
        client.post(
            module.url,
            {"action": "answer", "block_id": block_id(module, "reflection"), "text": prompt,
             "idempotency_key": key},
        )  # fmt: skip
    assert "Des courriels" in ActivityResponse.objects.get(learner=learner).answer_html


def test_anyones_registration_changes_the_seats_everyone_sees(client, learner):
    starts = (timezone.localtime() + timedelta(days=3)).replace(hour=13, minute=30)
    webinar = webinar_page(sessions=[{"starts_at": starts, "capacity": 3}])
    client.force_login(learner)
    assert "3 places restantes" in text(warm(client, webinar.url))
    assert_kept(client, webinar.url)
    session_register(learner=UserFactory(), session=webinar.sessions.get())
    assert "2 places restantes" in text(client.get(webinar.url))


def test_a_change_nobody_declared_drops_every_kept_page(client, learner, course, module):
    client.force_login(learner)
    warm(client, course.url)
    assert_kept(client, course.url)
    course.title = "Un titre jamais publié"
    course.save(update_fields=["title"])  # a draft's row: undeclared, so everything goes
    _, count = kept_visit(client, course.url)
    assert count > 1


def test_a_bulk_update_drops_every_kept_page(client, learner, course):
    client.force_login(learner)
    warm(client, course.url)
    assert_kept(client, course.url)
    Cohort.objects.filter(pk=0).update(name="rien")  # no signal: the queryset says it
    _, count = kept_visit(client, course.url)
    assert count > 1


def test_a_waiting_message_is_shown_not_the_kept_page(client, learner):
    starts = (timezone.localtime() + timedelta(days=3)).replace(hour=13, minute=30)
    webinar = webinar_page(sessions=[{"starts_at": starts, "capacity": 3}])
    client.force_login(learner)
    warm(client, webinar.url)
    response = client.post(
        webinar.url, {"action": "register", "session": webinar.sessions.get().pk}, follow=True
    )
    assert "Un courriel de confirmation" in text(response)
    assert "Un courriel de confirmation" not in text(client.get(webinar.url))


def test_a_role_given_shows_in_the_header_at_once(client, learner, course):
    client.force_login(learner)
    assert "Mes cohortes" not in text(warm(client, course.url))
    assert_kept(client, course.url)
    learner.groups.add(role_group("facilitator"))
    assert "Mes cohortes" in text(client.get(course.url))


def test_a_restricted_page_is_never_kept(client, learner, course):
    PageViewRestriction.objects.create(page=course, restriction_type="login")
    client.force_login(learner)
    warm(client, course.url)
    _, count = kept_visit(client, course.url)
    assert count > 1


def test_mon_parcours_is_kept_and_shows_a_level_completed_at_once(client, learner):
    client.force_login(learner)
    before = text(warm(client, "/parcours/mon-parcours/")).count('class="tag tag-ok"')
    assert_kept(client, "/parcours/mon-parcours/")
    # Written in bulk (no signal): the queryset says it.
    level_completion_record(learner=learner, level=1, evidence={}, source="test")
    after = text(client.get("/parcours/mon-parcours/")).count('class="tag tag-ok"')
    assert after == before + 1


def test_with_the_cache_down_pages_are_rendered(client, learner, course):
    client.force_login(learner)
    warm(client, course.url)
    with mock.patch.object(cache, "get_many", side_effect=ConnectionError("cache down")):
        response = client.get(course.url)
    assert response.status_code == 200
    assert course.title in text(response)


def test_each_kept_response_carries_its_own_nonce(client, learner, course):
    client.force_login(learner)
    warm(client, course.url)
    responses = [client.get(course.url) for _ in range(2)]
    nonces = [NONCE.search(r["Content-Security-Policy"])[1] for r in responses]
    assert nonces[0] != nonces[1]
    for response, nonce in zip(responses, nonces, strict=True):
        assert "csp-nonce-" not in response.content.decode()
        assert set(re.findall(r'nonce="([^"]+)"', response.content.decode())) <= {nonce}


def test_a_replay_report_shows_on_the_learners_page_and_keeps_everyone_elses(client, learner):
    from tests.factories import video_document

    webinar = webinar_page(replay_video=video_document(), replay_duration_seconds=100,
                           replay_transcript="<p>Transcription.</p>")  # fmt: skip
    url = f"/webinaires/{webinar.pk}/rediffusion/"
    other = UserFactory(organisation=learner.organisation, roles=["learner"])
    elsewhere = Client()
    elsewhere.force_login(other)
    client.force_login(learner)
    client.post(url, {"intervals": "[[0, 30]]"})  # the first report makes the row
    warm(elsewhere, webinar.url)
    assert "Regardé : 30 %" in text(warm(client, webinar.url))

    answer = client.post(url, {"intervals": "[[30, 40]]"})  # the next ones update it

    assert answer.json()["percent"] == 40
    assert "Regardé : 40 %" in text(client.get(webinar.url))
    assert_kept(elsewhere, webinar.url)  # only the learner's own pages went
