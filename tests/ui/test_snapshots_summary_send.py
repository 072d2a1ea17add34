"""Snapshots at 80×24: the end screen's booking step, the plain-text summary, settings.

Update with ``pytest tests/ui --snapshot-update`` after a deliberate change, and look at
the report before committing.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from sessionpad.core.settings import CoachSettings
from tests.ui.test_snapshots_live import fill_session, live_app

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def no_editor(monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)


def test_end_screen_booking_step(snap_compare, demo_store, make_app, clock):
    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)
        await pilot.press("f10", "k", "b", *"next friday 2pm", "enter")

    assert snap_compare(live_app(demo_store, make_app), terminal_size=SIZE, run_before=run_before)


def test_plain_text_summary(snap_compare, demo_store, make_app, clock):
    demo_store.save_settings(CoachSettings("Sam Okafor", "Hi {name},", "Warm wishes,"))

    async def run_before(pilot: Pilot) -> None:
        await fill_session(pilot, clock)
        await pilot.press("f10", "b", *"next friday 2pm", "enter", "ctrl+s")
        await pilot.pause()
        await pilot.press("t")

    assert snap_compare(live_app(demo_store, make_app), terminal_size=SIZE, run_before=run_before)


def test_settings_screen(snap_compare, demo_store, make_app):
    demo_store.save_settings(CoachSettings("Sam Okafor", "Dear {name},", "Warm wishes,"))

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("comma")

    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=run_before)
