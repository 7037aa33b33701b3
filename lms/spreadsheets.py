"""Spreadsheets people open in Excel: XLSX workbooks with a named sheet, a bold header
row that stays in view, columns wide enough to read, and no cell taken for a formula.

Used by the facilitators' exports (cohorts) and the staff's admin exports (bursaries).
"""

from collections.abc import Iterable
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Column widths, in characters: at least enough for a short word, at most a long title.
MIN_WIDTH, MAX_WIDTH = 8, 60
#: Characters Excel forbids in a sheet's name.
_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def sheet_title(text: str) -> str:
    """A name Excel accepts for a sheet: 31 characters at most, none of ``[]:*?/\\``."""
    return " ".join(str(text).translate(_FORBIDDEN).split())[:31] or "Feuille"


def xlsx_bytes(rows: Iterable[list], *, title: str) -> bytes:
    """Return a workbook of one sheet named ``title``: the first row is the header."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(title))
    widths: dict[int, int] = {}
    rows = list(rows)
    for row in rows:
        for index, value in enumerate(row, start=1):
            length = max((len(line) for line in str(value).splitlines()), default=0)
            widths[index] = max(widths.get(index, 0), length)
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = min(
            MAX_WIDTH, max(MIN_WIDTH, width + 2)
        )
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    for number, row in enumerate(rows):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if cell.data_type == "f":  # text that looks like a formula stays text
                cell.data_type = "s"
            if number == 0:
                cell.font = bold
            cells.append(cell)
        sheet.append(cells)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


#: What a spreadsheet takes for the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """Return a cell's text, defused if a spreadsheet would take it for a formula (names
    are typed by people signing up)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
