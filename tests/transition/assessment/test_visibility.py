"""Who sees what, each rule as a 404 for whoever must not see: a learner their own answers
and their organisation's result; colleagues never each other's answers; facilitators only
a shared result, of an organisation seated in their cohort (logged), withdrawn at once;
programme staff only aggregates, with groups of fewer than five shown as "<5"."""

import pytest
from django.urls import reverse

from cohorts.models import FacilitatorAccess
from lms.accounts.models import OrganisationContact
from lms.transition.assessment.models import ResultSharing
from lms.transition.assessment.services import sharing_set
from tests.cohorts.builders import admit, make_cohort
from tests.factories import OrganisationFactory, UserFactory, region
from tests.transition.assessment.conftest import answer, colleague, finished_round, open_round


@pytest.fixture
def done(organisation, questionnaire, learner):
    """Round 1 closed, with the learner's take and two colleagues'."""
    found = open_round(organisation, questionnaire)
    take = answer(found, learner, [2, 3, 4])
    answer(found, colleague(organisation), [4, 3, 4])
    answer(found, colleague(organisation), [5, 1, 4])
    return found, take


@pytest.fixture
def cohort(organisation, course, facilitator):
    cohort = make_cohort(course, facilitators=[facilitator])
    admit(cohort, organisation=organisation)
    return cohort


def shared_url(cohort, organisation):
    return reverse("assessment_shared", args=[cohort.pk, organisation.pk])


def test_a_learner_sees_their_own_answers_and_the_combined_result(client, learner, done):
    found, take = done
    client.force_login(learner)

    own = client.get(reverse("assessment_take", args=[take.pk]))
    result = client.get(reverse("assessment_result", args=[found.pk]))

    assert own.status_code == 200
    assert "Niveau 2" in own.text
    assert result.status_code == 200
    assert "Cuisines collectives du Plateau" in result.text


def test_a_colleague_never_sees_another_colleagues_answers(client, organisation, done):
    _found, take = done
    client.force_login(colleague(organisation))

    assert client.get(reverse("assessment_take", args=[take.pk])).status_code == 404


