"""An organisation's page: where the organisation stands on its self-assessment and its
digital transition plan (a status, never their content)."""


class PlanStatus:
    NOT_STARTED = "not_started"
    STARTED = "started"
    SUBMITTED = "submitted"


def organisation_plan_status(organisation) -> dict[str, str]:
    """Return where an organisation stands on its self-assessment and its digital
    transition plan: ``PlanStatus`` values, never their content.

    Both arrive with later issues; until then, both are "not_started".
    """
    return {
        "self_assessment": PlanStatus.NOT_STARTED,
        "transition_plan": PlanStatus.NOT_STARTED,
    }
