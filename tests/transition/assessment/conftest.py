"""The self-assessment's questionnaire, organisations and colleagues, for its tests.

The questionnaire (under a level-2 page) has three dimensions: "Culture et leadership"
(two questions), "Sécurité" (one) and the programme's "Utilisation des données des
personnes servies" (two), the last tagged with a module of the course.
"""

import pytest

from lms.transition.assessment.models import Round, SelfAssessmentPage, Take
from lms.transition.assessment.services import round_close, round_open, take_answer, take_start
from tests.cohorts.builders import level2_course
from tests.factories import OrganisationFactory, UserFactory, module_page, publish


def question(text: str) -> dict:
    return {
        "text": text,
        "help_text": "Pensez à la dernière année.",
        "levels": ["Pas du tout", "Un peu", "En partie", "Surtout", "Entièrement"],
    }


def dimension(title: str, questions: int = 1, data_use: bool = False, modules=()):
    return (
        "dimension",
        {
            "title": title,
            "description": "",
            "data_use": data_use,
            "questions": [question(f"{title} : question {n}") for n in range(1, questions + 1)],
            "modules": list(modules),
        },
    )


@pytest.fixture
def course(db):
    return level2_course()


@pytest.fixture
def data_module(course):
    return module_page(course, week=3, title="Gouverner les données des personnes")


@pytest.fixture
def questionnaire(course, data_module) -> SelfAssessmentPage:
    level = course.get_parent()
    return publish(
        level,
        SelfAssessmentPage(
            title="Autodiagnostic de maturité numérique",
            slug="autodiagnostic",
            intro="<p>Un regard critique sur votre maturité numérique.</p>",
            dimensions=[
                dimension("Culture et leadership", questions=2),
                dimension("Sécurité"),
                dimension(
                    "Utilisation des données des personnes servies",
                    questions=2,
                    data_use=True,
                    modules=[data_module],
                ),
            ],
        ),
    )


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Cuisines collectives du Plateau")


def colleague(organisation, **fields):
    """A learner of ``organisation``."""
    return UserFactory(organisation=organisation, roles=["learner"], **fields)


@pytest.fixture
def learner(organisation):
    return colleague(organisation, first_name="Élise", last_name="Gagnon")


def open_round(organisation, questionnaire, by=None) -> Round:
    return round_open(organisation=organisation, by=by, questionnaire=questionnaire)


def close(found: Round) -> Round:
    return round_close(round=found, by=None)


def answer(found: Round, learner, levels) -> Take:
    """``learner`` answers every question of ``found``: ``levels`` is one level for all,
    or one per dimension (an int, or a list per question)."""
    take = take_start(round=found, learner=learner)
    for index, part in enumerate(take.questions):
        level = levels[index] if isinstance(levels, list | tuple) else levels
        per_question = level if isinstance(level, list) else [level] * len(part["questions"])
        take = take_answer(
            take=take,
            dimension_key=part["key"],
            answers={
                q["key"]: value for q, value in zip(part["questions"], per_question, strict=True)
            },
        )
    return take


def finished_round(organisation, questionnaire, per_colleague: list, *, closed=True) -> Round:
    """A round where each entry of ``per_colleague`` is a new colleague's levels."""
    found = open_round(organisation, questionnaire)
    for levels in per_colleague:
        answer(found, colleague(organisation), levels)
    return close(found) if closed else found
