"""Correcting the record from the keyboard (SPEC §4a), checking the disk after every step."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from sessionpad.core.models import Audience, EntryKind, Session
from sessionpad.core.reports import context_for_session
from sessionpad.core.summary import render_markdown
from sessionpad.storage.store import Store
from sessionpad.ui import messages
from sessionpad.ui.screens.corrections import CorrectionsScreen
from sessionpad.ui.screens.summary import SummaryScreen
from sessionpad.ui.widgets.capture_bar import CaptureBar
from sessionpad.ui.widgets.timeline import TimelineList
from tests.conftest import FakeClock
from tests.ui.conftest import live_room
from tests.ui.test_live_session import bar_message, enter_line


def on_disk(data_dir: Path, session_id: str) -> Session:
    with Store.open(data_dir, read_only=True) as reader:
        return reader.load_session(session_id)


def texts(session: Session) -> list[tuple[int, str]]:
    return [(entry.seq, entry.text) for entry in session.entries]


def timeline_ids(screen) -> list[str]:
    timeline = screen.query_one(TimelineList)
    return [timeline.get_option_at_index(i).id for i in range(timeline.option_count)]


async def fill(pilot: Pilot, clock: FakeClock, *lines: str) -> None:
    for line in lines:
        clock.advance(minutes=1)
        await enter_line(pilot, line)


def start_dana(demo_store, make_app):
    return make_app(demo_store, start_client=demo_store.find_client("Dana").id)


async def test_ctrl_z_in_an_empty_bar_takes_back_the_last_entry(
    demo_store, data_dir, make_app, clock
):
    async with live_room(start_dana(demo_store, make_app)) as (pilot, screen):
        sid = screen.live.session.id
        bar = screen.query_one(CaptureBar)
        await fill(pilot, clock, "first", "* the secnod one #typo")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert texts(on_disk(data_dir, sid)) == [(1, "first")]
        assert bar.value == "* the secnod one #typo"
        assert timeline_ids(screen) == ["1"]
        assert "took back #2" in bar_message(pilot.app)
        # With text in the bar ctrl+z does nothing: nothing typed is ever lost.
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert texts(on_disk(data_dir, sid)) == [(1, "first")]
        assert bar.value == "* the secnod one #typo"
        # Retyped, it is saved again as a new entry.
        bar.value = "* the second one"
        await pilot.press("enter")
        await pilot.pause()
        assert [(e.seq, e.kind, e.text) for e in on_disk(data_dir, sid).entries] == [
            (1, EntryKind.NOTE, "first"),
            (2, EntryKind.INSIGHT, "the second one"),
        ]


async def test_up_recalls_the_last_entry_and_enter_saves_it_in_place(
    demo_store, data_dir, make_app, clock
):
    async with live_room(start_dana(demo_store, make_app)) as (pilot, screen):
        sid = screen.live.session.id
        bar = screen.query_one(CaptureBar)
        await fill(pilot, clock, "one", "the clent is relieved")
        before = on_disk(data_dir, sid).entries[1]
        await pilot.press("up")
        await pilot.pause()
        assert bar.value == "the clent is relieved"
        assert bar.has_class("editing")
        assert "editing #2" in bar_message(pilot.app)
        clock.advance(minutes=3)
        await pilot.press("home", "right", "right", "right", "right", "right", "right", "i")
        await pilot.press("enter")
        await pilot.pause()
        after = on_disk(data_dir, sid).entries
        assert [(e.seq, e.text) for e in after] == [(1, "one"), (2, "the client is relieved")]
        assert after[1].at == before.at  # same time, same number
        assert bar.value == "" and not bar.has_class("editing")
        assert timeline_ids(screen) == ["1", "2"]
        # The next capture is a new entry again, not another edit.
        await fill(pilot, clock, "three")
        assert texts(on_disk(data_dir, sid))[-1] == (3, "three")


async def test_clearing_the_bar_to_retype_still_edits_in_place(
    demo_store, data_dir, make_app, clock
):
    # Found in tmux: ctrl+u then retyping used to leave edit mode and add a new entry.
    async with live_room(start_dana(demo_store, make_app)) as (pilot, screen):
        sid = screen.live.session.id
        await fill(pilot, clock, "the clinet left smiling")
        await pilot.press("up", "ctrl+u")
        await pilot.press(*"the client left")
        await pilot.press("enter")
        await pilot.pause()
        assert texts(on_disk(data_dir, sid)) == [(1, "the client left")]


async def test_esc_leaves_a_recalled_entry_as_it_was(demo_store, data_dir, make_app, clock):
    async with live_room(start_dana(demo_store, make_app)) as (pilot, screen):
        sid = screen.live.session.id
        bar = screen.query_one(CaptureBar)
        await fill(pilot, clock, "keep this")
        await pilot.press("up")
        await pilot.press("x", "y")
        await pilot.press("escape")
        await pilot.pause()
        assert bar.value == "" and not bar.has_class("editing")
        assert texts(on_disk(data_dir, sid)) == [(1, "keep this")]
        # up with text in the bar does nothing
        bar.value = "typing"
        await pilot.press("up")
        await pilot.pause()
        assert bar.value == "typing"


async def test_edit_delete_private_kind_by_number(demo_store, data_dir, make_app, clock):
    async with live_room(start_dana(demo_store, make_app)) as (pilot, screen):
        sid = screen.live.session.id
        bar = screen.query_one(CaptureBar)
        await fill(pilot, clock, "one", "twoo", "seemed tired", "a moment", "dup", "! call HR")
        await enter_line(pilot, "/edit 2")
        assert bar.value == "twoo" and bar.has_class("editing")
        bar.value = "two"
        await pilot.press("enter")
        await pilot.pause()
        assert texts(on_disk(data_dir, sid))[1] == (2, "two")

        await enter_line(pilot, "/private 3")
        assert on_disk(data_dir, sid).entries[2].kind is EntryKind.PRIVATE
        await enter_line(pilot, "/kind 4 insight")
        assert on_disk(data_dir, sid).entries[3].kind is EntryKind.INSIGHT
        await enter_line(pilot, "/delete 5")
        assert [e.seq for e in on_disk(data_dir, sid).entries] == [1, 2, 3, 4, 6]
        assert timeline_ids(screen) == ["1", "2", "3", "4", "6"]

        await enter_line(pilot, "/edit 6")
        assert bar.value == "! call HR"
        bar.value = "! call HR about the move by 2026-12-02"
        await pilot.press("enter")
        await pilot.pause()
        [promise] = [
            p for p in demo_store.promises(screen.live.client.id) if p.text.startswith("call HR")
        ]
        assert str(promise.due) == "2026-12-02"
        assert on_disk(data_dir, sid).entries[-1].text == "call HR about the move"

        await enter_line(pilot, "/delete 99")
        assert "no entry #99" in bar_message(pilot.app)
        assert bar.value == "/delete 99"  # a refused command keeps its text


async def test_the_timeline_takes_the_focus_and_its_keys_correct(
    demo_store, data_dir, make_app, clock
):
    async with live_room(start_dana(demo_store, make_app)) as (pilot, screen):
        sid = screen.live.session.id
        bar = screen.query_one(CaptureBar)
        timeline = screen.query_one(TimelineList)
        await fill(pilot, clock, "one", "two", "three", "four")
        await pilot.press("f2")
        await pilot.pause()
        assert pilot.app.focused is timeline and timeline.selected_seq == 4
        await pilot.press("up", "up")
        assert timeline.selected_seq == 2
        await pilot.press("p")
        await pilot.pause()
        assert on_disk(data_dir, sid).entries[1].kind is EntryKind.PRIVATE
        assert pilot.app.focused is timeline and timeline.selected_seq == 2
        await pilot.press("d")
        await pilot.pause()
        assert [e.seq for e in on_disk(data_dir, sid).entries] == [1, 3, 4]
        assert timeline.selected_seq == 3
        await pilot.press("e")
        await pilot.pause()
        assert pilot.app.focused is bar and bar.value == "three"
        bar.value = "three, fixed"
        await pilot.press("enter")
        await pilot.pause()
        assert texts(on_disk(data_dir, sid)) == [(1, "one"), (3, "three, fixed"), (4, "four")]
        # ctrl+y is the same key for laptops without F-keys; esc returns to the bar
        await pilot.press("ctrl+y")
        assert pilot.app.focused is timeline
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.focused is bar
        assert not timeline.can_focus  # tab never lands there by accident


async def test_deleted_and_undone_entries_leave_every_summary(
    demo_store, data_dir, make_app, clock
):
    async with live_room(start_dana(demo_store, make_app)) as (pilot, screen):
        sid = screen.live.session.id
        await fill(
            pilot,
            clock,
            "* gone insight",
            "* kept insight",
            "! write the plan by 2026-12-04",
            "! write the plan by 2026-12-04",
            "* undone insight",
        )
        await enter_line(pilot, "/delete 1")
        await enter_line(pilot, "/delete 4")
        await pilot.press("ctrl+z")
        await pilot.pause()
    context = context_for_session(demo_store, sid)
    client = render_markdown(context, Audience.CLIENT)
    coach = render_markdown(context, Audience.COACH)
    for document in (client, coach):
        assert "gone insight" not in document and "undone insight" not in document
        assert "kept insight" in document
    assert client.count("write the plan") == 1
    assert coach.count("write the plan") == 2  # its promise and its timeline line, once each


async def test_corrections_after_the_session_from_the_summary(
    demo_store, data_dir, make_app, clock
):
    async with live_room(start_dana(demo_store, make_app)) as (pilot, screen):
        sid = screen.live.session.id
        await fill(pilot, clock, "* the deadlne is self-imposed", "~ tired", "* an extra one")
        screen.live.end()
        pilot.app.post_message(messages.ShowSummary(sid))
        await pilot.pause()
        summary = pilot.app.screen
        assert isinstance(summary, SummaryScreen)
        assert "deadlne" in summary.document
        await pilot.press("r")
        await pilot.pause()
        page = pilot.app.screen
        assert isinstance(page, CorrectionsScreen)
        assert timeline_ids(page) == ["1", "2", "3"]
        await enter_line(pilot, "/edit 1 * the deadline is self-imposed")
        await enter_line(pilot, "/delete 3")
        assert texts(on_disk(data_dir, sid)) == [(1, "the deadline is self-imposed"), (2, "tired")]
        await enter_line(pilot, "/next")
        assert "only corrections" in str(page.query_one("#bar-message").render())
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is summary
        assert "deadline is self-imposed" in summary.document
        assert "deadlne" not in summary.document and "an extra one" not in summary.document


async def test_a_failed_save_keeps_the_edit_in_the_bar(
    demo_store, data_dir, make_app, clock, monkeypatch
):
    from sessionpad.storage.store import StorageError

    async with live_room(start_dana(demo_store, make_app)) as (pilot, screen):
        sid = screen.live.session.id
        bar = screen.query_one(CaptureBar)
        await fill(pilot, clock, "the clinet")

        def disk_full(*_args: object) -> None:
            raise StorageError("no space left on device")

        monkeypatch.setattr(demo_store, "replace_entry", disk_full)
        await pilot.press("up", "ctrl+u")
        bar.value = "the client"
        await pilot.press("enter")
        await pilot.pause()
        assert "not saved" in bar_message(pilot.app)
        assert bar.value == "the client" and bar.has_class("editing")
        assert texts(on_disk(data_dir, sid)) == [(1, "the clinet")]
        assert screen.live.session.entries[0].text == "the clinet"
        monkeypatch.undo()
        await pilot.press("enter")
        await pilot.pause()
        assert texts(on_disk(data_dir, sid)) == [(1, "the client")]


async def test_the_timeline_stays_shut_in_privacy_mode(demo_store, make_app, clock):
    async with live_room(start_dana(demo_store, make_app)) as (pilot, screen):
        await fill(pilot, clock, "one")
        await pilot.press("ctrl+o", "f2")
        await pilot.pause()
        assert pilot.app.focused is screen.query_one(CaptureBar)
        assert not screen.query_one(TimelineList).can_focus


async def test_a_correction_after_an_edited_summary_asks_before_replacing_it(
    demo_store, data_dir, make_app, clock
):
    from sessionpad.core.summary_edit import SummaryEdit, SummaryFormat
    from sessionpad.ui.screens.confirm import ConfirmScreen

    async with live_room(start_dana(demo_store, make_app)) as (pilot, screen):
        sid = screen.live.session.id
        await fill(pilot, clock, "* the deadlne is self-imposed")
        screen.live.end()
        pilot.app.post_message(messages.ShowSummary(sid))
        await pilot.pause()
        summary = pilot.app.screen
        rendered = summary.rendered()
        edited = rendered + "\nA line of my own."
        demo_store.save_summary_edit(
            sid, SummaryEdit(Audience.CLIENT, SummaryFormat.MARKDOWN, edited, rendered, clock())
        )
        summary._load_view()
        assert summary.document == edited
        await pilot.press("r")
        await pilot.pause()
        await enter_line(pilot, "/edit 1 * the deadline is self-imposed")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)  # keep the edit, or discard it?
        await pilot.press("d")
        await pilot.pause()
        assert pilot.app.screen is summary
        assert "the deadline is self-imposed" in summary.document
        assert "A line of my own." not in summary.document
