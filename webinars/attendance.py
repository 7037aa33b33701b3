"""Read the attendance reports that videoconference tools export.

Pure Python: no database and no model here. ``parse_attendance`` turns the bytes of an
uploaded file into rows (who was there, for how long) and problems (lines that cannot
be used, each with a reason a person can act on). Matching e-mails to learners, merging
a person's several rows and saving belong to the import service.

Two reports are understood, with English or French headers:

* Zoom's "Participants" report (one row per connection; a meeting summary block may
  come before the participants table, which is then skipped);
* Microsoft Teams' attendance report, in its sections "1. Summary", "2. Participants"
  and "3. In-Meeting Activities": the rows of section 2 are read, reading stops at the
  next section.

The encoding (UTF-8 with or without BOM, UTF-16 as Teams exports it, or Windows-1252)
and the delimiter (comma, semicolon as French Excel writes it, or tab) are detected.
Headers are matched without regard to case, accents, spaces or punctuation.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

#: Largest file accepted, in bytes.
MAX_BYTES = 5 * 1024 * 1024

#: Longest raw line kept in a ``RowProblem``.
MAX_CONTENT = 200

ZOOM = "zoom"
TEAMS = "teams"

DELIMITERS = (",", ";", "\t")


class AttendanceFileError(ValueError):
    """The whole file is refused. ``str(exc)`` is a translated message for the person
    who sent it."""


@dataclass(frozen=True)
class AttendanceRow:
    line: int  # 1-based line number in the file, as a spreadsheet would show it
    email: str  # stripped and lower-cased
    name: str
    minutes: float  # time present on that row, in minutes
    joined_at: str = ""  # as written in the file (used to spot exact duplicates)
    left_at: str = ""


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str  # translated, for the person who sent the file
    content: str  # the raw line, truncated to MAX_CONTENT characters


@dataclass
class ParsedReport:
    format: str  # "zoom" or "teams"
    encoding: str  # "utf-8-sig", "utf-8", "cp1252" or "utf-16"
    rows: list[AttendanceRow]
    problems: list[RowProblem]


# --- Headers -------------------------------------------------------------------------

NAME, EMAIL, UPN, JOIN, LEAVE, DURATION = "name", "email", "upn", "join", "leave", "duration"

#: Header keys (see ``header_key``) of each column we read. A header is looked up as
#: written, then without its parenthesised part ("Duration (Minutes)" -> "duration").
_COLUMNS = {
    NAME: {
        "name",
        "nameoriginalname",
        "fullname",
        "username",
        "usernameoriginalname",
        "participantname",
        "displayname",
        "nom",
        "nomnomdorigine",
        "nomcomplet",
        "nomdutilisateur",
        "nomdutilisateurnomdorigine",
        "nomduparticipant",
    },
    EMAIL: {
        "email",
        "useremail",
        "emailaddress",
        "mail",
        "courriel",
        "adresseemail",
        "adressecourriel",
        "adressedecourriel",
        "adresseelectronique",
        "emaildelutilisateur",
        "courrieldelutilisateur",
        "adresseemaildelutilisateur",
    },
    UPN: {
        "participantidupn",
        "upn",
        "iddeparticipantupn",
        "iduparticipantupn",
        "identifiantduparticipantupn",
    },
    JOIN: {
        "jointime",
        "firstjoin",
        "firstjointime",
        "heuredarrivee",
        "heuredeconnexion",
        "heuredentree",
        "premiereparticipation",
        "premierearrivee",
        "premiereconnexion",
    },
    LEAVE: {
        "leavetime",
        "lastleave",
        "lastleavetime",
        "heurededepart",
        "heurededeconnexion",
        "heuredesortie",
        "dernierdepart",
        "dernieredeconnexion",
    },
    DURATION: {
        "duration",
        "durationminutes",
        "durationmin",
        "inmeetingduration",
        "timeinsession",
        "timeinsessionminutes",
        "duree",
        "dureeminutes",
        "dureemin",
        "dureedelareunion",
        "dureedanslareunion",
        "dureedeparticipation",
    },
}

#: Header keys only Teams writes: a header with one of them is a Teams report.
_TEAMS_ONLY = {
    "participantidupn",
    "iddeparticipantupn",
    "iduparticipantupn",
    "identifiantduparticipantupn",
    "firstjoin",
    "lastleave",
    "premiereparticipation",
    "premierearrivee",
    "dernierdepart",
    "inmeetingduration",
    "dureedelareunion",
    "dureedanslareunion",
}

#: A section title of the Teams report: "1. Summary", "2. Participants", "3. Activités…"
_SECTION = re.compile(r"^\s*\d+\s*\.\s*\S")


def header_key(text: str) -> str:
    """``text`` without accents, case, spaces or punctuation: "Heure d’arrivée " and
    "HEURE D'ARRIVEE" both give "heuredarrivee"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", plain.casefold())


