"""A level-2 cohort on a known calendar, its organisations and learners.

The course: week 1 has two required modules, week 2 one, week 3 one required and one
optional, week 4 one. The cohort starts on Monday 5 January 2026 and pauses after
week 2, so week 3 opens on 26 January (not 19) and week 4 on 2 February.
"""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from cohorts.models import Cohort, CohortPause
from cohorts.services import seat_admit
from courses.models import ActivityResponse, ModuleCompletion, ModuleFeedback
from tests.factories import OrganisationFactory, UserFactory, block_id, course_page, module_page

START = date(2026, 1, 5)


def at(day: date, hour: int = 10) -> datetime:
    """An aware datetime on ``day``, Quebec time."""
    return timezone.make_aware(datetime.combine(day, time(hour)))


def complete(learner, module, on: date | None = None):
    """Record that ``learner`` finished ``module`` (on ``on``, when given)."""
    completion = ModuleCompletion.objects.create(
        learner=learner, module=module, module_title=module.title
    )
    if on:
        ModuleCompletion.objects.filter(pk=completion.pk).update(completed_at=at(on))
    return completion


def answer(learner, module, on: date | None = None):
    """Record an answer of ``learner`` to ``module``'s reflection (on ``on``)."""
    response = ActivityResponse.objects.create(
        learner=learner,
        module=module,
        block_id=block_id(module, "reflection"),
        kind="reflection",
        answer_html="<p>Une réponse.</p>",
    )
    if on:
        ActivityResponse.objects.filter(pk=response.pk).update(updated_at=at(on))
    return response


def rate(learner, module, on: date | None = None):
    feedback = ModuleFeedback.objects.create(learner=learner, module=module, rating=4)
    if on:
        ModuleFeedback.objects.filter(pk=feedback.pk).update(updated_at=at(on))
    return feedback


@pytest.fixture
def course(db):
    return course_page(duration_weeks=4)


@pytest.fixture
def modules(course):
    """The course's modules in order: w1a, w1b, w2, w3, w3 optional, w4."""
    return {
        "w1a": module_page(course, week=1, title="La culture des données"),
        "w1b": module_page(
            course, week=1, title="Expérimentation : repérer", kind="experimentation"
        ),
        "w2": module_page(course, week=2, title="La gouvernance des données"),
        "w3": module_page(course, week=3, title="La cyberhygiène"),
        "w3opt": module_page(course, week=3, title="Pour aller plus loin", required=False),
        "w4": module_page(course, week=4, title="Le plan de transition"),
    }


@pytest.fixture
def cohort(course, modules, facilitator, staff):
    cohort = Cohort.objects.create(name="Cohorte Montréal 2026", course=course, starts_on=START)
    CohortPause.objects.create(cohort=cohort, after_week=2)
    cohort.facilitators.add(facilitator)
    cohort.save()  # a ParentalManyToManyField keeps its changes until the cohort is saved
    return cohort


@pytest.fixture
def kitchen(cohort, staff):
    """A seated organisation whose name has a comma and an accent."""
    organisation = OrganisationFactory(name="Cuisine collective, Saint-Jérôme")
    seat_admit(cohort=cohort, actor=staff, organisation=organisation)
    return organisation


@pytest.fixture
def library(cohort, staff):
    organisation = OrganisationFactory(name="Bibliothèque de rue")
    seat_admit(cohort=cohort, actor=staff, organisation=organisation)
    return organisation


def learner_of(organisation, first_name, last_name="Tremblay"):
    return UserFactory(
        organisation=organisation, roles=["learner"], first_name=first_name, last_name=last_name
    )
