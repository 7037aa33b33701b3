"""Questions the completion rules ask of apps that come later.

Level 2 needs to know whether an organisation holds a seat in a level-2 cohort and
whether its digital transition plan was submitted; level 3, whether a person was admitted
to the leadership lab. The cohorts app and the transition plan's app answer by
registering a function here; until one does, the answer is "no".
"""

from collections.abc import Callable

_answers: dict[str, list[Callable[..., bool]]] = {
    "level2_seat": [],
    "transition_plan_submitted": [],
    "lab_admission": [],
}


def register(question: str, answer: Callable[..., bool]) -> Callable[..., bool]:
    """Answer ``question`` with ``answer`` (called with keyword arguments)."""
    if answer not in _answers[question]:
        _answers[question].append(answer)
    return answer


def unregister(question: str, answer: Callable[..., bool]) -> None:
    if answer in _answers[question]:
        _answers[question].remove(answer)


def ask(question: str, **kwargs) -> bool:
    """Return True when any registered answer says yes."""
    return any(answer(**kwargs) for answer in _answers[question])
