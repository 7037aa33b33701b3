"""The pathway engine's records: level completions and bursary eligibility. Their side
effects (notices, certificates) are messages of the outbox (``lms/outbox/``).

* A **LevelCompletion** says a learner completed a level (1, 2 or 3): once, never undone,
  with the rules' version and the evidence (which records) it was decided on.
* A **BursaryEligibility** belongs to an **organisation**, one per level at most. It is
  granted the first time one of its learners completes the level, keeps that evidence,
  and then follows the bursary's life: eligible, applied, awarded, declined, or revoked
  (with a reason). Each change is an **EligibilityChange** (who, when, from, to, why).
  Eligibility beyond the level's quota is recorded and flagged, never refused.
* A **ReviewRequest** is a task for staff to look again at an automatic decision: either
  a person asking for it (Quebec's Law 25, s. 12.1), or the platform itself when the
  records a completion rested on changed afterwards so that they no longer meet the rule
  (an attendance lowered by hand, say). The completion is never taken back silently:
  its evidence is a copy, and staff decide.
* A **Certificate** of completion, one per level completion, verifiable by anyone who
  holds its unguessable token.
* **PathwaySettings**: the rules' version and the planned number of bursaries per level
  (410, 93, 7), editable by programme staff only.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from courses.models import Level


@register_setting(icon="cogs")
class PathwaySettings(BaseGenericSetting):
    rules_version = models.CharField(
        _("rules' version"),
        max_length=20,
        default="2026.1",
        help_text=_("Recorded with every completion: change it when the rules change."),
    )
    quota_level_1 = models.PositiveIntegerField(_("seed bursaries planned (level 1)"), default=410)
    quota_level_2 = models.PositiveIntegerField(
        _("acceleration bursaries planned (level 2)"), default=93
    )
    quota_level_3 = models.PositiveIntegerField(
        _("innovation bursaries planned (level 3)"), default=7
    )

    class Meta:
        verbose_name = _("pathway settings")

    def quota(self, level: int) -> int:
        return getattr(self, f"quota_level_{int(level)}")


class LevelCompletion(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="level_completions"
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    completed_at = models.DateTimeField(_("completed on"))
    rules_version = models.CharField(max_length=20)
    #: The learner's organisation when they completed (it may change later).
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    #: What the decision rested on: the records' kinds, ids, titles and dates.
    evidence = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("level completion")
        constraints = [
            models.UniqueConstraint(fields=["learner", "level"], name="level_completion_once")
        ]

    def __str__(self):
        return f"{self.learner} · {self.get_level_display()}"


class BursaryEligibility(models.Model):
    class Status(models.TextChoices):
        ELIGIBLE = "eligible", _("Eligible")
        APPLIED = "applied", _("Applied")
        AWARDED = "awarded", _("Awarded")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="eligibilities",
        verbose_name=_("organisation"),
    )  # fmt: skip
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ELIGIBLE
    )
    granted_at = models.DateTimeField(_("eligible since"))
    #: The completion that made the organisation eligible.
    completion = models.ForeignKey(LevelCompletion, on_delete=models.PROTECT, related_name="+")
    rules_version = models.CharField(_("rules' version"), max_length=20)
    evidence = models.JSONField(default=dict)
    #: The region when granted, for quotas by region.
    region = models.ForeignKey(
        "accounts.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    #: True when granted after the level's planned number was reached.
    over_quota = models.BooleanField(_("beyond the quota"), default=False)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("bursary eligibility")
        verbose_name_plural = _("bursary eligibilities")
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "level"], name="eligibility_once")
        ]

    def __str__(self):
        return f"{self.organisation} · {self.get_level_display()}"


class EligibilityChange(models.Model):
    eligibility = models.ForeignKey(
        BursaryEligibility, on_delete=models.CASCADE, related_name="changes"
    )
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_at"]

    def __str__(self):
        return f"{self.from_status or '∅'} → {self.to_status}"


class ReviewRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("To review")
        CLOSED = "closed", _("Reviewed")

    class Kind(models.TextChoices):
        PERSON = "person", _("Asked by the person")
        EVIDENCE = "evidence", _("Evidence changed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PERSON)
    #: Who asked, or, for a changed evidence, whose completion it is.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_requests"
    )
    #: The completion whose evidence changed (kind "evidence").
    completion = models.ForeignKey(
        LevelCompletion, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    eligibility = models.ForeignKey(
        BursaryEligibility, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.TextField(_("message"), max_length=2000)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.requested_by} · {self.get_level_display()}"


def new_certificate_token() -> str:
    return secrets.token_urlsafe(24)


class Certificate(models.Model):
    completion = models.OneToOneField(
        LevelCompletion, on_delete=models.CASCADE, related_name="certificate"
    )
    #: The unguessable part of the public verification address.
    token = models.CharField(max_length=64, unique=True, default=new_certificate_token)
    language = models.CharField(max_length=5, default="fr")
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")

    def __str__(self):
        return f"{self.completion} · {self.token[:6]}…"
