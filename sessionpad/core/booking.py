"""Booking the next session: the coach's phrase → a day, a time and a length, and the
aware moment that phrase means on that day.

Decisions:
- :func:`parse_booking` is the one place the end screen reads a booking phrase. It goes
  through the capture bar's ``/book`` grammar (``core/when.py`` underneath), so the live
  room and the end screen accept the same words, times included.
- :func:`local_moment` builds the wall-clock time *for the booked date*: a session held
  before a daylight-saving change and booked for a date after it keeps its 10:00. The
  machine's zone is trusted only when it agrees with the offset the session was recorded
  in; otherwise (a session recorded elsewhere) that recorded offset is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from sessionpad.core import capture as cap
from sessionpad.core.models import Session
from sessionpad.core.sanitize import one_line
from sessionpad.core.when import short_day

NOT_BOOKED_WORDS = frozenset({"", "not booked", "none", "no", "-"})
EXAMPLE = "next friday 2pm or fri 14:00 45 min"
BOOKING_HORIZON_DAYS = 366


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
    try:
        parsed = cap.parse_capture(f"/book {phrase.strip()}", today)
    except cap.CaptureError as error:
        if "/book" in error.message:  # the grammar's usage line names a command: not here
            reason = error.message.partition(" — ")[2]
            if "minutes" in reason:  # the length was read, and is out of range
                raise BookingError(f"{one_line(phrase, 40)}: {reason}") from None
            raise BookingError(_unreadable(phrase)) from None
        raise BookingError(error.message) from None
    if not isinstance(parsed, cap.BookNext):
        raise BookingError(_unreadable(phrase))
    return Booking(parsed.day, parsed.time, parsed.minutes)


def check_ahead(booking: Booking, now: datetime) -> None:
    """A next session lies ahead of ``now`` and within a year: else :class:`BookingError`.

    A booking for today needs a time still to come (without one it would take this
    session's start hour, which has passed).
    """
    today = now.date()
    passed = booking.day < today or (
        booking.day == today
        and (booking.time is None or booking.time <= now.time().replace(tzinfo=None))
    )
    if passed:
        when = short_day(booking.day, today)
        at = f", {booking.time:%H:%M}" if booking.time is not None else ""
        hint = "add a time later today" if booking.day == today and at == "" else "pick a later one"
        raise BookingError(f"{when}{at} has already passed — {hint}")
    if booking.day > today + timedelta(days=BOOKING_HORIZON_DAYS):
        raise BookingError(f"{short_day(booking.day, today)} is more than a year ahead")


def _unreadable(phrase: str) -> str:
    return f'"{one_line(phrase, 40)}" isn\'t a day and time I can read — try {EXAMPLE}'


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
