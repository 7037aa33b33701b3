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

Committees (issue 14, second part):

* ``Committee``: formed by staff in the admin for a call and, optionally, a region, from
  exactly four ``CommitteeMember`` rows, one per ``Seat`` (``composition_errors`` names
  each seat missing). Its applications are the call's submitted applications: of its
  region when it has one; otherwise of every region without a committee of its own.
* ``ConflictDeclaration``: a member's declaration, before reading an application, of a
  conflict of interest with the organisation or not. Every declaration is kept; one that
  declares a conflict keeps the member away from the application for good.
* ``Review`` and its ``Score`` rows: a member's scores (0 to 5, with a comment) of each of
  the call's criteria, submitted at once and never edited.
* ``ApplicationAccess``: the log of each view of an application by a committee member
  or staff.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from courses.models import Level
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
    budget = models.DecimalField(
        _("budget"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("For a bursary: the whole amount the call may grant, in dollars."),
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
        FieldPanel("budget"),
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


class Seat(models.TextChoices):
    DATAIDE = "dataide", _("The DATAide team at Centraide du Grand Montréal")
    REGIONAL_CENTRAIDE = "centraide", _("The Centraide of the applicants' region")
    IT_ORGANISATION = "it", _("An organisation specialised in information technology")
    COMMUNITY_ORGANISATION = "community", _("A community organisation")


def composition_errors(seats) -> list[str]:
    """What keeps a committee with these members' ``seats`` from being complete, in words:
    each seat missing, each seat filled twice (empty when the four seats are filled)."""
    seats = list(seats)
    errors = [
        _("The seat “%(seat)s” is missing.") % {"seat": seat.label}
        for seat in Seat
        if seat not in seats
    ]
    errors += [
        _("The seat “%(seat)s” is filled more than once.") % {"seat": seat.label}
        for seat in Seat
        if seats.count(seat) > 1
    ]
    return errors


class Committee(ClusterableModel):
    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="committees", verbose_name=_("call")
    )
    region = models.ForeignKey(
        "accounts.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("region"),
        help_text=_("None: the call's applications of every region without its own committee."),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("call"),
        FieldPanel("region"),
        InlinePanel("members", heading=_("Members"), label=_("Member"), min_num=4, max_num=4),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "region"],
                name="committee_once_per_call_region",
                violation_error_message=_("This call already has a committee for this region."),
            ),
            models.UniqueConstraint(
                fields=["call"],
                condition=models.Q(region__isnull=True),
                name="committee_once_per_call_without_region",
                violation_error_message=_("This call already has a committee for every region."),
            ),
        ]

    def __str__(self):
        if self.region_id:
            return f"{self.call} · {self.region}"
        return str(self.call)


class CommitteeMember(Orderable):
    committee = ParentalKey(Committee, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="committee_seats",
        verbose_name=_("person"),
    )  # fmt: skip
    seat = models.CharField(_("seat"), max_length=10, choices=Seat.choices)

    panels = [FieldPanel("person"), FieldPanel("seat")]

    class Meta(Orderable.Meta):
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "person"],
                name="committee_member_once",
                violation_error_message=_("This person already sits on this committee."),
            )
        ]

    def __str__(self):
        return f"{self.person.get_full_name() or self.person.email} ({self.get_seat_display()})"


class ConflictDeclaration(models.Model):
    member = models.ForeignKey(
        CommitteeMember, on_delete=models.PROTECT, related_name="declarations"
    )
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="conflict_declarations"
    )
    has_conflict = models.BooleanField(_("conflict of interest"))
    note = models.TextField(_("note"), max_length=2000, blank=True)
    declared_at = models.DateTimeField(_("declared on"), auto_now_add=True)

    class Meta:
        ordering = ["declared_at", "pk"]
        verbose_name = _("conflict of interest declaration")
        verbose_name_plural = _("conflict of interest declarations")

    def __str__(self):
        return f"{self.member} · {self.application_id} · {self.has_conflict}"


class Review(models.Model):
    """A member's scores of an application, submitted at once."""

    member = models.ForeignKey(CommitteeMember, on_delete=models.PROTECT, related_name="reviews")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="reviews")
    submitted_at = models.DateTimeField(_("submitted on"), auto_now_add=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "application"],
                name="review_once_per_member",
                violation_error_message=_("This member already scored this application."),
            )
        ]

    def __str__(self):
        return f"{self.member} · {self.application_id}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(CallCriterion, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), max_length=5000, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_once"),
            models.CheckConstraint(condition=models.Q(value__lte=5), name="score_at_most_five"),
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.value}"


class ApplicationAccess(models.Model):
    class View(models.TextChoices):
        APPLICATION = "application", _("Application")
        CONSOLIDATED = "consolidated", _("Consolidated scores")
        ADMIN = "admin", _("Admin page")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("person"),
    )  # fmt: skip
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="+", verbose_name=_("application")
    )
    view = models.CharField(_("page"), max_length=15, choices=View.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access to an application")
        verbose_name_plural = _("accesses to applications")

    def __str__(self):
        return f"{self.person_id} · {self.application_id} · {self.view}"


# Decisions (issue 14, third part) --------------------------------------------------------


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", pgettext_lazy("application decision", "Accepted")
    WAITLISTED = "waitlisted", pgettext_lazy("application decision", "Waitlisted")
    REFUSED = "refused", pgettext_lazy("application decision", "Refused")


#: The outcomes that end an application: once one is recorded, no other decision is.
FINAL_OUTCOMES = (Outcome.ACCEPTED, Outcome.REFUSED)


class Decision(models.Model):
    """The committee's decision on an application, recorded by a staff member for it.

    A waitlisted application may be decided again later (accepted or refused); an
    accepted or refused one never is (a partial unique constraint says so too)."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="decisions",
        verbose_name=_("application"),
    )  # fmt: skip
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    amount = models.DecimalField(
        _("amount granted"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )  # fmt: skip
    reasons = models.TextField(_("reasons"), max_length=5000)
    decided_on = models.DateField(_("decided on"))
    participants = models.ManyToManyField(
        CommitteeMember, related_name="+", verbose_name=_("members who took part")
    )
    #: The participants' names and seats as they were on the day: the record stays whole.
    participant_names = models.JSONField(default=list)
    #: The quota warnings shown, and recorded anyway, when the decision was made.
    quota_warnings = models.JSONField(default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded on"), auto_now_add=True)
    #: The organisation's request for a review of this decision, if it made one.
    review_request = models.ForeignKey(
        "pathway.ReviewRequest", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("review request"),
    )  # fmt: skip

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(outcome__in=["accepted", "refused"]),
                name="decision_final_once",
                violation_error_message=_("This application is already decided."),
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(outcome="accepted"),
                name="decision_amount_only_if_accepted",
            ),
        ]

    def __str__(self):
        return f"{self.application} · {self.get_outcome_display()}"


class RegionalQuota(models.Model):
    """How many of a level's bursaries are planned for a region (the level's quota
    overall is ``PathwaySettings``'s). A decision beyond it is warned of, not refused."""

    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    region = models.ForeignKey(
        "accounts.Region", on_delete=models.CASCADE, related_name="+", verbose_name=_("region")
    )
    planned = models.PositiveIntegerField(_("bursaries planned"))

    class Meta:
        ordering = ["level", "region__name"]
        verbose_name = _("regional quota")
        verbose_name_plural = _("regional quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["level", "region"],
                name="regional_quota_once",
                violation_error_message=_("This region already has a quota for this level."),
            )
        ]

    def __str__(self):
        return f"{self.region} · {self.get_level_display()} · {self.planned}"
