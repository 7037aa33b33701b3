"""Reading Zoom and Teams attendance reports (no database)."""

from datetime import date, datetime
from pathlib import Path

import pytest
from django.utils.translation import override

from webinars.attendance import (
    MAX_BYTES,
    AttendanceFileError,
    AttendanceRow,
    header_key,
    parse_attendance,
    parse_teams_duration,
    parse_zoom_duration,
    presence_seconds,
)

SAMPLES = Path(__file__).resolve().parents[2] / "webinars" / "samples"

CAMILLE = "camille.tremblay@exemple.test"
LEO = "leo.gagnon@exemple.test"
INES = "ines.roy@exemple.test"
MATHIS = "mathis.cote@exemple.test"
NOEMIE = "noemie.bouchard@exemple.test"
UNKNOWN = "inconnu@exemple.test"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def parse(name: str):
    return parse_attendance(sample(name))


def emails(report) -> list[str]:
    return [row.email for row in report.rows]


def minutes(report) -> dict[str, float]:
    """Minutes by e-mail (the last row wins: only for files with one row a person)."""
    return {row.email: row.minutes for row in report.rows}


# --- The samples ---------------------------------------------------------------------


def test_zoom_in_english_skips_the_meeting_summary_and_keeps_both_rows_of_a_rejoin():
    report = parse("zoom_en_utf8.csv")

    assert (report.format, report.encoding) == ("zoom", "utf-8")
    assert report.problems == []
    assert emails(report) == [CAMILLE, LEO, LEO, INES, MATHIS, NOEMIE, UNKNOWN]
    # Line 1 and 2 are the meeting summary, 3 is blank, 4 the participants' header.
    assert [row.line for row in report.rows] == [5, 6, 7, 8, 9, 10, 11]
    assert report.rows[1] == AttendanceRow(
        line=6,
        email=LEO,  # "Leo.Gagnon@Exemple.test" in the file
        name="Léo Gagnon",
        minutes=42.0,
        joined_at="03/10/2026 02:00:05 PM",
        left_at="03/10/2026 02:41:30 PM",
        joined=datetime(2026, 3, 10, 14, 0, 5),  # month first, as Zoom in English writes
        left=datetime(2026, 3, 10, 14, 41, 30),
    )
    # The meeting's own times, from the summary table.
    assert (report.meeting_start, report.meeting_end) == (
        datetime(2026, 3, 10, 13, 55, 2),
        datetime(2026, 3, 10, 15, 32, 10),
    )
    assert report.rows[2].minutes == 43.0
    assert report.rows[2].joined_at == "03/10/2026 02:47:51 PM"
    assert report.rows[0].minutes == 93.0
    assert report.rows[3].name == "Inès Roy (Inès R.)"


def test_zoom_in_french_with_a_bom_and_semicolons():
    report = parse("zoom_fr_utf8_bom.csv")

    assert (report.format, report.encoding) == ("zoom", "utf-8-sig")
    assert report.problems == []
    assert emails(report) == [CAMILLE, LEO, INES, MATHIS, NOEMIE]
    assert minutes(report) == {CAMILLE: 93, LEO: 88, INES: 89, MATHIS: 75, NOEMIE: 92}
    assert [row.name for row in report.rows][2:] == ["Inès Roy", "Mathis Côté", "Noémie Bouchard"]
    assert report.rows[0].joined_at == "10/03/2026 13:58:12"
    assert report.rows[0].left_at == "10/03/2026 15:30:40"
    # Day first, as French Excel writes it: 13:58 on 10 March, not 3 October.
    assert report.rows[0].joined == datetime(2026, 3, 10, 13, 58, 12)
    assert (report.meeting_start, report.span[0]) == (None, datetime(2026, 3, 10, 13, 58, 12))


def test_zoom_in_french_from_windows_1252():
    report = parse("zoom_fr_cp1252.csv")

    assert (report.format, report.encoding) == ("zoom", "cp1252")
    assert report.problems == []
    assert emails(report) == [NOEMIE, MATHIS, INES, UNKNOWN, CAMILLE]
    assert minutes(report) == {NOEMIE: 89, MATHIS: 90, INES: 45, UNKNOWN: 20, CAMILLE: 88}
    # "œ" exists in Windows-1252 but not in Latin-1: the right code page was used.
    assert report.rows[3].name == "Gaëtan Lebœuf"
    assert report.rows[1].name == "Mathis Côté"
    assert report.rows[0].joined_at == "2026-03-17 09:01:15"


