"""A path that leads somewhere: from the home page, each level and "Mon parcours", a
learner reaches the next thing to do in one click."""

import html
from datetime import timedelta

import pytest
from django.utils import timezone

from courses.services import module_complete
from tests.factories import course_page, level_page, module_page, webinar_page


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def pathway(db):
    """Level 1 with its webinar, level 2 with its course of two modules."""
    awareness = level_page(number=1, slug="sensibilisation", bursary_ceiling=5000)
    webinar = webinar_page(
        level=awareness,
        title="Webinaire de sensibilisation",
        sessions=[{"starts_at": timezone.now() + timedelta(days=5)}],
    )
    acceleration = level_page(number=2, slug="acceleration", bursary_ceiling=15000)
    course = course_page(acceleration, title="Accélérer la transition")
    modules = [module_page(course, week=1, title="La culture des données"),
               module_page(course, week=2, title="La gouvernance")]  # fmt: skip
    return {"webinar": webinar, "course": course, "modules": modules, "awareness": awareness}


@pytest.mark.django_db
def test_the_home_page_links_straight_to_the_webinar(client, pathway):
    page = text(client.get("/"))

    assert f'href="{pathway["webinar"].url}"' in page
    assert "Commencer ici : Webinaire de sensibilisation" in page
    assert "jusqu'à 5\u00a0000 $" in page  # amounts the French way


@pytest.mark.django_db
def test_the_level_page_starts_with_its_webinar(client, pathway):
    page = text(client.get(pathway["awareness"].url))

    assert "Commencer ici : Webinaire de sensibilisation" in page
    assert "Webinaire · en direct ou en rediffusion" in page


@pytest.mark.django_db
def test_my_pathway_leads_to_the_webinar_then_to_the_next_module(client, learner, pathway):
    client.force_login(learner)

    page = text(client.get("/parcours/mon-parcours/"))
    assert f'href="{pathway["webinar"].url}"' in page
    assert "À suivre : Webinaire de sensibilisation" in page
    assert f'href="{pathway["course"].url}"' in page  # not begun: the course itself

    module_complete(learner=learner, module=pathway["modules"][0])
    page = text(client.get("/parcours/mon-parcours/"))
    assert f'href="{pathway["modules"][1].url}"' in page
    assert "À suivre : La gouvernance" in page


@pytest.mark.django_db
def test_a_registered_learner_downloads_the_sessions_calendar_file(client, learner, pathway):
    from webinars.services import session_register

    session = pathway["webinar"].sessions.get()
    session_register(learner=learner, session=session)
    client.force_login(learner)

    page = text(client.get(pathway["webinar"].url))
    response = client.get(f"/webinaires/seances/{session.pk}/calendrier.ics")

    assert f"/webinaires/seances/{session.pk}/calendrier.ics" in page
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and "America/Montreal" in body
    assert session.meeting_url not in body  # the link is never in the calendar file


@pytest.mark.django_db
def test_facilitators_have_a_menu_entry_to_attendance(client, facilitator, learner):
    client.force_login(facilitator)
    assert 'href="/webinaires/seances/"' in client.get("/").content.decode()
    client.force_login(learner)
    assert 'href="/webinaires/seances/"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_sign_up_page_says_courriel(client):
    page = text(client.get("/comptes/signup/"))
    assert "Courriel" in page and "E-mail" not in page
