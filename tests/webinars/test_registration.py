import html as htmllib
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from lms.outbox.models import OutboxMessage
from lms.outbox.services import outbox_process
from tests.factories import UserFactory, webinar_page
from webinars.models import Registration
from webinars.services import RegistrationError, session_cancel, session_register


def in_days(days, hour=13):
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=30, second=0, microsecond=0)


@pytest.fixture
def webinar(db):
    return webinar_page(
        sessions=[
            {"starts_at": in_days(3), "capacity": 2},
            {"starts_at": in_days(10), "capacity": 50, "language": "en"},
        ]
    )


def sessions_of(webinar):
    return list(webinar.sessions.order_by("starts_at"))


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


@pytest.mark.django_db
def test_registering_sends_a_confirmation_with_a_calendar_file(
    client, learner, webinar, mailoutbox, django_capture_on_commit_callbacks
):
    first, _second = sessions_of(webinar)
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(webinar.url, {"action": "register", "session": first.pk})

    assert response.status_code == 302
    assert Registration.objects.get().status == "registered"
    message = mailoutbox[0]
    assert message.to == [learner.email]
    assert "Votre inscription" in message.subject
    assert "heure du Québec" in message.body
    filename, content, mimetype = message.attachments[0]
    assert (filename, mimetype) == ("webinaire-dataide.ics", "text/calendar")
    calendar = Calendar.from_ical(content)
    event = calendar.walk("VEVENT")[0]
    assert str(event["summary"]) == "Webinaire de sensibilisation"
    assert event["dtstart"].dt == timezone.localtime(first.starts_at)
    assert event["dtstart"].params["TZID"] == "America/Montreal"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "America/Montreal"
    assert "visio.exemple.test" not in str(content)  # the link is shown on the page only


@pytest.mark.django_db
def test_the_confirmation_is_in_the_learners_language(
    client, learner, webinar, mailoutbox, django_capture_on_commit_callbacks
):
    learner.preferred_language = "en"
    learner.save()
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(webinar.url, {"action": "register", "session": sessions_of(webinar)[0].pk})
    assert "Your registration" in mailoutbox[0].subject
    assert "Quebec time" in mailoutbox[0].body


@pytest.mark.django_db
def test_registering_twice_keeps_one_registration(learner, webinar):
    session = sessions_of(webinar)[0]
    session_register(learner=learner, session=session)
    session_register(learner=learner, session=session)
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_a_confirmation_per_registration_not_per_click(
    learner, webinar, mailoutbox, django_capture_on_commit_callbacks
):
    session = sessions_of(webinar)[0]
    with django_capture_on_commit_callbacks(execute=True):
        session_register(learner=learner, session=session)
        session_register(learner=learner, session=session)  # a double click
    assert len(mailoutbox) == 1

    session_cancel(learner=learner, session=session)
    with django_capture_on_commit_callbacks(execute=True):
        session_register(learner=learner, session=session)  # registered again
    assert len(mailoutbox) == 2
    assert OutboxMessage.objects.filter(kind="webinars.registration_confirmation").count() == 2


@pytest.mark.django_db
def test_a_registration_cancelled_before_its_confirmation_left_gets_none(
    learner, webinar, mailoutbox, django_capture_on_commit_callbacks
):
    session = sessions_of(webinar)[0]
    with django_capture_on_commit_callbacks(execute=False):  # the broker is slow
        session_register(learner=learner, session=session)
    session_cancel(learner=learner, session=session)

    message = OutboxMessage.objects.get(kind="webinars.registration_confirmation")
    assert outbox_process(message_id=message.pk) is True
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_full_session_says_so_and_offers_the_next_ones(client, webinar):
    first, second = sessions_of(webinar)
    for _ in range(2):
        session_register(learner=UserFactory(), session=first)
    latecomer = UserFactory()
    with pytest.raises(RegistrationError):
        session_register(learner=latecomer, session=first)

    client.force_login(latecomer)
    response = client.post(webinar.url, {"action": "register", "session": first.pk}, follow=True)
    page = text(response)
    assert "Cette séance est complète." in page
    assert "Complet" in page
    assert page.count(">S'inscrire<") == 1  # the next session still takes registrations


@pytest.mark.django_db
def test_cancelling_frees_the_seat_and_registering_again_reuses_the_row(learner, webinar):
    first = sessions_of(webinar)[0]
    session_register(learner=learner, session=first)
    session_register(learner=UserFactory(), session=first)
    session_cancel(learner=learner, session=first)

    newcomer = UserFactory()
    session_register(learner=newcomer, session=first)
    assert first.registrations.filter(status="registered").count() == 2
    with pytest.raises(RegistrationError):
        session_register(learner=learner, session=first)

    session_cancel(learner=newcomer, session=first)
    session_register(learner=learner, session=first)
    assert Registration.objects.filter(learner=learner).count() == 1


@pytest.mark.django_db
def test_a_started_session_takes_no_registration(learner):
    webinar = webinar_page(sessions=[{"starts_at": timezone.now() - timedelta(minutes=10)}])
    with pytest.raises(RegistrationError):
        session_register(learner=learner, session=webinar.sessions.get())


@pytest.mark.django_db
def test_the_meeting_link_shows_to_registrants_only_shortly_before(client, learner):
    webinar = webinar_page(sessions=[{"starts_at": timezone.now() + timedelta(minutes=20)}])
    session = webinar.sessions.get()
    other = UserFactory()
    client.force_login(other)
    assert "visio.exemple.test" not in client.get(webinar.url).content.decode()

    session_register(learner=learner, session=session)
    client.force_login(learner)
    assert "visio.exemple.test" in client.get(webinar.url).content.decode()


@pytest.mark.django_db
def test_the_link_is_hidden_a_day_before(client, learner, webinar):
    session_register(learner=learner, session=sessions_of(webinar)[0])
    client.force_login(learner)
    page = text(client.get(webinar.url))
    assert "visio.exemple.test" not in page
    assert "30 minutes avant le début" in page
    assert "Vous êtes inscrit" in page


@pytest.mark.django_db
def test_anonymous_visitors_are_asked_to_log_in(client, webinar):
    response = client.post(
        webinar.url, {"action": "register", "session": sessions_of(webinar)[0].pk}
    )
    assert response["Location"].startswith("/comptes/login/")
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_a_session_of_another_webinar_is_404(client, learner, webinar):
    other = webinar_page(
        level=webinar.get_parent(), slug="autre", sessions=[{"starts_at": in_days(5)}]
    )
    client.force_login(learner)
    response = client.post(webinar.url, {"action": "register", "session": other.sessions.get().pk})
    assert response.status_code == 404


@pytest.mark.django_db
def test_webinar_page_lists_sessions_with_a_constant_number_of_queries(
    client, learner, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    webinar = webinar_page(sessions=[{"starts_at": in_days(2)}])
    client.force_login(learner)
    client.get(webinar.url)
    with CaptureQueriesContext(connection) as few:
        client.get(webinar.url)
    count = len(few)  # before another request empties the connection's log
    for day in range(3, 15):
        webinar.sessions.add(
            webinar.sessions.model(starts_at=in_days(day), meeting_url="https://v.exemple.test/")
        )
    webinar.save()
    client.get(webinar.url)  # the new sessions dropped what was kept: kept again
    with django_assert_max_num_queries(count):
        assert client.get(webinar.url).status_code == 200
