"""Cohorts: groups that follow one course together on a weekly calendar.

* A **Cohort** (cohorte) runs one course (the French page of the level-2 course, or of
  the leadership lab) from a start date. Week N of the course opens on the start date
  plus N - 1 weeks, pushed back one week by each **CohortPause** (semaine de pause) that
  comes before it. It has its facilitators (animatrices, animateurs), its region(s), the
  live sessions its members attend, and the thresholds that flag someone as behind.
* A **CohortSeat** (place) admits an **organisation** to a level-2 cohort (its learners
  follow through it: those are the programme's 180 seats), or a **leader** (a person) to
  the leadership lab's cohort. A seat is never deleted: removing it stamps who and when,
  so the history of admissions stays.
* A **FacilitatorAccess** records each time a facilitator looked at learners' data, for
  programme staff to read.
* A **CohortMessage** is a message a facilitator sent to the cohort or to its flagged
  learners, with who received it.

Who sees what: a facilitator reaches only the cohorts they facilitate (anything else is
a 404), programme staff reach all of them, learners see their own cohort's calendar and
facilitators' names, never anyone else's progress.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class Cohort(ClusterableModel):
    name = models.CharField(_("name"), max_length=150)
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="cohorts",
        verbose_name=_("course"), limit_choices_to={"locale__language_code": "fr"},
    )  # fmt: skip
    starts_on = models.DateField(_("start date (week 1)"))
    regions = ParentalManyToManyField("accounts.Region", blank=True, verbose_name=_("regions"))
    facilitators = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="facilitated_cohorts",
        verbose_name=_("facilitators"), limit_choices_to={"groups__name": "Animateurs"},
    )  # fmt: skip
    sessions = ParentalManyToManyField(
        "webinars.WebinarSession", blank=True, related_name="cohorts",
        verbose_name=_("live sessions"),
        help_text=_("The live sessions this cohort's members attend."),
    )  # fmt: skip
    behind_modules = models.PositiveSmallIntegerField(
        _("behind by (modules)"), default=2, validators=[MinValueValidator(1)],
        help_text=_("Flag a learner this many required modules behind the calendar."),
    )  # fmt: skip
    inactive_days = models.PositiveSmallIntegerField(
        _("inactive for (days)"), default=14, validators=[MinValueValidator(1)],
        help_text=_("Flag a learner with no activity for this many days."),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("course"),
        FieldPanel("starts_on"),
        InlinePanel("pauses", heading=_("Pause weeks"), label=_("Pause")),
        # Tick boxes: easier than a multiple select, with a keyboard or a screen reader.
        FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
        FieldPanel("facilitators", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sessions"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("behind_modules"), FieldPanel("inactive_days")])],
            heading=_("Who is flagged"),
        ),
    ]

    class Meta:
        verbose_name = _("cohort")
        ordering = ["-starts_on", "name"]

    def __str__(self):
        return self.name

    @property
    def is_lab(self) -> bool:
        return self.course.format == "lab"

    def week_starts(self) -> dict[int, "date"]:  # noqa: F821
        """Return the day each week of the course opens for this cohort."""
        pauses = sorted(p.after_week for p in self.pauses.all())
        weeks = {}
        for week in range(1, self.course.duration_weeks + 1):
            shift = sum(1 for after in pauses if after < week)
            weeks[week] = self.starts_on + timedelta(weeks=week - 1 + shift)
        return weeks


class CohortPause(Orderable):
    cohort = ParentalKey(Cohort, on_delete=models.CASCADE, related_name="pauses")
    after_week = models.PositiveSmallIntegerField(
        _("after week"), validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("The pause week comes after this week of the course."),
    )  # fmt: skip

    panels = [FieldPanel("after_week")]

    class Meta(Orderable.Meta):
        verbose_name = _("pause week")

    def __str__(self):
        return f"{self.cohort} · {self.after_week}"


class CohortSeatQuerySet(models.QuerySet):
    def active(self):
        return self.filter(removed_at__isnull=True)


class CohortSeat(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="seats")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="cohort_seats", verbose_name=_("organisation"),
    )  # fmt: skip
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="cohort_seats", verbose_name=_("leader"),
    )  # fmt: skip
    admitted_at = models.DateTimeField(auto_now_add=True)
    admitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CohortSeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("seat")
        constraints = [
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(leader__isnull=True))
                | (Q(organisation__isnull=True) & Q(leader__isnull=False)),
                name="seat_for_organisation_or_leader",
            ),
            models.UniqueConstraint(
                fields=["cohort", "organisation"],
                condition=Q(removed_at__isnull=True, organisation__isnull=False),
                name="seat_once_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["cohort", "leader"],
                condition=Q(removed_at__isnull=True, leader__isnull=False),
                name="seat_once_per_leader",
            ),
        ]

    def __str__(self):
        return f"{self.cohort} · {self.organisation or self.leader}"

    def clean(self):
        if bool(self.organisation_id) == bool(self.leader_id):
            raise ValidationError(_("A seat goes to an organisation or to a leader, not both."))


class FacilitatorAccess(models.Model):
    class View(models.TextChoices):
        GRID = "grid", _("Progress grid")
        ORGANISATION = "organisation", _("An organisation's page")
        EXPORT_GRID = "export_grid", _("Progress export")
        EXPORT_ATTENDANCE = "export_attendance", _("Attendance export")
        ATTENDANCE = "attendance", _("Attendance sheet of a live session")
        SELF_ASSESSMENT = "self_assessment", _("An organisation's shared self-assessment")
        TRANSITION_PLAN = "transition_plan", _("An organisation's shared transition plan")

    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("facilitator"),
    )  # fmt: skip
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="+", verbose_name=_("cohort")
    )
    #: What was looked at.
    view = models.CharField(_("view"), max_length=40, choices=View.choices)
    #: Whose data, when it is one organisation's or one person's.
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("organisation"),
    )  # fmt: skip
    accessed_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("facilitator access")
        verbose_name_plural = _("facilitator accesses")
        ordering = ["-accessed_at"]

    def __str__(self):
        return f"{self.facilitator} · {self.view}"


class CohortMessage(models.Model):
    class Audience(models.TextChoices):
        ALL = "all", _("The whole cohort")
        FLAGGED = "flagged", _("Flagged learners only")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    audience = models.CharField(_("to"), max_length=10, choices=Audience.choices)
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=5000)
    #: Who it went to (user ids), fixed when it was sent.
    recipients = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cohort message")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject
