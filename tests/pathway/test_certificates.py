"""The certificate of completion: its PDF, who may download it, and the public check."""

import base64
import re
import shutil
import subprocess
import zlib
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from lms.pathway.certificates import _winansi, certificate_pdf, certificate_verify_url
from lms.pathway.models import Certificate, LevelCompletion
from tests.factories import UserFactory

NAME = "Éloïse Bœuf-Lévesque"
COMPLETED = datetime(2026, 3, 5, 15, 0, tzinfo=ZoneInfo("America/Montreal"))
#: Poppler's and zbar's tools, where installed, read the PDF as a person's reader would.
PDFTOTEXT, PDFTOPPM, ZBARIMG = (shutil.which(tool) for tool in ("pdftotext", "pdftoppm", "zbarimg"))


# --- Reading a PDF without a PDF library ------------------------------------------------


def _decoded_streams(pdf: bytes) -> list[bytes]:
    """Every stream of ``pdf`` (its /Length bytes), undone of its ASCII85 and Flate filters."""
    streams = []
    for match in re.finditer(rb"<<((?:(?!<<|>>).)*)>>\s*stream\r?\n", pdf, re.S):
        header = match.group(1)
        length = int(re.search(rb"/Length\s+(\d+)", header).group(1))
        data = pdf[match.end() : match.end() + length]
        filters = re.search(rb"/Filter\s*(\[[^\]]*\]|/\w+)", header)
        for name in re.findall(rb"/(\w+)", filters.group(1)) if filters else []:
            if name == b"ASCII85Decode":
                data = base64.a85decode(data.strip(), adobe=True)
            elif name == b"FlateDecode":
                data = zlib.decompress(data)
            else:
                raise AssertionError(f"unexpected filter {name}")
        streams.append(data)
    return streams


def _unescape(literal: bytes) -> bytes:
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}

    def one(match):
        body = match.group(1)
        if body[:1].isdigit():
            return bytes([int(body, 8)])
        return escapes.get(body, body)

    return re.sub(rb"\\([0-7]{1,3}|.)", one, literal, flags=re.S)


def pdf_text(pdf: bytes) -> list[str]:
    """The strings the page draws (each ``(…) Tj``), decoded from WinAnsi, in order.

    Enough for reportlab's pages in its built-in fonts, whose every drawn string is one
    literal shown with Tj; a wrongly encoded accent comes out as a different letter."""
    lines = []
    for stream in _decoded_streams(pdf):
        for literal in re.findall(rb"\(((?:\\.|[^\\()])*)\)\s*Tj", stream, re.S):
            lines.append(_unescape(literal).decode("cp1252"))
    return lines


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


# --- Records ----------------------------------------------------------------------------


@pytest.fixture
def holder(organisation):
    return UserFactory(
        first_name="Éloïse",
        last_name="Bœuf-Lévesque",
        email="eloise@exemple.test",
        organisation=organisation,
        roles=["learner"],
    )


def issue(learner, *, level=1, language="fr") -> Certificate:
    completion = LevelCompletion.objects.create(
        learner=learner, level=level, completed_at=COMPLETED, rules_version="2026.1", evidence={}
    )
    return Certificate.objects.create(completion=completion, language=language)


def download_url(certificate):
    return reverse("pathway_certificate_pdf", args=[certificate.token])


def verify_url(certificate):
    return reverse("pathway_certificate_verify", args=[certificate.token])


# --- The PDF ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_pdf_is_one_page_in_french_with_the_accented_name(holder):
    certificate = issue(holder)
    address = certificate_verify_url(certificate)

    pdf = certificate_pdf(certificate, verify_url=address)

    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert page_count(pdf) == 1
    assert b"/Encoding /WinAnsiEncoding" in pdf
    lines = pdf_text(pdf)
    assert "Certificat de réussite" in lines
    assert NAME in lines
    assert "Niveau 1 : Sensibilisation" in lines
    assert "du parcours DATAide, le 5 mars 2026" in lines
    assert any("Centraide" in line and "Nord Ouvert" in line for line in lines)
    assert address in lines
    assert address == f"{settings.WAGTAILADMIN_BASE_URL}/parcours/certificats/{certificate.token}/"
    assert "eloise@exemple.test" not in " ".join(lines)
    assert b"/Author (DATAide)" in pdf
    assert b"/Title (Certificat de r\\351ussite" in pdf


@pytest.mark.django_db
def test_the_pdf_is_in_english_for_an_english_certificate(holder):
    certificate = issue(holder, level=2, language="en")
    address = certificate_verify_url(certificate)

    lines = pdf_text(certificate_pdf(certificate, verify_url=address))

    assert "Certificate of completion" in lines
    assert NAME in lines
    assert "Level 2: Acceleration" in lines
    assert "of the DATAide pathway on March 5, 2026" in lines
    assert "/en/parcours/certificats/" in address
    assert address in lines
    assert "Certificat de réussite" not in lines


