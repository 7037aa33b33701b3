"""Feedback on the webinar, as on a module: once attended or watched, a rating and a
comment, the name only with consent; authors read it beside the webinar and in the
feedback report."""

import html
from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import ModuleFeedback
from tests.factories import webinar_page
from webinars.services import attendance_mark


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def webinar(db):
    return webinar_page(
        sessions=[{"starts_at": timezone.now() - timedelta(days=1), "duration_minutes": 100}]
    )


def rate(client, webinar, **fields):
    return client.post(
        webinar.url,
        {"action": "feedback", "rating": "4", "comment": "Très clair & utile", **fields},
    )


@pytest.mark.django_db
def test_feedback_waits_until_the_webinar_is_attended(client, webinar, learner, staff):
    client.force_login(learner)
    assert "Votre avis sur ce webinaire" not in text(client.get(webinar.url))
    rate(client, webinar)
    assert not ModuleFeedback.objects.exists()

    attendance_mark(
        session=webinar.sessions.get(),
        learner=learner,
        minutes_present=100,
        recorded_by=staff,
        reason="Présente",
    )
    assert "Votre avis sur ce webinaire" in text(client.get(webinar.url))
    response = rate(client, webinar)

    assert response.status_code == 302
    feedback = ModuleFeedback.objects.get()
    assert (feedback.module_id, feedback.rating, feedback.comment, feedback.show_name) == (
        webinar.pk,
        4,
        "Très clair & utile",
        False,
    )


@pytest.mark.django_db
def test_authors_read_webinar_feedback_in_the_report(client, webinar, learner, author, staff):
    attendance_mark(
        session=webinar.sessions.get(),
        learner=learner,
        minutes_present=100,
        recorded_by=staff,
        reason="Présente",
    )
    client.force_login(learner)
    rate(client, webinar, show_name="on")
    client.force_login(author)

    report = text(client.get("/admin/reports/module-feedback/", {"module": webinar.pk}))
    editor = text(client.get(f"/admin/pages/{webinar.pk}/edit/"))

    assert "Webinaire de sensibilisation" in report and "Très clair & utile" in report
    assert f"{learner.first_name} {learner.last_name}" in report
    assert "1 avis, moyenne 4,0/5" in " ".join(editor.split())
