"""Uploaded files checked by what they contain, not only by their name.

Every upload path goes through :func:`upload_check`: Wagtail's documents (the form base
``DocumentForm``, set by ``WAGTAILDOCS_DOCUMENT_FORM_BASE``: single, multiple and chooser
uploads) and the webinars' attendance reports. Wagtail's images are already read by
Pillow, which refuses anything that is not an image of an allowed format.

What is refused, whatever the file's name says:

* a program (ELF, Windows PE, Mach-O), anywhere;
* a video (``.mp4``, ``.webm``) whose bytes are not a video of that kind;
* captions (``.vtt``) that are not WebVTT, or that hold HTML beyond WebVTT's cue tags;
* text (``.txt``, ``.csv``) that is not text, or that is a web page;
* a PDF that is not one, or that carries JavaScript or automatic actions (``/JS``,
  ``/JavaScript``, ``/OpenAction`` or ``/AA`` that run a script, ``/Launch``);
* office files and archives that are not the ZIP they must be; RTF that is not RTF;
* a file larger than its kind's limit (``UPLOAD_MAX_BYTES``, ``UPLOAD_MAX_VIDEO_BYTES``).
"""

import re
from io import BytesIO

import filetype
from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject
from wagtail.documents.forms import BaseDocumentForm

VIDEO_EXTENSIONS = {"mp4", "webm"}
ZIP_EXTENSIONS = {"docx", "xlsx", "pptx", "odt", "key", "zip"}
TEXT_EXTENSIONS = {"txt", "csv"}

#: Programs, whatever they are named.
_PROGRAMS = {
    "application/x-executable",
    "application/x-msdownload",
    "application/x-mach-binary",
    "application/x-sharedlib",
    "application/vnd.microsoft.portable-executable",
}
_PROGRAM_MAGIC = (b"\x7fELF", b"MZ", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xcf", b"\xca\xfe\xba\xbe")

#: WebVTT's own tags in a cue's text; any other tag is HTML that has no place there.
_VTT_TAGS = {"b", "i", "u", "c", "v", "lang", "ruby", "rt"}
_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][\w-]*)")
#: What a web page starts or is made of.
_HTML = re.compile(
    r"<\s*(!doctype|html|head|body|script|iframe|object|embed|svg|meta|link|style|img|form|a\s)",
    re.IGNORECASE,
)
#: PDF names that run something: scripts and automatic actions.
_PDF_ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/Launch"}
_PDF_ACTIVE_ACTIONS = {"/JavaScript", "/Launch"}
#: PDF objects read at most, so that a crafted file cannot keep the check busy.
_PDF_MAX_OBJECTS = 200_000


def _refuse(message: str):
    raise forms.ValidationError(message, code="upload_refused")


def _limit(extension: str) -> int:
    if extension in VIDEO_EXTENSIONS:
        return settings.UPLOAD_MAX_VIDEO_BYTES
    return settings.UPLOAD_MAX_BYTES


def _read(upload, size: int = -1) -> bytes:
    """The file's first ``size`` bytes (all of it by default), leaving it at its start."""
    upload.seek(0)
    data = upload.read(size)
    upload.seek(0)
    return data


def _text(data: bytes) -> str | None:
    """The file as text, or None when it is not text (NUL bytes, not UTF-8 or Latin-1)."""
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _is_program(data: bytes) -> bool:
    kind = filetype.guess(data[:8192])
    return (kind is not None and kind.mime in _PROGRAMS) or data.startswith(_PROGRAM_MAGIC)


def pdf_is_active(data: bytes) -> bool:
    """True when the PDF holds JavaScript or an action that runs on its own, anywhere in
    its objects (compressed object streams included)."""
    reader = PdfReader(BytesIO(data), strict=False)
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    while stack:
        if len(seen) > _PDF_MAX_OBJECTS:
            return True  # too many objects to read them all: not taken
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if _PDF_ACTIVE_KEYS & set(item.keys()):
                return True
            if item.get("/S") in _PDF_ACTIVE_ACTIONS:
                return True
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return False


