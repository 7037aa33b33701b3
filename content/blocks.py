"""StreamField blocks shared by every page type of the pathway.

Each block has its template (``templates/content/blocks/``), an icon, a description for
authors and a preview value. Cross-field rules live in the block's ``clean()`` and refuse
an invalid combination at save time with a message the author can act on.

Interactive blocks (reflection prompt, checklist, quiz question) only describe the
activity; a learner's own answers are stored by ``courses`` against the block's id, and
shown back to that learner only.
"""

from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from lms.csp import allow_video_frames

#: Rich-text features authors may use in body text: no headings (a block of their own),
#: no embeds or images (blocks of their own, with their accessibility rules).
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
#: The features of the short rich texts of a page (introductions, descriptions).
INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]

VIDEO_EXTENSIONS = ("mp4", "webm")
CAPTION_EXTENSIONS = ("vtt",)

#: Hosts an embed may point to, and the privacy-enhanced address each is played from.
EMBED_HOSTS = {
    "www.youtube.com": "youtube",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "vimeo.com": "vimeo",
    "player.vimeo.com": "vimeo",
}


def _extension(document) -> str:
    return document.file_extension.lower() if document else ""


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "content/blocks/rich_text_block.html"
        label = _("Text")
        description = _("Paragraphs with bold, italics, links and lists.")
        preview_value = (
            "<p>Les <b>données</b> d'un organisme racontent ce qu'il fait et pour qui.</p>"
        )


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (h2)")), ("h3", _("Sub-section (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "content/blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading; keep levels in order for screen readers.")
        preview_value = {"text": "Pourquoi parler de données ?", "level": "h2"}


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("info", _("Good to know")),
            ("tip", _("Tip")),
            ("warning", _("Watch out")),
            ("privacy", _("Privacy")),
        ],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    body = RichTextBlock(label=_("Text"))

    class Meta:
        icon = "help"
        template = "content/blocks/callout_block.html"
        label = _("Callout")
        description = _("A highlighted note: a tip, a warning or a privacy reminder.")
        preview_value = {
            "kind": "privacy",
            "title": "À retenir",
            "body": "<p>Ne collectez que les données dont vous avez besoin.</p>",
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it. Required."),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative only"),
        required=False,
        help_text=_("Tick only if the image adds nothing to the text; it will be skipped."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "content/blocks/image_block.html"
        label = _("Image")
        description = _("An image with its alternative text.")
        preview_value = {"alt_text": "Schéma du cycle de vie des données", "caption": ""}

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={"alt_text": ValidationError(_("Describe the image."))}
            )
        return value


class VideoBlock(blocks.StructBlock):
    """A self-hosted video: nothing is requested from another site."""

    title = blocks.CharBlock(label=_("Title"), max_length=150)
    video = DocumentChooserBlock(
        label=_("Video file"), help_text=_("An MP4 or WebM file uploaded to the documents.")
    )
    captions_fr = DocumentChooserBlock(label=_("French captions (WebVTT)"), required=False)
    captions_en = DocumentChooserBlock(label=_("English captions (WebVTT)"), required=False)
    transcript = RichTextBlock(label=_("Transcript"), required=False)

    class Meta:
        icon = "media"
        template = "content/blocks/video_block.html"
        label = _("Video")
        description = _("A video hosted here, with captions or a transcript.")
        preview_value = {
            "title": "Introduction à la culture des données",
            "transcript": "<p>Bonjour et bienvenue dans ce module.</p>",
        }

    def clean(self, value):
        value = super().clean(value)
        has_transcript = bool(value.get("transcript") and value["transcript"].source.strip())
        errors = video_errors(
            video=value.get("video"),
            captions_fr=value.get("captions_fr"),
            captions_en=value.get("captions_en"),
            has_transcript=has_transcript,
        )
        if errors:
            raise StructBlockValidationError(
                block_errors={name: ValidationError(message) for name, message in errors.items()}
            )
        return value


def video_errors(*, video, captions_fr, captions_en, has_transcript: bool) -> dict[str, str]:
    """Return what is wrong with a self-hosted video and its captions, by field: an MP4 or
    WebM file, WebVTT captions, and French captions or a transcript. Shared by the video
    block and the webinar's replay."""
    errors = {}
    if video and _extension(video) not in VIDEO_EXTENSIONS:
        errors["video"] = _("The video must be an MP4 or WebM file.")
    for name, track in (("captions_fr", captions_fr), ("captions_en", captions_en)):
        if track and _extension(track) not in CAPTION_EXTENSIONS:
            errors[name] = _("Captions must be a WebVTT (.vtt) file.")
    if video and not captions_fr and not has_transcript:
        errors["captions_fr"] = _(
            "Add French captions or a transcript: every video needs one or the other."
        )
    return errors