def test_teams_in_english_from_utf16_reads_the_participants_section_only():
    report = parse("teams_en_utf16.csv")

    assert (report.format, report.encoding) == ("teams", "utf-16")
    assert report.problems == []
    # Section 3 (one row per connection, Léo twice) is not read.
    assert emails(report) == [CAMILLE, LEO, INES, MATHIS, NOEMIE, UNKNOWN]
    assert [row.line for row in report.rows] == [11, 12, 13, 14, 15, 16]
    found = minutes(report)
    assert found[CAMILLE] == pytest.approx(83 + 5 / 60)  # 1h 23m 5s
    assert found[LEO] == pytest.approx(45.2)  # 45m 12s
    assert found[INES] == 120  # 2h
    assert found[MATHIS] == pytest.approx(59 / 60)  # 59s
    assert found[NOEMIE] == 65.5  # 1h 5m 30s
    assert report.rows[0].joined_at == "3/10/26, 1:58:12 PM"
    assert report.rows[0].left_at == "3/10/26, 3:21:17 PM"
    assert report.rows[0].left == datetime(2026, 3, 10, 15, 21, 17)
    assert report.meeting_start == datetime(2026, 3, 10, 13, 30)  # "1. Summary"


def test_teams_without_an_email_uses_the_upn_even_a_guests():
    rows = {row.name: row for row in parse("teams_en_utf16.csv").rows}

    assert rows["Inès Roy"].email == INES  # empty Email column, UPN ines.roy@exemple.test
    assert rows["Mathis Côté"].email == MATHIS  # "Mathis.Cote@exemple.test"
    # A guest's UPN, inconnu_exemple.test#EXT#@nordouvert.onmicrosoft.com, hides their address.
    assert rows["Visiteur externe (Guest)"].email == UNKNOWN


def test_teams_in_french():
    report = parse("teams_fr_utf8.csv")

    assert (report.format, report.encoding) == ("teams", "utf-8-sig")
    assert report.problems == []
    assert emails(report) == [CAMILLE, LEO, INES, MATHIS, NOEMIE]
    found = minutes(report)
    assert found[CAMILLE] == pytest.approx(83 + 5 / 60)  # 1 h 23 min 5 s
    assert found[LEO] == pytest.approx(45.2)  # 45 min 12 s, with non-breaking spaces
    assert found[INES] == 120
    assert found[MATHIS] == pytest.approx(59 / 60)
    assert report.rows[0].joined_at == "2026-03-24 13:58:12"


def test_the_malformed_file_gives_its_problems_and_keeps_guests_as_rows():
    with override("fr"):
        report = parse("malformed.csv")

    assert report.format == "zoom"
    # A guest without an address (line 3) and one with a garbled address (line 4) are
    # rows: the import lists them as not matched. Lines 6 and 7 cannot be read.
    assert emails(report) == [CAMILLE, "", "leo.gagnon(at)exemple.test", NOEMIE]
    assert [row.has_address for row in report.rows] == [True, False, False, True]
    assert [(row.line, row.minutes) for row in report.rows] == [(2, 61), (3, 30), (4, 45), (8, 58)]
    assert [(problem.line, problem.reason) for problem in report.problems] == [
        (6, "La durée « environ une heure » est illisible."),
        (7, "Cette ligne compte 3 colonnes au lieu de 6."),
    ]
    short_line = "Mathis Côté,mathis.cote@exemple.test,03/10/2026 02:00:00 PM"
    assert report.problems[1].content == short_line


def test_problems_are_in_the_active_language():
    with override("en"):
        report = parse("malformed.csv")

    assert report.problems[0].reason == "The duration “environ une heure” cannot be read."
    assert report.problems[1].reason == "This line has 3 columns instead of 6."


ZOOM_HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"


