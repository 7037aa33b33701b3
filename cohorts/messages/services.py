"""Writes on cohort messages: a facilitator writes to their cohort, or to its flagged
learners; each learner gets one e-mail, in their own language, that they can answer.

The subject and the message are plain text, kept as typed (surrounding spaces aside):
they are escaped once, where they are shown (pages and the e-mail's HTML part escape
them; its text part and subject show them as typed). Each recipient's e-mail is an
outbox message written with the message, so a broker outage delays it, never loses it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cohorts.models import Cohort, CohortMessage
from cohorts.selectors.grid import cohort_flagged_learner_ids
from cohorts.selectors.people import cohort_learners
from lms.emails import send_templated_email
from lms.outbox.services import outbox_add


def cohort_message_recipient_ids(*, cohort: Cohort, audience: str) -> list[int]:
    """Return who a message to ``audience`` goes to: the cohort's learners
    (``cohort_learners``), or those of them who are flagged."""
    ids = list(cohort_learners(cohort).values_list("pk", flat=True))
    if audience == CohortMessage.Audience.FLAGGED:
        flagged = cohort_flagged_learner_ids(cohort)
        ids = [pk for pk in ids if pk in flagged]
    return ids


def cohort_message_send(
    *, cohort: Cohort, sender, audience: str, subject: str, body: str
) -> CohortMessage:
    """Record the message, who it goes to and one e-mail to each, in one transaction."""
    recipients = cohort_message_recipient_ids(cohort=cohort, audience=audience)
    if not recipients:
        raise ValidationError(_("No learner of this cohort would receive this message."))
    subject = (subject or "").strip()
    body = (body or "").strip()
    if not subject or not body:
        raise ValidationError(_("Write a subject and a message."))
    with transaction.atomic():
        message = CohortMessage.objects.create(
            cohort=cohort,
            sender=sender,
            audience=audience,
            subject=subject,
            body=body,
            recipients=recipients,
        )
        for learner_id in recipients:  # one e-mail each: a failing address holds no other
            outbox_add(
                kind="cohorts.message",  # cohorts.effects
                dedupe_key=f"cohort_message:{message.pk}:{learner_id}",
                payload={"message": message.pk, "learner": learner_id},
            )
    return message


def cohort_message_deliver(*, message: CohortMessage, learner) -> bool:
    """E-mail ``message`` to one of its recipients, in their language; answers go to the
    sender. Sent once per recipient by the outbox message that calls it."""
    if learner.pk not in message.recipients:
        return False
    sender = message.sender
    send_templated_email(
        template="cohorts/email/cohort_message",
        to=[learner.email],
        context={
            "learner": learner,
            "cohort": message.cohort,
            "sender_name": _person_name(sender),
            "subject": message.subject,
            "body": message.body,
        },
        language=learner.preferred_language,
        reply_to=[sender.email] if sender is not None and sender.email else None,
    )
    return True


def _person_name(person) -> str:
    if person is None:
        return ""
    return f"{person.first_name} {person.last_name}".strip() or person.email
