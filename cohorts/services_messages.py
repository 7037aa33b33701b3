"""Writes on cohort messages: a facilitator writes to their cohort, or to its flagged
learners; each learner gets one e-mail, in their own language, that they can answer.

The subject and the message are kept as ``content.sanitize.sanitize_text`` returns them:
plain text, markup removed, HTML entities escaped (safe to show in a page as it is).
"""

import html

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cohorts.models import Cohort, CohortMessage
from cohorts.selectors import cohort_flagged_learner_ids, cohort_learners
from content.sanitize import sanitize_text
from lms.emails import send_templated_email

#: How long a delivery is remembered, so that running a task twice sends nothing more.
DELIVERY_MEMORY_SECONDS = 60 * 60 * 24 * 30


def cohort_message_recipient_ids(*, cohort: Cohort, audience: str) -> list[int]:
    """Return who a message to ``audience`` goes to: the cohort's learners, or those of
    them who are flagged."""
    ids = list(cohort_learners(cohort).values_list("pk", flat=True))
    if audience == CohortMessage.Audience.FLAGGED:
        flagged = cohort_flagged_learner_ids(cohort)
        ids = [pk for pk in ids if pk in flagged]
    return ids


def cohort_message_send(
    *, cohort: Cohort, sender, audience: str, subject: str, body: str
) -> CohortMessage:
    """Record the message and who it goes to, then e-mail them once it is saved."""
    from cohorts.tasks import send_cohort_message

    recipients = cohort_message_recipient_ids(cohort=cohort, audience=audience)
    if not recipients:
        raise ValidationError(_("No learner of this cohort would receive this message."))
    subject = sanitize_text(subject).strip()
    body = sanitize_text(body).strip()
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
        transaction.on_commit(lambda: send_cohort_message.delay(message.pk))
    return message


def cohort_message_deliver(*, message: CohortMessage, learner) -> bool:
    """E-mail ``message`` to one of its recipients, in their language; answers go to the
    sender. Safe to run twice: a learner it already reached gets nothing more."""
    key = f"cohorts:message:{message.pk}:to:{learner.pk}"
    if learner.pk not in message.recipients or cache.get(key):
        return False
    sender = message.sender
    send_templated_email(
        template="cohorts/email/cohort_message",
        to=[learner.email],
        context={
            "learner": learner,
            "cohort": message.cohort,
            "sender_name": _person_name(sender),
            "subject": html.unescape(message.subject),
            # Escaped text without markup, for the HTML part; as typed, for the text part.
            "body_html": message.body,
            "body_text": html.unescape(message.body),
        },
        language=learner.preferred_language,
        reply_to=[sender.email] if sender is not None and sender.email else None,
    )
    cache.set(key, True, DELIVERY_MEMORY_SECONDS)
    return True


def _person_name(person) -> str:
    if person is None:
        return ""
    return f"{person.first_name} {person.last_name}".strip() or person.email
