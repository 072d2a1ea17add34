"""Booking the next session: the coach's phrase → a day, a time and a length, and the
aware moment that phrase means on that day.

Decisions:
- :func:`parse_booking` is the one place a booking phrase is read. The day goes through
  the capture bar's ``/book`` grammar (``core/when.py`` underneath), so the live room and
  the end screen accept the same words; a clock time like ``2pm`` or ``2:30pm`` and a
  leading ``next`` before a weekday are read here until ``when.py`` reads them itself.
- :func:`local_moment` builds the wall-clock time *for the booked date*: a session held
  before a daylight-saving change and booked for a date after it keeps its 10:00. The
  machine's zone is trusted only when it agrees with the offset the session was recorded
  in; otherwise (a session recorded elsewhere) that recorded offset is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from sessionpad.core import capture as cap
from sessionpad.core.models import Session
from sessionpad.core.sanitize import one_line
from sessionpad.core.when import short_day

NOT_BOOKED_WORDS = frozenset({"", "not booked", "none", "no", "-"})
EXAMPLE = "next friday 2pm or fri 14:00 45 min"

_TWELVE_HOUR = re.compile(
    r"(?:\bat\s+)?\b(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<half>am|pm)\b", re.IGNORECASE
)
_NEXT_WEEKDAY = re.compile(r"^\s*next\s+(?P<day>[a-z]+)\b", re.IGNORECASE)


class BookingError(ValueError):
    """A phrase that is not a booking; the message is one friendly line."""


@dataclass(frozen=True)
class Booking:
    day: date
    time: time | None = None
    minutes: int | None = None


def is_not_booked(phrase: str) -> bool:
    return " ".join(phrase.lower().split()) in NOT_BOOKED_WORDS


def parse_booking(phrase: str, today: date) -> Booking:
    """``next friday 2pm`` → that day at 14:00; :class:`BookingError` when unreadable."""
    text = _with_24_hour_clock(phrase.strip())
    text, weeks_on = _without_next(text, today)
    try:
        parsed = cap.parse_capture(f"/book {text}", today)
    except cap.CaptureError as error:
        if "/book" in error.message:  # the grammar's usage line names a command: not here
            raise BookingError(_unreadable(phrase)) from None
        raise BookingError(error.message) from None
    if not isinstance(parsed, cap.BookNext):
        raise BookingError(_unreadable(phrase))
    return Booking(parsed.day + timedelta(weeks=weeks_on), parsed.time, parsed.minutes)


def _unreadable(phrase: str) -> str:
    return f'"{one_line(phrase, 40)}" isn\'t a day and time I can read — try {EXAMPLE}'


def _with_24_hour_clock(text: str) -> str:
    def convert(match: re.Match[str]) -> str:
        hour = int(match["hour"])
        if not 1 <= hour <= 12:
            raise BookingError(f'"{match.group().strip()}" isn\'t a time — try 2pm or 14:00')
        hour = hour % 12 + (12 if match["half"].lower() == "pm" else 0)
        return f"{hour:02d}:{match['minute'] or '00'}"

    return _TWELVE_HOUR.sub(convert, text)


def _without_next(text: str, today: date) -> tuple[str, int]:
    """``next friday`` is the Friday of the week after this one (SPEC §4)."""
    found = _NEXT_WEEKDAY.match(text)
    if found is None or found["day"].lower() == "week":
        return text, 0
    rest = text[found.end("day") :]
    day_word = found["day"]
    try:
        plain = cap.parse_capture(f"/book {day_word}", today)
    except cap.CaptureError:
        return text, 0
    if not isinstance(plain, cap.BookNext):
        return text, 0
    # The bare weekday is the next one; "next" means the one in the following week.
    this_week_ends = today + timedelta(days=6 - today.weekday())
    return day_word + rest, 1 if plain.day <= this_week_ends else 0


def local_moment(day: date, at: time, reference: datetime) -> datetime:
    """``day`` at ``at`` on the coach's wall clock, with the offset in force on ``day``."""
    naive = datetime.combine(day, at.replace(tzinfo=None))
    if _machine_zone_agrees(reference):
        return naive.astimezone()
    return naive.replace(tzinfo=reference.tzinfo or _zone_of(reference))


def _machine_zone_agrees(reference: datetime) -> bool:
    if reference.tzinfo is None:
        return True
    return reference.astimezone().utcoffset() == reference.utcoffset()


def _zone_of(reference: datetime) -> tzinfo | None:
    return reference.astimezone().tzinfo


def describe_booking(session: Session) -> str:
    """``Fri 4 Dec, 14:00 (60 min)``, or ``not booked``."""
    moment = session.next_session
    if moment is None:
        return "not booked"
    day = short_day(moment.date(), session.started.date())
    text = f"{day}, {moment.hour:02d}:{moment.minute:02d}"
    minutes = session.next_session_minutes
    return f"{text} ({minutes} min)" if minutes else text
