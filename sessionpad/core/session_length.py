"""How long a session is planned to run: the lengths offered on one key, and a typed one.

The same bounds as ``sessionpad start --minutes``: shorter than 5 minutes is no session,
longer than 4 hours is a workshop.
"""

from __future__ import annotations

SHORTEST = 5
LONGEST = 240
#: The lengths the brief offers on a key of their own.
OFFERED = (30, 45, 60, 90)


class LengthError(ValueError):
    """A typed length that isn't one; the message is one line for the coach."""


def parse_minutes(typed: str) -> int:
    """``50``, ``50m``, ``50 min``, ``50 minutes`` → 50; anything else raises LengthError."""
    text = typed.strip().casefold()
    for unit in ("minutes", "minute", "mins", "min", "m"):
        if text.endswith(unit):
            text = text[: -len(unit)].strip()
            break
    if not text.isascii() or not text.isdigit():
        shown = typed.strip()[:20] or "nothing"
        raise LengthError(f"a length is a whole number of minutes, e.g. 50 — not {shown!r}")
    minutes = int(text)
    if not SHORTEST <= minutes <= LONGEST:
        raise LengthError(f"a session runs {SHORTEST} to {LONGEST} minutes, not {minutes}")
    return minutes
