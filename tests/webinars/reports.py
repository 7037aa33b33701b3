"""Attendance reports written the way Zoom and Microsoft Teams write them, for any date.

The files in ``webinars/samples/`` are real exports for fixed dates in March 2026; these
writers produce the same layouts (meeting block, header names, date formats, encodings,
delimiters, line endings) around the connections a test needs:

* ``zoom_en``: Zoom's participants report in English, UTF-8, commas, its meeting table
  first, dates month first with AM/PM ("03/10/2026 02:00:00 PM");
* ``zoom_fr``: the same exported in French and re-saved by French Excel: UTF-8 with a
  BOM, semicolons, CRLF, dates day first ("10/03/2026 14:00:00"), no meeting table;
* ``zoom_fr_excel_1252``: French Excel's "CSV (séparateur : point-virgule)": Windows-1252;
* ``teams_en``: Teams' attendance report in English: UTF-16 with a BOM, tabs, CRLF, its
  "1. Summary" and "2. Participants" sections, dates "3/10/26, 2:00:00 PM", durations
  "1h 23m 5s";
* ``teams_fr``: Teams in French: UTF-8 with a BOM, commas, ISO dates, "1 h 23 min 5 s".

A connection is ``(name, email, join, leave)`` or ``(name, email, join, leave, seconds)``
with naive Quebec-time datetimes; ``seconds`` defaults to the span (Zoom rounds minutes
up, as it does).
"""

import math
from datetime import datetime


def _connections(rows):
    for row in rows:
        name, email, joined, left = row[:4]
        seconds = row[4] if len(row) > 4 else (left - joined).total_seconds()
        yield name, email, joined, left, seconds


def _us(moment: datetime, *, short_year=False) -> str:
    hour = moment.hour % 12 or 12
    meridiem = "AM" if moment.hour < 12 else "PM"
    if short_year:
        return f"{moment.month}/{moment.day}/{moment:%y}, {hour}:{moment:%M:%S} {meridiem}"
    return f"{moment:%m/%d/%Y} {hour:02d}:{moment:%M:%S} {meridiem}"


def zoom_en(rows, *, meeting: tuple[datetime, datetime] | None = None) -> bytes:
    lines = []
    if meeting:
        start, end = meeting
        minutes = math.ceil((end - start).total_seconds() / 60)
        lines += [
            "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants",
            f'812 3456 7890,"Webinaire DATAide, niveau 1",{_us(start)},{_us(end)},'
            f"animation@exemple.test,{minutes},{len(rows)}",
            "",
        ]
    lines.append("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest")
    for name, email, joined, left, seconds in _connections(rows):
        minutes = math.ceil(seconds / 60)
        lines.append(f"{name},{email},{_us(joined)},{_us(left)},{minutes},Yes")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _zoom_fr_text(rows) -> str:
    lines = [
        "Nom (nom d'origine);E-mail de l'utilisateur;Heure d'arrivée;Heure de départ;"
        "Durée (minutes);Invité"
    ]
    for name, email, joined, left, seconds in _connections(rows):
        minutes = math.ceil(seconds / 60)
        lines.append(
            f"{name};{email};{joined:%d/%m/%Y %H:%M:%S};{left:%d/%m/%Y %H:%M:%S};{minutes};Oui"
        )
    return "\r\n".join(lines) + "\r\n"


def zoom_fr(rows) -> bytes:
    return b"\xef\xbb\xbf" + _zoom_fr_text(rows).encode("utf-8")


def zoom_fr_excel_1252(rows) -> bytes:
    return _zoom_fr_text(rows).encode("cp1252")


def _teams_duration(seconds: float, units=("h", "m", "s"), space="") -> str:
    """Teams' duration: "1h 23m 5s" in English, "1 h 23 min 5 s" in French."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [(hours, units[0])] if hours else []
    return " ".join(
        f"{n}{space}{unit}" for n, unit in [*parts, (minutes, units[1]), (secs, units[2])]
    )


def _teams_duration_en(seconds: float) -> str:
    return _teams_duration(seconds)


def _teams_duration_fr(seconds: float) -> str:
    return _teams_duration(seconds, ("h", "min", "s"), space=" ")


def teams_en(rows, *, meeting: tuple[datetime, datetime]) -> bytes:
    start, end = meeting
    lines = [
        "1. Summary",
        "Meeting title\tWebinaire DATAide – niveau 1",
        f"Attended participants\t{len(rows)}",
        f"Start time\t{_us(start, short_year=True)}",
        f"End time\t{_us(end, short_year=True)}",
        "",
        "2. Participants",
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole",
    ]
    for name, email, joined, left, seconds in _connections(rows):
        lines.append(
            f"{name}\t{_us(joined, short_year=True)}\t{_us(left, short_year=True)}\t"
            f"{_teams_duration_en(seconds)}\t{email}\t{email}\tAttendee"
        )
    lines += ["", "3. In-Meeting Activities", "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole"]
    return ("\r\n".join(lines) + "\r\n").encode("utf-16")


def teams_fr(rows, *, meeting: tuple[datetime, datetime]) -> bytes:
    start, end = meeting
    lines = [
        "1. Résumé",
        'Titre de la réunion,"Webinaire DATAide, niveau 1"',
        f"Participants ayant assisté,{len(rows)}",
        f"Heure de début,{start:%Y-%m-%d %H:%M:%S}",
        f"Heure de fin,{end:%Y-%m-%d %H:%M:%S}",
        "",
        "2. Participants",
        "Nom,Première participation,Dernier départ,Durée de la réunion,Adresse e-mail,"
        "ID du participant (UPN),Rôle",
    ]
    for name, email, joined, left, seconds in _connections(rows):
        lines.append(
            f"{name},{joined:%Y-%m-%d %H:%M:%S},{left:%Y-%m-%d %H:%M:%S},"
            f"{_teams_duration_fr(seconds)},{email},{email},Participant"
        )
    return b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8")