@pytest.mark.parametrize(
    ("joined", "reason"),
    [
        ("13/45/2026 25:61:00 PM", "L'heure d'arrivée « 13/45/2026 25:61:00 PM » n'est pas"),
        ("03/10/2026 25:10:00", "L'heure d'arrivée « 03/10/2026 25:10:00 » n'est pas"),
        ("03/10/2026 14:61:00", "L'heure d'arrivée « 03/10/2026 14:61:00 » n'est pas"),
        ("03/10/2026 13:00:00 PM", "L'heure d'arrivée « 03/10/2026 13:00:00 PM » n'est pas"),
        ("2026-02-30 14:00:00", "L'heure d'arrivée « 2026-02-30 14:00:00 » n'est pas"),
        ("14:00", "L'heure d'arrivée « 14:00 » n'est pas"),  # no date
        ("", "L'heure d'arrivée est manquante."),
    ],
)
def test_a_join_time_that_is_no_real_moment_is_a_problem(joined, reason):
    raw = (
        ZOOM_HEADER
        + "Camille Tremblay,camille.tremblay@exemple.test,03/10/2026 02:00:00 PM,"
        + "03/10/2026 03:30:00 PM,90,Yes\n"
        + f"Léo Gagnon,leo.gagnon@exemple.test,{joined},03/10/2026 03:30:00 PM,90,Yes\n"
    ).encode()

    with override("fr"):
        report = parse_attendance(raw)

    assert emails(report) == [CAMILLE]
    assert report.problems[0].line == 3
    assert report.problems[0].reason.startswith(reason)


def test_a_leave_before_the_join_is_a_problem():
    raw = ZOOM_HEADER + "Léo,leo.gagnon@exemple.test,2026-03-10 15:00,2026-03-10 14:00,60,Oui\n"

    with override("fr"):
        report = parse_attendance(raw.encode())

    assert report.problems[0].reason == "L'heure de départ précède l'heure d'arrivée."


@pytest.mark.parametrize(
    ("first", "expected_date", "joined"),
    [
        # 13/03 can only be day first; 03/13 only month first.
        ("13/03/2026 14:00", None, datetime(2026, 3, 13, 14, 0)),
        ("03/13/2026 02:00 PM", None, datetime(2026, 3, 13, 14, 0)),
        # 03/10 could be either: the session's date decides.
        ("03/10/2026 14:00", date(2026, 3, 10), datetime(2026, 3, 10, 14, 0)),
        ("03/10/2026 14:00", date(2026, 10, 3), datetime(2026, 10, 3, 14, 0)),
        # Without a session date, AM/PM means English (month first), else French.
        ("03/10/2026 02:00 PM", None, datetime(2026, 3, 10, 14, 0)),
        ("03/10/2026 14:00", None, datetime(2026, 10, 3, 14, 0)),
    ],
)
def test_dates_are_read_day_or_month_first_for_the_whole_file(first, expected_date, joined):
    raw = (ZOOM_HEADER + f"Léo,leo.gagnon@exemple.test,{first},{first},0,Yes\n").encode()

    report = parse_attendance(raw, expected_date=expected_date)

    assert report.rows[0].joined == joined


# --- Files refused -------------------------------------------------------------------


def test_a_file_that_is_not_a_report_is_refused_with_the_accepted_formats():
    with override("fr"), pytest.raises(AttendanceFileError) as refused:
        parse("not_a_report.csv")

    message = str(refused.value)
    assert message.startswith("Ce fichier n'est pas un rapport de présence")
    assert "Zoom" in message
    assert "Microsoft Teams" in message
    assert "CSV" in message


@pytest.mark.parametrize("raw", [b"", b"\xef\xbb\xbf", b"\r\n  \r\n", b"\xff\xfe"])
def test_an_empty_file_is_refused(raw):
    with override("fr"), pytest.raises(AttendanceFileError) as refused:
        parse_attendance(raw)

    assert str(refused.value).startswith("Le fichier est vide.")


def test_a_file_over_the_limit_is_refused():
    assert MAX_BYTES == 5 * 1024 * 1024
    raw = sample("zoom_en_utf8.csv")
    raw += b"x" * (MAX_BYTES + 1 - len(raw))

    with override("fr"), pytest.raises(AttendanceFileError) as refused:
        parse_attendance(raw)

    assert str(refused.value) == "Le fichier est trop volumineux : 5 Mo au maximum."


def test_a_file_at_the_limit_is_read():
    raw = sample("zoom_en_utf8.csv")
    raw += b"\n" * (MAX_BYTES - len(raw))

    assert len(parse_attendance(raw).rows) == 7


def test_an_excel_workbook_is_refused_with_advice():
    with override("fr"), pytest.raises(AttendanceFileError) as refused:
        parse_attendance(b"PK\x03\x04" + b"\x00" * 100)

    assert "classeur Excel" in str(refused.value)


def test_the_file_error_is_a_value_error():
    assert issubclass(AttendanceFileError, ValueError)


# --- Headers, delimiters, encodings --------------------------------------------------


def test_header_key_ignores_case_accents_spaces_and_punctuation():
    assert header_key("  Heure d’arrivée ") == header_key("HEURE D'ARRIVEE") == "heuredarrivee"
    assert header_key("Durée (Minutes)") == header_key("duree(minutes)")
    assert header_key("E-mail de l'utilisateur") == "emaildelutilisateur"


