"""Amounts read as people type them, in French and English."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lms.amounts import AmountField


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("2 000,50", "2000.50"),
        ("2\u00a0000,50 $", "2000.50"),
        ("2\u202f000", "2000"),
        ("2,000.50", None),  # ambiguous: an English thousands comma is refused, not guessed
        ("2000.50", "2000.50"),
        ("$1500", "1500"),
        ("15 000", "15000"),
    ],
)
def test_an_amount_is_read_as_typed(typed, read):
    field = AmountField(max_digits=10, decimal_places=2)
    if read is None:
        with pytest.raises(ValidationError):
            field.clean(typed)
    else:
        assert field.clean(typed) == Decimal(read)


def test_a_word_is_still_not_an_amount():
    with pytest.raises(ValidationError):
        AmountField().clean("deux mille")