def _column_role(text: str) -> tuple[str | None, bool]:
    """The column a header cell names (or None), and whether only Teams writes it."""
    candidates = (header_key(text), header_key(re.sub(r"\([^)]*\)", "", text)))
    for key in candidates:
        for role, keys in _COLUMNS.items():
            if key in keys:
                return role, key in _TEAMS_ONLY
    return None, False


@dataclass
class _Header:
    line_index: int
    delimiter: str
    width: int
    columns: dict[str, int]
    teams: bool

    @property
    def needed(self) -> int:
        """Cells a row must have: up to the last column we read. The columns after it may
        be missing (Excel drops trailing empty cells), and so may the UPN when there is
        an e-mail column."""
        optional = {UPN} if EMAIL in self.columns else set()
        return max(index for role, index in self.columns.items() if role not in optional) + 1


def _read_header(cells: list[str]) -> tuple[dict[str, int], bool] | None:
    columns: dict[str, int] = {}
    teams = False
    for index, cell in enumerate(cells):
        role, teams_only = _column_role(cell)
        if role and role not in columns:
            columns[role] = index
            teams = teams or teams_only
    if NAME in columns and DURATION in columns and (EMAIL in columns or UPN in columns):
        return columns, teams
    return None


# --- Values --------------------------------------------------------------------------

_NUMBER = r"\d+(?:[.,]\d+)?"
_UNITS = {
    "h": 60.0,
    "hr": 60.0,
    "hrs": 60.0,
    "hour": 60.0,
    "hours": 60.0,
    "heure": 60.0,
    "heures": 60.0,
    "m": 1.0,
    "min": 1.0,
    "mins": 1.0,
    "mn": 1.0,
    "minute": 1.0,
    "minutes": 1.0,
    "s": 1 / 60,
    "sec": 1 / 60,
    "secs": 1 / 60,
    "second": 1 / 60,
    "seconds": 1 / 60,
    "seconde": 1 / 60,
    "secondes": 1 / 60,
}
_DURATION_PART = re.compile(rf"({_NUMBER})\s*([a-z]+)\.?")
_CLOCK = re.compile(r"(\d+):([0-5]\d):([0-5]\d)")  # h:mm:ss; "45:12" would be ambiguous


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def parse_zoom_duration(value: str) -> float | None:
    """Zoom's duration, a number of minutes ("63", "1,5"); None when unreadable."""
    value = value.strip()
    if re.fullmatch(_NUMBER, value):
        return _number(value)
    return None


def parse_teams_duration(value: str) -> float | None:
    """Teams' duration in minutes: "1h 23m 5s", "45m 12s", "2h", "59s", French
    "1 h 23 min 5 s", or a clock "1:23:05"; None when unreadable."""
    value = " ".join(value.split()).casefold()  # also turns non-breaking spaces to spaces
    if not value:
        return None
    clock = _CLOCK.fullmatch(value)
    if clock:
        hours, minutes, seconds = clock.groups()
        return int(hours) * 60 + int(minutes) + int(seconds) / 60
    total = 0.0
    seen: set[float] = set()
    position = 0
    for part in _DURATION_PART.finditer(value):
        if value[position : part.start()].strip():
            return None
        factor = _UNITS.get(part.group(2))
        if factor is None or factor in seen:
            return None
        seen.add(factor)
        total += _number(part.group(1)) * factor
        position = part.end()
    if not seen or value[position:].strip():
        return None
    return total


def _teams_guest_email(upn: str) -> str:
    """A guest's UPN "camille_exemple.test#EXT#@tenant.onmicrosoft.com" hides their
    address camille@exemple.test (host names cannot hold "_", so the last one was "@")."""
    local, marker, _rest = upn.partition("#ext#")
    if marker and "_" in local:
        user, _sep, domain = local.rpartition("_")
        return f"{user}@{domain}"
    return upn


# --- Decoding ------------------------------------------------------------------------


def _decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_or_refuse(raw, "utf-16"), "utf-16"
    if raw.startswith(b"\xef\xbb\xbf"):
        return _decode_or_refuse(raw, "utf-8-sig"), "utf-8-sig"
    if b"\x00" in raw[:4096] and len(raw) % 2 == 0:
        # UTF-16 without its BOM: the zero bytes fall on the side of the ASCII ones.
        head = raw[:4096]
        big_endian = head[0::2].count(0) > head[1::2].count(0)
        codec = "utf-16-be" if big_endian else "utf-16-le"
        try:
            return raw.decode(codec), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # The five bytes Windows-1252 leaves undefined become U+FFFD rather than failing.
        return raw.decode("cp1252", errors="replace"), "cp1252"


