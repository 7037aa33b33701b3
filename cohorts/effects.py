"""What each of the cohorts' outbox messages does. Registered with the outbox in
``CohortsConfig.ready()``; each handler runs with its message row locked."""

from django.contrib.auth import get_user_model

from cohorts.messages.services import cohort_message_deliver
from cohorts.models import CohortMessage

#: The cohorts' outbox kinds.
MESSAGE = "cohorts.message"


def cohort_message(payload: dict) -> None:
    """E-mail a cohort message to one of its recipients, if still active."""
    message = (
        CohortMessage.objects.select_related("cohort", "sender")
        .filter(pk=payload["message"])
        .first()
    )
    learner = get_user_model().objects.filter(pk=payload["learner"], is_active=True).first()
    if message is not None and learner is not None:
        cohort_message_deliver(message=message, learner=learner)


HANDLERS = {MESSAGE: cohort_message}