@pytest.mark.django_db
def test_the_pdf_follows_the_certificate_language_not_the_active_one(holder):
    certificate = issue(holder, language="fr")
    with translation.override("en"):
        lines = pdf_text(certificate_pdf(certificate, verify_url="https://x.test/"))
    assert "Certificat de réussite" in lines


def test_letters_helvetica_lacks_become_their_nearest():
    assert _winansi(NAME) == NAME
    assert _winansi("Nguyễn Thị Ånström") == "Nguyên Thi Ånström"
    assert _winansi("Jean\u202fLi 李") == "Jean Li ?"


@pytest.mark.django_db
@pytest.mark.skipif(PDFTOTEXT is None, reason="needs poppler's pdftotext")
def test_a_pdf_reader_finds_the_same_text(holder, tmp_path):
    certificate = issue(holder)
    path = tmp_path / "certificat.pdf"
    path.write_bytes(certificate_pdf(certificate, verify_url=certificate_verify_url(certificate)))

    text = subprocess.run(  # noqa: S603 - fixed arguments
        [PDFTOTEXT, "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout

    assert NAME in text
    assert "Niveau 1 : Sensibilisation" in text


@pytest.mark.django_db
@pytest.mark.skipif(
    PDFTOPPM is None or ZBARIMG is None,
    reason="needs poppler's pdftoppm and zbar's zbarimg",
)
def test_the_qr_code_leads_to_the_verification_address(holder, tmp_path):
    certificate = issue(holder)
    address = certificate_verify_url(certificate)
    (tmp_path / "c.pdf").write_bytes(certificate_pdf(certificate, verify_url=address))
    subprocess.run(  # noqa: S603 - fixed arguments
        [PDFTOPPM, "-r", "150", "-png", str(tmp_path / "c.pdf"), str(tmp_path / "c")],
        check=True,
    )

    decoded = subprocess.run(  # noqa: S603 - fixed arguments
        [ZBARIMG, "--raw", "-q", str(tmp_path / "c-1.png")], capture_output=True, text=True
    ).stdout

    assert decoded.strip() == address


# --- Downloading it ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_holder_downloads_their_certificate(client, holder):
    certificate = issue(holder)
    client.force_login(holder)

    response = client.get(download_url(certificate))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == 'attachment; filename="certificat-dataide-niveau-1.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert NAME in pdf_text(response.content)


@pytest.mark.django_db
def test_an_english_certificate_downloads_under_an_english_name(client, holder):
    certificate = issue(holder, level=3, language="en")
    client.force_login(holder)

    response = client.get(download_url(certificate))

    assert (
        response["Content-Disposition"] == 'attachment; filename="certificate-dataide-level-3.pdf"'
    )
    assert "Level 3: Innovation" in pdf_text(response.content)


@pytest.mark.django_db
def test_another_learner_cannot_download_it(client, holder, learner):
    certificate = issue(holder)
    client.force_login(learner)

    assert client.get(download_url(certificate)).status_code == 404


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_log_in(client, holder):
    certificate = issue(holder)

    response = client.get(download_url(certificate))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]


@pytest.mark.django_db
def test_an_unknown_token_is_not_found(client, holder):
    issue(holder)
    client.force_login(holder)

    assert client.get(reverse("pathway_certificate_pdf", args=["inconnu"])).status_code == 404
    assert client.get(reverse("pathway_certificate_verify", args=["inconnu"])).status_code == 404


@pytest.mark.django_db
def test_the_dashboard_links_to_the_pdf(client, holder):
    certificate = issue(holder)
    client.force_login(holder)

    html = client.get(reverse("pathway_dashboard")).content.decode()

    assert f'href="{download_url(certificate)}"' in html
    assert "Télécharger (PDF)" in html


# --- The public check -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_check_shows_name_level_and_date_only(client, holder):
    certificate = issue(holder)

    html = client.get(verify_url(certificate)).content.decode()

    assert NAME in html
    assert "Niveau 1 : Sensibilisation" in html
    assert "5 mars 2026" in html
    assert "eloise@exemple.test" not in html
    assert "@" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Cuisines collectives du Plateau" not in html
    assert download_url(certificate) not in html


@pytest.mark.django_db
def test_the_check_offers_the_pdf_to_its_holder_only(client, holder, learner):
    certificate = issue(holder)

    client.force_login(learner)
    assert download_url(certificate) not in client.get(verify_url(certificate)).content.decode()

    client.force_login(holder)
    html = client.get(verify_url(certificate)).content.decode()
    assert f'href="{download_url(certificate)}"' in html
    assert "Télécharger mon certificat (PDF)" in html
