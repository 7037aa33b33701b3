"""Uploaded media served with byte ranges: seeking in a video works in every browser."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

CONTENT = bytes(range(256)) * 4  # 1,024 bytes


@pytest.fixture
def video(db):
    document = Document(title="Rediffusion")
    document.file.save("rediffusion.mp4", ContentFile(CONTENT), save=False)
    document.save()
    return document


def read(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.django_db
def test_documents_are_linked_at_their_media_address(video):
    assert video.url.startswith("/media/documents/")


@pytest.mark.django_db
def test_the_whole_file_says_it_accepts_ranges(client, video):
    response = client.get(video.url)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert read(response) == CONTENT


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("header", "start", "end"),
    [("bytes=0-1", 0, 1), ("bytes=100-199", 100, 199), ("bytes=1000-", 1000, 1023),
     ("bytes=-24", 1000, 1023), ("bytes=1000-5000", 1000, 1023)],
)  # fmt: skip
def test_a_range_is_answered_with_its_bytes(client, video, header, start, end):
    response = client.get(video.url, HTTP_RANGE=header)

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/1024"
    assert response["Content-Length"] == str(end - start + 1)
    assert read(response) == CONTENT[start : end + 1]


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["bytes=1024-", "bytes=5-2", "bytes=-0"])
def test_a_range_beyond_the_file_is_refused(client, video, header):
    response = client.get(video.url, HTTP_RANGE=header)
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1024"


@pytest.mark.django_db
def test_nothing_outside_the_media_folder_is_served(client, video):
    assert client.get("/media/../manage.py").status_code == 404
    assert client.get("/media/documents/absent.mp4").status_code == 404
