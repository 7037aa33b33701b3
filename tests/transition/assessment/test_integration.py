"""What the self-assessment tells the rest: its level-2 step on "Mon parcours", and its
state on the facilitators' pages and the grid's export (status only, never content)."""

from django.urls import reverse

from cohorts.selectors.plans import PlanStatus, transition_states
from lms.pathway.steps import level_steps
from lms.transition.assessment.integration import pathway_steps
from lms.transition.assessment.integration import transition_states as provider
from lms.transition.assessment.services import sharing_set, take_start
from tests.cohorts.builders import admit, make_cohort
from tests.factories import OrganisationFactory
from tests.transition.assessment.conftest import answer, colleague, finished_round, open_round


def step(learner):
    """The self-assessment's step (the plan registers its own beside it)."""
    [found] = pathway_steps(learner=learner)
    assert found in level_steps(learner=learner)[2]
    return found


def test_mon_parcours_leads_the_learner_through_the_self_assessment(
    client, learner, organisation, questionnaire
):
    assert step(learner).status == "Votre organisme ne l’a pas encore commencé."
    assert step(learner).url == questionnaire.url

    found = open_round(organisation, questionnaire)
    assert step(learner).action == "Répondre au questionnaire"

    take = take_start(round=found, learner=learner)
    assert step(learner).status == "Vos réponses : 0 sur 5 questions."
    assert step(learner).url == reverse("assessment_step", args=[1])
    assert not step(learner).done

    answer(found, learner, 3)
    assert step(learner).done
    assert step(learner).url == reverse("assessment_result", args=[take.round_id])

    client.force_login(learner)
    page = client.get(reverse("pathway_dashboard")).text
    assert "Autodiagnostic de maturité numérique" in page
    assert "Voir le résultat" in page


def test_mon_parcours_step_runs_a_fixed_number_of_queries(
    django_assert_max_num_queries, learner, organisation, questionnaire
):
    for _round in range(3):
        finished_round(organisation, questionnaire, [2, 3, 4])
    found = open_round(organisation, questionnaire)
    take_start(round=found, learner=learner)
    step(learner)  # the site's root paths, cached once

    with django_assert_max_num_queries(5):
        pathway_steps(learner=learner)


def test_no_step_without_an_organisation_or_a_questionnaire(db, learner):
    assert pathway_steps(learner=learner) == []


def test_the_transition_state_for_the_facilitators(organisation, questionnaire, course):
    cohort = make_cohort(course)
    admit(cohort, organisation=organisation)
    quiet = OrganisationFactory(name="Maison de la famille")
    started = OrganisationFactory(name="Centre des femmes")
    admit(cohort, organisation=quiet)
    admit(cohort, organisation=started)
    finished_round(organisation, questionnaire, [3])
    found = open_round(organisation, questionnaire)
    take_start(round=found, learner=colleague(organisation))
    open_round(started, questionnaire)

    states = transition_states(cohort=cohort, organisations=[organisation, quiet, started])

    mine = states[organisation.pk]["self_assessment"]
    assert mine.status == PlanStatus.SUBMITTED
    assert mine.detail.startswith("2 tours, le dernier le ") and mine.detail.endswith("(ouvert)")
    assert mine.shared_url == ""
    assert states[quiet.pk]["self_assessment"].status == PlanStatus.NOT_STARTED
    assert states[started.pk]["self_assessment"].status == PlanStatus.STARTED

    sharing_set(organisation=organisation, by=None, shared=True)
    shared = transition_states(cohort=cohort, organisations=[organisation])[organisation.pk]
    assert shared["self_assessment"].shared_url == reverse(
        "assessment_shared", args=[cohort.pk, organisation.pk]
    )


def test_the_states_take_a_fixed_number_of_queries(
    django_assert_num_queries, questionnaire, course
):
    cohort = make_cohort(course)
    organisations = [OrganisationFactory() for _n in range(4)]
    for organisation in organisations:
        admit(cohort, organisation=organisation)
        finished_round(organisation, questionnaire, [3, 4])

    with django_assert_num_queries(2):
        provider(cohort=cohort, organisations=organisations)


def test_the_grid_export_gains_the_state_never_the_content(
    client, organisation, questionnaire, course, facilitator
):
    cohort = make_cohort(course, facilitators=[facilitator])
    admit(cohort, organisation=organisation)
    finished_round(organisation, questionnaire, [3])
    colleague(organisation)
    client.force_login(facilitator)

    content = client.get(reverse("cohorts_grid_export", args=[cohort.pk])).getvalue().decode()

    assert "Autodiagnostic" in content.splitlines()[0]
    assert "Remis" in content
    assert "Culture et leadership" not in content
