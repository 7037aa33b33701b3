"""Uploaded media (videos, captions, documents) served with byte ranges.

Browsers ask for parts of a video: Safari before it plays at all, the others to seek (a
chapter link, the progress bar). Django's own static view, and Wagtail's document view,
answer with the whole file, so seeking does nothing. This view answers ``Range:
bytes=a-b`` with ``206 Partial Content``. It serves the embedded default (``make demo``,
tests) and a production without a web server in front (``DJANGO_SERVE_MEDIA``);
behind nginx or object storage, they answer ranges themselves.
"""

import mimetypes
import re
from pathlib import Path

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

#: What a page shows itself (the replay, its captions, images); the rest downloads.
INLINE_PREFIXES = ("video/", "image/", "text/vtt", "audio/")
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def _chunks(handle, length: int):
    with handle:
        while length > 0:
            data = handle.read(min(CHUNK, length))
            if not data:
                return
            length -= len(data)
            yield data


def byte_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """The first and last byte a ``Range`` header asks for; None when it asks for the
    whole file (no header, or a form we do not split, like several ranges); False when
    it asks for bytes the file does not have."""
    found = _RANGE.match((header or "").strip())
    if found is None:
        return None
    first, last = found.groups()
    if first == "":
        if not last or int(last) == 0:
            return False
        return max(0, size - int(last)), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        return False
    return start, end


@require_safe
def serve_media(request, path: str):
    """Serve a file of the media storage, whole or the byte range asked."""
    try:
        if ".." in Path(path).parts or not default_storage.exists(path):
            raise Http404
        size = default_storage.size(path)
    except SuspiciousFileOperation as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    wanted = byte_range(request.headers.get("Range", ""), size)
    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif wanted is None:
        response = FileResponse(default_storage.open(path, "rb"), content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        start, end = wanted
        handle = default_storage.open(path, "rb")
        handle.seek(start)
        response = StreamingHttpResponse(
            _chunks(handle, end - start + 1), status=206, content_type=content_type
        )
        response["Content-Length"] = str(end - start + 1)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    if not content_type.startswith(INLINE_PREFIXES) or content_type == "image/svg+xml":
        # PDFs, text, office files: downloaded, never opened as a page of the site.
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=Path(path).name
        )
    return response