def _check_pdf(data: bytes) -> None:
    if not data.lstrip()[:5] == b"%PDF-":
        _refuse(_("This file is not a PDF, whatever its name says."))
    # The name written as is: seen even where pypdf could not parse the file.
    if b"/JavaScript" in data:
        _refuse(_("This PDF contains JavaScript: it is refused. Save it again without scripts."))
    try:
        active = pdf_is_active(data)
    except (PdfReadError, ValueError, KeyError, TypeError, RecursionError):
        _refuse(_("This PDF cannot be read. Export it again, then send it."))
    if active:
        _refuse(_("This PDF contains JavaScript: it is refused. Save it again without scripts."))


def _check_vtt(data: bytes) -> None:
    text = _text(data)
    if text is None or not text.lstrip("\ufeff").startswith("WEBVTT"):
        _refuse(_("These captions are not a WebVTT file (it must start with WEBVTT)."))
    if _HTML.search(text) or {t.lower() for t in _TAG.findall(text)} - _VTT_TAGS:
        _refuse(_("These captions contain HTML: only WebVTT's own tags are accepted."))


def _check_video(data: bytes, extension: str) -> None:
    kind = filetype.guess(data[:8192])
    if extension == "mp4":
        ok = kind is not None and kind.mime in {"video/mp4", "video/x-m4v", "video/quicktime"}
    else:
        ok = data.startswith(b"\x1aE\xdf\xa3") and b"webm" in data[:4096]
    if not ok:
        _refuse(
            _("This file is not a %(kind)s video, whatever its name says.")
            % {"kind": extension.upper()}
        )


def upload_check(upload, name: str | None = None) -> None:
    """Raise ``ValidationError`` (a French message once translated) when the uploaded
    file is not what its name says, or is not safe to offer for download."""
    name = name or upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    size = upload.size
    limit = _limit(extension)
    if size is not None and size > limit:
        _refuse(
            _("The file is too large: %(size)s MB at most for this kind of file.")
            % {"size": limit // 2**20}
        )
    # A video is only recognised by its first bytes: the rest (up to 2 GB) is not read.
    data = _read(upload, 65536 if extension in VIDEO_EXTENSIONS else -1)
    if _is_program(data):
        _refuse(_("This file is a program: programs cannot be uploaded."))
    if extension in VIDEO_EXTENSIONS:
        _check_video(data, extension)
    elif extension == "vtt":
        _check_vtt(data)
    elif extension == "pdf":
        _check_pdf(data)
    elif extension in TEXT_EXTENSIONS:
        text = _text(data)
        if text is None:
            _refuse(_("This file is not text, whatever its name says."))
        if _HTML.search(text):
            _refuse(_("This file contains a web page (HTML): it is refused."))
    elif extension in ZIP_EXTENSIONS:
        if not data.startswith(b"PK\x03\x04"):
            _refuse(
                _("This file is not a %(kind)s file, whatever its name says.")
                % {"kind": extension.upper()}
            )
    elif extension == "rtf":
        if not data.startswith(b"{\\rtf"):
            _refuse(_("This file is not an RTF file, whatever its name says."))


def report_check(upload) -> None:
    """An attendance report, read by ``webinars.attendance`` (which says what to do with
    a workbook): refused here when it is a program or a web page."""
    data = _read(upload)
    if _is_program(data):
        _refuse(_("This file is a program: programs cannot be uploaded."))
    text = _text(data)
    if text is not None and _HTML.search(text[:65536]):
        _refuse(_("This file contains a web page (HTML): it is refused."))


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, with the file checked by its content."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # A file freshly sent (an edit that keeps the file passes the stored one).
        if upload is not None and hasattr(upload, "content_type"):
            upload_check(upload)
        return upload
