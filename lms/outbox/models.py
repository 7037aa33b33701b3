"""The outbox's one record: a side effect waiting to be carried out.

* An **OutboxMessage** is written in the same transaction as the write that causes it
  (a completion, a registration, a cohort message, an account e-mail): if that write
  rolls back, the message never existed; if it commits, the message is there even when
  the Celery broker is down. It is handed to a worker once the transaction commits, and
  again by the periodic relay while it is pending (``processed_at`` empty).
* Its **kind** (``"<app>.<what>"``) names the handler an app registered in
  ``lms.outbox.registry``; its **payload** is what that handler needs (ids, or an
  already rendered e-mail); its **dedupe_key** makes the same side effect of the same
  decision a single row, however often it is written.
* A worker carries it out with the row locked, then stamps ``processed_at`` in the same
  transaction, so a task delivered twice, or a worker killed midway, does not repeat it.
  ``attempts`` counts the tries; ``last_error`` keeps the latest failure.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    #: ``"<app>.<what>"``: one of the kinds registered in ``lms.outbox.registry``.
    kind = models.CharField(_("kind"), max_length=60)
    #: Makes a side effect unique: the same decision never enqueues it twice.
    dedupe_key = models.CharField(max_length=160, unique=True)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(_("processed on"), null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["processed_at", "created_at"], name="outbox_message_pending")
        ]

    def __str__(self):
        return self.dedupe_key
