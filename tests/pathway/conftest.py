from datetime import timedelta

import pytest
from django.utils import timezone

from lms.pathway import hooks
from tests.factories import course_page, level_page, module_page, webinar_page


@pytest.fixture
def awareness_session(db):
    """A level-1 webinar with a 100-minute session that took place yesterday."""
    start = timezone.now() - timedelta(days=1)
    webinar = webinar_page(sessions=[{"starts_at": start, "duration_minutes": 100}])
    return webinar.sessions.get()


@pytest.fixture
def acceleration_course(db):
    """The level-2 course with two required modules and an optional one."""
    course = course_page(level_page(number=2, slug="acceleration"))
    return {
        "course": course,
        "required": [module_page(course, week=1), module_page(course, week=2)],
        "optional": module_page(course, week=3, required=False),
    }


@pytest.fixture
def seats_and_plans():
    """Stand-ins for the cohorts app (seats) and the transition plan's app."""
    state = {"seats": set(), "plans": set(), "lab": set()}

    def seat(*, organisation):
        return organisation.pk in state["seats"]

    def plan(*, organisation):
        return {} if organisation.pk in state["plans"] else None

    def lab(*, learner):
        return learner.pk in state["lab"]

    hooks.register("level2_seat", seat)
    hooks.register_record("transition_plan", plan)
    hooks.register("lab_admission", lab)
    yield state
    hooks.unregister("level2_seat", seat)
    hooks.unregister_record("transition_plan", plan)
    hooks.unregister("lab_admission", lab)
