"""Every shared block renders in both languages, and refuses what it must."""

import html as htmllib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import translation
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from content.blocks import (
    CONTENT_BLOCKS,
    ImageBlock,
    PrivacyEmbedBlock,
    QuizQuestionBlock,
    VideoBlock,
)
from tests.factories import quiz_block

BLOCKS = dict(CONTENT_BLOCKS)


def document(name: str, content: bytes = b"WEBVTT\n") -> int:
    doc = Document(title=name)
    doc.file.save(name, ContentFile(content), save=False)
    doc.save()
    return doc.pk


@pytest.fixture
def values(db):
    image = Image.objects.create(title="Schéma", file=get_test_image_file())
    video = document("intro.webm", b"\x1aE\xdf\xa3")
    return {
        "text": BLOCKS["text"].to_python("<p>Les données comptent.</p>"),
        "heading": {"text": "Pourquoi ?", "level": "h3"},
        "callout": {"kind": "privacy", "title": "", "body": "<p>Collectez le minimum.</p>"},
        "image": {
            "image": image.pk,
            "alt_text": "Un schéma",
            "decorative": False,
            "caption": "Fig.",
        },
        "video": {
            "title": "Intro",
            "video": video,
            "captions_fr": document("intro.fr.vtt"),
            "captions_en": document("intro.en.vtt"),
            "transcript": "<p>Bonjour.</p>",
        },
        "embed": {"url": "https://www.youtube.com/watch?v=abc123", "title": "Externe"},
        "resource": {
            "document": document("gabarit.pdf", b"%PDF-1.4"),
            "title": "",
            "description": "",
        },
        "reflection": {"prompt": "Quelles données ?", "guidance": "Pensez-y."},
        "checklist": {"title": "À essayer", "items": ["Lister", "Trier"]},
        "quiz": quiz_block(),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", [name for name, _ in CONTENT_BLOCKS])
def test_every_block_renders(values, name, language, rf):
    block = BLOCKS[name]
    value = block.to_python(block.get_prep_value(block.clean(block.to_python(values[name]))))
    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with translation.override(language):
        rendered = htmllib.unescape(
            block.render(
                value, context={"request": request, "user": request.user, "block_id": "b1"}
            )
        )
    assert rendered.strip()
    expected = {
        "text": "Les données comptent.",
        "heading": "<h3>Pourquoi ?</h3>",
        "callout": "Vie privée" if language == "fr" else "Privacy",
        "image": 'alt="Un schéma"',
        "video": 'srclang="fr"',
        "embed": "Charger la vidéo depuis YouTube"
        if language == "fr"
        else "Load the video from YouTube",
        "resource": "(PDF, 8",
        "reflection": "Quelles données ?",
        "checklist": "Lister",
        "quiz": "Laquelle est un renseignement personnel ?",
    }[name]
    assert expected in rendered


@pytest.mark.django_db
def test_the_embed_requests_nothing_from_the_other_site_before_a_click(values):
    rendered = BLOCKS["embed"].render(BLOCKS["embed"].to_python(values["embed"]))
    assert "<iframe" not in rendered
    assert " src=" not in rendered
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/abc123"' in rendered


@pytest.mark.django_db
def test_video_shows_both_caption_tracks_and_the_transcript(values):
    block = BLOCKS["video"]
    with translation.override("en"):
        rendered = block.render(block.to_python(values["video"]))
    assert 'srclang="fr"' in rendered and 'srclang="en"' in rendered
    assert 'srclang="en" label="English"' in rendered and rendered.count(" default") == 1
    assert "Bonjour." in rendered


def errors_of(block, value) -> str:
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python(value))
    return str(error.value.as_json_data() if hasattr(error.value, "as_json_data") else error.value)


@pytest.mark.django_db
def test_a_video_without_captions_or_transcript_is_refused(values):
    value = {**values["video"], "captions_fr": None, "transcript": ""}
    with translation.override("fr"):
        assert "sous-titres français ou une transcription" in errors_of(VideoBlock(), value)


@pytest.mark.django_db
def test_a_video_with_a_transcript_but_no_captions_is_accepted(values):
    block = VideoBlock()
    block.clean(block.to_python({**values["video"], "captions_fr": None, "captions_en": None}))


@pytest.mark.django_db
def test_captions_must_be_webvtt_and_video_mp4_or_webm(values):
    value = {
        **values["video"],
        "video": document("film.avi"),
        "captions_en": document("captions.srt"),
    }
    with translation.override("fr"):
        message = errors_of(VideoBlock(), value)
    assert "MP4 ou WebM" in message
    assert "WebVTT" in message


@pytest.mark.django_db
def test_an_embed_from_another_site_is_refused():
    with translation.override("fr"):
        message = errors_of(
            PrivacyEmbedBlock(), {"url": "https://exemple.org/video/1", "title": "x"}
        )
    assert "YouTube et Vimeo" in message


@pytest.mark.django_db
def test_an_image_needs_its_alternative_text(values):
    with translation.override("fr"):
        message = errors_of(ImageBlock(), {**values["image"], "alt_text": ""})
    assert "Champ requis" in message or "Décrivez" in message or "obligatoire" in message


@pytest.mark.django_db
def test_a_quiz_needs_a_correct_answer_and_single_choice_needs_exactly_one():
    none_correct = quiz_block()
    none_correct["choices"][1]["correct"] = False
    two_correct = quiz_block()
    two_correct["choices"][0]["correct"] = True
    with translation.override("fr"):
        assert "au moins une bonne réponse" in errors_of(QuizQuestionBlock(), none_correct)
        assert "une seule bonne réponse" in errors_of(QuizQuestionBlock(), two_correct)
    QuizQuestionBlock().clean(QuizQuestionBlock().to_python({**two_correct, "multiple": True}))


def test_every_block_has_a_template_icon_description_and_preview():
    for name, block in CONTENT_BLOCKS:
        assert block.meta.template.startswith("content/blocks/"), name
        assert block.meta.icon, name
        assert block.meta.description, name
        assert block.get_preview_value() not in (None, ""), name
