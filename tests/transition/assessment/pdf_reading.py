"""Reading the text of a ReportLab PDF drawn in embedded TrueType fonts, without a PDF
library: each font subset's ToUnicode map turns the bytes each ``Tj`` shows back into
characters, so a name in any script can be checked as a reader's tool would extract it.
"""

import re

from tests.pathway.test_certificates import _decoded_streams, _unescape


def _dictionaries(pdf: bytes):
    return re.findall(rb"<<((?:(?!<<|>>).)*)>>", pdf, re.S)


def _font_names(pdf: bytes) -> dict[bytes, bytes]:
    """The page's font resource names (``F2+0``) and their base fonts (``AAAAAA+…``)."""
    names = {}
    for body in _dictionaries(pdf):
        base = re.search(rb"/BaseFont\s*/(\S+)", body)
        name = re.search(rb"/Name\s*/(\S+)", body)
        if base and name:
            names[name.group(1)] = base.group(1)
    return names


def _unicode_maps(streams: list[bytes]) -> dict[bytes, dict[int, str]]:
    maps = {}
    for stream in streams:
        name = re.search(rb"/CMapName\s*/(\S+)\s+def", stream)
        if name is None:
            continue
        pairs = re.findall(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4})>", stream)
        maps[name.group(1)] = {int(code, 16): chr(int(char, 16)) for code, char in pairs}
    return maps


def _char(font: dict[int, str], byte: int) -> str:
    """A subset's character; ReportLab keeps ASCII as itself (mapped to 0 or absent)."""
    found = font.get(byte, "\x00")
    return chr(byte) if found == "\x00" else found


def pdf_text(pdf: bytes) -> list[str]:
    """The strings the pages draw, in order, as characters."""
    streams = _decoded_streams(pdf)
    fonts, maps = _font_names(pdf), _unicode_maps(streams)
    lines = []
    for stream in streams:
        font = None
        for match in re.finditer(
            rb"/(\S+)\s+[\d.]+\s+Tf|\(((?:\\.|[^\\()])*)\)\s*Tj", stream, re.S
        ):
            if match.group(1) is not None:
                font = maps.get(fonts.get(match.group(1), b""))
                continue
            raw = _unescape(match.group(2))
            if font is None:
                lines.append(raw.decode("cp1252"))
            else:
                lines.append("".join(_char(font, byte) for byte in raw))
    return lines