def test_headers_match_whatever_their_case_accents_and_spaces():
    raw = (
        "  NOM (NOM D'ORIGINE) ;COURRIEL; heure d'ARRIVÉE ;Heure De Depart;DUREE (MINUTES)\n"
        "Camille Tremblay;  Camille.Tremblay@Exemple.TEST ;2026-03-10 14:00;2026-03-10 15:00;60\n"
    ).encode()

    report = parse_attendance(raw)

    assert report.format == "zoom"
    assert report.rows == [
        AttendanceRow(
            line=2,
            email=CAMILLE,
            name="Camille Tremblay",
            minutes=60,
            joined_at="2026-03-10 14:00",
            left_at="2026-03-10 15:00",
            joined=datetime(2026, 3, 10, 14, 0),
            left=datetime(2026, 3, 10, 15, 0),
        )
    ]


@pytest.mark.parametrize(
    "header",
    [
        "Name (Original Name)\tUser Email\tJoin Time\tLeave Time\tDuration (Minutes)",
        "Nom (nom d'origine)\tAdresse e-mail\tHeure d'arrivée\tHeure de départ\tDurée (min)",
        "name\temail\tjoin time\tleave time\tduration",
        "Nom\tE-mail\tHeure de connexion\tHeure de déconnexion\tDurée (en minutes)",
    ],
)
def test_small_variants_of_the_zoom_headers(header):
    row = "Léo Gagnon\tleo.gagnon@exemple.test\t2026-03-10 14:00\t2026-03-10 14:12\t12"
    report = parse_attendance(f"{header}\n{row}\n".encode())

    assert (report.format, emails(report), report.rows[0].minutes) == ("zoom", [LEO], 12)


def test_utf16_big_endian_and_utf16_without_bom():
    text = sample("teams_en_utf16.csv").decode("utf-16")
    expected = emails(parse("teams_en_utf16.csv"))

    for raw in (b"\xfe\xff" + text.encode("utf-16-be"), text.encode("utf-16-le")):
        report = parse_attendance(raw)
        assert (report.format, report.encoding, emails(report)) == ("teams", "utf-16", expected)


def test_the_delimiter_comes_from_the_header_not_from_the_data():
    # Tab-separated, with commas in every timestamp and a semicolon in a name.
    raw = (
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\n"
        "Roy; Inès\t3/10/26, 1:35:00 PM\t3/10/26, 3:35:00 PM\t2h\tines.roy@exemple.test\n"
    ).encode()

    report = parse_attendance(raw)

    assert report.format == "teams"
    assert report.rows[0].name == "Roy; Inès"
    assert report.rows[0].joined_at == "3/10/26, 1:35:00 PM"


def test_trailing_delimiters_and_missing_trailing_columns_are_tolerated():
    raw = (
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,\n"
        "Camille Tremblay,camille.tremblay@exemple.test,2026-03-10 14:00,2026-03-10 15:00,"
        "60,Yes,,,\n"
        "Léo Gagnon,leo.gagnon@exemple.test,2026-03-10 14:00,2026-03-10 14:30,30\n"
    ).encode()

    report = parse_attendance(raw)

    assert report.problems == []
    assert emails(report) == [CAMILLE, LEO]


def test_a_line_with_too_many_columns_is_a_problem():
    raw = (
        b"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        b"Tremblay, Camille,camille.tremblay@exemple.test,2026-03-10 14:00,2026-03-10 15:00,60\n"
    )

    with override("fr"):
        report = parse_attendance(raw)

    assert report.rows == []
    assert report.problems[0].reason == "Cette ligne compte 6 colonnes au lieu de 5."
    assert report.problems[0].line == 2


def test_several_reasons_on_one_line_are_all_given():
    raw = b"Name,Email,Join Time,Leave Time,Duration (Minutes)\nSans rien,,2026-13-01 10:00,,\n"

    with override("fr"):
        report = parse_attendance(raw)

    assert report.problems[0].reason == (
        "La durée est manquante. L'heure d'arrivée « 2026-13-01 10:00 » n'est pas une date "
        "et une heure réelles. L'heure de départ est manquante."
    )


def test_a_report_without_join_and_leave_times_is_refused():
    raw = b"Name,Email,Duration (Minutes)\nLeo,leo.gagnon@exemple.test,60\n"

    with override("fr"), pytest.raises(AttendanceFileError) as refused:
        parse_attendance(raw)

    assert "heures d'arrivée et de départ" in str(refused.value)


