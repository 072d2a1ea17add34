"""Ending, booking and sending: the end screen's booking step and the summary's plain
text, edit (in-app and $EDITOR), settings and the copy confirmation — checked on disk."""

from __future__ import annotations

import contextlib
import stat
from datetime import date
from pathlib import Path

import pyperclip
import pytest
from textual.widgets import Input, Static, TextArea

from sessionpad.core.models import Audience, Client, Entry, EntryKind
from sessionpad.core.settings import CoachSettings
from sessionpad.core.summary_edit import SummaryFormat
from sessionpad.storage.store import Store
from sessionpad.ui.screens.brief import BriefScreen
from sessionpad.ui.screens.confirm import ConfirmScreen
from sessionpad.ui.screens.end import EndScreen
from sessionpad.ui.screens.settings import SettingsScreen
from sessionpad.ui.screens.summary import SummaryScreen
from sessionpad.ui.screens.text_editor import TextEditorScreen
from sessionpad.ui.widgets.capture_bar import CaptureBar
from tests.conftest import FIXED_NOW

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def no_clipboard_or_editor(monkeypatch):
    def no_backend(_text: str) -> None:
        raise pyperclip.PyperclipException("no copy/paste mechanism")

    monkeypatch.setattr(pyperclip, "copy", no_backend)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)


def dana_app(demo_store, make_app):
    return make_app(demo_store, start_client=demo_store.find_client("Dana").id)


async def capture(pilot, *lines: str) -> None:
    bar = pilot.app.screen.query_one(CaptureBar)
    for line in lines:
        bar.value = line
        await pilot.press("enter")


async def open_end(pilot, *lines: str) -> EndScreen:
    await pilot.pause()
    await capture(pilot, *lines)
    await pilot.press("f10")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EndScreen)
    return pilot.app.screen


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def status(screen: SummaryScreen) -> str:
    return text_of(screen, "#summary-status")


async def book(pilot, phrase: str) -> None:
    await pilot.press("b")
    await pilot.press(*phrase)
    await pilot.press("enter")


# ── the end screen's booking step ─────────────────────────────────────────────


async def test_book_next_friday_2pm_is_on_disk(demo_store, data_dir, make_app):
    app = dana_app(demo_store, make_app)
    async with app.run_test(size=SIZE) as pilot:
        end = await open_end(pilot, "* the deadline is self-imposed")
        assert "not booked" in text_of(end, "#end-booking")
        await book(pilot, "next friday 2pm")
        assert "Fri 4 Dec, 14:00 (60 min)" in text_of(end, "#end-booking")
        await pilot.press("ctrl+s")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        session_id = summary.session_id
        assert "Fri 4 Dec, 14:00 (60 min)" in summary.document
        await pilot.press("i")
        (invite,) = (data_dir / "exports").glob("*.ics")
        assert "DTSTART:20261204T130000Z" in invite.read_text()  # 14:00 at UTC+1
    with Store.open(data_dir, read_only=True) as reader:
        booked = reader.load_session(session_id).next_session
    assert (booked.date(), booked.hour, booked.minute) == (date(2026, 12, 4), 14, 0)


async def test_not_booked_leaves_no_next_session_anywhere(demo_store, data_dir, make_app):
    app = dana_app(demo_store, make_app)
    async with app.run_test(size=SIZE) as pilot:
        end = await open_end(pilot, "* noted", "/book friday 15:00")
        assert "Fri 4 Dec, 15:00" in text_of(end, "#end-booking")
        await pilot.press("n")
        assert "not booked" in text_of(end, "#end-booking")
        await pilot.press("ctrl+s")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert "Next session" not in summary.document
        await pilot.press("a")
        assert "Next session" not in summary.document
        await pilot.press("i")
        assert "nothing to invite" in status(summary)
        assert not list((data_dir / "exports").glob("*.ics"))
        session_id = summary.session_id
    with Store.open(data_dir, read_only=True) as reader:
        assert reader.load_session(session_id).next_session is None


