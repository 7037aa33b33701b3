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

Every join and leave time must be a real moment, with its date: "25:61" or a 13th month
is a problem on its line, and so is a leave before the join. Dates written with slashes
are read day first or month first, whichever the whole file allows (Zoom in English
writes 03/10/2026 for 10 March; in French, 10/03/2026); when both readings fit every
line, the one that puts the meeting on the expected date wins. The meeting's own start
and end come from the report's meeting block (Zoom's first table, Teams' "1. Summary")
when it has one.

Rows without an e-mail address, or with one that is not an address, are kept: they
are guests (a phone, a visitor) that the import lists as "not matched".
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

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
    email: str  # stripped and lower-cased; empty for a guest without one
    name: str
    minutes: float  # time connected on that row, in minutes, as the tool counted it
    joined_at: str = ""  # as written in the file (used to spot exact duplicates)
    left_at: str = ""
    joined: datetime | None = None  # the same, read: local time, no time zone
    left: datetime | None = None

    @property
    def has_address(self) -> bool:
        """Whether the row holds something that can be an e-mail address."""
        if not self.email:
            return False
        try:
            validate_email(self.email)
        except ValidationError:
            return False
        return True


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
    #: The meeting's start and end as its meeting block states them (local time), if any.
    meeting_start: datetime | None = None
    meeting_end: datetime | None = None

    @property
    def span(self) -> tuple[datetime, datetime] | None:
        """The meeting's start and end: its block's, or else its first join and last leave."""
        if self.meeting_start and self.meeting_end:
            return self.meeting_start, self.meeting_end
        joins = [row.joined for row in self.rows if row.joined]
        leaves = [row.left for row in self.rows if row.left]
        if not joins or not leaves:
            return None
        return min(joins), max(leaves)


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


def _has_times(header: _Header) -> bool:
    return JOIN in header.columns and LEAVE in header.columns


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


# --- Moments ---------------------------------------------------------------------------

#: Meeting-block labels of the meeting's start and end (Zoom's first table, Teams'
#: summary), as ``header_key`` gives them.
_MEETING_START = {"starttime", "meetingstarttime", "heurededebut", "debut", "debutdelareunion"}
_MEETING_END = {"endtime", "meetingendtime", "heuredefin", "fin", "findelareunion"}

_TIME = r"(?P<hour>\d{1,2})\s*[:h]\s*(?P<minute>\d{2})(?:\s*:\s*(?P<second>\d{2}))?"
_MERIDIEM = r"(?:\s*(?P<meridiem>[ap])\.?\s*m\.?)?"
#: 2026-03-24 13:58:12 (ISO, as French Teams and Excel write it), or 2026/03/24.
_YEAR_FIRST = re.compile(
    r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?:\s*(?:T|,|à)?\s*)"
    + _TIME
    + _MERIDIEM,
    re.IGNORECASE,
)
#: 03/10/2026 02:00:00 PM (Zoom in English), 10/03/2026 13:58:12, 3/10/26, 1:58:12 PM.
_YEAR_LAST = re.compile(
    r"(?P<first>\d{1,2})[-/.](?P<second_part>\d{1,2})[-/.](?P<year>\d{4}|\d{2})(?:\s*(?:,|à)?\s*)"
    + _TIME
    + _MERIDIEM,
    re.IGNORECASE,
)
MONTH_FIRST, DAY_FIRST = "month-first", "day-first"


@dataclass(frozen=True)
class _Written:
    """A moment as a report writes it, its date's order not yet decided."""

    year: int
    first: int  # the month in an ISO date; the first number otherwise
    second: int
    year_first: bool
    hour: int
    minute: int
    seconds: int
    meridiem: str  # "a", "p" or ""


@functools.lru_cache(maxsize=4096)
def _written(text: str) -> _Written | None:
    """Split a written moment into its numbers; None when it is not one we know (read
    once for a text: a report repeats the same moments, and each is read twice)."""
    text = " ".join(text.split())
    for pattern, year_first in ((_YEAR_FIRST, True), (_YEAR_LAST, False)):
        found = pattern.fullmatch(text)
        if found is None:
            continue
        parts = found.groupdict()
        year = int(parts["year"])
        return _Written(
            year=year + 2000 if year < 100 else year,
            first=int(parts["month"] if year_first else parts["first"]),
            second=int(parts["day"] if year_first else parts["second_part"]),
            year_first=year_first,
            hour=int(parts["hour"]),
            minute=int(parts["minute"]),
            seconds=int(parts["second"] or 0),
            meridiem=(parts["meridiem"] or "").lower(),
        )
    return None


