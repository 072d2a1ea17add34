"""A whole session driven from the keyboard, checking the disk after every step."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from sessionpad.core.models import EntryKind, Owner, PromiseStatus, Session, SessionStatus
from sessionpad.storage.store import Store
from sessionpad.ui.screens.end import EndScreen
from sessionpad.ui.screens.live import LiveScreen
from sessionpad.ui.screens.pit_stop import PitStopScreen
from sessionpad.ui.screens.summary import SummaryScreen
from sessionpad.ui.widgets.capture_bar import CaptureBar
from tests.conftest import FakeClock
from tests.ui.conftest import live_room


async def type_line(pilot: Pilot, text: str) -> None:
    """Type ``text`` key by key into the focused capture bar and press enter."""
    await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()


async def enter_line(pilot: Pilot, text: str) -> None:
    """Put ``text`` in the capture bar in one go (as a paste would) and press enter.

    Pilot key presses cost ~60 ms each here, so only some lines are typed key by key.
    """
    bar = pilot.app.screen.query_one(CaptureBar)
    bar.value = text
    bar.cursor_position = len(text)
    await pilot.press("enter")
    await pilot.pause()


def on_disk(data_dir: Path, session_id: str) -> tuple[Session, Store]:
    """A second, read-only look at the data dir: what a crash right now would leave."""
    reader = Store.open(data_dir, read_only=True)
    return reader.load_session(session_id), reader


def bar_message(app) -> str:
    return str(app.screen.query_one("#bar-message", Static).render())


async def test_a_whole_session_from_the_keyboard(demo_store, data_dir, make_app, clock: FakeClock):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app, size=(100, 30)) as (pilot, screen):
        assert isinstance(screen, LiveScreen)
        bar = screen.query_one(CaptureBar)
        assert app.focused is bar
        session_id = screen.live.session.id

        # a note, with a tag
        clock.advance(minutes=1)
        await type_line(pilot, "Arrived energised #energy")
        saved, reader = on_disk(data_dir, session_id)
        assert [(e.kind, e.text, e.tags) for e in saved.entries] == [
            (EntryKind.NOTE, "Arrived energised #energy", ["energy"])
        ]
        assert bar.value == ""

        # every other entry kind
        for line, kind in (
            ("* the deadline is self-imposed", EntryKind.INSIGHT),
            ("~ seemed tired today", EntryKind.PRIVATE),
            ("? What would make this hour worth it?", EntryKind.QUESTION),
        ):
            clock.advance(minutes=1)
            await enter_line(pilot, line)
            saved, _ = on_disk(data_dir, session_id)
            assert saved.entries[-1].kind is kind
            assert saved.entries[-1].text == line[2:]

        # /agree an alliance item by prefix
        await enter_line(pilot, "/agree sponsor")
        assert reader.alliance(dana.id) is not None
        fresh = Store.open(data_dir, read_only=True)
        sponsor = next(item for item in fresh.alliance(dana.id) if item.key == "sponsor")
        assert sponsor.state.value == "agreed"
        assert sponsor.last_agreed == clock().date()

        # /next + /ask logs the card on show as a question
        before = screen.live.deck.current
        await enter_line(pilot, "/next")
        card = screen.live.deck.current
        assert card is not None and card.id != before.id
        await enter_line(pilot, "/ask")
        saved, _ = on_disk(data_dir, session_id)
        assert (saved.entries[-1].kind, saved.entries[-1].text) == (EntryKind.QUESTION, card.text)
        assert card.id in Store.open(data_dir, read_only=True).asked_prompts(dana.id)

        # a client promise by friday, and a coach promise
        await type_line(pilot, "! draft the delegation plan by friday")
        await enter_line(pilot, "!me send the calendar invite by tomorrow")
        promises = {p.text: p for p in Store.open(data_dir, read_only=True).promises(dana.id)}
        plan = promises["draft the delegation plan"]
        invite = promises["send the calendar invite"]
        assert (plan.owner, plan.due, plan.made_in) == (Owner.CLIENT, date(2026, 12, 4), session_id)
        assert (invite.owner, invite.due) == (Owner.COACH, date(2026, 11, 28))

        # the pit-stop: opened by key, saved as one entry
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, PitStopScreen)
        await pilot.press("8", "enter")
        await pilot.press(*"clear focus", "enter")
        await pilot.press(*"more silence", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert app.focused is bar
        saved, _ = on_disk(data_dir, session_id)
        pit = saved.entries[-1]
        assert pit.kind is EntryKind.PITSTOP
        assert (pit.data["rating"], pit.data["working"], pit.data["change"]) == (
            8,
            "clear focus",
            "more silence",
        )
        assert saved.pit_stop_rating == 8

        # /end: keep today's coach promise, leave the client's open
        await enter_line(pilot, "/end")
        end = app.screen
        assert isinstance(end, EndScreen)
        numbered = [p.text for p in end.open_promises]
        options = end.query_one("#end-promises", OptionList)
        options.highlighted = numbered.index("send the calendar invite")
        await pilot.press("k")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)

        final = Store.open(data_dir, read_only=True)
        promises = {p.text: p for p in final.promises(dana.id)}
        assert promises["send the calendar invite"].status is PromiseStatus.KEPT
        assert promises["send the calendar invite"].resolved_in == session_id
        assert promises["draft the delegation plan"].status is PromiseStatus.OPEN
        ended = final.load_session(session_id)
        assert ended.status is SessionStatus.ENDED
        assert ended.entries[-1].kind is EntryKind.PROMISE_RESOLVED


async def test_bad_input_keeps_the_text_and_saves_nothing(demo_store, data_dir, make_app):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        bar = screen.query_one(CaptureBar)
        session_id = screen.live.session.id
        for bad in ("! call HR by fridya", "/frobnicate", "/agree zzz", "/kept 99"):
            await enter_line(pilot, bad)
            assert bar.value == bad
            assert screen.query_one("#bar-message").has_class("error")
            assert bad.split()[-1].lstrip("/") in bar_message(app)
        saved, _ = on_disk(data_dir, session_id)
        assert saved.entries == []


async def test_multi_line_paste_is_one_whole_entry(demo_store, data_dir, make_app):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    pasted = "first line\nsecond line \x1b[31mred\x1b[0m\n" + "x" * 5000
    async with live_room(app) as (pilot, screen):
        bar = screen.query_one(CaptureBar)
        from textual import events

        bar.post_message(events.Paste(pasted))
        await pilot.pause()
        assert "\x1b" not in bar.value
        await pilot.press("enter")
        await pilot.pause()
        saved, _ = on_disk(data_dir, screen.live.session.id)
        assert len(saved.entries) == 1
        assert saved.entries[0].text == "first line\nsecond line red\n" + "x" * 5000


async def test_pit_stop_nudge_never_takes_the_focus(demo_store, make_app, clock: FakeClock):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id, minutes=60)
    async with live_room(app) as (pilot, screen):
        bar = screen.query_one(CaptureBar)
        await pilot.press(*"halfway through a tho")
        clock.advance(minutes=31)
        screen._tick()
        await pilot.pause()
        await pilot.press(*"ught")
        assert app.screen is screen
        assert app.focused is bar
        assert bar.value == "halfway through a thought"
        assert screen.has_class("pit-stop-due")
        assert "pit-stop due" in str(screen.query_one("#live-header", Static).render())


async def test_privacy_key_blanks_all_but_the_clock(demo_store, make_app):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.has_class("privacy")
        assert not screen.query_one("#room").display
        assert screen.query_one("#curtain").display
        assert app.focused is screen.query_one(CaptureBar)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.query_one("#room").display


async def test_keys_typed_right_after_enter_stay_in_the_bar(demo_store, data_dir, make_app):
    """Fast typing: the next words arrive before the submission is handled."""
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        bar = screen.query_one(CaptureBar)
        bar.value = "first thought"
        bar.cursor_position = len(bar.value)
        await bar.action_submit()
        bar.insert_text_at_cursor("* second")
        await pilot.pause()
        saved, _ = on_disk(data_dir, screen.live.session.id)
        assert [e.text for e in saved.entries] == ["first thought"]
        assert bar.value == "* second"


async def test_export_mid_session_returns_to_the_room(demo_store, data_dir, make_app):
    from sessionpad.ui.screens.home import HomeScreen

    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, room):
        await enter_line(pilot, "* the deadline is self-imposed")
        await enter_line(pilot, "/export")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert "the deadline is self-imposed" in summary.document
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is room
        assert app.focused is room.query_one(CaptureBar)
        with Store.open(data_dir, read_only=True) as reader:
            assert reader.load_session(room.live.session.id).status is SessionStatus.LIVE

        await pilot.press("f10", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.live is None


async def test_a_failing_disk_keeps_the_text_and_says_so(
    demo_store, data_dir, make_app, monkeypatch
):
    from sessionpad.storage.errors import StorageError

    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        bar = screen.query_one(CaptureBar)

        def read_only(*_args: object) -> None:
            raise StorageError("can't write to the data dir: read-only file system")

        monkeypatch.setattr(demo_store, "append_entry", read_only)
        await enter_line(pilot, "a note worth keeping")
        assert bar.value == "a note worth keeping"
        message = screen.query_one("#bar-message")
        assert message.has_class("error")
        assert "read-only" in bar_message(app) and "still here" in bar_message(app)
        assert screen.live.session.entries == []
        monkeypatch.undo()
        await pilot.press("enter")
        await pilot.pause()
        assert bar.value == ""
        saved, _ = on_disk(data_dir, screen.live.session.id)
        assert [e.text for e in saved.entries] == ["a note worth keeping"]


async def test_a_roomy_terminal_keeps_the_card_and_a_list_on_show(demo_store, make_app):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app, size=(120, 40)) as (pilot, screen):
        deck, side = screen.query_one("#deck"), screen.query_one("#side")
        assert screen.has_class("wide")
        assert deck.display and side.display and side.current == "promises"
        await pilot.press("ctrl+t")
        assert deck.display and side.current == "alliance"
        await pilot.press("ctrl+t")
        assert deck.display and side.current == "promises"
        assert app.focused is screen.query_one(CaptureBar)


async def test_a_narrow_terminal_cycles_one_panel_at_a_time(demo_store, make_app):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        deck, side = screen.query_one("#deck"), screen.query_one("#side")
        assert deck.display and not side.display
        await pilot.press("ctrl+t")
        assert not deck.display and side.display and side.current == "alliance"
        await pilot.press("ctrl+t")
        assert side.current == "promises"
        await pilot.press("ctrl+t")
        assert deck.display and not side.display
