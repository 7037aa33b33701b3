"""Calendar files (.ics) for live sessions, in Quebec time."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vText

from webinars.models import WebinarSession


def session_ics(session: WebinarSession, *, page_url: str, language: str) -> bytes:
    """Return an iCalendar file for ``session``, its times in the America/Montreal zone.

    The videoconference link is not in it: it is shown on the webinar's page, to
    registered learners, shortly before the start.
    """
    local = timezone.localtime(session.starts_at, timezone.get_default_timezone())
    end = timezone.localtime(session.ends_at, timezone.get_default_timezone())
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", "-//DATAide//Plateforme d'apprentissage//FR")
        calendar.add("version", "2.0")
        calendar.add("method", "PUBLISH")
        event = Event()
        event.add("uid", f"seance-{session.pk}@dataide")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", local)
        event.add("dtend", end)
        event.add("summary", session.webinar.title)
        event.add("location", vText(_("Online")))
        event.add("url", page_url)
        event.add(
            "description",
            _("The videoconference link will be on this page 30 minutes before the start: %(url)s")
            % {"url": page_url},
        )
        calendar.add_component(event)
        calendar.add_missing_timezones()
    return calendar.to_ical()
