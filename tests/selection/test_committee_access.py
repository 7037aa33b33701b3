"""Every committee route walked by each role: an application is its committee's members'
only (404 for anyone else; anonymous people are sent to log in), staff read the
consolidated scores of any; the member's list and the consolidated scores take the same
number of queries whatever the applications and the members."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.selection.models import ConflictDeclaration, Review, Seat
from tests.factories import UserFactory
from tests.selection.builders import (
    declare_and_score,
    make_call,
    make_committee,
    member,
    submitted_application,
)

pytestmark = pytest.mark.django_db

CRITERIA = [("Pertinence", 2), ("Faisabilité", 1)]


@pytest.fixture
def call(db):
    return make_call(criteria=CRITERIA)


@pytest.fixture
def committee(call):
    return make_committee(call)


@pytest.fixture
def application(call, committee):
    return submitted_application(call, name="Организация «Соседи»")


def record_routes(application):
    """The routes about one application: (method, url name)."""
    return [
        ("get", "selection_committee_application"),
        ("get", "selection_committee_declaration"),
        ("post", "selection_committee_declaration"),
        ("get", "selection_committee_review"),
        ("post", "selection_committee_review"),
        ("get", "selection_committee_consolidated"),
    ]


def post_data(application):
    data = {"has_conflict": "no"}
    for criterion in application.call.criteria.all():
        data[f"score_{criterion.pk}"] = "3"
        data[f"comment_{criterion.pk}"] = "Intrus"
    return data


@pytest.fixture(params=["learner", "other_committee", "facilitator", "author", "applicant"])
def outsider(request, learner, facilitator, author, application):
    if request.param == "other_committee":
        other = make_committee(make_call(title="Un autre appel", criteria=CRITERIA))
        return member(other).person
    if request.param == "applicant":
        return application.organisation.contacts.first().person
    return {"learner": learner, "facilitator": facilitator, "author": author}[request.param]


def test_no_one_outside_the_committee_reaches_an_application(client, application, outsider):
    client.force_login(outsider)
    for method, name in record_routes(application):
        url = reverse(name, args=[application.pk])
        response = getattr(client, method)(url, post_data(application))
        assert response.status_code == 404, (method, name)
    assert not ConflictDeclaration.objects.exists() and not Review.objects.exists()


@pytest.mark.parametrize("who", ["learner", "facilitator", "author", "applicant"])
def test_the_committee_home_is_members_and_staff_only(client, application, learner, facilitator,
                                                      author, who):  # fmt: skip
    person = {"learner": learner, "facilitator": facilitator, "author": author}.get(who)
    person = person or application.organisation.contacts.first().person
    client.force_login(person)
    assert client.get(reverse("selection_committee")).status_code == 404


def test_a_member_of_another_committee_does_not_see_the_application_listed(client, application):
    other = make_committee(make_call(title="Un autre appel", criteria=CRITERIA))
    client.force_login(member(other).person)
    page = client.get(reverse("selection_committee")).content.decode()
    assert "Соседи" not in page and "Aucune candidature ne vous est encore confiée" in page


def test_anonymous_people_are_sent_to_log_in(client, application):
    for method, name in [*record_routes(application), ("get", "selection_committee")]:
        args = [] if name == "selection_committee" else [application.pk]
        response = getattr(client, method)(reverse(name, args=args), post_data(application))
        assert response.status_code == 302 and "/login/" in response.url, name


def test_staff_read_the_consolidated_scores_but_not_the_member_pages(
    client, staff, application, committee
):
    client.force_login(staff)
    for method, name in record_routes(application)[:-1]:
        response = getattr(client, method)(reverse(name, args=[application.pk]), {})
        assert response.status_code == 404, name
    assert (
        client.get(reverse("selection_committee_consolidated", args=[application.pk])).status_code
        == 200
    )
    page = client.get(reverse("selection_committee")).content.decode()
    assert "Организация «Соседи»" in page


def test_a_draft_is_no_committee_s(client, call, committee):
    draft = submitted_application(call, name="Brouillon")
    draft.state = draft.State.RETURNED
    draft.save()
    client.force_login(member(committee).person)
    url = reverse("selection_committee_declaration", args=[draft.pk])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(roles=["staff"]))
    assert (
        client.get(reverse("selection_committee_consolidated", args=[draft.pk])).status_code == 404
    )


def test_the_assigned_member_walks_the_whole_path(client, application, committee):
    person = member(committee, Seat.REGIONAL_CENTRAIDE).person
    client.force_login(person)
    page = client.get(reverse("selection_committee")).content.decode()
    assert "Организация «Соседи»" in page and "Déclarer vos intérêts" in page
    urls = {name: reverse(name, args=[application.pk]) for _m, name in record_routes(application)}
    assert client.get(urls["selection_committee_declaration"]).status_code == 200
    assert (
        client.get(urls["selection_committee_review"]).url
        == urls["selection_committee_declaration"]
    )
    client.post(urls["selection_committee_declaration"], post_data(application))
    assert "À noter" in client.get(reverse("selection_committee")).content.decode()
    page = client.get(urls["selection_committee_application"]).content.decode()
    assert "Projet « Données »" in page
    assert client.get(urls["selection_committee_review"]).status_code == 200
    client.post(urls["selection_committee_review"], post_data(application))
    assert "Notée" in client.get(reverse("selection_committee")).content.decode()
    assert (
        client.get(urls["selection_committee_review"]).url
        == urls["selection_committee_consolidated"]
    )
    assert client.get(urls["selection_committee_consolidated"]).status_code == 200


NUMBERS = itertools.count()


def _grow(call, committee, applications):
    for index in range(applications):
        number = next(NUMBERS)
        application = submitted_application(call, name=f"Organisme n° {number} — Ünïcode")
        for seat in (Seat.DATAIDE, Seat.IT_ORGANISATION, Seat.COMMUNITY_ORGANISATION):
            declare_and_score(member(committee, seat), application, [index % 6, 5 - index % 6])
    return application


def test_the_member_list_takes_the_same_queries_whatever_the_data(client, call, committee):
    client.force_login(member(committee).person)
    _grow(call, committee, 1)
    url = reverse("selection_committee")
    few = _count(client, url)
    _grow(call, committee, 4)
    make_committee(call, region_slug="estrie")
    assert _count(client, url) == few


def test_the_consolidated_view_takes_the_same_queries_whatever_the_members(
    client, call, committee, staff
):
    application = _grow(call, committee, 1)
    client.force_login(staff)
    url = reverse("selection_committee_consolidated", args=[application.pk])
    few = _count(client, url)
    declare_and_score(member(committee, Seat.REGIONAL_CENTRAIDE), application, [1, 1])
    _grow(call, committee, 3)
    assert _count(client, url) == few


def _count(client, url) -> int:
    client.get(url)  # warm: the first request of all writes the privacy settings' row
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)
