"""The plan as a PDF, to attach to a bursary application: title, organisation, version
and date, each section, the actions with the budget by category against the ceiling.

Drawn with ReportLab's page layout (platypus) in DejaVu Sans (``lms.pdf``), embedded, so
every name prints, whatever its alphabet. Written in the active language: the caller
wraps it in ``translation.override`` with the reader's language.
"""

import html
import re
from io import BytesIO

from django.utils import formats
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from lms.pdf import register_fonts
from lms.transition.plan.document import Budget, dollars, field_label, shown

#: Tags of the sanitised situation that end a line.
_BREAKS = re.compile(r"</p>|<br\s*/?>|</li>|<li>", re.IGNORECASE)


def _styles():
    regular, bold = register_fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=10, leading=13)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11),
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=18, leading=22),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=bold,
            fontSize=13,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
            textColor=colors.HexColor("#1d3f72"),
        ),  # fmt: skip
        "cell_head": ParagraphStyle("cell_head", parent=base, fontName=bold, fontSize=8.5),
        "bold": ParagraphStyle("bold", parent=base, fontName=bold),
    }


def _text(value) -> str:
    """Plain text made safe for a ReportLab paragraph (its markup is XML-like)."""
    return html.escape(str(value), quote=False)


def _paragraphs(formatted: str, style) -> list:
    """The sanitised situation as paragraphs of plain text."""
    lines = [html.unescape(strip_tags(part)).strip() for part in _BREAKS.split(formatted or "")]
    return [Paragraph(_text(line), style) for line in lines if line] or [Paragraph("—", style)]


def _table(header: list, rows: list, styles, widths) -> LongTable:
    data = [[Paragraph(_text(h), styles["cell_head"]) for h in header]]
    data += [[Paragraph(_text(cell), styles["small"]) for cell in row] for row in rows]
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e7eef8")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def plan_pdf(*, organisation, content: dict, budget: Budget, label: str, moment) -> bytes:
    """Return the PDF of ``content``; ``label`` says which version ("Version 2", "Draft")."""
    styles = _styles()
    buffer = BytesIO()
    page = landscape(A4)
    document = SimpleDocTemplate(
        buffer,
        pagesize=page,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{_('Digital transition plan')} · {organisation.name}",
        author=organisation.name,
    )
    width = page[0] - 30 * mm
    story = [
        Paragraph(_text(_("Digital transition plan")), styles["title"]),
        Paragraph(_text(organisation.name), styles["bold"]),
        Paragraph(
            _text(f"{label} · {formats.date_format(moment, 'j F Y')}"),
            styles["base"],
        ),
        Spacer(1, 4 * mm),
        Paragraph(_text(_("Situation")), styles["h2"]),
        *_paragraphs(content["situation"], styles["base"]),
        Paragraph(_text(_("Priorities")), styles["h2"]),
    ]
    story += [
        Paragraph(_text(f"{i}. {text}"), styles["base"])
        for i, text in enumerate(content["priorities"], start=1)
    ] or [Paragraph("—", styles["base"])]

    fields = ("title", "responsible", "starts_on", "ends_on", "budget", "category")
    story.append(Paragraph(_text(_("Actions")), styles["h2"]))
    story.append(
        _table(
            [field_label("actions", name) for name in fields],
            [[shown("actions", n, a.get(n)) for n in fields] for a in content["actions"]],
            styles,
            [w * width for w in (0.30, 0.18, 0.11, 0.11, 0.12, 0.18)],
        )
    )
    budget_rows = [[label_, dollars(total)] for label_, total in budget.by_category]
    budget_rows.append([_("Total"), dollars(budget.total)])
    if budget.ceiling is not None:
        budget_rows.append([_("Acceleration bursary ceiling"), dollars(budget.ceiling)])
    story.append(
        KeepTogether(
            [
                Paragraph(_text(_("Budget by bursary category")), styles["h2"]),
                _table(
                    [_("Category"), _("Budget")], budget_rows, styles, [0.4 * width, 0.2 * width]
                ),
            ]
        )
    )
    if budget.over:
        story.append(
            Paragraph(
                _text(
                    _("The budget exceeds the bursary's ceiling by %(amount)s.")
                    % {"amount": dollars(budget.over)}
                ),
                styles["bold"],
            )
        )
    fields = ("description", "mitigation", "about_people_data")
    story.append(Paragraph(_text(_("Risks")), styles["h2"]))
    story.append(
        _table(
            [field_label("risks", name) for name in fields],
            [[shown("risks", n, r.get(n)) for n in fields] for r in content["risks"]],
            styles,
            [w * width for w in (0.42, 0.42, 0.16)],
        )
    )
    fields = ("name", "baseline", "target", "source", "frequency")
    story.append(Paragraph(_text(_("Monitoring plan")), styles["h2"]))
    story.append(
        _table(
            [field_label("indicators", name) for name in fields],
            [[shown("indicators", n, r.get(n)) for n in fields] for r in content["indicators"]],
            styles,
            [w * width for w in (0.28, 0.16, 0.16, 0.24, 0.16)],
        )
    )
    document.build(story)
    return buffer.getvalue()
