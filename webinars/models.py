"""Webinars: the level-1 awareness webinar, its live sessions and its replay.

* A **WebinarPage** (webinaire) is authored in Wagtail under a level page and translated
  like any page. It holds the description, the presenters, the replay (a self-hosted
  video with captions, transcript, chapters and slides) and the thresholds: the share of
  the replay to watch (90 % by default) and the share of a live session to be present
  (75 % by default) for either to count.
* A **WebinarSession** (séance) is one live occurrence: start (Quebec time), duration,
  capacity, language, and the videoconference link shown to registered learners only,
  shortly before the start. Sessions are edited on the French page; they are shared by
  its translations.
* A **Registration** (inscription): a learner's seat in a session; cancelling keeps the
  row (status) so that re-registering reuses it.
* A **ReminderSent** marks a reminder (day before, hour before) as due exactly once per
  registration, whatever the number of task runs.
* An **Attendance** (présence) says how long a learner was present at a session and
  whether it reaches the threshold. It keeps two figures side by side: what the imported
  reports show (the union of the learner's connections across every report of the
  session, so two devices at once or two reports of one meeting never count a minute
  twice) and, if someone marked it by hand, that mark, with who made it and why. The
  learner counts as present when either figure reaches the threshold.
* An **AttendanceImport** keeps the report of one imported file (rows matched, rows not
  matched, lines refused and why); the file itself is not kept once read.
* An **ImportedPresence** is what one imported report says of one learner: their
  connections (join, leave, time connected). The attendance is recomputed from all of
  them whenever a report arrives.
* A **ReplayProgress** keeps the union of the parts of the replay a learner watched.

Everything a learner records points at the French page, like the courses' records.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from content.blocks import INTRO_FEATURES, PrivacyEmbedBlock, video_errors
from content.i18n import FrenchFallbackMixin
from content.pages import PageWithViews
from courses.panels import ModuleFeedbackPanel

#: How long before a session starts its videoconference link is shown to registrants.
MEETING_LINK_LEAD = timedelta(minutes=30)


class PresenterBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=120)
    role = blocks.CharBlock(label=_("Role"), max_length=200, required=False)

    class Meta:
        icon = "user"
        label = _("Presenter")


class ChapterBlock(blocks.StructBlock):
    start = blocks.CharBlock(
        label=_("Starts at"), max_length=8, help_text=_("Minutes and seconds, e.g. 12:30.")
    )
    title = blocks.CharBlock(label=_("Title"), max_length=150)

    class Meta:
        icon = "time"
        label = _("Chapter")

    def clean(self, value):
        value = super().clean(value)
        if chapter_seconds(value["start"]) is None:
            raise blocks.StructBlockValidationError(
                block_errors={"start": ValidationError(_("Write the time as 12:30 or 1:02:30."))}
            )
        return value


def chapter_seconds(text: str) -> int | None:
    """Return the number of seconds in "12:30" or "1:02:30", or None if unreadable."""
    parts = (text or "").strip().split(":")
    if not 2 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        return None
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return seconds


class WebinarPage(FrenchFallbackMixin, PageWithViews, Page):
    context_view = "webinars.views.webinar_context"
    serve_view = "webinars.views.serve_webinar"
    #: A logged-in person's copy is kept (lms.person_cache) a minute at most (a session's
    #: link shows fifteen minutes before it starts), and dropped when anyone's
    #: registration changes the seats left.
    person_cache_seconds = 60
    person_cache_tags = ("webinar-seats",)
    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    description = RichTextField(_("description"), features=INTRO_FEATURES)
    presenters = StreamField(
        [("presenter", PresenterBlock())], blank=True, verbose_name=_("presenters")
    )

    replay_video = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("replay video (MP4 or WebM)"),
    )  # fmt: skip
    replay_duration_seconds = models.PositiveIntegerField(
        _("replay length (seconds)"), null=True, blank=True,
        help_text=_("The video's exact length: what learners watch is measured against it."),
    )  # fmt: skip
    replay_captions_fr = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("French captions (WebVTT)"),
    )  # fmt: skip
    replay_captions_en = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("English captions (WebVTT)"),
    )  # fmt: skip
    replay_transcript = RichTextField(_("transcript"), blank=True, features=INTRO_FEATURES)
    replay_chapters = StreamField(
        [("chapter", ChapterBlock())], blank=True, verbose_name=_("chapters")
    )
    replay_slides = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("slides"),
    )  # fmt: skip
    replay_embed_url = models.URLField(
        _("external replay (optional)"), blank=True,
        help_text=_("A YouTube or Vimeo copy, offered as an alternative. Watching it there "
                    "cannot be measured, so it does not count toward completion."),
    )  # fmt: skip
    replay_threshold_percent = models.PositiveSmallIntegerField(
        _("share of the replay to watch (%)"), default=90,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )  # fmt: skip
    attendance_threshold_percent = models.PositiveSmallIntegerField(
        _("share of a live session to attend (%)"), default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )  # fmt: skip

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("description"),
        FieldPanel("presenters"),
        InlinePanel("sessions", heading=_("Live sessions"), label=_("Session")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("replay_video"), FieldPanel("replay_duration_seconds")]),
                FieldRowPanel([FieldPanel("replay_captions_fr"), FieldPanel("replay_captions_en")]),
                FieldPanel("replay_transcript"),
                FieldPanel("replay_chapters"),
                FieldPanel("replay_slides"),
                FieldPanel("replay_embed_url"),
            ],
            heading=_("Replay"),
        ),
        FieldRowPanel(
            [FieldPanel("replay_threshold_percent"), FieldPanel("attendance_threshold_percent")],
            heading=_("What counts toward completion"),
        ),
        ModuleFeedbackPanel(heading=_("Learner feedback")),
    ]

    parent_page_types = ["courses.LevelPage"]
    subpage_types: list[str] = []
    #: Sessions belong to the French page only: a translation (or a copy) shares them
    #: rather than getting seats of its own.
    exclude_fields_in_copy = ["sessions"]

    class Meta:
        verbose_name = _("webinar")

    def card_summary(self) -> str:
        """What the webinar is, in a few words, for the lists that lead to it."""
        return _("Webinar · live or as a replay")

    def clean(self):
        super().clean()
        found = video_errors(
            video=self.replay_video,
            captions_fr=self.replay_captions_fr,
            captions_en=self.replay_captions_en,
            has_transcript=bool((self.replay_transcript or "").strip()),
        )
        errors = {f"replay_{name}": message for name, message in found.items()}
        if self.replay_video_id and not self.replay_duration_seconds:
            errors["replay_duration_seconds"] = _(
                "Give the replay's length: watching is measured against it."
            )
        if self.replay_embed_url:
            if PrivacyEmbedBlock.player_url(self.replay_embed_url) is None:
                errors["replay_embed_url"] = _(
                    "Only YouTube and Vimeo video addresses can be embedded."
                )
        if errors:
            raise ValidationError(errors)


class WebinarSessionQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(starts_at__gt=now or timezone.now())


class WebinarSession(Orderable):
    webinar = ParentalKey(WebinarPage, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at (Quebec time)"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=120, validators=[MinValueValidator(1)]
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), default=100, validators=[MinValueValidator(1)]
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="fr"
    )
    meeting_url = models.URLField(
        _("videoconference link"),
        help_text=_("Shown only to registered learners, from 30 minutes before the start."),
    )

    objects = WebinarSessionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("duration_minutes")]),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("language")]),
        FieldPanel("meeting_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("live session")
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.webinar.title} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    def link_visible(self, now=None) -> bool:
        now = now or timezone.now()
        return self.starts_at - MEETING_LINK_LEAD <= now <= self.ends_at


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        CANCELLED = "cancelled", _("Cancelled")

    session = models.ForeignKey(
        WebinarSession, on_delete=models.CASCADE, related_name="registrations"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webinar_registrations"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REGISTERED)
    registered_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        constraints = [
            models.UniqueConstraint(fields=["session", "learner"], name="registration_once")
        ]

    def __str__(self):
        return f"{self.learner} · {self.session}"


class ReminderSent(models.Model):
    class Kind(models.TextChoices):
        DAY_BEFORE = "day_before", _("The day before")
        HOUR_BEFORE = "hour_before", _("An hour before")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    #: When the reminder was found due (and its e-mail enqueued).
    created_at = models.DateTimeField(auto_now_add=True)
    #: When its e-mail left; empty while the send task has not run.
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="reminder_once")
        ]

    def __str__(self):
        return f"{self.registration_id} · {self.kind}"


class AttendanceImport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        DONE = "done", _("Imported")
        REFUSED = "refused", _("Refused")

    session = models.ForeignKey(WebinarSession, on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filename = models.CharField(max_length=255)
    #: The file's SHA-256: importing the same file again changes nothing.
    sha256 = models.CharField(max_length=64)
    #: The uploaded bytes, kept only until a worker has read them.
    content = models.BinaryField(null=True, blank=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("attendance import")
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename


class ImportedPresence(models.Model):
    attendance_import = models.ForeignKey(
        AttendanceImport, on_delete=models.CASCADE, related_name="presences"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    #: The learner's connections in that report: ``[join, leave, seconds connected]``,
    #: join and leave as ISO 8601 moments with their offset.
    connections = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attendance_import", "learner"], name="imported_presence_once"
            )
        ]

    def __str__(self):
        return f"{self.attendance_import_id} · {self.learner_id}"


class Attendance(models.Model):
    class Source(models.TextChoices):
        IMPORT = "import", _("Imported report")
        MANUAL = "manual", _("Marked by hand")

    session = models.ForeignKey(
        WebinarSession, on_delete=models.CASCADE, related_name="attendances"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webinar_attendances"
    )
    #: The figure shown: the larger of the imported and the hand-marked minutes.
    minutes_present = models.PositiveIntegerField(_("minutes present"))
    #: Present for the webinar's threshold, by the imported reports or by the hand mark.
    attended = models.BooleanField(_("attended"), default=False)
    #: Which of the two figures ``minutes_present`` shows.
    source = models.CharField(max_length=10, choices=Source.choices)
    #: Seconds present in the session's scheduled time, by the union of every imported
    #: report's connections.
    imported_seconds = models.PositiveIntegerField(_("seconds present (reports)"), default=0)
    #: A mark by hand, kept whatever the reports say later.
    manual_minutes = models.PositiveIntegerField(
        _("minutes present (marked by hand)"), null=True, blank=True
    )
    manual_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    manual_reason = models.TextField(_("reason for the mark"), blank=True)
    manual_at = models.DateTimeField(null=True, blank=True)
    source_import = models.ForeignKey(
        AttendanceImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "learner"], name="attendance_once")
        ]

    def __str__(self):
        return f"{self.learner} · {self.session} · {self.minutes_present} min"

    @property
    def imported_minutes(self) -> int:
        return self.imported_seconds // 60


class ReplayProgress(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="replay_progress"
    )
    #: Always the French (source) page.
    webinar = models.ForeignKey(WebinarPage, on_delete=models.CASCADE, related_name="+")
    #: The union of the watched intervals, in seconds, sorted and non-overlapping.
    intervals = models.JSONField(default=list)
    watched_seconds = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    #: Set once, the first time the watched share reaches the webinar's threshold.
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("replay progress")
        constraints = [
            models.UniqueConstraint(fields=["learner", "webinar"], name="replay_progress_once")
        ]

    def __str__(self):
        return f"{self.learner} · {self.watched_seconds} s"
