"""The live room at any size: the timeline keeps its place, messages are whole, the curtain
hides the bar's text, and small terminals keep the keys and panels that matter (issue 10)."""

from __future__ import annotations

import re
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from sessionpad.core.models import EntryKind
from sessionpad.storage.store import Store
from sessionpad.ui.screens.prompt_library import PromptLibraryScreen
from sessionpad.ui.widgets.capture_bar import CaptureBar
from sessionpad.ui.widgets.timeline import TimelineList
from tests.conftest import FakeClock
from tests.ui.conftest import live_room

SCROLLBAR = re.compile(r"[▁▂▃▄▅▆▇█]")


def screen_lines(app) -> list[str]:
    """The screen as the terminal would show it, one string per row."""
    return [
        "".join(segment.text for segment in strip)
        for strip in app.screen._compositor.render_strips()
    ]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def timeline_text(app) -> str:
    """The words inside the timeline pane, its rows joined (borders and scrollbar left out)."""
    region = app.screen.query_one("#timeline-pane").region
    rows = screen_lines(app)[region.y + 1 : region.bottom - 1]
    inner = [SCROLLBAR.sub(" ", row[region.x + 1 : region.right - 1]) for row in rows]
    return " ".join(" ".join(inner).split())


def live_app(demo_store: Store, make_app):
    return make_app(demo_store, start_client=demo_store.find_client("Dana").id)


async def enter(pilot: Pilot, text: str) -> None:
    bar = pilot.app.screen.query_one(CaptureBar)
    bar.value = text
    bar.cursor_position = len(text)
    await pilot.press("enter")
    await pilot.pause()


async def fill(pilot: Pilot, clock: FakeClock, count: int) -> None:
    for number in range(count):
        clock.advance(minutes=1)
        await enter(pilot, f"thought {number} about the move and what it asks of the team")


# ── 1. the timeline keeps its place ─────────────────────────────────────────────


async def test_entries_typed_behind_the_curtain_show_when_it_lifts(demo_store, make_app, clock):
    async with live_room(live_app(demo_store, make_app)) as (pilot, screen):
        await fill(pilot, clock, 12)
        await pilot.press("ctrl+o")
        for number in range(3):
            await enter(pilot, f"behind the curtain {number}")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "behind the curtain 2" in timeline_text(pilot.app)
        assert screen.query_one(TimelineList).following


async def test_after_a_resize_the_newest_entry_is_on_screen(demo_store, make_app, clock):
    async with live_room(live_app(demo_store, make_app), size=(120, 40)) as (pilot, _screen):
        await fill(pilot, clock, 30)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert "thought 29 about the move" in timeline_text(pilot.app)


async def test_the_scrollbar_never_covers_words_wrapped_before_it_came(demo_store, make_app, clock):
    """Textual's OptionList keeps a line as wrapped before its scrollbar appeared: 'sets'
    showed as 'set' under the scrollbar."""
    line = "entry {} we agreed the client sets the pace and we — check in next time"
    async with live_room(live_app(demo_store, make_app)) as (pilot, _screen):
        for number in range(6):
            await enter(pilot, line.format(number))
        shown = timeline_text(pilot.app)
        for number in range(1, 6):
            assert line.format(number) in shown


async def test_scrolled_up_the_timeline_stays_put_and_says_newer_is_below(
    demo_store, make_app, clock
):
    async with live_room(live_app(demo_store, make_app)) as (pilot, screen):
        await fill(pilot, clock, 12)
        timeline = screen.query_one(TimelineList)
        pane = screen.query_one("#timeline-pane")
        timeline.scroll_home(animate=False)
        await pilot.pause()
        assert not timeline.following
        assert "below" in str(pane.border_subtitle)

        await enter(pilot, "said while the coach reads back")
        assert timeline.scroll_y == 0
        assert "said while the coach" not in timeline_text(pilot.app)
        assert "1 new below" in str(pane.border_subtitle)

        await pilot.press("escape")  # back to the newest entry
        await pilot.pause()
        assert timeline.following
        assert not pane.border_subtitle
        assert "said while the coach reads back" in timeline_text(pilot.app)
        await enter(pilot, "and the next one follows")
        assert "and the next one follows" in timeline_text(pilot.app)


# ── 2. messages are whole ───────────────────────────────────────────────────────


def message_on_screen(app) -> str:
    region = app.screen.query_one("#bar-message").region
    rows = screen_lines(app)[region.y : region.bottom]
    return " ".join(" ".join(row[region.x : region.right] for row in rows).split())


async def test_a_candidate_list_wraps_to_a_second_line_whole(demo_store, make_app):
    async with live_room(live_app(demo_store, make_app)) as (pilot, _screen):
        await enter(pilot, "/agree c")
        shown = message_on_screen(pilot.app)
        assert shown.startswith('"c" could be')
        assert "The coach's responsibilities" in shown
        await enter(pilot, "/phase x")
        shown = message_on_screen(pilot.app)
        assert shown.endswith("Actions, Close, Buffer")