def test_a_teams_participant_without_email_or_upn_is_a_guest_row():
    raw = (
        "2. Participants\n"
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
        "Invité (Unverified)\t3/10/26, 1:35 PM\t3/10/26, 3:35 PM\t1h 2m\t\t\tAttendee\n"
        "Inès Roy\t3/10/26, 1:35 PM\t3/10/26, 3:35 PM\t1h 2m\t\tines.roy@exemple.test\tAttendee\n"
    ).encode()

    report = parse_attendance(raw)

    assert report.problems == []
    assert emails(report) == ["", INES]
    assert not report.rows[0].has_address


def test_a_section_title_before_the_header_makes_it_teams():
    raw = (
        "1. Summary\n\n2. Participants\nName,Email,First Join,Last Leave,Duration\n"
        "Léo,leo.gagnon@exemple.test,2026-03-10 14:00,2026-03-10 14:05,5m\n"
    )

    report = parse_attendance(raw.encode())

    assert report.format == "teams"
    assert report.rows[0].minutes == 5


def test_rows_are_never_merged_or_deduplicated():
    line = "Léo Gagnon,leo.gagnon@exemple.test,2026-03-10 14:00,2026-03-10 14:30,30\n"
    raw = ("Name,Email,Join Time,Leave Time,Duration\n" + line + line).encode()

    report = parse_attendance(raw)

    assert [row.line for row in report.rows] == [2, 3]
    assert report.rows[0].joined_at == report.rows[1].joined_at


def test_the_content_of_a_problem_is_truncated():
    raw = ("Name,Email,Join Time,Leave Time,Duration\n" + "x" * 500 + ",,,,\n").encode()

    report = parse_attendance(raw)

    assert len(report.problems[0].content) == 200


# --- Presence ------------------------------------------------------------------------

H = 3600.0


def test_presence_is_the_union_of_connections_within_the_window():
    window = (0.0, 2 * H)
    # Two devices at once, then a rejoin, and time before the start that does not count.
    connections = [(-600, H, H + 600), (0, H, H), (1.5 * H, 3 * H, 1.5 * H)]

    assert presence_seconds(connections, window=window) == int(1.5 * H)


def test_a_connection_with_gaps_counts_what_is_sure():
    # Teams: first join 0, last leave 2 h, connected 1 h: at least 1 h, never 2.
    assert presence_seconds([(0, 2 * H, H)], window=(0, 2 * H)) == H
    # Half its span lies before the window: its hour may all be there, so none is sure.
    assert presence_seconds([(-H, H, H)], window=(0, 2 * H)) == 0
    # Another connection covers part of its span: only what it surely adds.
    assert presence_seconds([(0, H, H), (0, 2 * H, H)], window=(0, 2 * H)) == H


def test_presence_is_rounded_down():
    assert presence_seconds([(0, 59.9, 59.9)], window=(0, H)) == 59


# --- Durations -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1h 23m 5s", 83 + 5 / 60),
        ("45m 12s", 45.2),
        ("2h", 120),
        ("59s", 59 / 60),
        ("0s", 0),
        ("1h 5s", 60 + 5 / 60),
        ("1 h 23 min 5 s", 83 + 5 / 60),
        ("45 min 12 s", 45.2),
        ("2 h", 120),
        ("59 s", 59 / 60),
        ("1\u00a0h\u00a023\u00a0min", 83),
        ("1\u202fh 2\u202fmin", 62),
        (" 1H 2M ", 62),
        ("1:23:05", 83 + 5 / 60),
    ],
)
def test_teams_durations_in_english_and_french(value, expected):
    assert parse_teams_duration(value) == pytest.approx(expected)


@pytest.mark.parametrize(
    "value", ["", "  ", "abc", "1h 2h", "5 jours", "h", "1h x", "-5m", "12", "45:12", "environ 1 h"]
)
def test_unreadable_teams_durations(value):
    assert parse_teams_duration(value) is None


@pytest.mark.parametrize(
    ("value", "expected"), [("63", 63), (" 7 ", 7), ("1,5", 1.5), ("2.25", 2.25), ("0", 0)]
)
def test_zoom_durations(value, expected):
    assert parse_zoom_duration(value) == expected


@pytest.mark.parametrize("value", ["", "1h", "-3", "abc", "nan", "1e3"])
def test_unreadable_zoom_durations(value):
    assert parse_zoom_duration(value) is None