def _moment(written: _Written, order: str) -> datetime | None:
    """The moment ``written`` names when its date is read in ``order``; None when that
    is no real moment (a 13th month, 25:61, 0:30 PM)."""
    if written.year_first or order == MONTH_FIRST:
        month, day = written.first, written.second
    else:
        day, month = written.first, written.second
    hour = written.hour
    if written.meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if written.meridiem == "p" else 0)
    try:
        return datetime(written.year, month, day, hour, written.minute, written.seconds)
    except ValueError:
        return None


def _date_order(stamps: list[_Written], expected: date | None) -> str:
    """The order (month or day first) that reads the file's dates, decided once for the
    whole file: the one under which every readable date is real; when both are, the one
    that puts the first date on ``expected``; then AM/PM (English) means month first."""
    ambiguous = [w for w in stamps if not w.year_first]
    if not ambiguous:
        return DAY_FIRST
    fits = {
        order: sum(_moment(w, order) is not None for w in ambiguous)
        for order in (MONTH_FIRST, DAY_FIRST)
    }
    if fits[MONTH_FIRST] != fits[DAY_FIRST]:
        return max(fits, key=fits.get)
    if expected is not None:
        for order in (MONTH_FIRST, DAY_FIRST):
            found = _moment(ambiguous[0], order)
            if found is not None and found.date() == expected:
                return order
    return MONTH_FIRST if any(w.meridiem for w in ambiguous) else DAY_FIRST


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


def _meeting_block(lines: list[str]) -> tuple[str, str]:
    """The meeting's start and end as written in the lines before the participants:
    Zoom's table (a header line, then its values) or Teams' summary (label, value)."""
    start = end = ""
    for index, line in enumerate(lines):
        for delimiter in DELIMITERS:
            if delimiter not in line:
                continue
            cells = _cells(line, delimiter)
            keys = [header_key(cell) for cell in cells]
            if keys[0] in _MEETING_START and len(cells) > 1:
                start = start or cells[1]
            elif keys[0] in _MEETING_END and len(cells) > 1:
                end = end or cells[1]
            elif any(k in _MEETING_START for k in keys) and any(k in _MEETING_END for k in keys):
                values = next((_cells(v, delimiter) for v in lines[index + 1 :] if v.strip()), [])
                for key, value in zip(keys, values, strict=False):
                    if key in _MEETING_START:
                        start = start or value
                    elif key in _MEETING_END:
                        end = end or value
    return start, end


@dataclass
class _Line:
    """A participant line read into cells, before its times are checked."""

    number: int
    text: str
    reasons: list[str]
    row: AttendanceRow | None


def parse_attendance(raw: bytes, *, expected_date: date | None = None) -> ParsedReport:
    """Read a Zoom or Teams attendance report. Raises ``AttendanceFileError`` when the
    whole file is refused (too large, empty, not a report we know); otherwise every
    non-blank line after the participants header is either a row or a problem.

    ``expected_date``: the session's date, to read dates like 03/10/2026 that could be
    either day or month first in every line of the file."""
    if len(raw) > MAX_BYTES:
        raise AttendanceFileError(too_large_message())
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
    if not _has_times(header):
        raise AttendanceFileError(
            _(
                "This report has no join and leave times, so the platform cannot check when "
                "people were there. Export the participants report with them."
            )
        )
    report_format = TEAMS if (header.teams or section == TEAMS) else ZOOM
    read: list[_Line] = []
    for index in range(header.line_index + 1, len(lines)):
        line = lines[index]
        cells = _cells(line, header.delimiter)
        if not any(cells):
            continue  # blank line
        if report_format == TEAMS and _SECTION.match(cells[0]) and not any(cells[1:]):
            break  # "3. In-Meeting Activities": the participants are over
        row, reasons = _read_row(index + 1, cells, header, report_format)
        read.append(_Line(index + 1, line, reasons, row))

    start_text, end_text = _meeting_block(lines[: header.line_index])
    texts = [start_text, end_text] + [
        value for item in read if item.row for value in (item.row.joined_at, item.row.left_at)
    ]
    stamps = [w for w in (_written(t) for t in texts if t) if w is not None]
    order = _date_order(stamps, expected_date)

    report = ParsedReport(format=report_format, encoding=encoding, rows=[], problems=[])
    report.meeting_start, report.meeting_end = (
        _read_moment(start_text, order)[0],
        _read_moment(end_text, order)[0],
    )
    for item in read:
        row = None
        if item.row is not None:
            row, reasons = _with_times(item.row, order)
            item.reasons.extend(reasons)
        if not item.reasons:
            report.rows.append(row)
            continue
        report.problems.append(
            RowProblem(
                line=item.number, reason=" ".join(item.reasons), content=item.text[:MAX_CONTENT]
            )
        )
    return report


