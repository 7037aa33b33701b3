"""The pathway's pages, authored in Wagtail, and what learners record on them.

Pages (a tree that mirrors the programme):

* **PathwayHomePage** (accueil du parcours): the site's root; lists the levels.
* **LevelPage** (niveau): one per level (1 sensibilisation, 2 accélération, 3 innovation),
  saying who it is for, what it unlocks (the bursary's name and ceiling) and how to
  complete it. It holds courses (and webinars, from the webinars app).
* **CoursePage** (formation): the 12-week course under level 2, or the leadership lab
  (laboratoire) under level 3. Its modules are its children, in the tree's order.
* **ModulePage** (module): a week's learning module or experimentation period, with its
  objectives, duration, whether completion requires it, and a body of content blocks.

French is the source language: English pages are translations (same ``translation_key``).
Everything a learner records points at the **French** page, so that following a module in
English or in French counts the same, and a missing translation loses nothing.

Records:

* **ModuleCompletion**: a learner marked a module done. One per learner and module;
  it keeps the page revision and title it was completed on (see the README's revision rule).
* **ActivityResponse**: a learner's own answer to a block of a module (reflection,
  checklist, quiz), keyed by the block's id. Shown to nobody else.
* **ModuleFeedback**: a learner's rating and optional comment on a module; their name is
  shown to authors only if they agreed.
"""

import html

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from content.blocks import CONTENT_BLOCKS, INTRO_FEATURES
from content.i18n import FrenchFallbackMixin
from content.pages import PageWithViews
from courses.panels import ModuleFeedbackPanel


class Level(models.IntegerChoices):
    """The programme's three levels: what a level page is, what a completion and an
    eligibility are for (``lms.pathway``)."""

    AWARENESS = 1, _("Level 1: Awareness")
    ACCELERATION = 2, _("Level 2: Acceleration")
    INNOVATION = 3, _("Level 3: Innovation")


class PathwayHomePage(FrenchFallbackMixin, PageWithViews, Page):
    context_view = "courses.views.home_context"
    #: A logged-in person's copy is kept (lms.person_cache) at most this long: what the
    #: page shows changes with the day (a cohort's week), not the minute.
    person_cache_seconds = 300
    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.LevelPage"]

    class Meta:
        verbose_name = _("pathway home")
        permissions = [
            ("view_translation_report", "Can see which pathway pages need an English version"),
        ]


class LevelPage(FrenchFallbackMixin, PageWithViews, Page):
    context_view = "courses.views.level_context"
    #: A logged-in person's copy is kept (lms.person_cache) at most this long: what the
    #: page shows changes with the day (a cohort's week), not the minute.
    person_cache_seconds = 300

    number = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    audience = RichTextField(_("who it is for"), features=INTRO_FEATURES)
    bursary_name = models.CharField(_("bursary"), max_length=120)
    bursary_ceiling = models.PositiveIntegerField(
        _("bursary ceiling ($)"), help_text=_("The most the bursary can be, in dollars.")
    )
    completion = RichTextField(_("how to complete it"), features=INTRO_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("number"),
        FieldPanel("intro"),
        FieldPanel("audience"),
        FieldRowPanel([FieldPanel("bursary_name"), FieldPanel("bursary_ceiling")]),
        FieldPanel("completion"),
    ]

    parent_page_types = ["courses.PathwayHomePage"]
    subpage_types = ["courses.CoursePage", "webinars.WebinarPage"]

    class Meta:
        verbose_name = _("level")


