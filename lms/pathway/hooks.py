"""Questions the completion rules ask of apps that come later.

Level 2 needs to know whether an organisation holds a seat in a level-2 cohort, and the
record of its submitted digital transition plan; level 3, whether a person was admitted
to the leadership lab. The cohorts app and the transition plan's app answer by
registering a function here; until one does, the answer is "no" (or no record).

* Yes/no questions (``ask``): "level2_seat", "lab_admission".
* Record questions (``record``): "transition_plan" returns what the evidence keeps of
  the organisation's submitted plan (its version, when), or None.
"""

from collections.abc import Callable

_answers: dict[str, list[Callable[..., bool]]] = {
    "level2_seat": [],
    "lab_admission": [],
}
_records: dict[str, list[Callable[..., dict | None]]] = {
    "transition_plan": [],
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


def register_record(question: str, answer: Callable[..., dict | None]) -> Callable:
    """Answer the record question ``question`` with ``answer`` (keyword arguments)."""
    if answer not in _records[question]:
        _records[question].append(answer)
    return answer


def unregister_record(question: str, answer: Callable[..., dict | None]) -> None:
    if answer in _records[question]:
        _records[question].remove(answer)


def record(question: str, **kwargs) -> dict | None:
    """Return the first record a registered answer gives, or None."""
    for answer in _records[question]:
        found = answer(**kwargs)
        if found is not None:
            return found
    return None
