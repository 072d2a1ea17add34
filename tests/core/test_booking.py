"""Booking the next session: the phrase, the end of a session, and daylight saving."""

from __future__ import annotations

import time as time_module
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from sessionpad.core.booking import (
    Booking,
    BookingError,
    check_ahead,
    is_not_booked,
    parse_booking,
)
from sessionpad.core.exporting import next_session_ics
from sessionpad.core.live import LiveSession
from sessionpad.core.models import Audience, Client
from sessionpad.core.summary import render_markdown
from tests.conftest import FakeClock

FRIDAY = date(2026, 11, 27)
MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("phrase", "today", "booking"),
    [
        ("next friday 2pm", FRIDAY, Booking(date(2026, 12, 4), time(14, 0))),
        ("next friday 2pm", MONDAY, Booking(date(2026, 12, 4), time(14, 0))),
        ("friday 2pm", MONDAY, Booking(date(2026, 11, 27), time(14, 0))),
        ("fri 2:30pm", FRIDAY, Booking(date(2026, 12, 4), time(14, 30))),
        ("tue at 9am", FRIDAY, Booking(date(2026, 12, 1), time(9, 0))),
        ("friday 12am", FRIDAY, Booking(date(2026, 12, 4), time(0, 0))),
        ("friday 14:00 45 min", FRIDAY, Booking(date(2026, 12, 4), time(14, 0), 45)),
        ("2026-12-04 10:30", FRIDAY, Booking(date(2026, 12, 4), time(10, 30))),
        ("next week", FRIDAY, Booking(date(2026, 11, 30))),  # Monday of next week (SPEC §4)
    ],
)
def test_booking_phrases(phrase: str, today: date, booking: Booking) -> None:
    assert parse_booking(phrase, today) == booking


@pytest.mark.parametrize("phrase", ["fridya 2pm", "friday 13pm", "friday 25:00", "yesterday"])
def test_unreadable_booking_is_one_line(phrase: str) -> None:
    with pytest.raises(BookingError) as caught:
        parse_booking(phrase, FRIDAY)
    assert "\n" not in str(caught.value) and str(caught.value)


@pytest.mark.parametrize("phrase", ["", "  ", "not booked", "Not Booked", "none", "-"])
def test_not_booked(phrase: str) -> None:
    assert is_not_booked(phrase)


# ── ending invents nothing ────────────────────────────────────────────────────


def test_ending_without_booking_leaves_no_next_session(store, clock) -> None:
    dana = Client("Dana Reyes", preferred_name="Dana")
    store.save_client(dana)
    live = LiveSession.start(store, dana, 60, clock=clock)
    live.capture("* the deadline is self-imposed")
    live.end()
    session = store.load_session(live.session.id)
    assert session.next_session is None
    assert "Next session" not in render_markdown(live.summary_context(), Audience.CLIENT)
    with pytest.raises(ValueError, match="nothing to invite"):
        next_session_ics(live.summary_context())


def test_clearing_a_booking_is_on_disk(store, clock) -> None:
    dana = Client("Dana Reyes")
    store.save_client(dana)
    live = LiveSession.start(store, dana, 60, clock=clock)
    live.capture("/book friday 15:00")
    assert store.load_session(live.session.id).next_session is not None
    live.clear_booking()
    live.end()
    assert store.load_session(live.session.id).next_session is None


# ── daylight saving ───────────────────────────────────────────────────────────


@pytest.fixture
def zone(monkeypatch) -> Iterator[callable]:
    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time_module.tzset()

    yield use
    monkeypatch.undo()
    time_module.tzset()


def local(*args: int) -> datetime:
    """A wall-clock time in the zone TZ names, aware (as now_local() makes them)."""
    return datetime(*args).astimezone()


@pytest.mark.parametrize(
    ("tz", "held", "booked", "expected_utc"),
    [
        # New York springs forward on Sun 8 Mar 2026: 10:00 EDT is 14:00Z (not 15:00Z).
        ("America/New_York", (2026, 3, 2, 10), (date(2026, 3, 9), time(10)), "20260309T140000Z"),
        # Berlin falls back on Sun 25 Oct 2026: 10:00 CET is 09:00Z (not 08:00Z).
        ("Europe/Berlin", (2026, 10, 20, 10), (date(2026, 10, 27), time(10)), "20261027T090000Z"),
    ],
)
def test_invite_keeps_the_local_hour_across_a_dst_change(
    store, zone, tz, held, booked, expected_utc
) -> None:
    zone(tz)
    dana = Client("Dana Reyes")
    store.save_client(dana)
    clock = FakeClock(local(*held))
    live = LiveSession.start(store, dana, 60, clock=clock)
    live.book_next(*booked, None)
    clock.advance(minutes=60)
    live.end()
    saved = store.load_session(live.session.id)
    assert saved.next_session.astimezone().hour == 10
    assert f"DTSTART:{expected_utc}" in next_session_ics(live.summary_context())


def test_booking_with_no_time_carries_the_hour_across_dst(store, zone) -> None:
    zone("America/New_York")
    dana = Client("Dana Reyes")
    store.save_client(dana)
    live = LiveSession.start(store, dana, 60, clock=FakeClock(local(2026, 3, 2, 10)))
    live.capture("/book 2026-03-09")
    moment = store.load_session(live.session.id).next_session
    assert moment.astimezone(UTC) == datetime(2026, 3, 9, 14, 0, tzinfo=UTC)


def test_a_session_recorded_in_another_zone_keeps_its_offset(store, zone) -> None:
    zone("UTC")
    dana = Client("Dana Reyes")
    store.save_client(dana)
    live = LiveSession.start(store, dana, 60, clock=FakeClock())  # FIXED_NOW is UTC+1
    live.capture("/book friday 15:00")
    moment = store.load_session(live.session.id).next_session
    assert moment.astimezone(UTC) == datetime(2026, 12, 4, 14, 0, tzinfo=UTC)


# Found by an attacker's review: each booked a next session that could not happen.
NOW = datetime(2026, 11, 27, 15, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.mark.parametrize(
    ("booking", "said"),
    [
        (Booking(date(2026, 11, 27)), "add a time later today"),  # "in 0 days"
        (Booking(date(2026, 11, 27), time(1, 0)), "has already passed"),  # "today 1am"
        (Booking(date(2026, 11, 20), time(14, 0)), "has already passed"),
        (Booking(date(2027, 12, 1)), "more than a year ahead"),
    ],
)
def test_a_next_session_must_lie_ahead(booking: Booking, said: str) -> None:
    with pytest.raises(BookingError) as refused:
        check_ahead(booking, NOW)
    assert said in str(refused.value)


@pytest.mark.parametrize(
    "booking", [Booking(date(2026, 11, 27), time(17, 0)), Booking(date(2026, 12, 4), None, 45)]
)
def test_a_booking_ahead_is_accepted(booking: Booking) -> None:
    check_ahead(booking, NOW)


def test_a_day_long_booking_is_refused() -> None:
    with pytest.raises(BookingError) as refused:
        parse_booking("friday 2pm 1440 min", FRIDAY)
    assert "480" in str(refused.value)
