from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import UserFactory, level_page, video_document, webinar_page
from webinars.models import WebinarPage


def webinar_form(**overrides):
    start = (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%d %H:%M")
    data = {
        "title": "Webinaire de sensibilisation",
        "slug": "webinaire",
        "intro": rich_text(""),
        "description": rich_text("<p>Deux heures.</p>"),
        "presenters": streamfield([("presenter", {"name": "Nord Ouvert", "role": "Autrice"})]),
        "sessions": inline_formset(
            [
                {
                    "starts_at": start,
                    "duration_minutes": 120,
                    "capacity": 80,
                    "language": "fr",
                    "meeting_url": "https://visio.exemple.test/a",
                }
            ]
        ),
        "replay_transcript": rich_text(""),
        "replay_chapters": streamfield([("chapter", {"start": "1:30", "title": "Introduction"})]),
        "replay_embed_url": "",
        "replay_threshold_percent": 90,
        "attendance_threshold_percent": 75,
    }
    data.update(overrides)
    return nested_form_data(data)


class WebinarAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.client.force_login(UserFactory(roles=["author"]))

    def test_author_creates_a_webinar_with_its_sessions(self):
        level = level_page(number=1, slug="sensibilisation")
        self.assertCanCreate(level, WebinarPage, webinar_form())
        webinar = WebinarPage.objects.get()
        self.assertEqual(webinar.sessions.get().capacity, 80)
        self.assertEqual(webinar.replay_threshold_percent, 90)

    def test_a_bad_chapter_time_is_refused(self):
        from django.urls import reverse

        level = level_page(number=1, slug="sensibilisation")
        data = webinar_form()
        data["replay_chapters-0-value-start"] = "vers la fin"
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=("webinars", "webinarpage", level.pk)),
            {**data, "action-publish": "action-publish"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(WebinarPage.objects.exists())


def test_a_replay_needs_its_length_and_captions_or_transcript(db):
    import pytest

    webinar = webinar_page()
    webinar.replay_video = video_document()
    with pytest.raises(ValidationError) as error:
        webinar.clean()
    assert set(error.value.message_dict) == {"replay_duration_seconds", "replay_captions_fr"}

    webinar.replay_duration_seconds = 600
    webinar.replay_transcript = "<p>Texte.</p>"
    webinar.clean()

    webinar.replay_embed_url = "https://exemple.org/video"
    with pytest.raises(ValidationError) as error:
        webinar.clean()
    assert set(error.value.message_dict) == {"replay_embed_url"}