async def test_typed_not_booked_and_a_bad_phrase(demo_store, data_dir, make_app):
    app = dana_app(demo_store, make_app)
    async with app.run_test(size=SIZE) as pilot:
        end = await open_end(pilot, "/book friday 15:00")
        await pilot.press("b", *"fridya 2pm", "ctrl+s")
        await pilot.pause()
        assert app.screen is end  # nothing ended, the text is kept
        assert "fridya" in text_of(end, "#end-message")
        assert end.query_one("#end-book", Input).value == "fridya 2pm"
        end.query_one("#end-book", Input).value = "not booked"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Next session" not in app.screen.document


# ── the summary screen ───────────────────────────────────────────────────────


async def ended(pilot, *lines: str) -> SummaryScreen:
    await open_end(pilot, *lines)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SummaryScreen)
    return pilot.app.screen


async def test_plain_text_view_and_save(demo_store, data_dir, make_app):
    demo_store.save_settings(CoachSettings("Sam Okafor", "Dear {name},", "Best,"))
    app = dana_app(demo_store, make_app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ended(pilot, "* the deadline is self-imposed #deadlines", "~ go slow")
        await pilot.press("t")
        shown = text_of(screen, "#summary-text")
        assert screen.query_one("#summary-text").display
        assert not screen.query_one("#summary-body").display
        assert shown.startswith("Dear Dana,\n\nSession with Dana")
        assert "• the deadline is self-imposed\n" in shown
        assert "##" not in shown and "- [ ]" not in shown and "go slow" not in shown
        assert shown.rstrip().endswith("Best,\nSam Okafor")
        await pilot.press("s")
        (saved,) = (data_dir / "exports").glob("*-client.txt")
        assert saved.read_text() == screen.document == shown
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600


async def test_in_app_edit_is_what_is_saved_and_is_kept(demo_store, data_dir, make_app):
    app = dana_app(demo_store, make_app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ended(pilot, "* the deadline is self-imposed")
        await pilot.press("t", "e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, TextEditorScreen)
        area = editor.query_one(TextArea)
        assert area.text == screen.rendered()
        area.text = area.text.replace("Hi Dana,", "Hi Dana — lovely to see you today,")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "edited" in text_of(screen, "#summary-header")
        assert "lovely to see you" in text_of(screen, "#summary-text")
        await pilot.press("c")
        (saved,) = (data_dir / "exports").glob("*-client.txt")
        assert "lovely to see you" in saved.read_text()
        session_id = screen.session_id
    with Store.open(data_dir, read_only=True) as reader:
        kept = reader.summary_edit(session_id, Audience.CLIENT, SummaryFormat.TEXT)
    assert kept is not None and "lovely to see you" in kept.text


async def test_in_app_edit_cancelled_changes_nothing(demo_store, make_app):
    app = dana_app(demo_store, make_app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ended(pilot, "* noted")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(TextArea).text = "something else"
        await pilot.press("escape")
        await pilot.pause()
        assert screen.edit is None and "cancelled" in status(screen)


def rewriting_editor(tmp_path: Path) -> Path:
    script = tmp_path / "fake-editor"
    script.write_text('#!/bin/sh\nprintf "Written in my editor\\n\\033[2J" > "$1"\n')
    script.chmod(0o700)
    return script


async def test_edit_in_editor(demo_store, data_dir, make_app, monkeypatch, tmp_path):
    monkeypatch.setenv("EDITOR", str(rewriting_editor(tmp_path)))
    app = dana_app(demo_store, make_app)
    lent: list[bool] = []

    @contextlib.contextmanager
    def suspend():
        lent.append(True)
        yield

    monkeypatch.setattr(app, "suspend", suspend)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ended(pilot, "* noted")
        await pilot.press("e")
        await pilot.pause()
        assert lent == [True]
        assert app.screen is screen
        assert screen.document.startswith("Written in my editor\n")
        assert "\x1b" not in screen.document  # the escape the editor left is neutralised
        await pilot.press("s")
        (saved,) = (data_dir / "exports").glob("*-client.md")
        assert saved.read_text().startswith("Written in my editor")
        assert "\x1b" not in saved.read_text()


async def test_editor_without_a_terminal_falls_back_to_the_app(
    demo_store, make_app, monkeypatch, tmp_path
):
    monkeypatch.setenv("EDITOR", str(rewriting_editor(tmp_path)))
    app = dana_app(demo_store, make_app)
    async with app.run_test(size=SIZE) as pilot:  # the headless driver can't suspend
        await ended(pilot, "* noted")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TextEditorScreen)


async def test_a_failing_editor_changes_nothing(demo_store, make_app, monkeypatch, tmp_path):
    monkeypatch.setenv("EDITOR", "false")
    app = dana_app(demo_store, make_app)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ended(pilot, "* noted")
        await pilot.press("e")
        await pilot.pause()
        assert screen.edit is None and "unchanged" in status(screen)


async def test_a_correction_after_an_edit_asks_before_discarding(demo_store, data_dir, make_app):
    app = dana_app(demo_store, make_app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ended(pilot, "* first insight")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(TextArea).text = "MY EDIT\n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        session_id = screen.session_id
        # A correction after the edit: the rendering changes under it.
        session = demo_store.load_session(session_id)
        late = Entry(session.next_seq, EntryKind.INSIGHT, "a late insight", FIXED_NOW)
        demo_store.append_entry(session_id, late)

        await pilot.press("escape")  # home
        await pilot.pause()
        app.push_screen(SummaryScreen(session_id))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("k")
        await pilot.pause()
        reopened = app.screen
        assert isinstance(reopened, SummaryScreen) and reopened.document == "MY EDIT\n"

        await pilot.press("escape")
        await pilot.pause()
        late2 = Entry(late.seq + 1, EntryKind.INSIGHT, "another one", FIXED_NOW)
        demo_store.append_entry(session_id, late2)
        app.push_screen(SummaryScreen(session_id))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("d")
        await pilot.pause()
        assert "another one" in app.screen.document
    with Store.open(data_dir, read_only=True) as reader:
        assert reader.summary_edit(session_id, Audience.CLIENT, SummaryFormat.MARKDOWN) is None


async def test_copying_the_coach_record_asks_once(demo_store, make_app, monkeypatch):
    app = dana_app(demo_store, make_app)
    sent: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", sent.append)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ended(pilot, "~ seemed tired")
        await pilot.press("c")
        assert len(sent) == 1 and "seemed tired" not in sent[0]  # client: no question
        await pilot.press("a", "c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "private notes" in text_of(app.screen, "#confirm-question")
        await pilot.press("n")
        await pilot.pause()
        assert len(sent) == 1 and "not copied" in status(screen)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert len(sent) == 2 and "seemed tired" in sent[1]
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is screen and len(sent) == 3  # asked once


async def test_settings_screen_saves_and_the_summary_follows(demo_store, data_dir, make_app):
    app = dana_app(demo_store, make_app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ended(pilot, "* noted")
        await pilot.press("t", "comma")
        await pilot.pause()
        settings = app.screen
        assert isinstance(settings, SettingsScreen)
        settings.query_one("#settings-name", Input).value = "Sam Okafor"
        settings.query_one("#settings-greeting", Input).value = "Hello {name}!"
        await pilot.pause()
        assert "Hello Dana!" in text_of(settings, "#settings-preview")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert screen.document.startswith("Hello Dana!")
        assert "Sam Okafor" in screen.document
    with Store.open(data_dir, read_only=True) as reader:
        assert reader.settings().coach_name == "Sam Okafor"


async def test_brief_shows_your_notes_from_last_time(store, make_app, clock):
    from sessionpad.core.live import LiveSession

    dana = Client("Dana Reyes", preferred_name="Dana")
    store.save_client(dana)
    live = LiveSession.start(store, dana, 60, clock=clock)
    live.capture("~ seemed tired; go gently next time")
    live.capture("* an insight")
    live.end()
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(BriefScreen(dana.id))
        await pilot.pause()
        shown = text_of(app.screen, "#last-summary")
    assert "Your notes from last time" in shown
    assert "seemed tired; go gently next time" in shown
