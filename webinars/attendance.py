"""Placeholder until the attendance parsers land (same interface)."""

from dataclasses import dataclass, field

MAX_BYTES = 5 * 1024 * 1024


class AttendanceFileError(ValueError):
    pass


@dataclass
class ParsedReport:
    format: str
    encoding: str
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)


def parse_attendance(raw: bytes) -> ParsedReport:
    raise AttendanceFileError("not available yet")
