"""Home, the new-client form and search, driven from the keyboard at 80×24."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList, Static

from sessionpad.core.models import Client, EntryKind
from sessionpad.storage.store import StorageError, Store
from sessionpad.ui.screens.brief import BriefScreen
from sessionpad.ui.screens.home import HomeScreen
from sessionpad.ui.screens.new_client import NewClientScreen
from sessionpad.ui.screens.search import SearchScreen
from sessionpad.ui.screens.session_page import SessionPageScreen
from tests.conftest import FIXED_NOW

SIZE = (80, 24)


def row_text(table: DataTable, key: str) -> list[str]:
    return [cell.plain for cell in table.get_row(key)]


def static_text(screen: Screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def notifications(app: App) -> list[str]:
    return [note.message for note in app._notifications]


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(char, char) for char in text])


async def test_home_lists_both_clients_with_open_promise_counts(demo_store: Store, make_app):
    app = make_app(demo_store)
    today = FIXED_NOW.date()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#clients", DataTable)
        assert table.row_count == 2
        for client in demo_store.clients():
            promises = demo_store.promises(client.id)
            open_count = sum(p.is_open for p in promises)
            overdue = sum(p.is_overdue(today) for p in promises)
            cells = row_text(table, client.id)
            assert cells[0] == client.name
            assert cells[1] == client.pronouns
            expected = str(open_count) + (f" · {overdue} overdue" if overdue else "")
            assert cells[3] == expected
        dana = demo_store.find_client("Dana")
        # The demo carries three open promises for Dana, one of them overdue.
        assert row_text(table, dana.id)[3] == "3 · 1 overdue"
        recent = app.screen.query_one("#recent", DataTable)
        assert recent.row_count == len(demo_store.session_headers())


async def test_an_empty_store_tells_a_newcomer_what_to_do(store: Store, make_app):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        empty = app.screen.query_one("#home-empty", Static)
        assert empty.display and empty.region.height > 0
        assert "Press n" in static_text(app.screen, "#home-empty")
        assert not app.screen.query_one("#clients-panel").region.height
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_enter_opens_the_highlighted_clients_brief(demo_store: Store, make_app):
    app = make_app(demo_store)
    dana = demo_store.find_client("Dana")
    sam = demo_store.find_client("Sam")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        assert app.screen.client_id == dana.id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        assert app.screen.client_id == sam.id


async def test_enter_on_a_recent_session_opens_that_sessions_page(demo_store: Store, make_app):
    # Issue 9 item 1: a recent session opens its own page, no longer the client's brief.
    app = make_app(demo_store)
    sam = demo_store.find_client("Sam")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab")  # to the recent sessions
        await pilot.pause()
        recent = app.screen.query_one("#recent", DataTable)
        assert app.focused is recent
        sam_rows = [
            index
            for index, key in enumerate(recent.rows)
            if demo_store.load_session(key.value).client_id == sam.id
        ]
        recent.move_cursor(row=sam_rows[0])
        wanted = list(recent.rows)[sam_rows[0]].value
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionPageScreen)
        assert app.screen.session_id == wanted
        assert app.screen.session is not None and app.screen.session.client_id == sam.id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_n_creates_a_client_on_disk(demo_store: Store, data_dir: Path, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewClientScreen)
        await type_text(pilot, "Ada Byron")
        await pilot.press("tab")
        await type_text(pilot, "Ada")
        await pilot.press("tab")
        await type_text(pilot, "she/her")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#clients", DataTable)
        assert table.row_count == 3

    with Store.open(data_dir, read_only=True) as reader:
        saved = reader.find_client("Ada Byron")
        assert saved is not None
        assert (saved.preferred_name, saved.pronouns) == ("Ada", "she/her")


async def test_the_form_wants_a_name_and_refuses_a_duplicate(demo_store: Store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewClientScreen)
        assert "name is needed" in static_text(app.screen, "#client-form-error")
        await type_text(pilot, "dana reyes")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewClientScreen)
        assert "already a client" in static_text(app.screen, "#client-form-error")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert len(demo_store.clients()) == 2


async def test_a_failed_save_keeps_the_form_and_what_was_typed(
    demo_store: Store, make_app, monkeypatch
):
    def refuse(_client: Client) -> None:
        raise StorageError("couldn't save clients: the disk is full — this change was not saved")

    monkeypatch.setattr(demo_store, "save_client", refuse)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "Ada Byron")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NewClientScreen)
        assert form.query_one("#client-name", Input).value == "Ada Byron"
        error = str(form.query_one("#client-form-error", Static).render())
        assert "Not saved" in error and "disk is full" in error
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#clients", DataTable).row_count == 2
    assert demo_store.find_client("Ada Byron") is None


async def test_search_finds_a_private_note_and_opens_its_session(demo_store: Store, make_app):
    app = make_app(demo_store)
    dana = demo_store.find_client("Dana")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, "gently")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        results = screen.query_one("#search-results", OptionList)
        assert results.option_count == 1
        assert screen._hits[0].kind is EntryKind.PRIVATE
        shown = results.get_option_at_index(0).prompt.plain
        assert "private" in shown and "go gently" in shown
        assert "1 match in 1 session" in static_text(screen, "#search-status")
        hit = screen._hits[0]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionPageScreen)
        assert app.screen.session_id == hit.session_id
        assert app.screen.session is not None and app.screen.session.client_id == dana.id


async def test_search_says_when_nothing_matches(demo_store: Store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await type_text(pilot, "zebra")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#search-results", OptionList).option_count == 0
        assert "Nothing matches" in static_text(app.screen, "#search-status")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_user_text_is_shown_literally_never_as_markup(store: Store, make_app):
    store.save_client(Client(name="[bold]Eve[/bold] \x1b[2JX", pronouns="[i]they[/i]"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#clients", DataTable)
        name, pronouns, *_ = row_text(table, store.clients()[0].id)
        assert name == "[bold]Eve[/bold] X"
        assert pronouns == "[i]they[/i]"
        screenshot = app.export_screenshot()
        assert "[bold]Eve[/bold]" in screenshot
        assert "\x1b" not in screenshot


async def test_q_quits_and_the_palette_offers_home_actions(demo_store: Store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = {command.name: command for command in app.screen.palette_commands()}
        assert {"Open brief", "New client", "Search sessions"} <= set(commands)
        commands["Search sessions"].run()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_name_with_a_title_asks_what_they_go_by(
    demo_store: Store, data_dir: Path, make_app
):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Dr. Maria Lopez")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NewClientScreen)
        assert "starts with a title" in static_text(form, "#client-form-error")
        goes_by = form.query_one("#client-preferred-name", Input)
        assert goes_by.value == "Maria"
        assert app.focused is goes_by
        await pilot.press("ctrl+u", *"Mari", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with Store.open(data_dir, read_only=True) as reader:
        saved = reader.find_client("Dr. Maria Lopez")
        assert saved is not None
        assert (saved.preferred_name, saved.display_name) == ("Mari", "Mari")
