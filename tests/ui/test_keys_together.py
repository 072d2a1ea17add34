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
        # set aside, not in front of the line after it; the reason stays on show
        bar = screen.query_one(CaptureBar)
        assert (bar.value, bar.set_aside) == ("", ["/frobnicate"])
        assert screen.query_one("#bar-message").has_class("error")
        assert "frobnicate" in bar_message(app) and "set aside" in bar_message(app)

        await pilot.press("up")
        assert bar.value == "/frobnicate"
        bar.value = "fixed: a third note"  # the coach rewrites it
        await pilot.press("enter")
        await settle(pilot)
        assert not screen.query_one("#bar-message").has_class("error")
        saved, _ = on_disk(data_dir, screen.live.session.id)
        assert saved.entries[-1].text == "fixed: a third note"


async def test_a_refused_line_is_set_aside_not_merged_into_the_next(demo_store, data_dir, make_app):
    """An attacker's review: the refused line came back in front of the private note sent
    after it, the next enter saved both as one client promise, and the private text reached
    the client's summary."""
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        keys_at_once(pilot, "! call mom by fridya", "~ she hates her boss", "next note")
        await settle(pilot)
        saved, _ = on_disk(data_dir, screen.live.session.id)
        assert [(e.kind.value, e.text) for e in saved.entries] == [
            ("private", "she hates her boss"),
            ("note", "next note"),
        ]
        bar = screen.query_one(CaptureBar)
        assert bar.value == ""
        assert "set aside" in bar_message(app) and "fridya" in bar_message(app)
        await pilot.press("up")  # what the coach typed last comes back first
        assert bar.value == "! call mom by fridya"


async def test_a_refused_line_is_set_aside_while_the_next_is_typed(demo_store, data_dir, make_app):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        keys_at_once(pilot, "! call HR by fridya", "and then", enter_after_last=False)
        await settle(pilot)
        bar = screen.query_one(CaptureBar)
        assert bar.value == "and then"
        assert bar.set_aside == ["! call HR by fridya"]
        saved, _ = on_disk(data_dir, screen.live.session.id)
        assert saved.entries == []


async def test_editing_keys_sent_with_text_apply_where_they_were_typed(
    demo_store, data_dir, make_app
):
    """Backspace and arrows are bindings, which Textual ran after the text that followed."""
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        for key, character in [
            *[(c if c != " " else "space", c) for c in "she said teh"],
            *[("backspace", None)] * 3,
            *[(c if c != " " else "space", c) for c in "the plan"],
            ("enter", "\r"),
            *[(c if c != " " else "space", c) for c in "x is 10"],
            ("left", None),
            ("left", None),
            *[(c if c != " " else "space", c) for c in "not "],
            ("enter", "\r"),
        ]:
            pilot.app.post_message(events.Key(key, character))
        await settle(pilot)
        saved, _ = on_disk(data_dir, screen.live.session.id)
        assert [e.text for e in saved.entries] == ["she said the plan", "x is not 10"]


async def test_a_line_typed_after_edit_n_is_a_line_of_its_own(demo_store, data_dir, make_app):
    """An attacker's review: '/edit 1' then 'a brand new note' in one burst saved the new
    note over entry 1."""
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        keys_at_once(pilot, "important first note")
        await settle(pilot)
        keys_at_once(pilot, "/edit 1", "a brand new note")
        await settle(pilot)
        saved, _ = on_disk(data_dir, screen.live.session.id)
        assert [e.text for e in saved.entries] == ["important first note", "a brand new note"]
        bar = screen.query_one(CaptureBar)
        assert (bar.value, bar.editing) == ("important first note", 1)  # what /edit 1 asked
        await pilot.press("escape")

        keys_at_once(pilot, "/edit 1", "typing something else", enter_after_last=False)
        await settle(pilot)
        assert (bar.value, bar.editing) == ("typing something else", None)  # never swapped
        assert "edit again" in bar_message(app)


async def test_undo_in_a_burst_takes_back_the_line_before_it(demo_store, data_dir, make_app):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        keys_at_once(pilot, "aaa", "bbb")
        pilot.app.post_message(events.Key("ctrl+z", None))
        keys_at_once(pilot, "ccc", "ddd")
        await settle(pilot)
        saved, _ = on_disk(data_dir, screen.live.session.id)
        assert [e.text for e in saved.entries] == ["aaa", "ccc", "ddd"]


async def test_a_blank_enter_saves_nothing_and_keeps_the_spaces(demo_store, data_dir, make_app):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        keys_at_once(pilot, "   ")
        await settle(pilot)
        saved, _ = on_disk(data_dir, screen.live.session.id)
        assert saved.entries == []
        assert screen.query_one(CaptureBar).value == "   "


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