def _decode_or_refuse(raw: bytes, codec: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise AttendanceFileError(
            _("The file cannot be read: its characters are damaged. Export it again.")
        ) from exc


def _accepted_formats() -> str:
    return _(
        "Send the attendance report of Zoom (Participants report) or of Microsoft Teams "
        "(attendance report), exported as a CSV file."
    )


# --- Parsing -------------------------------------------------------------------------


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        cells = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        cells = line.split(delimiter)
    return [cell.strip() for cell in cells]


def _find_header(lines: list[str]) -> tuple[_Header, str | None] | None:
    """The participants header: the first line that names the columns we need, split
    with the delimiter that makes it one; and the format a section title before it
    announces."""
    for index, line in enumerate(lines):
        for delimiter in DELIMITERS:
            if delimiter not in line:
                continue
            cells = _cells(line, delimiter)
            found = _read_header(cells)
            if found:
                while cells and not cells[-1]:
                    cells.pop()
                columns, teams = found
                header = _Header(index, delimiter, len(cells), columns, teams)
                return header, _section_before(lines[:index], delimiter)
    return None


def _section_before(lines: list[str], delimiter: str) -> str | None:
    for line in lines:
        cells = _cells(line, delimiter)
        if cells and _SECTION.match(cells[0]) and not any(cells[1:]):
            return TEAMS
    return None


def parse_attendance(raw: bytes) -> ParsedReport:
    """Read a Zoom or Teams attendance report. Raises ``AttendanceFileError`` when the
    whole file is refused (too large, empty, not a report we know); otherwise every
    non-blank line after the participants header is either a row or a problem."""
    if len(raw) > MAX_BYTES:
        raise AttendanceFileError(
            _("The file is too large: %(size)s MB at most.") % {"size": MAX_BYTES // 2**20}
        )
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise AttendanceFileError(
            _("This file is an Excel workbook: save it as CSV, then send it again.")
        )
    text, encoding = _decode(raw)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise AttendanceFileError(_("The file is empty.") + " " + _accepted_formats())

    lines = re.split(r"\r\n|\r|\n", text)
    found = _find_header(lines)
    if found is None:
        raise AttendanceFileError(
            _("This file is not an attendance report we can read.") + " " + _accepted_formats()
        )
    header, section = found
    report_format = TEAMS if (header.teams or section == TEAMS) else ZOOM
    report = ParsedReport(format=report_format, encoding=encoding, rows=[], problems=[])
    for index in range(header.line_index + 1, len(lines)):
        line = lines[index]
        cells = _cells(line, header.delimiter)
        if not any(cells):
            continue  # blank line
        if report_format == TEAMS and _SECTION.match(cells[0]) and not any(cells[1:]):
            break  # "3. In-Meeting Activities": the participants are over
        row_or_reasons = _read_row(index + 1, cells, header, report_format)
        if isinstance(row_or_reasons, AttendanceRow):
            report.rows.append(row_or_reasons)
        else:
            report.problems.append(
                RowProblem(
                    line=index + 1,
                    reason=" ".join(row_or_reasons),
                    content=line[:MAX_CONTENT],
                )
            )
    return report


def _read_row(
    line: int, cells: list[str], header: _Header, report_format: str
) -> AttendanceRow | list[str]:
    while len(cells) > header.width and not cells[-1]:
        cells.pop()  # trailing delimiters
    if len(cells) < header.needed or len(cells) > header.width:
        found = len(cells)
        return [
            ngettext(
                "This line has %(found)d column instead of %(expected)d.",
                "This line has %(found)d columns instead of %(expected)d.",
                found,
            )
            % {"found": found, "expected": header.width}
        ]

    def cell(role: str) -> str:
        index = header.columns.get(role)
        return cells[index] if index is not None and index < len(cells) else ""

    reasons = []
    email = cell(EMAIL)
    if not email and "@" in cell(UPN):
        email = _teams_guest_email(cell(UPN).lower())
    email = email.strip().lower()
    if not email:
        reasons.append(_("The e-mail address is missing."))
    else:
        try:
            validate_email(email)
        except ValidationError:
            reasons.append(_("“%(email)s” is not a valid e-mail address.") % {"email": email[:100]})

    duration = cell(DURATION)
    parse = parse_teams_duration if report_format == TEAMS else parse_zoom_duration
    minutes = parse(duration)
    if not duration:
        reasons.append(_("The duration is missing."))
    elif minutes is None:
        reasons.append(
            _("The duration “%(duration)s” cannot be read.") % {"duration": duration[:50]}
        )

    if reasons:
        return reasons
    return AttendanceRow(
        line=line,
        email=email,
        name=cell(NAME),
        minutes=minutes,
        joined_at=cell(JOIN),
        left_at=cell(LEAVE),
    )
