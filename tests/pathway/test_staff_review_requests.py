"""Review requests in the admin: open ones first, read as plain text, closed with an answer."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms.pathway.models import ReviewRequest
from tests.factories import OrganisationFactory, UserFactory
from tests.pathway.staff_helpers import ELIGIBILITIES, REVIEW_REQUESTS, grant, review_request


def listed(html: str) -> list[str]:
    """The requests listed, in order, as the text of their message column."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", " ", row)).split())
        for row in re.findall(r"<tr.*?</tr>", body, re.S)
    ]


@pytest.fixture
def logged_in(client, staff):
    client.force_login(staff)
    return client


@pytest.mark.django_db
def test_open_requests_come_first_then_the_newest(logged_in, staff):
    old_open = review_request(message="Ancienne demande ouverte")
    closed = review_request(message="Demande fermée récente")
    review_request(message="Nouvelle demande ouverte")
    ReviewRequest.objects.filter(pk=old_open.pk).update(
        created_at=timezone.now() - timedelta(days=3)
    )
    ReviewRequest.objects.filter(pk=closed.pk).update(
        status=ReviewRequest.Status.CLOSED, closed_by=staff, closed_at=timezone.now()
    )

    rows = listed(logged_in.get(REVIEW_REQUESTS).content.decode())

    assert [next(m for m in ("Nouvelle", "Ancienne", "fermée") if m in r) for r in rows] == [
        "Nouvelle",
        "Ancienne",
        "fermée",
    ]
    assert "À réviser" in rows[0] and "Révisée" in rows[2]


@pytest.mark.django_db
def test_filters_by_status_and_level(logged_in, staff):
    review_request(level=1, message="Niveau un")
    review_request(level=2, message="Niveau deux")
    closed = review_request(level=2, message="Niveau deux fermée")
    ReviewRequest.objects.filter(pk=closed.pk).update(status=ReviewRequest.Status.CLOSED)

    def messages(**params):
        return listed(logged_in.get(REVIEW_REQUESTS, params).content.decode())

    assert len(messages(level=2)) == 2
    assert len(messages(status="open")) == 2
    rows = messages(status="closed", level=2)
    assert len(rows) == 1 and "Niveau deux fermée" in rows[0]


@pytest.mark.django_db
def test_the_detail_shows_the_message_as_plain_text(logged_in):
    person = UserFactory(
        first_name="Josée", last_name="Lavoie", organisation=OrganisationFactory(name="Friperie")
    )
    eligibility = grant(organisation=person.organisation, learner=person)
    request = review_request(
        person=person,
        message='<script>alert("x")</script>\n<b>Deuxième</b> ligne',
        eligibility=eligibility,
    )

    html = logged_in.get(f"{REVIEW_REQUESTS}{request.pk}/").content.decode()

    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>&lt;b&gt;Deuxième" in html
    assert "Josée Lavoie" in html and "Friperie" in html
    assert f'href="{ELIGIBILITIES}{eligibility.pk}/"' in html
    assert f'href="{REVIEW_REQUESTS}{request.pk}/close/"' in html
    listing = logged_in.get(REVIEW_REQUESTS).content.decode()
    assert "<script>alert" not in listing


@pytest.mark.django_db
def test_staff_close_a_request_with_an_answer(logged_in, staff):
    request = review_request()
    url = f"{REVIEW_REQUESTS}{request.pk}/close/"

    assert "Pouvez-vous revoir ma présence ?" in logged_in.get(url).content.decode()
    response = logged_in.post(
        url, {"answer": "Présence revue : 80 minutes, c'est bon."}, follow=True
    )

    assert response.redirect_chain[-1][0] == f"{REVIEW_REQUESTS}{request.pk}/"
    html = response.content.decode()
    assert "La demande de révision est fermée." in html
    assert "Présence revue : 80 minutes, c&#x27;est bon." in html
    request.refresh_from_db()
    assert request.status == ReviewRequest.Status.CLOSED
    assert request.closed_by == staff
    assert request.closed_at is not None
    assert request.answer == "Présence revue : 80 minutes, c'est bon."
    entry = ModelLogEntry.objects.get(action="pathway.review_request.closed")
    assert entry.object_id == str(request.pk) and entry.user == staff


@pytest.mark.django_db
def test_an_answer_is_required_and_a_request_closes_once(logged_in, staff):
    request = review_request()
    url = f"{REVIEW_REQUESTS}{request.pk}/close/"

    response = logged_in.post(url, {"answer": "   "})
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == ReviewRequest.Status.OPEN

    logged_in.post(url, {"answer": "Revu."})
    response = logged_in.post(url, {"answer": "Une deuxième réponse."})
    assert "Cette demande a déjà été fermée." in unescape(response.content.decode())
    request.refresh_from_db()
    assert request.answer == "Revu."

    response = logged_in.get(url, follow=True)
    assert response.redirect_chain[-1][0] == f"{REVIEW_REQUESTS}{request.pk}/"
    assert f'href="{url}"' not in response.content.decode()


@pytest.mark.django_db
def test_the_listing_makes_as_many_queries_for_30_requests_as_for_3(logged_in):
    for _ in range(3):
        review_request(eligibility=grant())
    logged_in.get(REVIEW_REQUESTS)
    with CaptureQueriesContext(connection) as few:
        logged_in.get(REVIEW_REQUESTS)
    for _ in range(27):
        review_request(eligibility=grant())
    with CaptureQueriesContext(connection) as many:
        html = logged_in.get(REVIEW_REQUESTS).content.decode()
    assert len(listed(html)) == 30
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.django_db
def test_a_request_is_stored_as_typed_and_shown_escaped_once(logged_in):
    from lms.pathway.services import review_request_create

    typed = 'Café & <b>"jeunes"</b> d\'ici'
    person = UserFactory(organisation=OrganisationFactory())
    request = review_request_create(learner=person, level=1, message=f" {typed} ")

    request.refresh_from_db()
    assert request.message == typed
    shown = "Café &amp; &lt;b&gt;&quot;jeunes&quot;&lt;/b&gt; d&#x27;ici"
    for url in (REVIEW_REQUESTS, f"{REVIEW_REQUESTS}{request.pk}/"):
        html = logged_in.get(url).content.decode()
        assert shown in html
        assert "&amp;amp;" not in html and '<b>"jeunes"' not in html