class CoursePage(FrenchFallbackMixin, PageWithViews, Page):
    context_view = "courses.views.course_context"
    #: A logged-in person's copy is kept (lms.person_cache) at most this long: what the
    #: page shows changes with the day (a cohort's week), not the minute.
    person_cache_seconds = 300

    class Format(models.TextChoices):
        COURSE = "course", _("Course")
        LAB = "lab", _("Leadership lab")

    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.COURSE
    )
    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    duration_weeks = models.PositiveSmallIntegerField(
        _("duration (weeks)"), default=12, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    lock_by_week = models.BooleanField(
        _("open modules week by week"),
        default=False,
        help_text=_(
            "Each module opens in its week of the learner's calendar (their cohort's, or "
            "the start date below). Unticked: every module is open."
        ),
    )
    starts_on = models.DateField(
        _("default start date"),
        null=True,
        blank=True,
        help_text=_("Week 1 starts on this date for learners who have no cohort calendar."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("format"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("duration_weeks"), FieldPanel("lock_by_week"), FieldPanel("starts_on")],
            heading=_("Calendar"),
        ),
    ]

    parent_page_types = ["courses.LevelPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")

    def card_summary(self) -> str:
        """What the course is, in a few words, for the lists that lead to it."""
        weeks = ngettext("%(weeks)s week", "%(weeks)s weeks", self.duration_weeks) % {
            "weeks": self.duration_weeks
        }
        return f"{self.get_format_display()} · {weeks}"


class ModulePage(PageWithViews, Page):
    context_view = "courses.views.module_context"
    serve_view = "courses.views.serve_module"
    #: A logged-in person's copy is kept (lms.person_cache) at most this long: what the
    #: page shows changes with the day (when the module opens), not the minute.
    person_cache_seconds = 300

    class Kind(models.TextChoices):
        LEARNING = "learning", _("Learning module")
        EXPERIMENTATION = "experimentation", _("Experimentation period")

    week = models.PositiveSmallIntegerField(
        _("week"), validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LEARNING)
    objectives = RichTextField(
        _("learning objectives"), features=["bold", "italic", "ul"], blank=True
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("estimated duration (minutes)"), validators=[MinValueValidator(1)]
    )
    required = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_("Unticked: the module is optional and does not count toward the level."),
    )
    body = StreamField(CONTENT_BLOCKS, verbose_name=_("content"), blank=True)

    content_panels = [
        *Page.content_panels,
        ModuleFeedbackPanel(heading=_("Learner feedback")),
        FieldRowPanel([FieldPanel("week"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("required")]),
        FieldPanel("objectives"),
        FieldPanel("body"),
    ]

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("module")


class ModuleCompletion(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_completions"
    )
    #: Always the French (source) page.
    module = models.ForeignKey(ModulePage, on_delete=models.PROTECT, related_name="completions")
    completed_at = models.DateTimeField(_("completed on"), auto_now_add=True)
    #: The revision the learner had in front of them, and its title, kept as they were.
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    module_title = models.CharField(max_length=255)
    #: Where the completion came from: the module page's button, an import, an admin.
    source = models.CharField(max_length=30, default="module_page")

    class Meta:
        verbose_name = _("module completion")
        constraints = [
            models.UniqueConstraint(fields=["learner", "module"], name="module_completion_once")
        ]

    def __str__(self):
        return f"{self.learner} · {self.module_title}"


class ActivityResponse(models.Model):
    class Kind(models.TextChoices):
        REFLECTION = "reflection", _("Reflection")
        CHECKLIST = "checklist", _("Checklist")
        QUIZ = "quiz", _("Quiz")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_responses"
    )
    #: Always the French (source) page; the block id is shared by its translations.
    module = models.ForeignKey(ModulePage, on_delete=models.CASCADE, related_name="+")
    block_id = models.UUIDField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    #: A reflection's answer, sanitised by ``content.sanitize.sanitize_html``.
    answer_html = models.TextField(blank=True)
    #: A checklist's ticked steps or a quiz's chosen answers (indexes), and the quiz result.
    data = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("activity answer")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "module", "block_id"], name="activity_response_once"
            )
        ]

    def __str__(self):
        return f"{self.learner} · {self.kind}"

    @property
    def answer_text(self) -> str:
        """The reflection as its author edits it again: the text, entities decoded (an "&"
        reads "&"; the field escapes it once)."""
        return html.unescape(strip_tags(self.answer_html))


class ModuleFeedback(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_feedback"
    )
    #: The page the feedback is on, always the French (source) page: a module, or a
    #: webinar (which gets the same short feedback once attended or its replay watched).
    module = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="learner_feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    #: Plain text as the learner typed it (trimmed): escaped when shown, never when saved.
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    show_name = models.BooleanField(_("authors may see my name"), default=False)
    language = models.CharField(max_length=5, default="fr")
    created_at = models.DateTimeField(_("sent on"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("module feedback")
        verbose_name_plural = _("module feedback")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "module"], name="module_feedback_once")
        ]

    def __str__(self):
        return f"{self.module_id} · {self.rating}/5"


class RequestKey(models.Model):
    """An idempotency key a form sent with a learning event: the same key twice is the
    same request (a double click, a resent form), answered without doing it again."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "key"], name="courses_request_key_once")
        ]

    def __str__(self):
        return self.key
