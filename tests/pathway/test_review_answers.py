"""Staff's answer to a review request reaches the person: by e-mail, in their language,
and on "Mon parcours", through the real views."""

import html as htmllib

import pytest

from lms.accounts.models import OrganisationContact
from lms.pathway.models import ReviewRequest
from tests.pathway.staff_helpers import REVIEW_REQUESTS
from tests.pathway.test_eligibility import attend

DASHBOARD = "/parcours/mon-parcours/"
ANSWER = "Présence revue : 80 minutes, c'est bon.\nÀ bientôt & merci <3"


@pytest.fixture
def asked(
    client, learner, staff, awareness_session, mailoutbox, django_capture_on_commit_callbacks
):
    """The learner completed level 1 and asked, from her pathway page, for a review."""
    OrganisationContact.objects.create(organisation=learner.organisation, person=learner)
    attend(learner, awareness_session, staff, django_capture_on_commit_callbacks)
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(DASHBOARD, {"level": "1", "message": "J'étais <b>là</b>."})
    mailoutbox.clear()
    return ReviewRequest.objects.get()


def close(client, staff, request, capture):
    client.force_login(staff)
    with capture(execute=True):
        response = client.post(f"{REVIEW_REQUESTS}{request.pk}/close/", {"answer": ANSWER})
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_open_request_shows_on_the_pathway_page(client, asked):
    page = htmllib.unescape(client.get(DASHBOARD).content.decode())

    assert "Mes demandes de révision" in page
    assert "J'étais <b>là</b>." in page  # shown as typed (escaped once in the HTML)
    assert "À réviser" in page


@pytest.mark.django_db
def test_the_answer_is_e_mailed_to_the_person_in_her_language(
    client, learner, staff, asked, mailoutbox, django_capture_on_commit_callbacks
):
    learner.preferred_language = "en"
    learner.save(update_fields=["preferred_language"])

    close(client, staff, asked, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.to == [learner.email]
    assert "DATAide" in message.subject and "Answer to your request" in message.subject
    assert ANSWER in message.body  # as typed, in the plain text
    assert "/en/parcours/" in message.body or "/parcours/" in message.body
    html = message.alternatives[0][0]
    assert "À bientôt &amp; merci &lt;3" in html and "&amp;amp;" not in html


@pytest.mark.django_db
def test_the_answer_shows_on_the_pathway_page_escaped_once(
    client, staff, learner, asked, mailoutbox, django_capture_on_commit_callbacks
):
    close(client, staff, asked, django_capture_on_commit_callbacks)
    assert "Réponse à votre demande de révision" in mailoutbox[0].subject

    client.force_login(learner)
    raw = client.get(DASHBOARD).content.decode()

    assert "c&#x27;est bon.<br>À bientôt &amp; merci &lt;3" in raw
    assert "&amp;amp;" not in raw
    page = htmllib.unescape(raw)
    assert "Révisée" in page and "Réponse de l'équipe DATAide" in page
    # Closed, so she may ask again.
    assert "Demander qu'une personne révise cette décision" in page


@pytest.mark.django_db
def test_evidence_reviews_are_staffs_own_and_send_nothing(
    client, staff, learner, mailoutbox, django_capture_on_commit_callbacks
):
    request = ReviewRequest.objects.create(
        requested_by=learner, level=1, message="Preuve modifiée", kind=ReviewRequest.Kind.EVIDENCE
    )

    close(client, staff, request, django_capture_on_commit_callbacks)

    assert mailoutbox == []
    client.force_login(learner)
    assert "Preuve modifiée" not in client.get(DASHBOARD).content.decode()
