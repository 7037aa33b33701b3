import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from content.blocks import CAPTION_EXTENSIONS, VIDEO_EXTENSIONS


@pytest.mark.django_db
@pytest.mark.parametrize("extension", [*VIDEO_EXTENSIONS, *CAPTION_EXTENSIONS])
def test_authors_can_upload_what_the_video_block_accepts(extension):
    document = Document(title="Vidéo", file=ContentFile(b"WEBVTT", name=f"video.{extension}"))

    document.full_clean()  # what the admin's upload form runs
