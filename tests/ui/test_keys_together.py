"""Keys that arrive in one read (a fast typist over ssh, ``tmux send-keys a Enter b Enter``).

Pilot's ``press`` waits for the app to go idle after every key, which hides the bug; here
every key event is posted to the app at once, as the terminal driver does for one read.
"""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot

from sessionpad.ui.widgets.capture_bar import CaptureBar
from tests.ui.conftest import live_room
from tests.ui.test_live_session import bar_message, on_disk


def keys_at_once(pilot: Pilot, *lines: str, enter_after_last: bool = True) -> None:
    """Post every key of ``lines`` (enter between them) to the app without waiting."""
    for number, line in enumerate(lines, start=1):
        for character in line:
            key = "space" if character == " " else character
            pilot.app.post_message(events.Key(key, character))
        if number < len(lines) or enter_after_last:
            pilot.app.post_message(events.Key("enter", "\r"))


async def settle(pilot: Pilot) -> None:
    for _ in range(3):
        await pilot.pause()


async def test_lines_sent_together_are_saved_each_once_in_order(demo_store, data_dir, make_app):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        keys_at_once(pilot, "alpha one", "beta two", "delta four", "epsilon five")
        await settle(pilot)
        saved, _ = on_disk(data_dir, screen.live.session.id)
        assert [e.text for e in saved.entries] == [
            "alpha one",
            "beta two",
            "delta four",
            "epsilon five",
        ]
        assert screen.query_one(CaptureBar).value == ""


async def test_a_refused_line_comes_back_and_later_lines_still_save(demo_store, data_dir, make_app):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        keys_at_once(pilot, "first note", "/frobnicate", "second note")
        await settle(pilot)
        saved, _ = on_disk(data_dir, screen.live.session.id)
        assert [e.text for e in saved.entries] == ["first note", "second note"]
        assert screen.query_one(CaptureBar).value == "/frobnicate"
        # the reason stays on show, though a line after it was saved
        assert screen.query_one("#bar-message").has_class("error")
        assert "frobnicate" in bar_message(app)

        screen.query_one(CaptureBar).value = "fixed: a third note"  # the coach rewrites it
        await pilot.press("enter")
        await settle(pilot)
        assert not screen.query_one("#bar-message").has_class("error")
        saved, _ = on_disk(data_dir, screen.live.session.id)
        assert saved.entries[-1].text == "fixed: a third note"


async def test_a_refused_line_goes_in_front_of_what_was_typed_since(demo_store, data_dir, make_app):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        keys_at_once(pilot, "! call HR by fridya", "and then", enter_after_last=False)
        await settle(pilot)
        bar = screen.query_one(CaptureBar)
        assert bar.value == "! call HR by fridya and then"
        assert bar.cursor_position == len(bar.value)  # where the typing goes on
        saved, _ = on_disk(data_dir, screen.live.session.id)
        assert saved.entries == []


async def test_a_blank_enter_saves_nothing_and_keeps_the_spaces(demo_store, data_dir, make_app):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        keys_at_once(pilot, "   ")
        await settle(pilot)
        saved, _ = on_disk(data_dir, screen.live.session.id)
        assert saved.entries == []
        assert screen.query_one(CaptureBar).value == "   "


async def test_keys_still_arriving_after_a_refusal_land_where_the_typing_is(
    demo_store, data_dir, make_app
):
    """Seen in tmux: the refusal came back while 'marker' was half typed, and the rest of
    the word landed in the middle of the returned line ('planrker ma')."""
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (_pilot, screen):
        bar = screen.query_one(CaptureBar)
        bar.insert_text_at_cursor("ma")
        bar.give_back("/frobnicate the plan")
        bar.insert_text_at_cursor("rker")
        assert bar.value == "/frobnicate the plan marker"


async def test_enter_shows_the_cursor_solid_like_any_other_key(demo_store, make_app):
    """Without it the cursor's blink phase after enter was left to chance (a flaky snapshot)."""
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        bar = screen.query_one(CaptureBar)
        bar.value = "a note"
        bar._cursor_visible = False
        await pilot.press("enter")
        assert bar.value == ""
        assert bar._cursor_visible
