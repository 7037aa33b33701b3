"""What the outbox keeps about people (the privacy registry, ``lms.privacy``)."""

from datetime import timedelta

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from lms.outbox.models import OutboxMessage
from lms.privacy.registry import Basis, Erasure, PersonalData, register

#: Days a carried-out message's payload is kept (to find why an e-mail did not arrive).
PAYLOAD_DAYS = 30


def purge_payloads(now) -> int:
    """Empty the payloads of messages carried out more than ``PAYLOAD_DAYS`` ago. The row
    stays: its ``dedupe_key`` keeps the same side effect from happening twice."""
    return (
        OutboxMessage.objects.filter(processed_at__lt=now - timedelta(days=PAYLOAD_DAYS))
        .exclude(payload={})
        .update(payload={})
    )


def erase_messages(person) -> None:
    """Empty the carried-out messages whose payload holds ``person``'s address (an
    e-mail already rendered: a confirmation, a password reset)."""
    OutboxMessage.objects.annotate(text=Cast("payload", TextField())).filter(
        processed_at__isnull=False, text__icontains=person.email
    ).update(payload={})


register(
    PersonalData(
        model="outbox.OutboxMessage",
        label=_("The e-mails and tasks waiting to be sent"),
        purpose=_(
            "To send the e-mails a step of the programme causes (confirmation of your "
            "address, reminders, notices) once, even after a failure. Some hold your e-mail "
            "address and the e-mail as written."
        ),
        basis=Basis.NECESSITY,
        retention=_("Until sent, then 30 days (to find why an e-mail did not arrive)."),
        seen_by=_("No one but the platform's technical administrators."),
        # No link: an already rendered e-mail holds the address in its payload (``erase``).
        erasure=Erasure.ANONYMISE,
        erase=erase_messages,
        keep_reason=_("The row, emptied, keeps the same e-mail from being sent twice."),
        retention_days=PAYLOAD_DAYS,
        retention_field="processed_at",
        purge=purge_payloads,
        providers=_("The e-mail sending service (SMTP) named below."),
        order=50,
    ),
)
