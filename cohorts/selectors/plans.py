"""Where each organisation of a cohort stands on its self-assessment and its digital
transition plan: a status, never their content (unless the organisation shares it).

The apps that keep them (``lms.transition``) sit above cohorts: each registers a provider
here in its ``AppConfig.ready``, under its key ("self_assessment", "transition_plan").
Until one does, everyone is "not started".
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class PlanStatus:
    NOT_STARTED = "not_started"
    STARTED = "started"
    SUBMITTED = "submitted"


#: How each status reads (the grid's exports, the organisation's page).
STATUS_LABELS = {
    PlanStatus.NOT_STARTED: _("Not started"),
    PlanStatus.STARTED: _("Started"),
    PlanStatus.SUBMITTED: _("Submitted"),
}
#: The keys, in the order they are shown, and how their column reads.
KEYS = {
    "self_assessment": _("Self-assessment"),
    "transition_plan": _("Digital transition plan"),
}


@dataclass(frozen=True)
class TransitionState:
    status: str = PlanStatus.NOT_STARTED
    #: A few words beside the status ("2 rounds, the last on 3 December"), or "".
    detail: str = ""
    #: Where the cohort's facilitators read it, only when the organisation shares it.
    shared_url: str = ""

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


Provider = Callable[..., dict[int, TransitionState]]

_providers: dict[str, Provider] = {}


def register_transition_state(key: str, provider: Provider) -> Provider:
    """Answer ``key`` with ``provider(cohort=..., organisations=[...])``, which returns a
    ``TransitionState`` per organisation id (a fixed number of queries for the lot)."""
    if key not in KEYS:
        raise KeyError(key)
    _providers[key] = provider
    return provider


def unregister_transition_state(key: str) -> None:
    _providers.pop(key, None)


def transition_states(*, cohort, organisations: list) -> dict[int, dict[str, TransitionState]]:
    """Return, for each organisation id, its state on each key (not started by default)."""
    found = {
        key: (
            _providers[key](cohort=cohort, organisations=organisations) if key in _providers else {}
        )
        for key in KEYS
    }
    return {
        organisation.pk: {key: found[key].get(organisation.pk, TransitionState()) for key in KEYS}
        for organisation in organisations
    }


def organisation_plan_status(organisation, *, cohort=None) -> dict[str, str]:
    """Return where an organisation stands on each key: ``PlanStatus`` values."""
    states = transition_states(cohort=cohort, organisations=[organisation])[organisation.pk]
    return {key: state.status for key, state in states.items()}
