"""A rating trend as a row of block characters, one per session, on a fixed 1–10 scale.

Textual's ``Sparkline`` scales bars between the smallest and largest value shown, so
ratings of 6, 7 and 8 would look like "terrible, fine, perfect". A pit-stop rating has a
meaning of its own, so here the height always maps the same rating to the same block.
"""

from __future__ import annotations

from collections.abc import Sequence

BLOCKS = "▁▂▃▄▅▆▇█"
LOWEST_RATING = 1
HIGHEST_RATING = 10


def sparkline(
    values: Sequence[int], *, low: int = LOWEST_RATING, high: int = HIGHEST_RATING, width: int = 0
) -> str:
    """One block per value on a fixed scale: ``low`` the lowest block, ``high`` the highest.

    With ``width`` > 0 only the most recent ``width`` values are drawn: the trend that
    matters before a session is the latest one.
    """
    if high <= low:
        raise ValueError(f"high ({high}) must be above low ({low})")
    shown = list(values)[-width:] if width > 0 else list(values)
    return "".join(BLOCKS[_level(value, low, high)] for value in shown)


def _level(value: int, low: int, high: int) -> int:
    """Which block: one per value in the middle of the scale, where ratings usually fall.

    A 1–10 scale has two values more than there are blocks; rather than merge two
    neighbours somewhere in the middle (7 and 8 would look alike), the extremes share:
    1 and 2 are the lowest block, 9 and 10 the highest.
    """
    clamped = min(max(value, low), high)
    top = len(BLOCKS) - 1
    span = high - low
    if span <= top:
        return round((clamped - low) / span * top)
    shift = (span - top) // 2
    return min(max(clamped - low - shift, 0), top)


def trend_label(values: Sequence[int]) -> str:
    """``6 → 8``: the first and the latest rating; one rating alone is just itself."""
    if not values:
        return ""
    if len(values) == 1:
        return str(values[0])
    return f"{values[0]} → {values[-1]}"
