"""The one rule of every report beyond a person's own data: aggregates only, and a group
of fewer than ``SMALL_GROUP`` shown as "<5", without its figures (Law 25, s. 9.1: the
highest confidentiality by default; and the sector's fear that reports serve funders
more than groups). The reports that follow it use these names; `tests/privacy/
test_aggregates.py` proves it for each."""

#: The smallest group whose figures a report shows.
SMALL_GROUP = 5
#: What a report shows instead of a small group's figures.
HIDDEN = "<5"


def too_small(size: int) -> bool:
    """Whether a group of ``size`` (one or more) is too small to show (0 is shown)."""
    return 0 < size < SMALL_GROUP


def shown(count: int):
    """``count``, or "<5" when it is one to four."""
    return HIDDEN if too_small(count) else count
