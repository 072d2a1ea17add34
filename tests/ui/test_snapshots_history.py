"""Snapshots of a client's history, a session's page (from the history and from a search
hit) and the session-length dialog, at 80×24 and 120×40, on the demo history with a
frozen clock. Update with ``--snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from tests.ui.test_snapshots_home_brief import LARGE, SMALL, snapshot_app

SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[Store]:
    from tests.conftest import FIXED_NOW

    with Store.open(tmp_path / "data") as store:
        seed_demo(store, now=FIXED_NOW)
        yield store


async def _history(pilot: Pilot) -> None:
    await pilot.pause()  # Home's rows are in
    await pilot.press("enter")  # Dana's brief
    await pilot.pause()
    await pilot.press("h")  # her history
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@SIZES
def test_history_list(snap_compare, seeded: Store, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_app(seeded), terminal_size=size, run_before=_history)


@SIZES
def test_session_page(snap_compare, seeded: Store, size: tuple[int, int]) -> None:
    async def page(pilot: Pilot) -> None:
        await _history(pilot)
        await pilot.press("down", "enter")  # session 2
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(snapshot_app(seeded), terminal_size=size, run_before=page)


def test_session_page_at_a_search_hit(snap_compare, seeded: Store) -> None:
    async def hit(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"delegat", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # the promise in session 2
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(snapshot_app(seeded), terminal_size=SMALL, run_before=hit)


def test_session_length_dialog(snap_compare, seeded: Store) -> None:
    async def length(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("5", "0")
        await pilot.pause()

    assert snap_compare(snapshot_app(seeded), terminal_size=SMALL, run_before=length)
