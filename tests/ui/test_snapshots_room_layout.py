"""Snapshots of the live room at 60×20, 80×24 and 120×40: a full timeline, the curtain
with text typed behind it, and a message longer than one line (issue 10)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.ui.test_snapshots_live import fill_session, live_app

SIZES = [(60, 20), (80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=["60x20", "80x24", "120x40"])
def test_live_room_at_each_size(snap_compare, demo_store, make_app, clock, size):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)

    assert snap_compare(live_app(demo_store, make_app), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["60x20", "80x24", "120x40"])
def test_curtain_with_typed_text(snap_compare, demo_store, make_app, clock, size):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)
        await pilot.press(*"~ worried about")
        await pilot.press("ctrl+o")
        await pilot.press(*" the merger")

    assert snap_compare(live_app(demo_store, make_app), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["60x20", "80x24", "120x40"])
def test_a_long_message(snap_compare, demo_store, make_app, clock, size):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)
        await pilot.press(*"/phase x", "enter")

    assert snap_compare(live_app(demo_store, make_app), terminal_size=size, run_before=run_before)


def test_a_long_message_opened_in_full(snap_compare, demo_store, make_app, clock):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)
        await pilot.press(*"/agree c", "enter", "f3")

    assert snap_compare(
        live_app(demo_store, make_app), terminal_size=(60, 20), run_before=run_before
    )
