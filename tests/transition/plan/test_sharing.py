"""Sharing with the cohort's facilitators: chosen and withdrawn by a contact person, read
and commented on through the access rule, logged; a 404 for everyone else."""

import pytest
from django.urls import reverse

from cohorts.models import FacilitatorAccess
from cohorts.selectors.plans import PlanStatus, transition_states
from lms.transition.plan.models import PlanComment, TransitionPlan
from tests.cohorts.builders import make_cohort
from tests.factories import OrganisationFactory, UserFactory
from tests.transition.plan.conftest import complete_content, form_data, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted(client, programme, plan_url):
    logged_in(client, programme["learner"])
    content = complete_content()
    content["actions"][0]["title"] = "Café & co <b>"
    client.post(plan_url, form_data(content, revision=0))
    client.logout()
    return programme


def shared_url(programme):
    return reverse("plan_shared", args=[programme["cohort"].pk, programme["organisation"].pk])


def share(client, programme, value):
    logged_in(client, programme["learner"])  # the contact person
    response = client.post(reverse("plan_share"), {"shared": value})
    client.logout()
    return response


def test_a_facilitator_reads_a_shared_plan_logged_and_comments(client, drafted):
    share(client, drafted, "1")
    logged_in(client, drafted["facilitator"])

    response = client.get(shared_url(drafted))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguyễn Thị Ánh" in html
    assert "<td>Café &amp; co &lt;b&gt;</td>" in html  # escaped once
    assert "&amp;amp;" not in html
    access = FacilitatorAccess.objects.get(view="transition_plan")
    assert (access.facilitator, access.organisation) == (
        drafted["facilitator"],
        drafted["organisation"],
    )

    response = client.post(
        shared_url(drafted), {"section": "risks", "body": "Pensez au consentement & <b>"}
    )
    assert response.status_code == 302
    assert PlanComment.objects.get().section == "risks"

    logged_in(client, drafted["colleague"])
    html = client.get(reverse("plan_edit")).content.decode()
    risks = html[html.index('id="risks"') : html.index('id="indicators"')]
    assert "Pensez au consentement &amp; &lt;b&gt;" in risks
    assert "Élise Côté" in risks


def test_the_state_links_to_the_shared_plan_only_when_shared(client, drafted):
    cohort, organisation = drafted["cohort"], drafted["organisation"]
    state = transition_states(cohort=cohort, organisations=[organisation])[organisation.pk]
    assert state["transition_plan"].status == PlanStatus.STARTED
    assert state["transition_plan"].shared_url == ""

    share(client, drafted, "1")
    state = transition_states(cohort=cohort, organisations=[organisation])[organisation.pk]
    assert state["transition_plan"].shared_url == shared_url(drafted)
    logged_in(client, drafted["facilitator"])
    page = client.get(reverse("cohorts_organisation", args=[cohort.pk, organisation.pk]))
    assert shared_url(drafted) in page.content.decode()


def test_withdrawing_takes_effect_at_once(client, drafted):
    share(client, drafted, "1")
    logged_in(client, drafted["facilitator"])
    assert client.get(shared_url(drafted)).status_code == 200
    client.logout()

    share(client, drafted, "0")

    logged_in(client, drafted["facilitator"])
    assert client.get(shared_url(drafted)).status_code == 404
    assert client.post(shared_url(drafted), {"section": "risks", "body": "x"}).status_code == 404


def test_only_a_contact_person_shares(client, drafted):
    logged_in(client, drafted["colleague"])  # a learner, not a contact
    assert client.post(reverse("plan_share"), {"shared": "1"}).status_code == 404
    assert not TransitionPlan.objects.get().shared


@pytest.mark.parametrize(
    "who", ["not_shared", "other_cohort_facilitator", "learner_elsewhere", "colleague"]
)
def test_who_must_not_read_it_gets_a_404(client, drafted, who):
    if who != "not_shared":
        share(client, drafted, "1")
    user = {
        "not_shared": lambda: drafted["facilitator"],
        "other_cohort_facilitator": lambda: make_cohort(
            drafted["course"],
            name="Autre cohorte",
            facilitators=[UserFactory(roles=["facilitator"])],
        ).facilitators.get(),
        "learner_elsewhere": lambda: UserFactory(
            organisation=OrganisationFactory(), roles=["learner"]
        ),
        "colleague": lambda: drafted["colleague"],
    }[who]()
    logged_in(client, user)
    assert client.get(shared_url(drafted)).status_code == 404


def test_an_organisation_not_seated_in_the_cohort_is_not_found(client, drafted):
    share(client, drafted, "1")
    logged_in(client, drafted["facilitator"])
    other = OrganisationFactory()
    url = reverse("plan_shared", args=[drafted["cohort"].pk, other.pk])
    assert client.get(url).status_code == 404


def test_anonymous_is_sent_to_log_in(client, drafted):
    share(client, drafted, "1")
    response = client.get(shared_url(drafted))
    assert response.status_code == 302
    assert not FacilitatorAccess.objects.exists()


def test_programme_staff_do_not_read_a_shared_plan(client, drafted):
    """Shared with the cohort's facilitators only: staff, who open every cohort, get a 404
    and their view of the organisation's page shows no link to it."""
    share(client, drafted, "1")
    cohort, organisation = drafted["cohort"], drafted["organisation"]
    logged_in(client, UserFactory(roles=["staff"]))

    assert client.get(shared_url(drafted)).status_code == 404
    page = client.get(reverse("cohorts_organisation", args=[cohort.pk, organisation.pk]))
    assert page.status_code == 200
    assert shared_url(drafted) not in page.content.decode()
    assert not FacilitatorAccess.objects.filter(view="transition_plan").exists()
