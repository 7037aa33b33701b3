"""Demonstration webinar: the level-1 awareness webinar, sessions to come, a replay, and
the demo learner's attendance at last week's session."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale

from lms.accounts.models import User
from lms.demo.pages import publish, translate
from webinars.models import WebinarPage, WebinarSession
from webinars.services import attendance_mark

DESCRIPTION = (
    "<p>En deux heures, le webinaire de sensibilisation présente ce que la transition "
    "numérique peut changer pour un organisme communautaire : mieux servir les personnes, "
    "alléger le travail de l'équipe, protéger les données qu'on lui confie. Il présente "
    "aussi le parcours DATAide et ses bourses.</p>"
    "<p>Le suivre en direct, ou regarder au moins 90 % de sa rediffusion, rend votre "
    "organisme admissible à la bourse d'amorçage.</p>"
)
DESCRIPTION_EN = (
    "<p>In two hours, the awareness webinar shows what the digital transition can change "
    "for a community organisation: serving people better, lightening the team's work, "
    "protecting the data it is trusted with. It also presents the DATAide pathway and its "
    "bursaries.</p><p>Attending it live, or watching at least 90 % of its replay, makes "
    "your organisation eligible for the seed bursary.</p>"
)


def webinar_demo_load(*, level, documents: dict, author) -> WebinarPage:
    """Add the awareness webinar under level 1: a session last week, three to come."""
    now = timezone.localtime()
    page = WebinarPage(
        title="Webinaire de sensibilisation à la transition numérique",
        slug="webinaire-de-sensibilisation",
        description=DESCRIPTION,
        presenters=[
            ("presenter", {"name": "Équipe Nord Ouvert", "role": "Gouvernance des données"}),
            ("presenter", {"name": "Équipe DATAide", "role": "Centraide du Grand Montréal"}),
        ],
        replay_video=documents["video"],
        replay_duration_seconds=12,
        replay_captions_fr=documents["captions_fr"],
        replay_captions_en=documents["captions_en"],
        replay_transcript="<p>DATAide, semaine 1 : la culture des données.</p>",
        replay_chapters=[
            ("chapter", {"start": "0:00", "title": "Bienvenue"}),
            ("chapter", {"start": "0:06", "title": "La culture des données"}),
        ],
    )
    for days, hour, language in ((-7, 13, "fr"), (7, 13, "fr"), (14, 19, "fr"), (21, 12, "en")):
        start = (now + timedelta(days=days)).replace(hour=hour, minute=30, second=0, microsecond=0)
        page.sessions.add(
            WebinarSession(
                starts_at=start,
                duration_minutes=120,
                capacity=100,
                language=language,
                meeting_url="https://visio.dataide.example/sensibilisation",
            )
        )
    page = publish(level, page, author)
    translate(
        page,
        Locale.objects.get(language_code="en"),
        {
            "title": "Digital transition awareness webinar",
            "slug": "awareness-webinar",
            "description": DESCRIPTION_EN,
        },  # fmt: skip
        author,
    )
    return page


def webinar_demo_attend() -> None:
    """The demo learner attended last week's live session: level 1 is complete and her
    organisation eligible for the seed bursary, as a learner would see it."""
    past = WebinarSession.objects.filter(starts_at__lt=timezone.now()).first()
    if past is not None:
        attendance_mark(
            session=past,
            learner=User.objects.get(email="apprenante@dataide.test"),
            minutes_present=past.duration_minutes,
            recorded_by=User.objects.get(email="equipe@dataide.test"),
            reason="Présente du début à la fin (démonstration).",
        )
