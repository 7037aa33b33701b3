"""Public pages served whole from the cache to visitors without a session
(``lms.page_cache``): what a visitor sees is the page as published, never another
person's page, never a stale one after a publication."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from lms import kept
from lms.accounts.roles import role_group
from tests.factories import UserFactory, course_page, level_page, module_page, webinar_page
from webinars.services import session_register

pytestmark = pytest.mark.django_db

NONCE = re.compile(r"'nonce-([^']+)'")


def nonce_of(response) -> str:
    return NONCE.search(response["Content-Security-Policy"]).group(1)


def test_a_visitor_gets_the_kept_page_without_a_query(client, django_assert_num_queries):
    level = level_page()
    first = client.get(level.url)
    with django_assert_num_queries(0):
        second = client.get(level.url)
    assert second.status_code == 200
    assert second.content.decode().replace(nonce_of(second), "") == first.content.decode().replace(
        nonce_of(first), ""
    )
    assert "Niveau 2" in second.content.decode()
    assert second["Content-Language"] == "fr"
    assert int(second["Content-Length"]) == len(second.content)


def test_each_response_carries_its_own_nonce(client):
    level = level_page()
    responses = [client.get(level.url) for _ in range(3)]
    nonces = [nonce_of(response) for response in responses]
    assert len(set(nonces)) == 3
    for response, nonce in zip(responses, nonces, strict=True):
        html = response.content.decode()
        assert "csp-nonce-" not in html
        for used in re.findall(r'nonce="([^"]+)"', html):
            assert used == nonce


def test_publishing_shows_the_new_page_at_once(client):
    level = level_page()
    client.get(level.url)
    level.title = "Niveau 2 : la formation"
    level.save_revision().publish()
    assert "Niveau 2 : la formation" in client.get(level.url).content.decode()


def test_unpublishing_takes_the_page_down_at_once(client):
    course = course_page()
    assert client.get(course.url).status_code == 200
    course.unpublish()
    assert client.get(course.url).status_code == 404


def test_a_logged_in_person_never_gets_the_visitors_copy_nor_leaves_theirs(client, learner):
    level = level_page()
    anonymous = client.get(level.url).content.decode()
    assert "Mon parcours" not in anonymous
    client.force_login(learner)
    assert "Mon parcours" in client.get(level.url).content.decode()
    client.logout()
    cache.clear()
    client.force_login(learner)
    client.get(level.url)
    client.logout()
    assert "Mon parcours" not in client.get(level.url).content.decode()


def test_a_page_with_a_form_for_visitors_is_never_kept(client):
    level = level_page()
    PageViewRestriction.objects.create(
        page=level, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    first = client.get(level.url)
    assert "csrfmiddlewaretoken" in first.content.decode()
    client.cookies.clear()
    second = client.get(level.url)
    assert second.cookies.get("csrftoken")  # rendered for this visitor, with their token


def test_an_address_with_a_query_string_is_rendered(client):
    level = level_page()
    client.get(level.url)
    response = client.get(level.url + "?utm=x")
    assert response.status_code == 200
    assert "Niveau 2" in response.content.decode()


def test_a_full_session_shows_as_full_to_visitors_at_once(client, organisation):
    starts = timezone.now() + timedelta(days=3)
    webinar = webinar_page(sessions=[{"starts_at": starts, "duration_minutes": 90, "capacity": 1}])
    assert "Complet" not in client.get(webinar.url).content.decode()
    session_register(
        learner=UserFactory(organisation=organisation, roles=["learner"]),
        session=webinar.sessions.get(),
    )
    assert "Complet" in client.get(webinar.url).content.decode()


class Unreachable:
    def __getattr__(self, name):
        def down(*args, **kwargs):
            raise ConnectionError("redis is down")

        return down


def test_pages_are_rendered_when_the_kept_pages_are_unreachable(client, monkeypatch):
    level = level_page()
    monkeypatch.setattr(kept, "cache", Unreachable())
    response = client.get(level.url)
    assert response.status_code == 200
    assert "Niveau 2" in response.content.decode()


def test_a_page_is_found_without_walking_the_tree(client, learner, settings):
    course = course_page()
    client.force_login(learner)
    client.get(course.url)
    with CaptureQueriesContext(connection) as kept:
        found = client.get(course.url)
    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()
    with CaptureQueriesContext(connection) as walked:
        client.get(course.url)
    assert found.status_code == 200
    assert "Formation de 12 semaines" in found.content.decode()
    # The site, its root, the level and the course, each read with its own query.
    assert len(kept) <= len(walked) - 3


def test_a_moved_page_is_found_at_its_new_address_only(client, learner):
    course = course_page()
    old_url = course.url
    client.force_login(learner)
    assert client.get(old_url).status_code == 200
    course.slug = "formation-2027"
    course.save_revision().publish()
    assert client.get(old_url).status_code == 404
    assert client.get("/niveau-2/formation-2027/").status_code == 200


def test_an_unpublished_page_is_gone_for_a_logged_in_person_too(client, learner):
    course = course_page()
    client.force_login(learner)
    assert client.get(course.url).status_code == 200
    course.unpublish()
    assert client.get(course.url).status_code == 404


def test_a_role_given_shows_its_link_at_the_next_page(client, learner):
    level = level_page()
    client.force_login(learner)
    assert "Mes cohortes" not in client.get(level.url).content.decode()
    learner.groups.add(role_group("facilitator"))
    assert "Mes cohortes" in client.get(level.url).content.decode()
    learner.groups.remove(role_group("facilitator"))
    assert "Mes cohortes" not in client.get(level.url).content.decode()


def test_a_group_emptied_from_its_side_takes_its_link_away(client, learner):
    level = level_page()
    group = role_group("facilitator")
    group.user_set.add(learner)
    client.force_login(learner)
    assert "Mes cohortes" in client.get(level.url).content.decode()
    group.user_set.clear()
    assert "Mes cohortes" not in client.get(level.url).content.decode()


def test_a_page_made_private_is_private_at_once(client, learner):
    course = course_page()
    assert client.get(course.url).status_code == 200
    client.force_login(learner)
    assert client.get(course.url).status_code == 200
    client.logout()
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(course.url).status_code == 302
    client.force_login(learner)
    assert client.get(course.url).status_code == 200


def test_an_address_that_is_no_page_does_not_ask_the_cache(client, monkeypatch):
    asked = []

    class Counting:
        def __getattr__(self, name):
            asked.append(name)
            return getattr(cache, name)

    monkeypatch.setattr(kept, "cache", Counting())
    assert client.get("/comptes/login/").status_code == 200
    assert client.get("/en/comptes/login/").status_code == 200
    assert asked == []
    level = level_page()
    client.get(level.url)
    assert asked  # a page does


def test_titles_written_at_once_are_escaped_once(client, learner):
    course = course_page()
    module_page(course, week=1, title="Données & « vie privée » <base>")
    client.force_login(learner)
    html = client.get(course.url).content.decode()
    assert "Données &amp; « vie privée » &lt;base&gt;" in html
    assert "&amp;amp;" not in html and "<base>" not in html
