"""Snapshots: the live room over its time (and paused), the resume offer, the leave dialog.

The clock is frozen and moved by hand. Update with ``--snapshot-update`` after a deliberate
change, and look at the SVGs before committing them.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from sessionpad.core.live import LiveSession
from tests.conftest import FakeClock
from tests.ui.test_snapshots_live import fill_session, live_app

SIZES = [(60, 20), (80, 24), (120, 40)]
IDS = ["60x20", "80x24", "120x40"]


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_live_room_in_overtime(snap_compare, demo_store, make_app, clock: FakeClock, size):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)
        clock.advance(minutes=52)
        pilot.app.screen._tick()
        await pilot.pause()
        # The pit-stop nudge's toast fades on a timer: its frame is down to chance.
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(live_app(demo_store, make_app), terminal_size=size, run_before=run_before)


def test_live_room_paused_in_overtime(snap_compare, demo_store, make_app, clock: FakeClock):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)
        clock.advance(minutes=52)
        await pilot.press("ctrl+space")
        clock.advance(minutes=5)
        pilot.app.screen._tick()
        await pilot.pause()
        pilot.app.clear_notifications()  # a fading toast's frame is down to chance
        await pilot.pause()

    assert snap_compare(
        live_app(demo_store, make_app), terminal_size=(80, 24), run_before=run_before
    )


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_resume_offer(snap_compare, demo_store, make_app, clock: FakeClock, size):
    dana = demo_store.find_client("Dana")
    live = LiveSession.start(demo_store, dana, 60, clock=clock)
    live.capture("arrived tired but keen")
    clock.advance(minutes=23)
    live.capture("! draft the delegation plan by friday")
    live.mark_interrupted()
    clock.advance(minutes=30)
    app = make_app(demo_store, start_client=dana.id)
    assert snap_compare(app, terminal_size=size)


def test_leave_dialog(snap_compare, demo_store, make_app, clock: FakeClock):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)
        await pilot.press("ctrl+q")
        await pilot.pause()

    assert snap_compare(
        live_app(demo_store, make_app), terminal_size=(80, 24), run_before=run_before
    )