def too_large_message() -> str:
    return _("The file is too large: %(size)s MB at most.") % {"size": MAX_BYTES // 2**20}


def _read_moment(text: str, order: str) -> tuple[datetime | None, bool]:
    """The moment ``text`` names, and whether it was written at all."""
    if not text:
        return None, False
    written = _written(text)
    return (_moment(written, order) if written else None), True


#: Why a row's times cannot be read (translated only for a row that has a problem: a
#: report of thousands of rows reads each time).
_TIME_PROBLEMS = {
    "joined": (
        gettext_lazy("The join time is missing."),
        gettext_lazy("The join time “%(value)s” is not a real date and time."),
    ),
    "left": (
        gettext_lazy("The leave time is missing."),
        gettext_lazy("The leave time “%(value)s” is not a real date and time."),
    ),
}


def _with_times(row: AttendanceRow, order: str) -> tuple[AttendanceRow | None, list[str]]:
    """``row`` with its join and leave read, or the reasons they cannot be."""
    reasons = []
    moments = {}
    for key, text in (("joined", row.joined_at), ("left", row.left_at)):
        moment, written = _read_moment(text, order)
        missing, wrong = _TIME_PROBLEMS[key]
        if not written:
            reasons.append(str(missing))
        elif moment is None:
            reasons.append(str(wrong) % {"value": text[:50]})
        moments[key] = moment
    if not reasons and moments["left"] < moments["joined"]:
        reasons.append(_("The leave time comes before the join time."))
    if reasons:
        return None, reasons
    return AttendanceRow(**{**row.__dict__, **moments}), []


def _read_row(
    line: int, cells: list[str], header: _Header, report_format: str
) -> tuple[AttendanceRow | None, list[str]]:
    """The row a line holds (its times still as written), and what is wrong with it."""
    while len(cells) > header.width and not cells[-1]:
        cells.pop()  # trailing delimiters
    if len(cells) < header.needed or len(cells) > header.width:
        found = len(cells)
        return None, [
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

    email = cell(EMAIL)
    if not email and "@" in cell(UPN):
        email = _teams_guest_email(cell(UPN).lower())

    reasons = []
    duration = cell(DURATION)
    parse = parse_teams_duration if report_format == TEAMS else parse_zoom_duration
    minutes = parse(duration)
    if not duration:
        reasons.append(_("The duration is missing."))
    elif minutes is None:
        reasons.append(
            _("The duration “%(duration)s” cannot be read.") % {"duration": duration[:50]}
        )
    row = AttendanceRow(
        line=line,
        email=email.strip().lower(),
        name=cell(NAME),
        minutes=minutes or 0.0,
        joined_at=cell(JOIN),
        left_at=cell(LEAVE),
    )
    return row, reasons


# --- Presence --------------------------------------------------------------------------

#: A connection whose counted time falls this short of its span is still taken as one
#: stretch (Zoom rounds minutes up; Teams drops seconds).
CONNECTION_SLACK_SECONDS = 60


def presence_seconds(
    connections: list[tuple[float, float, float]], *, window: tuple[float, float]
) -> int:
    """Seconds a person was present within ``window``, from their connections.

    Each connection is ``(join, leave, seconds connected)``, in seconds since any epoch.
    A connection whose time connected fills its span is a stretch of presence; the union
    of stretches is counted, so two devices at once, or two reports of one meeting,
    never count a second twice. A connection with gaps (Teams gives a first join, a last
    leave and the time in between actually connected) is counted for no more than it can
    be sure of: its time connected, less what lies outside the window and less what the
    other connections already cover of its span. The result is rounded down.
    """
    start, end = window
    stretches: list[tuple[float, float]] = []
    gapped: list[tuple[float, float, float]] = []
    for joined, left, connected in connections:
        inside = (max(joined, start), min(left, end))
        if inside[1] <= inside[0]:
            continue
        span = left - joined
        if connected >= span - CONNECTION_SLACK_SECONDS:
            stretches.append(inside)
        else:
            surely_inside = connected - (span - (inside[1] - inside[0]))
            if surely_inside > 0:
                gapped.append((inside[0], inside[1], surely_inside))
    covered = _union(stretches)
    total = sum(b - a for a, b in covered)
    for joined, left, surely in sorted(gapped):
        overlap = sum(max(0.0, min(b, left) - max(a, joined)) for a, b in covered)
        total += max(0.0, surely - overlap)
        covered = _union([*covered, (joined, left)])
    return int(total)


def _union(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[list[float]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]
