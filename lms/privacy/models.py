"""The records of a person's rights (issue 15): the download of their data and the
erasure of their account. Other privacy records (consents, incidents) follow."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DataExport(models.Model):
    """A person's download of their data: prepared in the background (outbox), reached
    through a link that expires and can be used once. Only the token's hash is kept."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Being prepared")
        READY = "ready", _("Ready")
        DOWNLOADED = "downloaded", _("Downloaded")
        EXPIRED = "expired", _("Expired")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREPARING)
    #: The SHA-256 of the link's secret, made when the file is ready (never the secret).
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    content = models.BinaryField(null=True, blank=True, editable=False)
    requested_at = models.DateTimeField(auto_now_add=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    downloaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("download of one's data")
        verbose_name_plural = _("downloads of one's data")

    def __str__(self):
        return f"{self.person_id} · {self.requested_at:%Y-%m-%d}"


class AccountErasure(models.Model):
    """A person's account to erase: asked by them (or by staff for them), cancellable
    until ``erase_after``, then run as ordered steps (one per registry entry) that can
    resume after a failure (``steps_done``); running it again changes nothing."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for the end of the cooling-off period")
        CANCELLED = "cancelled", _("Cancelled")
        RUNNING = "running", _("Being erased")
        DONE = "done", _("Erased")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="erasures"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    requested_at = models.DateTimeField(auto_now_add=True)
    #: Staff who asked for it on the person's behalf (by e-mail); null: the person.
    requested_by_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    erase_after = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    #: The registry entries ("app_label.Model") already erased, in order.
    steps_done = models.JSONField(default=list, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("account erasure")
        verbose_name_plural = _("account erasures")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status__in=["waiting", "running"]),
                name="erasure_one_pending_per_person",
            )
        ]

    def __str__(self):
        return f"{self.person_id} · {self.get_status_display()}"
