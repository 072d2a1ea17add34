"""Snapshots of correcting the record: the numbered timeline with a line selected, the bar
editing an entry in place, and a finished session's corrections screen (80×24)."""

from __future__ import annotations

from textual.pilot import Pilot

from sessionpad.ui import messages
from tests.ui.test_snapshots_live import fill_session, live_app


def test_timeline_with_numbers_and_a_selected_line(snap_compare, demo_store, make_app, clock):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)
        await pilot.press("f2", "up", "up")
        await pilot.pause()

    assert snap_compare(
        live_app(demo_store, make_app), terminal_size=(80, 24), run_before=run_before
    )


def test_bar_editing_an_entry_in_place(snap_compare, demo_store, make_app, clock):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)
        await pilot.press("up")
        await pilot.pause()

    assert snap_compare(
        live_app(demo_store, make_app), terminal_size=(80, 24), run_before=run_before
    )


def test_corrections_after_the_session(snap_compare, demo_store, make_app, clock):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)
        live = pilot.app.screen.live
        live.end()
        pilot.app.post_message(messages.ShowSummary(live.session.id))
        await pilot.pause()
        await pilot.press("r", "f2", "up")
        await pilot.pause()

    assert snap_compare(
        live_app(demo_store, make_app), terminal_size=(80, 24), run_before=run_before
    )
