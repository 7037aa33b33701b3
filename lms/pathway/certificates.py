"""The certificate of completion as a one-page PDF, in the language it was issued in.

Drawn with reportlab's built-in Helvetica (WinAnsi encoding: every French letter, é to
œ, and no font file to ship); a character the encoding lacks is written as its nearest
unaccented letter rather than as a black box. The page carries the public verification
address, written out and as a QR code, so anyone handed a printed copy can check it.
"""

import io
import unicodedata

from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from lms.links import absolute_url
from lms.pathway.models import Certificate

ACCENT = HexColor("#0b5394")  # the site's accent colour
INK = HexColor("#1d1d1f")
MUTED = HexColor("#4a4a52")
RULE = HexColor("#c9d6e6")

REGULAR = "Helvetica"
BOLD = "Helvetica-Bold"

#: How each language writes a date on the certificate ("3 mars 2026", "March 3, 2026").
DATE_FORMATS = {"fr": "j F Y", "en": "F j, Y"}


def certificate_verify_url(certificate: Certificate) -> str:
    """Return the certificate's public verification address, in its language."""
    with translation.override(certificate.language):
        path = reverse("pathway_certificate_verify", args=[certificate.token])
    return absolute_url(path)


def certificate_filename(certificate: Certificate) -> str:
    """Return the PDF's file name, in the certificate's language."""
    with translation.override(certificate.language):
        return _("certificate-dataide-level-%(level)s.pdf") % {
            "level": certificate.completion.level
        }


def certificate_pdf(certificate: Certificate, *, verify_url: str) -> bytes:
    """Render ``certificate`` as a one-page A4 landscape PDF in its own language."""
    completion = certificate.completion
    learner = completion.learner
    language = certificate.language
    with translation.override(language):
        text = {
            "title": _("Certificate of completion"),
            "intro": _("This certifies that"),
            "name": learner.get_full_name().strip(),
            "completed": _("has completed"),
            "level": str(completion.get_level_display()),
            "when": _("of the DATAide pathway on %(date)s")
            % {"date": _date(completion.completed_at, language)},
            "tagline": _(
                "Learning pathway for the digital transition of Quebec's community organisations"
            ),
            "programme": _(
                "A programme of Quebec's Centraide offices · training content by Nord Ouvert"
            ),
            "issued": _("Issued on %(date)s") % {"date": _date(certificate.issued_at, language)},
            "check": _("Check that this certificate is genuine at:"),
        }
    text = {key: _winansi(value) for key, value in text.items()}

    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = Canvas(buffer, pagesize=(width, height), pageCompression=1, lang=language)
    pdf.setTitle(f"{text['title']} · {text['name']} · {text['level']}")
    pdf.setAuthor("DATAide")
    pdf.setSubject(text["level"])
    pdf.setCreator("DATAide")

    margin = 36
    centre = width / 2
    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(2.5)
    pdf.rect(margin, margin, width - 2 * margin, height - 2 * margin)
    pdf.setLineWidth(0.75)
    pdf.rect(margin + 7, margin + 7, width - 2 * margin - 14, height - 2 * margin - 14)
    text_width = width - 2 * margin - 80

    y = height - margin - 70
    pdf.setFillColor(ACCENT)
    pdf.setFont(BOLD, 22)
    pdf.drawCentredString(centre, y, "DATAide")
    y -= 18
    pdf.setFillColor(MUTED)
    pdf.setFont(REGULAR, 11)
    pdf.drawCentredString(centre, y, text["tagline"])

    y -= 70
    pdf.setFillColor(INK)
    _centred(pdf, text["title"], BOLD, 34, centre, y, text_width)
    y -= 16
    pdf.setStrokeColor(RULE)
    pdf.setLineWidth(1)
    pdf.line(centre - 120, y, centre + 120, y)

    y -= 38
    pdf.setFillColor(MUTED)
    _centred(pdf, text["intro"], REGULAR, 14, centre, y, text_width)
    y -= 42
    pdf.setFillColor(INK)
    _centred(pdf, text["name"], BOLD, 30, centre, y, text_width)
    y -= 34
    pdf.setFillColor(MUTED)
    _centred(pdf, text["completed"], REGULAR, 14, centre, y, text_width)
    y -= 32
    pdf.setFillColor(ACCENT)
    _centred(pdf, text["level"], BOLD, 22, centre, y, text_width)
    y -= 26
    pdf.setFillColor(INK)
    _centred(pdf, text["when"], REGULAR, 14, centre, y, text_width)

    # Foot: the programme on the left, how to check it and the QR code on the right.
    qr_size = 92
    qr_x = width - margin - 22 - qr_size
    qr_y = margin + 22
    _qr_code(pdf, verify_url, qr_x, qr_y, qr_size)
    foot_left = margin + 30
    foot_width = qr_x - foot_left - 16
    pdf.setFillColor(INK)
    pdf.setFont(BOLD, 11)
    pdf.drawString(foot_left, qr_y + 66, text["programme"])
    pdf.setFillColor(MUTED)
    pdf.setFont(REGULAR, 10)
    pdf.drawString(foot_left, qr_y + 50, text["issued"])
    pdf.drawString(foot_left, qr_y + 24, text["check"])
    pdf.setFillColor(ACCENT)
    url = _winansi(verify_url)
    pdf.setFont(REGULAR, _fitting_size(url, REGULAR, 10, foot_width, minimum=6))
    pdf.drawString(foot_left, qr_y + 10, url)
    pdf.linkURL(verify_url, (foot_left, qr_y + 6, foot_left + foot_width, qr_y + 20))
    pdf.linkURL(verify_url, (qr_x, qr_y, qr_x + qr_size, qr_y + qr_size))

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _date(value, language: str) -> str:
    return formats.date_format(
        timezone.localtime(value), DATE_FORMATS.get(language, DATE_FORMATS["en"])
    )


def _fitting_size(text: str, font: str, size: float, width: float, *, minimum: float) -> float:
    """Return ``size``, or the smaller size at which ``text`` fits in ``width``."""
    natural = stringWidth(text, font, size)
    if natural <= width:
        return size
    return max(minimum, size * width / natural)


def _centred(pdf: Canvas, text: str, font: str, size: float, x: float, y: float, width: float):
    pdf.setFont(font, _fitting_size(text, font, size, width, minimum=size * 0.5))
    pdf.drawCentredString(x, y, text)


def _qr_code(pdf: Canvas, value: str, x: float, y: float, size: float) -> None:
    widget = QrCodeWidget(value, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    renderPDF.draw(drawing, pdf, x, y)


def _winansi(text: str) -> str:
    """Return ``text`` with each character Helvetica's WinAnsi encoding lacks replaced by
    its nearest one: "Nguyễn" becomes "Nguyên", a letter with no Latin form "?"."""
    characters = []
    for character in text:
        if _encodable(character):
            characters.append(character)
            continue
        base, *marks = unicodedata.normalize("NFKD", character)
        nearest = base if _encodable(base) else "?"
        for mark in marks:
            composed = unicodedata.normalize("NFC", nearest + mark)
            if nearest != "?" and _encodable(composed):
                nearest = composed
        characters.append(nearest)
    return "".join(characters)


def _encodable(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True
