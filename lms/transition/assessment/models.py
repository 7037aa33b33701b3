"""The digital-maturity self-assessment (autodiagnostic): its questionnaire, rounds and takes.

* **SelfAssessmentPage** (autodiagnostic): the questionnaire, authored in Wagtail under the
  level-2 page, in French then in English: its dimensions, each with its questions, each
  question with five described levels (``blocks.py``). Learners start and resume from it.
* **Round** (tour): an organisation's turn at the questionnaire. Any learner of the
  organisation opens one (one open round at a time) and closes it; a new round can then
  be opened (at the start and the end of the 12 weeks, or whenever the organisation
  chooses), and two rounds are compared.
* **Take** (passation): one colleague's own answers in a round, saved one dimension at a
  time. It keeps the questionnaire's revision it answered and a copy of its questions
  (in French and English), so that a later edit never changes past results. It is
  finished when every question of its copy is answered. Only its author sees it.
* **ResultSharing**: whether an organisation shares its combined results with the
  facilitators of the cohorts it is seated in; any of its contact people decides, and
  can withdraw it, which takes effect at once.

The organisation's result per round (median and spread per dimension over its colleagues'
finished takes, with the disagreements as talking points) is computed by ``selectors.py``;
it is never stored, so it always reads the takes as they were answered.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from content.blocks import INTRO_FEATURES
from content.i18n import FrenchFallbackMixin
from content.pages import PageWithViews
from courses.models import Level
from lms.transition.assessment.blocks import DimensionsBlock, data_use_error


class SelfAssessmentPage(FrenchFallbackMixin, PageWithViews, Page):
    context_view = "lms.transition.assessment.views.page_context"

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    dimensions = StreamField(DimensionsBlock(), verbose_name=_("dimensions"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("dimensions")]

    # The level page lists this type among its children from ``AssessmentConfig.ready``.
    parent_page_types = ["courses.LevelPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("self-assessment")

    @classmethod
    def can_create_at(cls, parent) -> bool:
        """Only under the level-2 page: the self-assessment is part of level 2."""
        specific = parent.specific
        return super().can_create_at(parent) and (
            getattr(specific, "number", None) == Level.ACCELERATION
        )

    def clean(self):
        super().clean()
        error = data_use_error(sum(1 for child in self.dimensions if child.value.get("data_use")))
        if error:
            raise ValidationError({"dimensions": error})


class Round(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="assessment_rounds"
    )
    #: Always the French (source) questionnaire.
    questionnaire = models.ForeignKey(
        SelfAssessmentPage, on_delete=models.PROTECT, related_name="rounds"
    )
    #: 1, 2, 3… within the organisation.
    number = models.PositiveSmallIntegerField(_("round"))
    opened_at = models.DateTimeField(_("opened on"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("self-assessment round")
        ordering = ["organisation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="assessment_round_number_once"
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(closed_at__isnull=True),
                name="assessment_one_open_round",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.number}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Take(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="takes")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_takes"
    )
    #: The questionnaire's revision the take answered.
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    #: The questions it answered, as they were: ``questionnaire.questionnaire_copy``.
    questions = models.JSONField(default=list)
    #: ``{question key: level 1 to 5}``.
    answers = models.JSONField(default=dict)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    #: When the last question was answered.
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("self-assessment take")
        constraints = [
            models.UniqueConstraint(fields=["round", "learner"], name="assessment_take_once")
        ]

    def __str__(self):
        return f"{self.round} · {self.learner}"


class ResultSharing(models.Model):
    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="assessment_sharing"
    )
    shared = models.BooleanField(default=False)
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("self-assessment sharing")

    def __str__(self):
        return f"{self.organisation} · {self.shared}"
