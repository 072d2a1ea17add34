"""An interrupted session is offered for resuming; declining closes it and starts afresh."""

from __future__ import annotations

from sessionpad.core.live import LiveSession
from sessionpad.core.models import SessionStatus
from sessionpad.storage.store import Store
from sessionpad.ui.screens.live import LiveScreen
from sessionpad.ui.screens.resume import ResumeScreen


def interrupted_session(store: Store, clock) -> str:
    dana = store.find_client("Dana")
    live = LiveSession.start(store, dana, 60, clock=clock)
    live.capture("said before the terminal closed")
    live.capture("! send the plan by friday")
    live.mark_interrupted()
    return live.session.id


async def test_resume_keeps_every_entry(demo_store, data_dir, make_app, clock):
    session_id = interrupted_session(demo_store, clock)
    clock.advance(minutes=20)
    app = make_app(demo_store, start_client=demo_store.find_client("Dana").id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        assert screen.live.session.id == session_id
        assert [e.text for e in screen.live.session.entries] == [
            "said before the terminal closed",
            "send the plan",
        ]
        assert len(screen.query_one("#timeline").options) == 2
        with Store.open(data_dir, read_only=True) as reader:
            assert reader.load_session(session_id).status is SessionStatus.LIVE


async def test_declining_ends_the_old_one_and_starts_fresh(demo_store, data_dir, make_app, clock):
    old_id = interrupted_session(demo_store, clock)
    app = make_app(demo_store, start_client=demo_store.find_client("Dana").id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        assert screen.live.session.id != old_id
        assert screen.live.session.entries == []
    with Store.open(data_dir, read_only=True) as reader:
        old = reader.load_session(old_id)
        assert old.status is SessionStatus.ENDED
        assert len(old.entries) == 2


async def test_cancelling_the_offer_shows_home(demo_store, make_app, clock):
    from sessionpad.ui.screens.home import HomeScreen

    interrupted_session(demo_store, clock)
    app = make_app(demo_store, start_client=demo_store.find_client("Dana").id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
