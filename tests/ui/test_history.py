"""History and the session page (issue 9 item 1), and any session length (item 8), at 80×24."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from sessionpad.core.history import client_history
from sessionpad.core.models import Audience, Client, EntryKind, SessionStatus
from sessionpad.storage.store import Store
from sessionpad.ui.screens.brief import BriefScreen
from sessionpad.ui.screens.corrections import CorrectionsScreen
from sessionpad.ui.screens.history import HistoryScreen
from sessionpad.ui.screens.live import LiveScreen
from sessionpad.ui.screens.search import SearchScreen
from sessionpad.ui.screens.session_length import SessionLengthScreen
from sessionpad.ui.screens.session_page import SessionPageScreen
from sessionpad.ui.screens.summary import SummaryScreen
from sessionpad.ui.widgets.timeline import TimelineList

SIZE = (80, 24)


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(char, char) for char in text])


async def open_history(pilot: Pilot, client: Client) -> HistoryScreen:
    await pilot.pause()
    pilot.app.push_screen(BriefScreen(client.id))
    await pilot.pause()
    await pilot.press("h")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def timeline_texts(screen: SessionPageScreen) -> list[str]:
    timeline = screen.query_one(TimelineList)
    texts = []
    for index in range(timeline.option_count):
        prompt = timeline.get_option_at_index(index).prompt
        texts.append(" ".join(line.strip() for line in prompt.plain.splitlines()))
    return texts


async def test_h_on_the_brief_lists_the_clients_sessions_newest_first(demo_store: Store, make_app):
    dana = demo_store.find_client("Dana")
    headers = demo_store.session_headers(dana.id)
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot, dana)
        table = screen.query_one("#history", DataTable)
        keys = [key.value for key in table.rows]
        newest_first = sorted(headers, key=lambda s: s.started, reverse=True)
        assert keys == [s.id for s in newest_first]
        promises = demo_store.promises(dana.id)
        for session in newest_first:
            cells = [cell.plain for cell in table.get_row(session.id)]
            full = demo_store.load_session(session.id)
            minutes = round((session.ended - session.started).total_seconds() / 60)
            assert cells[0] == f"#{session.number}"
            assert cells[2] == f"{minutes} min"
            assert cells[3] == "ended"
            assert cells[4] == str(len(full.entries))
            made = sum(p.made_in == session.id for p in promises)
            resolved = sum(p.resolved_in == session.id for p in promises)
            if made:
                assert f"{made} made" in cells[5]
            if resolved:
                assert f"{resolved} resolved" in cells[5]
            if not made and not resolved:
                assert cells[5] == "—"
        # The demo's sessions make promises and resolve earlier ones: both counts show.
        assert any("made" in table.get_row(k)[5].plain for k in keys)
        assert any("resolved" in table.get_row(k)[5].plain for k in keys)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, BriefScreen)


async def test_a_client_with_no_sessions_is_told_so(store: Store, make_app):
    client = Client(name="New Person")
    store.save_client(client)
    async with make_app(store).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot, client)
        assert screen.has_class("-empty")
        assert "No sessions yet" in str(screen.query_one("#history-empty", Static).render())
        await pilot.press("enter")  # nothing to open: a message, no crash
        await pilot.pause()
        assert pilot.app.screen is screen


async def test_enter_opens_the_session_page_read_only_with_its_whole_timeline(
    demo_store: Store, make_app
):
    dana = demo_store.find_client("Dana")
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        history = await open_history(pilot, dana)
        table = history.query_one("#history", DataTable)
        table.move_cursor(row=1)
        wanted = list(table.rows)[1].value
        before = demo_store.load_session(wanted)
        await pilot.press("enter")
        await pilot.pause()
        page = pilot.app.screen
        assert isinstance(page, SessionPageScreen)
        assert page.session_id == wanted
        header = str(page.query_one("#page-header", Static).render())
        assert f"session {before.number}" in header
        assert len(timeline_texts(page)) == len(before.entries)
        # Read-only: a key that isn't one of the page's changes nothing.
        await pilot.press("x", "1", "space")
        await pilot.pause()
        assert pilot.app.screen is page
        assert demo_store.load_session(wanted).entries == before.entries
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is history


async def test_the_page_opens_both_summaries_and_done_comes_back_to_it(demo_store: Store, make_app):
    dana = demo_store.find_client("Dana")
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_history(pilot, dana)
        await pilot.press("enter")
        await pilot.pause()
        page = pilot.app.screen
        assert isinstance(page, SessionPageScreen)
        for key, audience in (("s", Audience.CLIENT), ("o", Audience.COACH)):
            await pilot.press(key)
            await pilot.pause()
            summary = pilot.app.screen
            assert isinstance(summary, SummaryScreen)
            assert summary.audience is audience
            assert summary.session_id == page.session_id
            await pilot.press("s")  # re-save
            await pilot.pause()
            status = str(summary.query_one("#summary-status", Static).render())
            assert "saved to" in status
            await pilot.press("escape")
            await pilot.pause()
            assert pilot.app.screen is page


async def test_a_correction_from_the_page_shows_on_it_when_back(demo_store: Store, make_app):
    dana = demo_store.find_client("Dana")
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_history(pilot, dana)
        await pilot.press("enter")
        await pilot.pause()
        page = pilot.app.screen
        assert isinstance(page, SessionPageScreen)
        session = demo_store.load_session(page.session_id)
        first = session.entries[0]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CorrectionsScreen)
        said = str(pilot.app.screen.query_one("#bar-message", Static).render())
        assert "esc back to the session page" in said
        await type_text(pilot, f"/delete {first.seq}")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is page
        after = demo_store.load_session(page.session_id)
        assert first.seq not in [entry.seq for entry in after.entries]
        assert len(timeline_texts(page)) == len(session.entries) - 1


async def test_search_opens_the_page_at_the_hit_and_esc_returns_to_the_search(
    demo_store: Store, make_app
):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        search = pilot.app.screen
        assert isinstance(search, SearchScreen)
        await type_text(pilot, "gently")
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        results = search.query_one("#search-results", OptionList)
        shown = [results.get_option_at_index(i).prompt for i in range(results.option_count)]
        hit = search._hits[0]
        await pilot.press("down", "enter")
        await pilot.pause()
        page = pilot.app.screen
        assert isinstance(page, SessionPageScreen)
        assert page.session_id == hit.session_id
        timeline = page.query_one(TimelineList)
        assert timeline.has_focus
        assert timeline.selected_seq == hit.seq
        highlighted_row = timeline.highlighted
        assert highlighted_row is not None
        assert "gently" in timeline_texts(page)[highlighted_row]
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is search
        assert search.query_one("#search-query", Input).value == "gently"
        again = [results.get_option_at_index(i).prompt for i in range(results.option_count)]
        assert again == shown
        assert search._hits[0] == hit


async def test_a_hit_deep_in_a_long_session_is_scrolled_into_view(store: Store, make_app, clock):
    from sessionpad.core.live import LiveSession

    client = Client(name="Long Talker")
    store.save_client(client)
    live = LiveSession.start(store, client, 60, clock=clock)
    for number in range(120):
        clock.advance(seconds=20)
        live.capture("the needle is here" if number == 30 else f"note {number}")
    live.end()
    needle = next(e for e in live.session.entries if "needle" in e.text)
    async with make_app(store).run_test(size=SIZE) as pilot:
        await pilot.pause()
        pilot.app.push_screen(SessionPageScreen(live.session.id, seq=needle.seq))
        await pilot.pause()
        page = pilot.app.screen
        timeline = page.query_one(TimelineList)
        assert timeline.selected_seq == needle.seq
        index = timeline.highlighted
        assert index is not None
        # Each entry is one row here: the highlighted one lies inside the visible window.
        top = timeline.scroll_offset.y
        assert top <= index < top + timeline.scrollable_content_region.height
        await pilot.resize_terminal(120, 40)  # re-wrapped for the width: still in view
        await pilot.pause()
        await pilot.pause()
        assert timeline.selected_seq == needle.seq
        top = timeline.scroll_offset.y
        assert top <= index < top + timeline.scrollable_content_region.height


async def test_brief_starts_45_minutes_on_4(demo_store: Store, make_app):
    sam = demo_store.find_client("Sam")
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await pilot.pause()
        pilot.app.push_screen(BriefScreen(sam.id))
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LiveScreen)
        assert pilot.app.screen.live.session.planned_minutes == 45
        phases = pilot.app.screen.live.session.phases
        assert sum(phase.minutes for phase in phases) == 45


async def test_brief_takes_a_typed_length_and_refuses_a_bad_one(demo_store: Store, make_app):
    sam = demo_store.find_client("Sam")
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await pilot.pause()
        pilot.app.push_screen(BriefScreen(sam.id))
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, SessionLengthScreen)
        await type_text(pilot, "fifty")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is dialog
        message = str(dialog.query_one("#length-message", Static).render())
        assert "whole number of minutes" in message
        assert dialog.query_one(Input).value == "fifty"  # kept, to fix
        await pilot.press(*["backspace"] * 5)
        await type_text(pilot, "50")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LiveScreen)
        session = pilot.app.screen.live.session
        assert session.planned_minutes == 50
        assert session.status is SessionStatus.LIVE
        assert sum(phase.minutes for phase in session.phases) == 50


async def test_esc_on_the_length_dialog_starts_nothing(demo_store: Store, make_app):
    sam = demo_store.find_client("Sam")
    before = len(demo_store.session_headers(sam.id))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await pilot.pause()
        pilot.app.push_screen(BriefScreen(sam.id))
        await pilot.pause()
        await pilot.press("l", "escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, BriefScreen)
    assert len(demo_store.session_headers(sam.id)) == before
    assert len(client_history(demo_store, sam.id)) == before


async def test_page_keys_lead_to_the_corrections_and_d_needs_a_second_press(
    demo_store: Store, make_app
):
    dana = demo_store.find_client("Dana")
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_history(pilot, dana)
        await pilot.press("enter")
        await pilot.pause()
        page = pilot.app.screen
        assert isinstance(page, SessionPageScreen)
        before = demo_store.load_session(page.session_id).entries
        chosen = before[-2]
        await pilot.press("up", "d")
        await pilot.pause()
        corrections = pilot.app.screen
        assert isinstance(corrections, CorrectionsScreen)
        # Nothing deleted yet: the line is selected on the corrections' timeline.
        assert demo_store.load_session(page.session_id).entries == before
        timeline = corrections.query_one(TimelineList)
        assert timeline.has_focus and timeline.selected_seq == chosen.seq
        await pilot.press("d")
        await pilot.pause()
        after = demo_store.load_session(page.session_id).entries
        assert [e.seq for e in after] == [e.seq for e in before if e.seq != chosen.seq]
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert pilot.app.screen is page
        assert len(timeline_texts(page)) == len(before) - 1
        # e starts the edit there at once: the entry's text waits in the bar.
        entries = page.session.entries
        index, edited = next((i, e) for i, e in enumerate(entries) if e.kind is EntryKind.INSIGHT)
        page.query_one(TimelineList).highlighted = index
        await pilot.press("e")
        await pilot.pause()
        corrections = pilot.app.screen
        assert isinstance(corrections, CorrectionsScreen)
        bar = corrections.query_one("#capture", Input)
        assert edited.text in bar.value
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert pilot.app.screen is page
        assert demo_store.load_session(page.session_id).entries == after


async def test_a_long_line_on_the_page_wraps_under_its_text_and_loses_no_word(
    store: Store, make_app, clock
):
    from sessionpad.core.live import LiveSession

    client = Client(name="Wordy")
    store.save_client(client)
    live = LiveSession.start(store, client, 60, clock=clock)
    words = " ".join(f"word{n}" for n in range(60))
    live.capture(words)
    live.end()
    async with make_app(store).run_test(size=SIZE) as pilot:
        await pilot.pause()
        pilot.app.push_screen(SessionPageScreen(live.session.id))
        await pilot.pause()
        page = pilot.app.screen
        timeline = page.query_one(TimelineList)
        rows = timeline.get_option_at_index(0).prompt.plain.splitlines()
        assert len(rows) > 1
        indent = rows[0].index("word0")
        assert all(row.startswith(" " * indent) and row[indent] != " " for row in rows[1:])
        assert max(len(row) for row in rows) <= timeline.scrollable_content_region.width
        assert " ".join(row.strip() for row in rows).endswith(words)


async def test_a_damaged_session_file_is_named_not_a_crash(demo_store: Store, make_app):
    dana = demo_store.find_client("Dana")
    newest = client_history(demo_store, dana.id)[0].session.id
    demo_store._forget_session_db(newest)
    (demo_store.data_dir / "sessions" / f"{newest}.json").write_text("{ not json")
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        history = await open_history(pilot, dana)
        table = history.query_one("#history", DataTable)
        assert table.get_row(newest)[4].plain == "unreadable"
        assert table.cursor_row == 0
        await pilot.press("enter")
        await pilot.pause()
        page = pilot.app.screen
        assert isinstance(page, SessionPageScreen)
        hint = str(page.query_one("#page-hint", Static).render())
        assert "couldn't read this session" in hint
        await pilot.press("s", "r")  # nothing to show or correct: no crash, no new screen
        await pilot.pause()
        assert pilot.app.screen is page
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is history


async def test_a_long_history_lists_every_session_and_keeps_the_cursor(
    store: Store, make_app, clock
):
    from sessionpad.core.live import LiveSession

    client = Client(name="Long Standing")
    store.save_client(client)
    for _ in range(70):  # more than the first screenful the list paints at once
        live = LiveSession.start(store, client, 30, clock=clock)
        live.capture("a note")
        clock.advance(minutes=30)
        live.end()
        clock.advance(minutes=60 * 24 * 7)
    async with make_app(store).run_test(size=SIZE) as pilot:
        history = await open_history(pilot, client)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        table = history.query_one("#history", DataTable)
        assert table.row_count == 70
        numbers = [table.get_row(key)[0].plain for key in table.rows]
        assert numbers == [f"#{n}" for n in range(70, 0, -1)]
        assert all(table.get_row(key)[4].plain == "1" for key in table.rows)
        table.move_cursor(row=65)
        wanted = history.highlighted_session_id()
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen.session_id == wanted
        await pilot.press("escape")  # back: the list is read again, the cursor stays
        await pilot.pause()
        await pilot.pause()
        assert history.highlighted_session_id() == wanted
        assert table.row_count == 70


async def test_an_interrupted_session_says_so_and_is_resumed_not_corrected(
    store: Store, make_app, clock
):
    from sessionpad.core.live import LiveSession

    client = Client(name="Cut Short")
    store.save_client(client)
    live = LiveSession.start(store, client, 45, clock=clock)
    live.capture("we lost the connection")
    live.mark_interrupted()
    async with make_app(store).run_test(size=SIZE) as pilot:
        history = await open_history(pilot, client)
        row = history.query_one("#history", DataTable).get_row(live.session.id)
        assert [cell.plain for cell in row][2:5] == ["45 min", "interrupted", "1"]
        await pilot.press("enter")
        await pilot.pause()
        page = pilot.app.screen
        assert isinstance(page, SessionPageScreen)
        assert "interrupted" in str(page.query_one("#page-header", Static).render())
        await pilot.press("r")
        await pilot.pause()
        assert pilot.app.screen is page
        assert "resume it from the brief" in str(page.query_one("#page-hint", Static).render())
