"""Leaving a live session on purpose: ctrl+q asks first, and the terminal says what waits."""

from __future__ import annotations

from sessionpad.core.live import LiveSession
from sessionpad.core.models import SessionStatus
from sessionpad.storage.store import Store
from sessionpad.ui.screens.end import EndScreen
from sessionpad.ui.screens.leave import LeaveScreen
from sessionpad.ui.screens.live import LiveScreen
from sessionpad.ui.screens.resume import ResumeScreen
from tests.conftest import FakeClock
from tests.ui.conftest import live_room


def dana_app(demo_store: Store, make_app):
    return make_app(demo_store, start_client=demo_store.find_client("Dana").id)


def statuses(store: Store, client_id: str) -> list[tuple[int, SessionStatus, int]]:
    return [
        (h.number, h.status, len(store.load_session(h.id).entries))
        for h in store.session_headers(client_id)
    ]


async def test_ctrl_q_mid_session_asks_instead_of_quitting(demo_store, make_app, clock):
    app = dana_app(demo_store, make_app)
    async with live_room(app) as (pilot, screen):
        screen.query_one("#capture").value = "arrived late"
        await pilot.press("enter")
        clock.advance(minutes=12)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, LeaveScreen)
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.live.session.status is SessionStatus.LIVE
        assert app.focused is screen.query_one("#capture")


async def test_leaving_for_later_keeps_it_resumable_and_says_so(demo_store, make_app, clock):
    dana = demo_store.find_client("Dana")
    app = dana_app(demo_store, make_app)
    async with live_room(app) as (pilot, screen):
        screen.query_one("#capture").value = "arrived late"
        await pilot.press("enter")
        session = screen.live.session
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
    assert demo_store.load_session(session.id).status is SessionStatus.INTERRUPTED
    assert app.farewell == (
        f"Unfinished: session {session.number} with Dana Reyes. Resume: sessionpad start 'Dana Reyes'"
    )
    assert (session.number, SessionStatus.INTERRUPTED, 1) in statuses(demo_store, dana.id)


async def test_a_second_ctrl_q_leaves_for_later(demo_store, make_app, clock):
    app = dana_app(demo_store, make_app)
    async with live_room(app) as (pilot, screen):
        screen.query_one("#capture").value = "arrived late"
        await pilot.press("enter")
        session = screen.live.session
        await pilot.press("ctrl+q", "ctrl+q")
        await pilot.pause()
    assert demo_store.load_session(session.id).status is SessionStatus.INTERRUPTED
    assert app.farewell is not None and "Dana Reyes" in app.farewell


async def test_end_from_the_leave_dialog_opens_the_end_of_session(demo_store, make_app, clock):
    app = dana_app(demo_store, make_app)
    async with live_room(app) as (pilot, screen):
        screen.query_one("#capture").value = "arrived late"
        await pilot.press("enter")
        await pilot.press("ctrl+g")  # the pit-stop is open when the coach decides to leave
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)


async def test_leaving_an_empty_session_keeps_no_record_of_it(demo_store, make_app, clock):
    dana = demo_store.find_client("Dana")
    before = statuses(demo_store, dana.id)
    app = dana_app(demo_store, make_app)
    async with live_room(app) as (pilot, _screen):
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
    assert statuses(demo_store, dana.id) == before
    assert app.farewell is None


async def test_quitting_from_home_still_says_what_waits(demo_store, make_app, clock: FakeClock):
    live = LiveSession.start(demo_store, demo_store.find_client("Dana"), 60, clock=clock)
    live.capture("said before the terminal closed")
    live.mark_interrupted()
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.farewell is not None and "sessionpad start 'Dana Reyes'" in app.farewell


async def test_the_resume_offer_names_the_client_and_its_length(demo_store, make_app, clock):
    live = LiveSession.start(demo_store, demo_store.find_client("Dana"), 60, clock=clock)
    live.capture("first thing")
    clock.advance(minutes=17)
    live.capture("last thing before the terminal closed")
    live.mark_interrupted()
    clock.advance(minutes=40)
    app = dana_app(demo_store, make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "with Dana Reyes" in text
        assert "17 min so far" in text


async def test_declining_an_empty_unfinished_session_discards_it(demo_store, make_app, clock):
    dana = demo_store.find_client("Dana")
    before = statuses(demo_store, dana.id)
    empty = LiveSession.start(demo_store, dana, 60, clock=clock)
    empty.mark_interrupted()
    app = dana_app(demo_store, make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        fresh = app.screen.live.session
    after = statuses(demo_store, dana.id)
    assert after[:-1] == before
    assert after[-1][0] == fresh.number == empty.session.number
    assert not demo_store.has_session(empty.session.id)