class PrivacyEmbedBlock(blocks.StructBlock):
    """A video from YouTube or Vimeo that loads nothing until the learner asks for it."""

    url = blocks.URLBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo address."))
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    transcript = RichTextBlock(label=_("Transcript"), required=False)

    class Meta:
        icon = "media"
        template = "content/blocks/privacy_embed_block.html"
        label = _("External video (on request)")
        description = _(
            "A YouTube or Vimeo video shown only when the learner clicks: no request to "
            "that site before."
        )
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "Exemple de vidéo externe",
        }

    def clean(self, value):
        value = super().clean(value)
        if value.get("url") and self.player_url(value["url"]) is None:
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Only YouTube and Vimeo video addresses can be embedded.")
                    )
                }
            )
        return value

    @staticmethod
    def player_url(url: str) -> str | None:
        """Return the privacy-enhanced player address for a YouTube or Vimeo URL."""
        parsed = urlparse(url)
        service = EMBED_HOSTS.get(parsed.netloc.lower())
        if service == "youtube":
            if parsed.netloc.lower() == "youtu.be":
                video_id = parsed.path.strip("/")
            else:
                query = dict(p.split("=", 1) for p in parsed.query.split("&") if "=" in p)
                video_id = query.get("v", "")
            if video_id.replace("-", "").replace("_", "").isalnum():
                return f"https://www.youtube-nocookie.com/embed/{video_id}"
        if service == "vimeo":
            video_id = parsed.path.strip("/").split("/")[-1]
            if video_id.isdigit():
                return f"https://player.vimeo.com/video/{video_id}?dnt=1"
        return None

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["player_url"] = self.player_url(value["url"])
        # The player's host may be framed in this response only (lms/csp.py).
        allow_video_frames((parent_context or {}).get("request"))
        service = EMBED_HOSTS.get(urlparse(value["url"]).netloc.lower(), "")
        context["service"] = {"youtube": "YouTube", "vimeo": "Vimeo"}.get(service, "")
        return context


class ResourceBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Title"), max_length=150, required=False)
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=400)

    class Meta:
        icon = "doc-full"
        template = "content/blocks/resource_block.html"
        label = _("Downloadable resource")
        description = _("A document to download; its format and size are shown.")
        preview_value = {
            "title": "Gabarit : inventaire des données",
            "description": "Un tableur pour recenser les données de votre organisme.",
        }


class ReflectionPromptBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Question"), max_length=500)
    guidance = blocks.TextBlock(label=_("Guidance"), required=False, max_length=500)

    class Meta:
        icon = "edit"
        template = "content/blocks/reflection_prompt_block.html"
        label = _("Reflection prompt")
        description = _("A question the learner answers in writing; the answer is private to them.")
        preview_value = {
            "prompt": "Quelles données sur les personnes que vous servez conservez-vous ?",
            "guidance": "Pensez aux formulaires, aux fichiers partagés et aux courriels.",
        }


class LabelledCharBlock(blocks.CharBlock):
    """A text block whose input carries its label: inside a ListBlock, Wagtail's editor
    shows no label for each item, so a screen reader would announce a bare text box."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.field.widget.attrs["aria-label"] = self.label


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    items = blocks.ListBlock(
        LabelledCharBlock(label=_("Step"), max_length=250), label=_("Steps"), min_num=1
    )

    class Meta:
        icon = "tasks"
        template = "content/blocks/checklist_block.html"
        label = _("Checklist activity")
        description = _("Steps to try in the organisation during an experimentation period.")
        preview_value = {
            "title": "Cette semaine, essayez :",
            "items": [
                "Dresser la liste des outils numériques de l'équipe",
                "Repérer un fichier qui contient des renseignements personnels",
            ],
        }


class QuizChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=250)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)

    class Meta:
        icon = "tick"
        label = _("Answer")


class QuizQuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"), max_length=500)
    multiple = blocks.BooleanBlock(
        label=_("Several answers are correct"),
        required=False,
        help_text=_("Unticked: single choice, exactly one correct answer."),
    )
    choices = blocks.ListBlock(QuizChoiceBlock(), label=_("Answers"), min_num=2, max_num=8)
    explanation = RichTextBlock(
        label=_("Explanation"), help_text=_("Shown to the learner after they answer.")
    )

    class Meta:
        icon = "help"
        template = "content/blocks/quiz_question_block.html"
        label = _("Quiz question")
        description = _("A single or multiple choice question, explained once answered.")
        preview_value = {
            "question": "Laquelle de ces données est un renseignement personnel ?",
            "multiple": False,
            "choices": [
                {"text": "Le nombre de repas servis en mars", "correct": False},
                {"text": "L'adresse d'une personne inscrite", "correct": True},
            ],
            "explanation": "<p>Une adresse permet d'identifier une personne.</p>",
        }

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value.get("choices", []) if choice.get("correct"))
        if correct == 0:
            raise StructBlockValidationError(
                non_block_errors=[ValidationError(_("Mark at least one answer as correct."))]
            )
        if not value.get("multiple") and correct > 1:
            raise StructBlockValidationError(
                non_block_errors=[
                    ValidationError(
                        _(
                            "A single-choice question has exactly one correct answer: "
                            "untick the others or tick “Several answers are correct”."
                        )
                    )
                ]
            )
        return value

    @staticmethod
    def correct_indexes(value) -> list[int]:
        return [i for i, choice in enumerate(value["choices"]) if choice["correct"]]


#: Blocks for any learning page.
CONTENT_BLOCKS = [
    ("text", RichTextBlock()),
    ("heading", HeadingBlock()),
    ("callout", CalloutBlock()),
    ("image", ImageBlock()),
    ("video", VideoBlock()),
    ("embed", PrivacyEmbedBlock()),
    ("resource", ResourceBlock()),
    ("reflection", ReflectionPromptBlock()),
    ("checklist", ChecklistBlock()),
    ("quiz", QuizQuestionBlock()),
]

#: Block types that hold a learner's own answer.
ACTIVITY_BLOCK_TYPES = frozenset({"reflection", "checklist", "quiz"})