async def test_a_message_longer_than_two_lines_opens_in_full_on_f3(demo_store, make_app):
    async with live_room(live_app(demo_store, make_app), size=(60, 20)) as (pilot, screen):
        bar_message = screen.query_one("#bar-message")
        long = " ".join(f"word{number}" for number in range(60))
        screen._say(long)
        await pilot.pause()
        shown = message_on_screen(pilot.app)
        assert shown.endswith("… F3 all")
        assert bar_message.region.height == 2
        await pilot.press("f3")
        await pilot.pause()
        assert message_on_screen(pilot.app) == long
        assert pilot.app.focused is screen.query_one(CaptureBar)


async def test_bare_phase_and_cat_list_the_choices(demo_store, make_app):
    async with live_room(live_app(demo_store, make_app), size=(120, 40)) as (pilot, screen):
        await enter(pilot, "/phase")
        shown = message_on_screen(pilot.app)
        for phase in screen.live.session.phases:
            assert phase.name in shown
        assert screen.query_one(CaptureBar).value == "/phase"  # type the name after it

        screen.query_one(CaptureBar).value = ""
        await enter(pilot, "/cat")
        shown = message_on_screen(pilot.app)
        for key in screen.live.deck.categories:
            assert key in shown


async def test_prompt_library_messages_name_the_card_not_its_id(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(PromptLibraryScreen())
        await pilot.pause()
        library = app.screen
        first = library.highlighted
        await pilot.press("f")
        message = str(library.query_one("#library-message", Static).render())
        assert first.id not in message
        assert first.text[:20] in message
        await pilot.press("r")
        message = str(library.query_one("#library-message", Static).render())
        assert first.id not in message
        assert message.startswith("retired")


# ── 4. the curtain hides the bar's text ─────────────────────────────────────────


async def test_the_curtain_shows_the_bar_text_as_dots_and_typing_goes_on(
    demo_store, data_dir: Path, make_app
):
    async with live_room(live_app(demo_store, make_app)) as (pilot, screen):
        await pilot.press(*"~ she")
        await pilot.press("ctrl+o")
        await pilot.press(*" cried")
        await pilot.pause()
        bar = screen.query_one(CaptureBar)
        assert pilot.app.focused is bar
        assert bar.value == "~ she cried"
        text = screen_text(pilot.app)
        assert "she" not in text and "cried" not in text
        assert "•" * len("~ she cried") in text

        await pilot.press("enter")
        await pilot.pause()
        assert screen.live.session.entries[-1].kind is EntryKind.PRIVATE
        await pilot.press(*"next")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "next" in screen_text(pilot.app)
        assert "•" not in screen_text(pilot.app).split("\n")[-3]


async def test_a_long_pasted_line_stays_veiled(demo_store, make_app):
    async with live_room(live_app(demo_store, make_app)) as (pilot, screen):
        await pilot.press("ctrl+o")
        bar = screen.query_one(CaptureBar)
        bar.insert_text_at_cursor("secret " * 60 + "↵second line")
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "secret" not in text and "second" not in text and "↵" not in text
        assert "•" * 40 in text


# ── 6. small terminals ──────────────────────────────────────────────────────────


async def test_at_60x20_the_footer_keeps_help_and_end(demo_store, make_app):
    async with live_room(live_app(demo_store, make_app), size=(60, 20)) as (pilot, _screen):
        footer = screen_lines(pilot.app)[-1]
        assert "F1 help" in footer
        assert "F10 end" in footer
        assert "privacy" in footer
        # A key that did not fit showed through beside the palette key ("^p palettet").
        assert footer.rstrip().endswith("▏^p palette")


async def test_at_60x20_the_header_keeps_the_pit_stop_indicator(demo_store, make_app):
    async with live_room(live_app(demo_store, make_app), size=(60, 20)) as (pilot, screen):
        header = screen.query_one("#live-header").region
        rows = screen_lines(pilot.app)[header.y : header.bottom]
        assert "pit-stop in 30m" in " ".join(" ".join(rows).split())


async def test_at_80x24_alliance_titles_wrap_rather_than_cut(demo_store, make_app):
    async with live_room(live_app(demo_store, make_app)) as (pilot, screen):
        await pilot.press("ctrl+t")
        await pilot.pause()
        region = screen.query_one("#alliance").content_region
        rows = screen_lines(pilot.app)[region.y : region.bottom]
        shown = " ".join(" ".join(row[region.x : region.right] for row in rows).split())
        assert "…" not in shown
        assert "Confidentiality and its limits conf" in shown


async def test_a_card_key_brings_the_deck_back_over_another_panel(demo_store, make_app):
    async with live_room(live_app(demo_store, make_app)) as (pilot, screen):
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not screen.query_one("#deck").display
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.query_one("#deck").display
        card = screen.live.deck.current
        assert card is not None and card.text.split()[0] in screen_text(pilot.app)
