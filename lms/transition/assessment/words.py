"""How the self-assessment's numbers and dates read, in the active language: a level
with one decimal ("3,5" in French), a date in words ("3 décembre 2026")."""

from django.utils import formats, timezone


def level_number(value: float | None) -> str:
    """A median, spread or change with one decimal; "" for none."""
    return "" if value is None else formats.number_format(value, 1, use_l10n=True)


def signed(value: float | None) -> str:
    """A change with its sign: "+0,5", "-1,0"."""
    if value is None:
        return ""
    return ("+" if value > 0 else "") + level_number(value)


def day(value) -> str:
    """A moment's date, in Quebec time, in words."""
    return formats.date_format(timezone.localtime(value), "j F Y")
