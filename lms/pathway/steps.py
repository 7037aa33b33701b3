"""What a level asks of a learner beyond its modules, as "Mon parcours" lists it.

Level 2 asks the organisation for its digital-maturity self-assessment and its digital
transition plan; the apps that keep them (``lms.transition``) sit above the engine, so
they register a provider here (in their ``AppConfig.ready``) and "Mon parcours" shows
what each returns, in the level's section: where it stands and the link to continue.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class LevelStep:
    #: The level it belongs to (``courses.models.Level``).
    level: int
    #: What it is ("Autodiagnostic de maturité numérique"), translated.
    title: str
    #: Where it stands, in words ("Brouillon enregistré le 3 décembre").
    status: str
    #: The link to continue, and its text ("Continuer le plan").
    url: str
    action: str
    #: Whether it is done (shown as such).
    done: bool = False


Provider = Callable[..., list[LevelStep]]

_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add ``provider(learner=...) -> list[LevelStep]`` to "Mon parcours"."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def unregister(provider: Provider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def level_steps(*, learner) -> dict[int, list[LevelStep]]:
    """Return every registered step for ``learner``, by level."""
    found: dict[int, list[LevelStep]] = {}
    for provider in _providers:
        for step in provider(learner=learner):
            found.setdefault(step.level, []).append(step)
    return found
