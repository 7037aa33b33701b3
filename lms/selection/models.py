"""Calls for applications and the applications made to them (issue 14, first part).

* ``Call`` (appel): opened by programme staff in the admin. Its ``kind`` says what it
  gives (a level-2 seat in a cohort, a seat in the leadership lab, or the seed,
  acceleration or innovation bursary) and so which level it belongs to; it has its dates,
  its guide (formatted text in French and in English, public), its ``regions`` (none:
  every region) and, for bursaries, the amount ceiling. ``CallCriterion`` rows are the
  guide's criteria, each with its weight. Who may apply is ``eligibility``'s business.
* ``Application`` (candidature): one per organisation per call, written by the
  organisation's contacts. A draft (``DRAFT``) is edited freely; submitting it freezes an
  ``ApplicationVersion`` (numbered, its whole content as JSON, never edited). Staff may
  return a submitted application (``RETURNED``, with a reason): it is a draft again, and
  the next submission is the next version. ``BudgetLine`` rows are its budget. For a lab
  seat or an innovation project, ``leader`` is the person who carries it.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from lms.transition.plan.models import BursaryCategory


class CallKind(models.TextChoices):
    LEVEL2_SEAT = "level2_seat", _("Seat in a level-2 cohort")
    LAB_SEAT = "lab_seat", _("Seat in the leadership lab")
    SEED = "seed", _("Seed bursary")
    ACCELERATION = "acceleration", _("Acceleration bursary")
    INNOVATION = "innovation", _("Innovation bursary")


#: The level each kind of call belongs to ("Mon parcours" shows it there).
KIND_LEVEL = {
    CallKind.SEED: 1,
    CallKind.LEVEL2_SEAT: 2,
    CallKind.ACCELERATION: 2,
    CallKind.LAB_SEAT: 3,
    CallKind.INNOVATION: 3,
}
#: The bursaries, and the level of ``BursaryEligibility`` each asks for.
BURSARY_LEVEL = {CallKind.SEED: 1, CallKind.ACCELERATION: 2, CallKind.INNOVATION: 3}
SEAT_KINDS = (CallKind.LEVEL2_SEAT, CallKind.LAB_SEAT)


class Call(ClusterableModel):
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=CallKind.choices)
    #: For a seat: the cohort (level 2) or the lab's cohort the seat is in.
    cohort = models.ForeignKey(
        "cohorts.Cohort", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("cohort"), help_text=_("For a seat only: the cohort it is in."),
    )  # fmt: skip
    #: For a lab seat: leaders whose organisation did not complete level 2 may apply too.
    open_to_other_leaders = models.BooleanField(
        _("open to other leaders"),
        default=False,
        help_text=_(
            "For a lab seat only: leaders whose organisation did not complete level 2 may "
            "apply too. The call's page says so."
        ),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), help_text=_("The last day to submit."))
    guide_fr = RichTextField(_("guide (French)"), blank=True)
    guide_en = RichTextField(_("guide (English)"), blank=True)
    ceiling = models.DecimalField(
        _("amount ceiling"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("For a bursary: the most an application may ask for, in dollars."),
    )  # fmt: skip
    regions = ParentalManyToManyField(
        "accounts.Region", blank=True, related_name="+", verbose_name=_("regions"),
        help_text=_("None selected: every region."),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("cohort"), FieldPanel("open_to_other_leaders")],
            heading=_("What it gives"),
        ),
        MultiFieldPanel([FieldPanel("opens_on"), FieldPanel("closes_on")], heading=_("Dates")),
        FieldPanel("guide_fr"),
        FieldPanel("guide_en"),
        InlinePanel("criteria", heading=_("Criteria"), label=_("Criterion")),
        FieldPanel("ceiling"),
        FieldPanel("regions"),
    ]

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="call_closes_after_opening",
                violation_error_message=_("The call must close on or after its opening."),
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.kind in SEAT_KINDS and self.cohort_id is None:
            errors["cohort"] = _("A seat call says which cohort the seat is in.")
        if self.kind in BURSARY_LEVEL and self.ceiling is None:
            errors["ceiling"] = _("A bursary call has an amount ceiling.")
        if errors:
            raise ValidationError(errors)

    @property
    def level(self) -> int:
        return KIND_LEVEL[self.kind]

    @property
    def is_bursary(self) -> bool:
        return self.kind in BURSARY_LEVEL

    @property
    def guide(self) -> str:
        """The guide in the language of the moment, or in French when not translated."""
        if translation.get_language() == "en" and self.guide_en:
            return self.guide_en
        return self.guide_fr


class CallCriterion(Orderable):
    call = ParentalKey(Call, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("what each score means"), help_text=_("For example: 1 = absent, 5 = exemplary.")
    )
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("weight")]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.title


class Application(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="applications",
        verbose_name=_("organisation"),
    )  # fmt: skip
    #: The person who carries a lab seat or an innovation project.
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("leader"),
    )  # fmt: skip
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    title = models.CharField(_("project title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    description = models.TextField(_("description"), max_length=20000, blank=True)
    #: For the acceleration bursary: the organisation's latest submitted plan.
    plan_version = models.ForeignKey(
        "plan.PlanVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("transition plan"),
    )  # fmt: skip
    #: Why staff returned it, the last time.
    return_reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted on"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organisation"],
                name="application_once_per_call",
                violation_error_message=_("This organisation already applied to this call."),
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.call}"

    @property
    def editable(self) -> bool:
        return self.state != self.State.SUBMITTED


class BudgetLine(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(_("category"), max_length=12, choices=BursaryCategory.choices)
    description = models.CharField(_("description"), max_length=300)
    amount = models.DecimalField(
        _("amount"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self):
        return self.description


class ApplicationVersion(models.Model):
    """A submitted application: frozen, kept, readable; never edited."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
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
            models.UniqueConstraint(
                fields=["application", "number"], name="application_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.application} v{self.number}"
