"""A paste into any field arrives cleaned: no escape sequence or control character."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from sessionpad.core.sanitize import joined_lines
from sessionpad.ui.screens.pit_stop import PitStopScreen
from tests.ui.conftest import live_room

HOSTILE = "calm \x1b]52;c;ZXZpbA==\x07then \x1b[7mloud\x1b[0m\x11 end"


async def test_a_paste_into_a_pit_stop_field_is_cleaned(demo_store, make_app):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, _screen):
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, PitStopScreen)
        await pilot.press("7", "enter")
        working = app.screen.query_one("#working", Input)
        assert app.focused is working
        app.post_message(events.Paste(HOSTILE))
        await pilot.pause()
        assert working.value == "calm then loud end"


async def test_a_multi_line_paste_into_a_one_line_field_keeps_every_line(demo_store, make_app):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, _screen):
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("7", "enter")
        working = app.screen.query_one("#working", Input)
        app.post_message(events.Paste("naming the fear\r\n  out loud\n\nhelped\n"))
        await pilot.pause()
        assert working.value == "naming the fear out loud helped"


def test_joined_lines_keeps_words_and_drops_only_breaks():
    assert joined_lines("one\n two \t\n\nthree") == "one two three"
    assert joined_lines("\nsingle line kept as is  \n") == "single line kept as is  "
