"""The arithmetic of replay watching: intervals in seconds, merged into their union."""

Interval = tuple[float, float]


def merge_intervals(intervals: list[Interval]) -> list[Interval]:
    """Return the union of ``intervals``, sorted, with overlapping or touching ones joined."""
    merged: list[list[float]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1] + 0.5:  # half a second of slack between reports
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(round(s, 1), round(e, 1)) for s, e in merged]


def covered_seconds(intervals: list[Interval]) -> float:
    """Return how many seconds a union of intervals covers."""
    return sum(end - start for start, end in merge_intervals(intervals))
