"""Learning events: what the learning apps announce, and who listens.

Courses and webinars record what learners do (a module done, an attendance recorded, a
replay watched past its threshold). They do not know who cares: they ``announce`` a
``LearningEvent`` inside the transaction of the write, and every listener runs there,
synchronously, so that what it decides (a level completed, an eligibility, the outbox
messages that follow) is committed with the event or not at all. The pathway engine
listens (``lms.pathway`` in its ``AppConfig.ready``); the apps to come can listen too,
without the learning apps importing them.

A write that records the same event for many learners at once (an attendance import)
calls ``announce_many``: a listener that registered a batch variant hears it once, for all of
them (the engine reads what it needs for everyone in a few queries); any other listener
hears one event per learner, as if each were announced alone.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class LearningEvent:
    """Something a learner did that may complete a level."""

    #: The learner's account.
    learner: object
    #: What happened, on which record: "module:<page id>", "session:<session id>",
    #: "replay:<webinar page id>".
    source: str


Listener = Callable[[LearningEvent], None]
#: ``batch(learners=[...], source=...)``: the same as the listener called for each learner
#: in turn, done at once.
BatchListener = Callable[..., None]

_listeners: list[Listener] = []
_batches: dict[Listener, BatchListener] = {}


def listen(listener: Listener, *, many: BatchListener | None = None) -> Listener:
    """Run ``listener`` on every learning event, in the transaction that announces it, or
    ``many`` once for the learners of an ``announce_many``."""
    if listener not in _listeners:
        _listeners.append(listener)
    if many is not None:
        _batches[listener] = many
    return listener


def announce(event: LearningEvent) -> None:
    """Tell every listener, now, in the caller's transaction."""
    for listener in _listeners:
        listener(event)


def announce_many(*, learners: list, source: str) -> None:
    """Tell every listener that ``learners`` (in this order) each did ``source``, now, in
    the caller's transaction: what ``announce`` would do for each learner in turn."""
    if not learners:
        return
    for listener in _listeners:
        many = _batches.get(listener)
        if many is not None:
            many(learners=list(learners), source=source)
        else:
            for learner in learners:
                listener(LearningEvent(learner=learner, source=source))
