"""Snapshots of the prompt editor, the prompt library and the question coach's note, at 80×24.

The clock is frozen (FIXED_NOW). Update with ``pytest tests/ui --snapshot-update`` after a
deliberate change, and look at the report before committing.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from sessionpad.ui.screens.prompt_library import PromptLibraryScreen
from sessionpad.ui.widgets.capture_bar import CaptureBar


def live_app(demo_store, make_app):
    return make_app(demo_store, start_client=demo_store.find_client("Dana").id)


async def submit(pilot: Pilot, line: str) -> None:
    bar = pilot.app.screen.query_one(CaptureBar)
    bar.value = line
    bar.cursor_position = len(line)
    await pilot.press("enter")
    await pilot.pause()


async def write_in_editor(pilot: Pilot, text: str) -> None:
    field = pilot.app.screen.query_one("#prompt-text", Input)
    field.value = text
    field.cursor_position = len(text)
    await pilot.pause()


def test_prompt_editor_with_a_flagged_question(snap_compare, demo_store, make_app):
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await submit(pilot, "/prompt")
        await write_in_editor(pilot, "Why didn't you just ask for help?")

    assert snap_compare(
        live_app(demo_store, make_app), terminal_size=(80, 24), run_before=run_before
    )


def test_prompt_editor_editing_an_open_question(snap_compare, demo_store, make_app):
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await submit(pilot, "/prompt add What would help you start?")
        await submit(pilot, "/prompt edit")
        await write_in_editor(pilot, "What would help you start this week?")

    assert snap_compare(
        live_app(demo_store, make_app), terminal_size=(80, 24), run_before=run_before
    )


def test_question_note_in_the_live_room(snap_compare, demo_store, make_app):
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await submit(pilot, "? why didn't you finish it?")

    assert snap_compare(
        live_app(demo_store, make_app), terminal_size=(80, 24), run_before=run_before
    )


def test_prompt_library(snap_compare, demo_store, make_app):
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        pilot.app.push_screen(PromptLibraryScreen())
        await pilot.pause()
        await pilot.press("f", "down", "r", "down")
        await pilot.pause()

    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=run_before)
