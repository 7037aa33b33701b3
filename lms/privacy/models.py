"""The records of a person's rights (issue 15), and the programme's privacy records.

* A **DataExport** is a person's download of their data; an **AccountErasure** the
  erasure of their account (the lead's pipeline).
* **PrivacySettings** (one per platform, editable by programme staff): the person in
  charge of the protection of personal information (Law 25, s. 3.1) and how to reach
  them, and the privacy policy's version and date. A new version asks every person to
  review their consents again.
* A **Consent** is one answer of a person about one optional purpose (``Purpose``), under
  one version of the policy: every change is a new row (given, or withdrawn), so the
  history stays whole; the latest row of a purpose is the person's current answer.
* A **ConfidentialityIncident** is a row of the register of confidentiality incidents
  (Law 25, s. 3.5 to 3.8), seen by the person in charge only.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


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


@register_setting(icon="lock")
class PrivacySettings(BaseGenericSetting):
    officer_name = models.CharField(
        _("name"), max_length=150, blank=True,
        help_text=_("The person in charge of the protection of personal information."),
    )  # fmt: skip
    officer_title = models.CharField(_("title"), max_length=150, blank=True)
    officer_email = models.EmailField(_("e-mail address"), blank=True)
    officer_address = models.TextField(_("postal address"), blank=True)
    policy_version = models.CharField(
        _("policy version"), max_length=20, default="2026.1",
        help_text=_(
            "Change it when the privacy policy changes: everyone is asked to review their "
            "consents again."
        ),
    )  # fmt: skip
    policy_date = models.DateField(_("policy date"), null=True, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("officer_name"),
                FieldPanel("officer_title"),
                FieldPanel("officer_email"),
                FieldPanel("officer_address"),
            ],
            heading=_("Person in charge of the protection of personal information"),
        ),
        MultiFieldPanel(
            [FieldPanel("policy_version"), FieldPanel("policy_date")],
            heading=_("Privacy policy"),
        ),
    ]

    class Meta:
        verbose_name = _("privacy settings")


class Purpose(models.TextChoices):
    """The optional purposes a person consents to, one by one (Law 25, s. 8 and 9.1)."""

    PROGRESS_NAMED = (
        "progress_named",
        _("Share my progress, with my name, with my organisation's contact people"),
    )
    ASSESSMENT_SHARED = (
        "assessment_shared",
        _("My organisation may share its self-assessment results with its facilitators"),
    )
    NEWS = "news", _("Receive the programme's news by e-mail")


class Consent(models.Model):
    """One answer about one purpose: given (``given`` true) or withdrawn, dated, under a
    policy version. Never changed: a new answer is a new row."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    given = models.BooleanField(_("given"))
    policy_version = models.CharField(_("policy version"), max_length=20)
    #: When the consent was given (for a row that gives it).
    given_at = models.DateTimeField(_("given on"), null=True, blank=True)
    #: When it was withdrawn, or refused (for a row that does not give it).
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["person", "purpose", "-created_at"], name="consent_latest")]

    def __str__(self):
        return f"{self.person_id} · {self.purpose} · {self.given}"


class ConfidentialityIncident(models.Model):
    """A row of the register of confidentiality incidents (Law 25, s. 3.5 to 3.8; the
    regulation respecting confidentiality incidents, s. 11)."""

    class Risk(models.TextChoices):
        TO_ASSESS = "to_assess", _("To be assessed")
        NOT_SERIOUS = "not_serious", _("No risk of serious injury")
        SERIOUS = "serious", _("Risk of serious injury")

    occurred_on = models.DateField(_("date of the incident"), null=True, blank=True,
        help_text=_("Leave empty if unknown; say so in the circumstances."))  # fmt: skip
    known_on = models.DateField(_("date the incident became known"))
    circumstances = models.TextField(_("circumstances"))
    information_concerned = models.TextField(_("personal information concerned"))
    people_count = models.PositiveIntegerField(_("number of people concerned"), null=True,
        blank=True, help_text=_("Leave empty if unknown."))  # fmt: skip
    people_description = models.TextField(_("people concerned"), blank=True)
    risk = models.CharField(
        _("risk of serious injury"), max_length=12, choices=Risk.choices, default=Risk.TO_ASSESS
    )
    risk_assessment = models.TextField(
        _("assessment of the risk"), blank=True,
        help_text=_("The sensitivity of the information, the possible misuse, its consequences."),
    )  # fmt: skip
    measures = models.TextField(_("measures taken"), blank=True)
    commission_notified_on = models.DateField(
        _("notice to the Commission d'accès à l'information"), null=True, blank=True
    )
    people_notified_on = models.DateField(
        _("notice to the people concerned"), null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("recorded by"), editable=False,
    )  # fmt: skip
    recorded_at = models.DateTimeField(_("recorded on"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("occurred_on"),
        FieldPanel("known_on"),
        FieldPanel("circumstances"),
        FieldPanel("information_concerned"),
        FieldPanel("people_count"),
        FieldPanel("people_description"),
        FieldPanel("risk"),
        FieldPanel("risk_assessment"),
        FieldPanel("measures"),
        FieldPanel("commission_notified_on"),
        FieldPanel("people_notified_on"),
    ]

    class Meta:
        ordering = ["-known_on", "-pk"]
        verbose_name = _("confidentiality incident")
        verbose_name_plural = _("confidentiality incidents")

    def __str__(self):
        return f"{self.known_on:%Y-%m-%d} · {self.circumstances[:60]}"
