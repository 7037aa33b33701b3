"""Questions the completion rules ask of apps that come later.

Level 2 needs to know whether an organisation holds a seat in a level-2 cohort, and the
record of its submitted digital transition plan; level 3, whether a person was admitted
to the leadership lab. The cohorts app and the transition plan's app answer by
registering a function here; until one does, the answer is "no" (or no record).

* Yes/no questions (``ask``): "level2_seat", "lab_admission".
* Record questions (``record``): "transition_plan" returns what the evidence keeps of
  the organisation's submitted plan (its version, when), or None.

An answer may come with its batch variant (``many``), which answers for a list at once,
so that the engine can evaluate the learners of an attendance import in a few queries:
``many(organisations=[...])`` (or ``learners=``) returns the ids answered yes, or for a
record question ``{id: record}``. An answer without one is asked subject by subject.
"""

from collections.abc import Callable

_answers: dict[str, list[Callable[..., bool]]] = {
    "level2_seat": [],
    "lab_admission": [],
}
_records: dict[str, list[Callable[..., dict | None]]] = {
    "transition_plan": [],
}
#: What each question is about: the keyword its answers take (its batch variants take
#: the plural).
SUBJECTS = {
    "level2_seat": "organisation",
    "lab_admission": "learner",
    "transition_plan": "organisation",
}
#: Each answer's batch variant, when it registered one.
_many: dict[Callable, Callable] = {}


def register(
    question: str, answer: Callable[..., bool], *, many: Callable[..., set] | None = None
) -> Callable[..., bool]:
    """Answer ``question`` with ``answer`` (called with keyword arguments), and for a list
    at once with ``many`` if given."""
    if answer not in _answers[question]:
        _answers[question].append(answer)
    if many is not None:
        _many[answer] = many
    return answer


def unregister(question: str, answer: Callable[..., bool]) -> None:
    if answer in _answers[question]:
        _answers[question].remove(answer)
    _many.pop(answer, None)


def ask(question: str, **kwargs) -> bool:
    """Return True when any registered answer says yes."""
    return any(answer(**kwargs) for answer in _answers[question])


def register_record(
    question: str, answer: Callable[..., dict | None], *, many: Callable[..., dict] | None = None
) -> Callable:
    """Answer the record question ``question`` with ``answer`` (keyword arguments), and for
    a list at once with ``many`` if given."""
    if answer not in _records[question]:
        _records[question].append(answer)
    if many is not None:
        _many[answer] = many
    return answer


def unregister_record(question: str, answer: Callable[..., dict | None]) -> None:
    if answer in _records[question]:
        _records[question].remove(answer)
    _many.pop(answer, None)


def record(question: str, **kwargs) -> dict | None:
    """Return the first record a registered answer gives, or None."""
    for answer in _records[question]:
        found = answer(**kwargs)
        if found is not None:
            return found
    return None


def _answer_all(question: str, answer: Callable, subjects: list) -> dict:
    """``answer``'s answers for ``subjects``, by id: from its batch variant in one call, or
    subject by subject."""
    name = SUBJECTS[question]
    many = _many.get(answer)
    if many is not None:
        answered = many(**{f"{name}s": subjects})
        return answered if isinstance(answered, dict) else dict.fromkeys(answered, True)
    return {subject.pk: answer(**{name: subject}) for subject in subjects}


def ask_many(question: str, subjects) -> set:
    """Return the ids of ``subjects`` for which any registered answer says yes."""
    subjects = list(subjects)
    yes: set = set()
    for answer in _answers[question]:
        rest = [subject for subject in subjects if subject.pk not in yes]
        if not rest:
            break
        yes |= {pk for pk, said in _answer_all(question, answer, rest).items() if said}
    return yes


def record_many(question: str, subjects) -> dict:
    """Return, by id, the first record a registered answer gives for each of ``subjects``
    (those without one are left out)."""
    subjects = list(subjects)
    found: dict = {}
    for answer in _records[question]:
        rest = [subject for subject in subjects if subject.pk not in found]
        if not rest:
            break
        found |= {
            pk: record
            for pk, record in _answer_all(question, answer, rest).items()
            if record is not None
        }
    return found
