"""The organisation's result, exported: a CSV (UTF-8 with a byte order mark, separated as
the reader's spreadsheet expects, like the cohorts' exports) and a one-page PDF in the
reader's language, in an embedded font that covers every name (``lms.pdf``).

Both hold only the combined result (medians, spreads, talking points, the comparison with
another round), never a colleague's own answers. Rows and words are built while the
request's language is active.
"""

import csv
import io
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from cohorts.exports import BOM, csv_delimiter
from lms.pdf import register_fonts
from lms.spreadsheets import csv_safe
from lms.transition.assessment.selectors import AssessmentResult, DimensionChange
from lms.transition.assessment.words import day, level_number, signed


def round_name(result: AssessmentResult) -> str:
    return _("Round %(number)s") % {"number": result.round.number}


def result_rows(
    result: AssessmentResult, changes: list[DimensionChange], previous: AssessmentResult | None
) -> list[list]:
    """Return the result as rows: the header, then one row per dimension."""
    header = [
        _("Dimension"),
        _("Median (levels 1 to 5)"),
        _("Spread"),
        _("Colleagues who answered"),
        _("Talking point"),
    ]
    if previous is not None:
        header += [
            _("Median, %(round)s") % {"round": round_name(previous)},
            _("Change"),
        ]
    rows = [header]
    for change in changes:
        found = result.dimension(change.key)
        row = [
            change.title,
            level_number(found.median) if found else "",
            level_number(found.spread) if found else "",
            found.takes if found else 0,
            (_("yes") if found.disagreement else _("no")) if found else "",
        ]
        if previous is not None:
            row += [level_number(change.previous), signed(change.change)]
        rows.append(row)
    return rows


def _filename(result: AssessmentResult, extension: str) -> str:
    name = slugify(result.round.organisation.name) or str(result.round.organisation.pk)
    return f"autodiagnostic-{name}-{result.round.number}.{extension}"


def csv_response(rows: list[list], *, result: AssessmentResult) -> HttpResponse:
    """The rows as a CSV attachment: the byte order mark first, every cell formula-safe
    (a change is signed: "+0,5" is written as text, not run)."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=csv_delimiter())
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(result, "csv")}"'
    return response


def result_pdf(
    result: AssessmentResult,
    rows: list[list],
    *,
    modules: dict[str, list],
) -> bytes:
    """Return the result as a one-page A4 PDF: the organisation, the round, the table of
    dimensions, the talking points and the modules suggested for the weakest."""
    regular, bold = register_fonts()
    organisation = result.round.organisation
    title = _("Digital-maturity self-assessment")
    base = ParagraphStyle("base", fontName=regular, fontSize=9.5, leading=12.5)
    heading = ParagraphStyle("heading", parent=base, fontName=bold, fontSize=11, spaceBefore=8)
    styles = {
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=16, leading=20),
        "name": ParagraphStyle("name", parent=base, fontName=bold, fontSize=13, leading=17),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
    }
    when = _("opened on %(date)s") % {"date": day(result.round.opened_at)}
    if result.round.closed_at:
        when += ", " + _("closed on %(date)s") % {"date": day(result.round.closed_at)}
    story = [
        Paragraph(escape(title), styles["title"]),
        Paragraph(escape(organisation.name), styles["name"]),
        Paragraph(
            escape(
                f"{round_name(result)}, {when}. "
                + _("Colleagues who finished: %(count)s.") % {"count": result.takes}
            ),
            base,
        ),
        Spacer(1, 4 * mm),
    ]
    table = Table(
        [[Paragraph(escape(str(cell)), styles["cell"]) for cell in row] for row in rows],
        repeatRows=1,
        colWidths=[62 * mm] + [None] * (len(rows[0]) - 1),
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), regular),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f1ec")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#b9b4a9")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    story.append(Paragraph(escape(_("Talking points")), heading))
    points = result.talking_points
    story.append(
        Paragraph(
            escape(
                _("Colleagues disagree by two levels or more on: %(titles)s.")
                % {"titles": "; ".join(d.title for d in points)}
                if points
                else _("Colleagues disagree by less than two levels on every dimension.")
            ),
            base,
        )
    )
    story.append(
        Paragraph(escape(_("The weakest dimensions and the modules that address them")), heading)
    )
    for dimension in result.weakest:
        words = {"dimension": dimension.title, "median": level_number(dimension.median)}
        titles = ", ".join(module.title for module in modules.get(dimension.key, []))
        line = (
            _("%(dimension)s (%(median)s): %(modules)s") % {**words, "modules": titles}
            if titles
            else _("%(dimension)s (%(median)s)") % words
        )
        story.append(Paragraph(escape(line), base))
    story.append(Spacer(1, 4 * mm))
    story.append(
        Paragraph(
            escape(
                _(
                    "Medians and spreads of the colleagues' levels (1 to 5); no one's own "
                    "answers appear here. Printed on %(date)s."
                )
                % {"date": day(timezone.now())}
            ),
            styles["cell"],
        )
    )
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"{title} · {organisation.name}",
        author="DATAide",
    ).build(story)
    return buffer.getvalue()


def pdf_response(content: bytes, *, result: AssessmentResult) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(result, "pdf")}"'
    return response
