"""Snapshots of the live room and its dialogs at 80×24 and 120×40.

The clock is frozen (FIXED_NOW) and moved by hand, so every run paints the same screen.
Update with ``pytest tests/ui --snapshot-update`` after a deliberate change, and look at
the report before committing.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from sessionpad.ui.widgets.capture_bar import CaptureBar
from tests.conftest import FakeClock

SCRIPT = (
    (1, "Arrived energised #energy"),
    (2, "/agree sponsor"),
    (1, "? What would make this hour worth it?"),
    (4, "! draft the delegation plan by friday"),
    (1, "!me send the calendar invite by tomorrow"),
    (2, "* the deadline is self-imposed #deadlines"),
    (1, "~ seemed tired; go gently"),
    (3, "/kept 3"),
)


def live_app(demo_store, make_app):
    dana = demo_store.find_client("Dana")
    return make_app(demo_store, start_client=dana.id)


async def fill_session(pilot: Pilot, clock: FakeClock) -> None:
    await pilot.pause()
    bar = pilot.app.screen.query_one(CaptureBar)
    for minutes, line in SCRIPT:
        clock.advance(minutes=minutes)
        bar.value = line
        await pilot.press("enter")
    clock.advance(minutes=2, seconds=30)
    pilot.app.screen._tick()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_live_room(snap_compare, demo_store, make_app, clock, size):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)

    assert snap_compare(live_app(demo_store, make_app), terminal_size=size, run_before=run_before)


def test_live_room_promises_panel(snap_compare, demo_store, make_app, clock):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)
        await pilot.press("ctrl+t", "ctrl+t")

    assert snap_compare(
        live_app(demo_store, make_app), terminal_size=(80, 24), run_before=run_before
    )


def test_live_room_alliance_panel(snap_compare, demo_store, make_app, clock):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)
        await pilot.press("ctrl+t")

    assert snap_compare(
        live_app(demo_store, make_app), terminal_size=(80, 24), run_before=run_before
    )


def test_pit_stop_modal(snap_compare, demo_store, make_app, clock):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)
        await pilot.press("ctrl+g")
        await pilot.press("7")

    assert snap_compare(
        live_app(demo_store, make_app), terminal_size=(80, 24), run_before=run_before
    )


def test_end_and_resolve(snap_compare, demo_store, make_app, clock):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)
        await pilot.press("f10")
        await pilot.press("k", "down", "m")

    assert snap_compare(
        live_app(demo_store, make_app), terminal_size=(80, 24), run_before=run_before
    )


@pytest.mark.parametrize("audience_keys", [(), ("a",)], ids=["client", "coach"])
def test_summary_screen(snap_compare, demo_store, make_app, clock, audience_keys):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)
        await pilot.press("f10", "ctrl+s")
        await pilot.pause()
        await pilot.press(*audience_keys)

    assert snap_compare(
        live_app(demo_store, make_app), terminal_size=(80, 24), run_before=run_before
    )


def test_privacy_mode(snap_compare, demo_store, make_app, clock):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)
        await pilot.press(*"typed while hidden")
        await pilot.press("ctrl+o")

    assert snap_compare(
        live_app(demo_store, make_app), terminal_size=(80, 24), run_before=run_before
    )


def test_help_screen(snap_compare, demo_store, make_app, clock):
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("f1")

    assert snap_compare(
        live_app(demo_store, make_app), terminal_size=(80, 24), run_before=run_before
    )


def test_live_room_light_theme(snap_compare, demo_store, make_app, clock):
    async def run_before(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await fill_session(pilot, clock)
        await pilot.press("ctrl+t", "ctrl+t")

    assert snap_compare(
        live_app(demo_store, make_app), terminal_size=(80, 24), run_before=run_before
    )