@pytest.mark.parametrize("who", ["other_learner", "facilitator", "staff", "author"])
def test_no_one_outside_the_organisation_sees_its_result(client, done, who, facilitator, staff):
    found, take = done
    people = {
        "other_learner": lambda: colleague(OrganisationFactory(name="Maison des jeunes")),
        "facilitator": lambda: facilitator,
        "staff": lambda: staff,
        "author": lambda: UserFactory(roles=["author"]),
    }
    client.force_login(people[who]())

    for url in (
        reverse("assessment_result", args=[found.pk]),
        reverse("assessment_result_csv", args=[found.pk]),
        reverse("assessment_result_pdf", args=[found.pk]),
        reverse("assessment_take", args=[take.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_a_facilitator_sees_nothing_unless_the_organisation_shares(
    client, organisation, cohort, facilitator, done
):
    client.force_login(facilitator)

    assert client.get(shared_url(cohort, organisation)).status_code == 404
    assert not FacilitatorAccess.objects.filter(view="self_assessment").exists()
    # The organisation's page says only that a round was done.
    page = client.get(reverse("cohorts_organisation", args=[cohort.pk, organisation.pk]))
    assert "1 tour, le dernier le" in page.text
    assert shared_url(cohort, organisation) not in page.text


def test_a_contact_shares_and_the_facilitator_reads_it_logged_then_withdraws_at_once(
    client, organisation, cohort, facilitator, learner, done, staff
):
    OrganisationContact.objects.create(organisation=organisation, person=learner)
    client.force_login(learner)
    client.post(reverse("assessment_sharing"), {"shared": "1"})

    client.force_login(facilitator)
    page = client.get(reverse("cohorts_organisation", args=[cohort.pk, organisation.pk]))
    shared = client.get(shared_url(cohort, organisation))

    assert shared_url(cohort, organisation) in page.text
    assert shared.status_code == 200
    assert "Points à discuter" in shared.text
    assert "Niveau 2" not in shared.text  # nobody's own answers
    log = FacilitatorAccess.objects.get(view="self_assessment")
    assert (log.facilitator, log.cohort, log.organisation) == (facilitator, cohort, organisation)
    # Shared with the cohort's facilitators, not with programme staff.
    client.force_login(staff)
    staff_page = client.get(reverse("cohorts_organisation", args=[cohort.pk, organisation.pk]))
    assert staff_page.status_code == 200
    assert shared_url(cohort, organisation) not in staff_page.text

    client.force_login(learner)
    client.post(reverse("assessment_sharing"), {"shared": "0"})
    client.force_login(facilitator)

    assert client.get(shared_url(cohort, organisation)).status_code == 404


def test_only_a_contact_person_decides_on_sharing(client, organisation, learner, done):
    client.force_login(learner)  # a learner, not a contact

    assert client.post(reverse("assessment_sharing"), {"shared": "1"}).status_code == 404
    assert not ResultSharing.objects.filter(shared=True).exists()


@pytest.mark.parametrize("who", ["other_facilitator", "staff", "learner"])
def test_a_shared_result_is_for_the_cohorts_facilitators_only(
    client, organisation, cohort, done, who, staff, learner
):
    sharing_set(organisation=organisation, by=None, shared=True)
    people = {
        "other_facilitator": lambda: UserFactory(roles=["facilitator"]),
        "staff": lambda: staff,
        "learner": lambda: learner,
    }
    client.force_login(people[who]())

    assert client.get(shared_url(cohort, organisation)).status_code == 404


def test_a_shared_result_of_an_organisation_not_seated_in_the_cohort_is_a_404(
    client, organisation, course, facilitator, done
):
    sharing_set(organisation=organisation, by=None, shared=True)
    other = make_cohort(course, name="Cohorte hiver", facilitators=[facilitator])
    client.force_login(facilitator)

    assert client.get(shared_url(other, organisation)).status_code == 404


# --- Programme staff: aggregates only -----------------------------------------------------


def organisations_with_results(questionnaire, count, where="grand-montreal", cohort=None):
    found = []
    for n in range(count):
        organisation = OrganisationFactory(name=f"Organisme {where} {n}", region=region(where))
        finished_round(organisation, questionnaire, [[2 + n % 2, 3, 4]])
        if cohort is not None:
            admit(cohort, organisation=organisation)
        found.append(organisation)
    return found


def test_staff_see_aggregates_and_no_figure_for_fewer_than_five(
    client, staff, questionnaire, course
):
    cohort = make_cohort(course, name="Cohorte Montréal")
    organisations_with_results(questionnaire, 5, cohort=cohort)
    organisations_with_results(questionnaire, 4, where="estrie")
    client.force_login(staff)

    page = client.get(reverse("assessment_staff"))

    assert page.status_code == 200
    rows = {
        row.split("</th>")[0].rsplit(">", 1)[-1]: row
        for row in page.text.split("<tr>")[1:]
        if '<th scope="row">' in row
    }
    montreal = (
        rows["Grand Montréal"]
        if "Grand Montréal" in rows
        else next(row for name, row in rows.items() if "Montréal" in name and "Cohorte" not in name)
    )
    assert "<td>5</td>" in montreal
    assert "<td>3,0</td>" in montreal  # median of 2, 3, 2, 3, 2 for culture
    quebec = next(row for name, row in rows.items() if "Estrie" in name)
    assert "&lt;5" in quebec and "3,0" not in quebec and "<td>4</td>" not in quebec
    assert "<td>5</td>" in rows["Cohorte Montréal"]
    assert "Organisme grand-montreal 0" not in page.text


@pytest.mark.parametrize("who", ["learner", "facilitator", "author"])
def test_the_aggregates_are_for_programme_staff_only(client, who, learner, facilitator):
    people = {
        "learner": learner,
        "facilitator": facilitator,
        "author": UserFactory(roles=["author"]),
    }
    client.force_login(people[who])

    assert client.get(reverse("assessment_staff")).status_code == 404
