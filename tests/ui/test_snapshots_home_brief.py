"""Snapshots of Home, the brief, the new-client form and search, at 80×24 and 120×40.

The app runs on the demo history seeded at FIXED_NOW with a frozen clock, so every run
draws the same picture. Update with ``pytest tests/ui/test_snapshots_home_brief.py
--snapshot-update`` and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from sessionpad.ui.app import SessionpadApp
from tests.conftest import FIXED_NOW, FakeClock

SMALL = (80, 24)
LARGE = (120, 40)


def snapshot_app(store: Store) -> SessionpadApp:
    """The app as a coach sees it, minus what varies between runs: the clock and signals."""
    return SessionpadApp(store, handle_signals=False, clock=FakeClock(FIXED_NOW))


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "data") as store:
        seed_demo(store, now=FIXED_NOW)
        yield store


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "data") as store:
        yield store


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_home(snap_compare, seeded: Store, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_app(seeded), terminal_size=size)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_brief(snap_compare, seeded: Store, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_app(seeded), terminal_size=size, press=["enter"])


def test_brief_light_theme(snap_compare, seeded: Store) -> None:
    async def light(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(
        snapshot_app(seeded), terminal_size=SMALL, press=["enter"], run_before=light
    )


def test_home_empty(snap_compare, empty: Store) -> None:
    assert snap_compare(snapshot_app(empty), terminal_size=SMALL)


def test_new_client_form(snap_compare, seeded: Store) -> None:
    assert snap_compare(snapshot_app(seeded), terminal_size=SMALL, press=["n"])


def test_search_results(snap_compare, seeded: Store) -> None:
    async def search(pilot: Pilot) -> None:
        await pilot.press("s", *"energy", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()

    assert snap_compare(snapshot_app(seeded), terminal_size=SMALL, run_before=search)
