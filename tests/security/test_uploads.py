"""Uploads are checked by what they contain: a program renamed .mp4, HTML inside .vtt,
.txt or .pdf, a PDF carrying JavaScript are refused, in French, by the Wagtail admin's
document uploads (one, several, from a chooser) and the attendance reports; what a page
does not show itself downloads as an attachment."""

import html
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
from wagtail.documents.models import Document
from wagtail.images.models import Image

from lms.uploads import upload_check
from tests.factories import UserFactory
from webinars.forms import AttendanceUploadForm

pytestmark = pytest.mark.django_db

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
PE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50 + b"\x80\x00\x00\x00" + b"\x00" * 200
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x08free" * 4
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
VTT = (
    "WEBVTT\n\n00:00.000 --> 00:04.000\n<v Noémie Tremblay>Bonjour à toutes et à tous\n\n"
    "00:04.000 --> 00:08.000\n<i>Musique</i> — « Les données » &lt; 5\n"
).encode()


def pdf(javascript: str | None = None, open_action: bool = False, page_action: bool = False):
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    if javascript:  # a document-level script, run when the PDF opens
        script = writer._add_object(
            DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject(javascript),
                }
            )
        )
        names = DictionaryObject(
            {NameObject("/Names"): ArrayObject([TextStringObject("ouverture"), script])}
        )
        writer._root_object[NameObject("/Names")] = DictionaryObject(
            {NameObject("/JavaScript"): writer._add_object(names)}
        )
    if open_action:
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert(1)"),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if page_action:
        launch = DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("x")}
        )
        page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): launch})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def add_document(client, name: str, content: bytes):
    return client.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


REFUSED = [
    ("rediffusion.mp4", ELF, "Ce fichier est un programme"),
    ("rediffusion.mp4", PE, "Ce fichier est un programme"),
    ("rediffusion.mp4", HTML, "Ce fichier n'est pas une vidéo MP4"),
    ("sous-titres.vtt", HTML, "Ces sous-titres ne sont pas un fichier WebVTT"),
    ("sous-titres.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\n<img src=x onerror=alert(1)>\n",
     "Ces sous-titres contiennent du HTML"),
    ("lisez-moi.txt", HTML, "Ce fichier contient une page web (HTML)"),
    ("guide.pdf", HTML, "Ce fichier n'est pas un PDF"),
    ("guide.pdf", pdf(javascript="app.alert('pwned')"), "Ce PDF contient du JavaScript"),
    ("guide.pdf", pdf(open_action=True), "Ce PDF contient du JavaScript"),
    ("guide.pdf", pdf(page_action=True), "Ce PDF contient du JavaScript"),
    ("modele.docx", HTML, "Ce fichier n'est pas un fichier DOCX"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_the_admin_refuses_a_document_that_is_not_what_its_name_says(
    admin_client, name, content, message
):
    response = add_document(admin_client, name, content)

    assert response.status_code == 200  # the form again, with the error
    assert message in html.unescape(response.content.decode())
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rediffusion.mp4", MP4),
        ("sous-titres.vtt", VTT),
        ("guide.pdf", pdf()),
        ("lisez-moi.txt", b"Mathieu Roy <animateur@exemple.org>, 3 < 5"),
    ],
)
def test_the_admin_accepts_a_document_that_is_what_its_name_says(admin_client, name, content):
    response = add_document(admin_client, name, content)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Document.objects.get().file.read() == content


def test_several_documents_at_once_are_checked_too(admin_client):
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("rediffusion.mp4", ELF)},
    )

    answer = json.loads(response.content)
    assert answer["success"] is False
    assert "Ce fichier est un programme" in json.dumps(answer, ensure_ascii=False)
    assert not Document.objects.exists()


def test_a_document_uploaded_from_a_chooser_is_checked_too(admin_client):
    response = admin_client.post(
        "/admin/documents/chooser/create/",
        {"document-chooser-upload-title": "Guide", "document-chooser-upload-collection": 1,
         "document-chooser-upload-file": SimpleUploadedFile("guide.pdf", pdf(javascript="x"))},
    )  # fmt: skip

    assert "Ce PDF contient du JavaScript" in response.content.decode()
    assert not Document.objects.exists()


def test_a_web_page_renamed_as_an_image_is_refused(admin_client):
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Photo", "file": SimpleUploadedFile("photo.png", HTML), "collection": 1},
    )

    assert response.status_code == 200
    assert not Image.objects.exists()


@override_settings(UPLOAD_MAX_BYTES=25 * 2**20, UPLOAD_MAX_VIDEO_BYTES=2 * 2**30)
def test_thirty_megabytes_is_too_much_for_a_pdf_and_fine_for_a_video():
    big_pdf = SimpleUploadedFile("guide.pdf", pdf() + b"\n%" + b"x" * (30 * 2**20))
    big_video = SimpleUploadedFile("rediffusion.mp4", MP4 + b"\x00" * (30 * 2**20))

    with pytest.raises(Exception, match="25"):
        upload_check(big_pdf)
    upload_check(big_video)


def test_an_attendance_report_that_is_a_program_or_a_page_is_refused():
    for content in (ELF, HTML):
        form = AttendanceUploadForm(
            data={}, files={"report": SimpleUploadedFile("rapport.csv", content)}
        )
        assert not form.is_valid()
        assert form.errors["report"][0].startswith("Ce fichier")


@pytest.mark.parametrize(
    ("name", "disposition"),
    [
        ("guide.pdf", "attachment"),
        ("lisez-moi.txt", "attachment"),
        ("modele.docx", "attachment"),
        ("rediffusion.mp4", None),
        ("sous-titres.vtt", None),
    ],
)
def test_only_video_and_captions_are_shown_inline(client, name, disposition):
    document = Document(title=name)
    document.file.save(name, ContentFile(b"contenu"), save=False)
    document.save()

    response = client.get(document.url)

    assert response.status_code == 200
    if disposition:
        assert response["Content-Disposition"].startswith("attachment")
    else:
        assert not response.get("Content-Disposition", "").startswith("attachment")
