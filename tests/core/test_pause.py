"""The session clock stands while paused; the pause is on disk, so a resume keeps it."""

from __future__ import annotations

import pytest

from sessionpad.core.lengths import minutes_so_far
from sessionpad.core.live import Action, LiveSession
from sessionpad.core.models import Client, Session
from sessionpad.core.validate import InvalidRecord, check_session_header
from sessionpad.storage.store import Store
from tests.conftest import FakeClock


@pytest.fixture
def dana(store: Store) -> Client:
    client = Client(name="Dana Reyes", preferred_name="Dana", pronouns="she/her")
    store.save_client(client)
    return client


def test_paused_minutes_leave_the_elapsed_time(store, dana, clock: FakeClock):
    live = LiveSession.start(store, dana, 60, clock=clock)
    clock.advance(minutes=10)
    outcome = live.execute(live_command("/pause", live))
    assert outcome.action is Action.CLOCK and live.paused
    clock.advance(minutes=6)
    assert live.elapsed_minutes() == pytest.approx(10)
    assert live.minutes_over() == 0
    live.toggle_pause()
    clock.advance(minutes=55)
    assert live.elapsed_minutes() == pytest.approx(65)
    assert live.minutes_over() == pytest.approx(5)


def test_ending_while_paused_closes_the_pause(store, dana, clock: FakeClock):
    live = LiveSession.start(store, dana, 60, clock=clock)
    clock.advance(minutes=10)
    live.toggle_pause()
    clock.advance(minutes=3)
    live.end()
    stored = store.load_session(live.session.id)
    assert stored.paused_since is None
    assert stored.paused_minutes == pytest.approx(3)


def test_a_header_round_trips_and_a_negative_pause_is_refused(dana, clock: FakeClock):
    session = Session(client_id=dana.id, planned_minutes=60, started=clock(), phases=[])
    session.paused_minutes = 2.5
    session.paused_since = clock()
    raw = session.header_dict()
    check_session_header(raw)
    back = Session.from_dict(raw)
    assert (back.paused_minutes, back.paused_since) == (2.5, clock())
    with pytest.raises(InvalidRecord):
        check_session_header({**raw, "paused_minutes": -1})


def live_command(line: str, live: LiveSession):
    from sessionpad.core.capture import parse_capture

    return parse_capture(line, live.today)


def test_time_away_after_leaving_is_not_session_time(store, dana, clock: FakeClock):
    live = LiveSession.start(store, dana, 60, clock=clock)
    live.capture("first")
    clock.advance(minutes=12)
    live.mark_interrupted()
    clock.advance(minutes=20 * 60)
    again = LiveSession.resume(store, live.session.id, clock=clock)
    assert not again.paused
    assert again.elapsed_minutes() == pytest.approx(12)
    assert store.load_session(live.session.id).paused_since is None


def test_a_session_left_while_paused_resumes_running_from_where_it_stood(
    store, dana, clock: FakeClock
):
    live = LiveSession.start(store, dana, 60, clock=clock)
    clock.advance(minutes=30)
    live.toggle_pause()
    clock.advance(minutes=5)
    live.mark_interrupted()
    assert minutes_so_far(store.load_session(live.session.id)) == 30
    clock.advance(minutes=90)
    again = LiveSession.resume(store, live.session.id, clock=clock)
    assert not again.paused
    assert again.elapsed_minutes() == pytest.approx(30)
