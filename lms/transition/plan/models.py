"""The digital transition plan: one per organisation, written together, submitted.

* ``TransitionPlan``: the organisation's draft. It holds the situation (formatted text,
  sanitised), its ``revision`` (a counter every save moves on: a save based on an older
  one is refused) and whether it is shared with the facilitators of the cohorts where the
  organisation holds a seat. Its rows are plain related models, kept in order by
  ``position``: ``PlanPriority`` (up to three), ``PlanAction`` (who, when, how much, which
  bursary category), ``PlanRisk`` (flagged when it concerns the data of the people the
  organisation serves) and ``PlanIndicator`` (the monitoring plan).
* ``PlanRevision``: every save's content as JSON, with who and when; what a refused save
  shows as "changed since" is read from them.
* ``PlanVersion``: a submitted plan, frozen: its number, its whole content as JSON, who
  submitted it and when. Never edited; a later change starts a new draft on top.
* ``PlanComment``: what a facilitator the plan is shared with says about one section.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    """The plan's parts, as comments, differences and anchors name them."""

    SITUATION = "situation", _("Situation")
    PRIORITIES = "priorities", _("Priorities")
    ACTIONS = "actions", _("Actions")
    BUDGET = "budget", _("Budget")
    RISKS = "risks", _("Risks")
    INDICATORS = "indicators", _("Monitoring plan")


class BursaryCategory(models.TextChoices):
    """What the acceleration bursary pays for."""

    EQUIPMENT = "equipment", _("Equipment")
    SOFTWARE = "software", _("Software licences")
    ROLLOUT = "rollout", _("Roll-out")
    INNOVATION = "innovation", _("Innovative initiative")


class TransitionPlan(models.Model):
    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="transition_plan",
        verbose_name=_("organisation"),
    )  # fmt: skip
    #: Formatted text (``content.sanitize.sanitize_html``), shown as is.
    situation = models.TextField(_("situation"), blank=True)
    #: Moves on at every save; a save carries the revision it was based on.
    revision = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    #: Whether the facilitators of the organisation's cohorts may read it and comment.
    shared = models.BooleanField(_("shared with the facilitators"), default=False)
    shared_changed_at = models.DateTimeField(null=True, blank=True)
    shared_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("digital transition plan")
        verbose_name_plural = _("digital transition plans")

    def __str__(self):
        return str(self.organisation)


class PlanRow(models.Model):
    """What every row of a plan has: its plan and its place."""

    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class PlanPriority(PlanRow):
    plan = models.ForeignKey(TransitionPlan, on_delete=models.CASCADE, related_name="priorities")
    text = models.CharField(_("priority"), max_length=300)

    class Meta(PlanRow.Meta):
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self):
        return self.text


class PlanAction(PlanRow):
    plan = models.ForeignKey(TransitionPlan, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=200, blank=True)
    #: A name, as typed (the person need not have an account).
    responsible = models.CharField(_("person responsible"), max_length=150, blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    #: In whole dollars.
    budget = models.PositiveIntegerField(_("budget ($)"), null=True, blank=True)
    category = models.CharField(
        _("bursary category"), max_length=20, choices=BursaryCategory.choices, blank=True
    )

    class Meta(PlanRow.Meta):
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="plan_action_ends_after_start",
                violation_error_message=_("The end cannot come before the start."),
            )
        ]

    def __str__(self):
        return self.title


class PlanRisk(PlanRow):
    plan = models.ForeignKey(TransitionPlan, on_delete=models.CASCADE, related_name="risks")
    description = models.CharField(_("risk"), max_length=500, blank=True)
    mitigation = models.CharField(_("how it is reduced"), max_length=500, blank=True)
    #: A risk to the data of the people the organisation serves (one is required).
    about_people_data = models.BooleanField(
        _("concerns the data of the people we serve"), default=False
    )

    class Meta(PlanRow.Meta):
        verbose_name = _("risk")
        verbose_name_plural = _("risks")

    def __str__(self):
        return self.description


class PlanIndicator(PlanRow):
    plan = models.ForeignKey(TransitionPlan, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200, blank=True)
    baseline = models.CharField(_("baseline"), max_length=150, blank=True)
    target = models.CharField(_("target"), max_length=150, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    frequency = models.CharField(_("frequency"), max_length=100, blank=True)

    class Meta(PlanRow.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name


class PlanRevision(models.Model):
    """One save of the draft, as it was: never changed."""

    plan = models.ForeignKey(TransitionPlan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    saved_at = models.DateTimeField(auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_revision_unique")
        ]

    def __str__(self):
        return f"{self.plan} r{self.number}"


class PlanVersion(models.Model):
    """A submitted plan: frozen, kept, readable; never edited."""

    plan = models.ForeignKey(TransitionPlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    #: The draft's revision it froze (a later save starts a new draft on top).
    revision = models.PositiveIntegerField()
    content = models.JSONField()
    submitted_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique")
        ]

    def __str__(self):
        return f"{self.plan} v{self.number}"


class PlanComment(models.Model):
    plan = models.ForeignKey(TransitionPlan, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    #: Plain text, shown escaped.
    body = models.TextField(_("comment"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cohort = models.ForeignKey(
        "cohorts.Cohort", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.plan} · {self.section}"
