"""PDF documents people download (the transition plan, the self-assessment's result):
fonts that cover every name.

ReportLab's built-in fonts stop at Latin-1; a name in Polish, Vietnamese, Greek, Cyrillic,
Arabic or Hebrew would come out as black boxes. DejaVu Sans (``lms/fonts/``, free licence
in ``LICENSE-DejaVu.txt``) covers them and is embedded in each document.
"""

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS = Path(__file__).resolve().parent / "fonts"
#: The font names to give ReportLab (``canvas.setFont``, paragraph styles).
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


def register_fonts() -> tuple[str, str]:
    """Register the embedded fonts once; return (regular, bold) names."""
    registered = pdfmetrics.getRegisteredFontNames()
    for name in (REGULAR, BOLD):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
    return REGULAR, BOLD
