"""Learning events: what the learning apps announce, and who listens.

Courses and webinars record what learners do (a module done, an attendance recorded, a
replay watched past its threshold). They do not know who cares: they ``announce`` a
``LearningEvent`` inside the transaction of the write, and every listener runs there,
synchronously, so that what it decides (a level completed, an eligibility, the outbox
messages that follow) is committed with the event or not at all. The pathway engine
listens (``lms.pathway`` in its ``AppConfig.ready``); the apps to come can listen too,
without the learning apps importing them.
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

_listeners: list[Listener] = []


def listen(listener: Listener) -> Listener:
    """Run ``listener`` on every learning event, in the transaction that announces it."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def announce(event: LearningEvent) -> None:
    """Tell every listener, now, in the caller's transaction."""
    for listener in _listeners:
        listener(event)
