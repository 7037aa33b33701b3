"""The learning-events registry: the learning apps announce, listeners hear it in the
transaction of the write (what a listener refuses is not recorded either)."""

import pytest

from courses.models import ModuleCompletion
from courses.services import module_complete
from lms import learning_events
from tests.factories import UserFactory, course_page, module_page


@pytest.fixture
def heard():
    events = []

    def listener(event):
        events.append(event)
        if event.source == "refuse":
            raise RuntimeError("refused")

    learning_events.listen(listener)
    yield events
    learning_events._listeners.remove(listener)


@pytest.mark.django_db
def test_a_completed_module_is_announced_once_with_its_source(learner, heard):
    module = module_page(course_page())

    module_complete(learner=learner, module=module)
    module_complete(learner=learner, module=module)  # already done: nothing new

    assert [(e.learner, e.source) for e in heard] == [(learner, f"module:{module.pk}")]


@pytest.mark.django_db
def test_a_listener_that_fails_rolls_the_write_back(learner, heard, monkeypatch):
    module = module_page(course_page())
    monkeypatch.setattr(
        "courses.services.LearningEvent",
        lambda learner, source: learning_events.LearningEvent(learner, "refuse"),
    )

    with pytest.raises(RuntimeError):
        module_complete(learner=learner, module=module)

    assert not ModuleCompletion.objects.exists()


@pytest.mark.django_db
def test_learners_announced_at_once_reach_a_listener_without_a_batch_one_by_one(heard):
    learners = [UserFactory(roles=["learner"]) for _ in range(2)]

    learning_events.announce_many(learners=learners, source="session:1")

    assert [(e.learner, e.source) for e in heard] == [(x, "session:1") for x in learners]
