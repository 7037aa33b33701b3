"""Amounts of money as people type them: "2 000,50 $", "2000.50", "2 000" (a space, a
no-break space or a narrow no-break space between thousands; a comma or a point before
the cents; the dollar sign optional). Django's ``DecimalField`` only strips the
thousands separator of the active format when it is switched on, so "2 000,00" typed
in French was refused as "not a number"."""

import re

from django import forms

#: Spaces of every kind people and spreadsheets put between thousands.
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def amount_text(value: str) -> str:
    """The typed amount without its spaces and dollar sign, its comma made a point."""
    text = _SPACES.sub("", str(value)).removesuffix("$").removeprefix("$")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    return text


class AmountField(forms.DecimalField):
    """A ``DecimalField`` that reads an amount as it is typed in French or English, in a
    text box (a number box refuses "2 000,50" before the server sees it)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = amount_text(value)
        return super().to_python(value)
