"""The admin's people choosers: who they list, what they show, what they cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.accounts.models import Organisation
from tests.factories import OrganisationFactory, UserFactory


def learners_url(**params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{reverse('learner_chooser:choose_results')}?{query}"


def members_url(organisation_pk, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{reverse('member_chooser:choose_results')}?organisation={organisation_pk}&{query}"


@pytest.fixture
def people(organisation):
    """Two learners of the same name in two organisations, and accounts never listed."""
    other = OrganisationFactory(name="Maison des jeunes", status=Organisation.Status.CONFIRMED)
    return {
        "here": UserFactory(
            first_name="Marie", last_name="Roy", email="marie@plateau.test",
            organisation=organisation, roles=["learner"],
        ),
        "there": UserFactory(
            first_name="Marie", last_name="Roy", email="marie.roy@jeunes.test",
            organisation=other, roles=["learner"],
        ),
        "staff": UserFactory(first_name="Marie", last_name="Staff", roles=["staff", "learner"]),
        "superuser": UserFactory(first_name="Marie", is_superuser=True, is_staff=True),
        "author": UserFactory(first_name="Marie", last_name="Autrice", roles=["author"]),
        "inactive": UserFactory(first_name="Marie", is_active=False, roles=["learner"]),
    }  # fmt: skip


@pytest.mark.django_db
def test_the_learner_chooser_lists_active_learners_with_email_and_organisation(
    client, staff, people
):
    client.force_login(staff)

    html = client.get(learners_url(q="marie")).content.decode()

    assert "marie@plateau.test" in html and "marie.roy@jeunes.test" in html
    assert "Cuisines collectives du Plateau (Grand Montréal)" in html
    assert "Maison des jeunes (Grand Montréal)" in html
    for key in ("staff", "superuser", "author", "inactive"):
        assert people[key].email not in html, key


@pytest.mark.django_db
def test_the_chooser_searches_names_and_addresses(client, staff, people):
    client.force_login(staff)

    by_email = client.get(learners_url(q="jeunes.test")).content.decode()
    by_full_name = client.get(learners_url(q="Roy MARIE")).content.decode()

    assert "marie.roy@jeunes.test" in by_email and "marie@plateau.test" not in by_email
    assert "marie.roy@jeunes.test" in by_full_name and "marie@plateau.test" in by_full_name


@pytest.mark.django_db
def test_the_member_chooser_lists_only_that_organisations_members(
    client, staff, people, organisation
):
    client.force_login(staff)

    html = client.get(members_url(organisation.pk)).content.decode()
    nothing = client.get(members_url("")).content.decode()

    assert "marie@plateau.test" in html
    assert "marie.roy@jeunes.test" not in html
    assert "marie@plateau.test" not in nothing


@pytest.mark.django_db
def test_only_those_who_read_the_people_list_open_a_chooser(client, author, learner, people):
    for person in (author, learner):
        client.force_login(person)
        response = client.get(learners_url())
        assert response.status_code == 302, person
        assert "marie@plateau.test" not in response.content.decode()


@pytest.mark.django_db
def test_the_chooser_costs_the_same_queries_for_5_or_60_accounts(client, staff, organisation):
    client.force_login(staff)

    def queries_for_a_page():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(learners_url(q="a")).status_code == 200
        return len(queries)

    for n in range(5):
        UserFactory(first_name=f"Anna{n}", organisation=organisation, roles=["learner"])
    with_5 = queries_for_a_page()
    for n in range(55):
        UserFactory(
            first_name=f"Anna{n}",
            organisation=OrganisationFactory(name=f"Groupe {n}"),
            roles=["learner"],
        )
    with_60 = queries_for_a_page()

    assert with_60 == with_5


@pytest.mark.django_db
def test_the_forms_use_the_choosers(client, staff, organisation):
    client.force_login(staff)

    organisation_page = client.get(
        f"/admin/snippets/accounts/organisation/edit/{organisation.pk}/"
    ).content.decode()
    seat_page = client.get("/admin/snippets/cohorts/cohortseat/add/").content.decode()

    assert f"{reverse('member_chooser:choose')}?organisation={organisation.pk}" in organisation_page
    assert reverse("learner_chooser:choose") in seat_page
