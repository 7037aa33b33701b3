"""Outside committee members: staff open their account in the admin (committee role only,
an invitation through the outbox with a link to choose a password); they reach their
committee's pages from the site's menu and nothing else: no admin, no cohorts, no
organisation's data."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from lms.accounts.roles import user_roles
from lms.outbox.models import OutboxMessage
from lms.selection.effects import MEMBER_INVITATION
from tests.factories import UserFactory
from tests.selection.builders import make_call, make_committee, member, submitted_application

pytestmark = pytest.mark.django_db

INVITE = "/admin/selection/committees/invite/"


def invite(client, **fields):
    data = {
        "first_name": "Ηλέκτρα",
        "last_name": "Saint-Onge",
        "email": "Electra.Saint-Onge@Example.org",
        "language": "fr",
    }
    data.update(fields)
    return client.post(INVITE, data)


def test_staff_invite_an_outside_member_who_chooses_a_password(
    client, staff, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    assert INVITE in client.get("/admin/selection/committees/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client)
    assert response.status_code == 302
    person = get_user_model().objects.get(email="electra.saint-onge@example.org")
    assert user_roles(person) == {"committee"}
    assert person.organisation is None and not person.has_usable_password()
    message = mail.outbox[-1]
    assert message.to == ["electra.saint-onge@example.org"]
    assert message.subject == "[DATAide] Vous êtes invité·e à un comité de sélection DATAide"
    assert "Bonjour Ηλέκτρα," in message.body
    link = re.search(r"https?://\S+/password/reset/key/\S+", message.body).group(0)
    path = "/" + link.split("/", 3)[3]
    client.logout()
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_url, {"password1": "Comité-2026-sûr!", "password2": "Comité-2026-sûr!"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Comité-2026-sûr!")
    # Sent once: the invitation is one outbox message.
    assert OutboxMessage.objects.filter(kind=MEMBER_INVITATION).count() == 1


def test_an_address_already_held_is_refused_and_nothing_is_written(client, staff):
    UserFactory(email="deja@example.org")
    client.force_login(staff)
    response = invite(client, email="DEJA@example.org")
    assert response.status_code == 200
    assert "Un compte existe déjà avec cette adresse" in response.content.decode()
    assert get_user_model().objects.filter(email__iexact="deja@example.org").count() == 1
    assert not OutboxMessage.objects.filter(kind=MEMBER_INVITATION).exists()


@pytest.mark.parametrize("who", ["facilitator", "author", "learner", "anonymous"])
def test_only_staff_invite_members(client, who, facilitator, author, learner):
    person = {"facilitator": facilitator, "author": author, "learner": learner}.get(who)
    if person:
        client.force_login(person)
    assert client.get(INVITE).status_code in (302, 403)
    assert invite(client).status_code in (302, 403)
    assert not get_user_model().objects.filter(email__iexact="electra.saint-onge@example.org")


def test_a_member_finds_the_committee_in_the_menu_and_nothing_else(client):
    call = make_call()
    committee = make_committee(call)
    application = submitted_application(call, name="Organisme « Ensemble »")
    person = member(committee).person
    client.force_login(person)
    page = client.get(reverse("selection_committee")).content.decode()
    assert f'href="{reverse("selection_committee")}"' in page and "Comité de sélection" in page
    assert "Organisme « Ensemble »" in page
    assert "Administration" not in page
    assert client.get("/admin/").status_code == 302
    assert client.get(reverse("cohorts_list")).status_code in (403, 404)
    assert client.get(reverse("selection_application", args=[application.pk])).status_code == 404
    # A learner does not see the committee's link.
    client.force_login(UserFactory(roles=["learner"]))
    assert "Comité de sélection" not in client.get(reverse("pathway_dashboard")).content.decode()
