"""Archive, restore and delete from Home; the retention notice (issue 9 items 3, 4), at 80×24."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from sessionpad.storage.store import Store
from sessionpad.ui.screens.delete_client import DeleteClientScreen
from sessionpad.ui.screens.home import HomeScreen
from tests.conftest import FIXED_NOW
from tests.ui.test_home import notifications, static_text, type_text

SIZE = (80, 24)
UNIQUE_NOTE = b"Wants to stop being the bottleneck for every decision"


def client_keys(app) -> list[str]:
    return [key.value for key in app.screen.query_one("#clients", DataTable).rows]


def recent_clients(app, store: Store) -> set[str]:
    recent = app.screen.query_one("#recent", DataTable)
    return {store.load_session(key.value).client_id for key in recent.rows}


async def test_archive_takes_a_client_off_home_and_restore_brings_them_back(
    demo_store: Store, make_app
):
    app = make_app(demo_store)
    dana, sam = demo_store.find_client("Dana"), demo_store.find_client("Sam")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "a")  # Sam
        await pilot.pause()
        assert client_keys(app) == [dana.id]
        assert sam.id not in recent_clients(app, demo_store)
        assert demo_store.client(sam.id).archived
        assert demo_store.session_headers(sam.id)  # every record kept
        assert any("Archived Sam Okafor" in note for note in notifications(app))

        await pilot.press("A")  # the archived clients
        await pilot.pause()
        assert client_keys(app) == [sam.id]
        assert "1 archived client" in static_text(app.screen, "#home-title")
        await pilot.press("a")
        await pilot.pause()
        assert client_keys(app) == []
        assert not demo_store.client(sam.id).archived

        await pilot.press("A")
        await pilot.pause()
        assert client_keys(app) == [dana.id, sam.id]
        assert sam.id in recent_clients(app, demo_store)


async def test_delete_asks_for_the_full_name_then_removes_everything(
    demo_store: Store, make_app, data_dir: Path
):
    app = make_app(demo_store)
    dana, sam = demo_store.find_client("Dana"), demo_store.find_client("Sam")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("delete")  # Dana, highlighted first
        await pilot.pause()
        assert isinstance(app.screen, DeleteClientScreen)
        await type_text(pilot, "Dana")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DeleteClientScreen)
        assert "nothing was deleted" in static_text(app.screen, "#delete-status")
        assert demo_store.client(dana.id) is not None

        app.screen.query_one("#delete-name", Input).value = ""
        await type_text(pilot, "dana reyes")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert client_keys(app) == [sam.id]
        assert any("Deleted Dana Reyes" in note for note in notifications(app))

    remaining = [path for path in data_dir.rglob("*") if path.is_file()]
    assert remaining
    for path in remaining:
        payload = path.read_bytes()
        for trace in (dana.id.encode(), b"Dana Reyes", UNIQUE_NOTE):
            assert trace not in payload, f"{path} still holds {trace!r}"
    assert (data_dir / "sessions").exists() and demo_store.session_headers(sam.id)


async def test_escape_deletes_nothing(demo_store: Store, make_app, data_dir: Path):
    before = {p: p.read_bytes() for p in data_dir.rglob("*.json")}
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("delete")
        await type_text(pilot, "Dana Reyes")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert len(client_keys(app)) == 2
    assert {p: p.read_bytes() for p in data_dir.rglob("*.json")} == before


async def test_home_says_when_a_client_is_past_retention(demo_store: Store, make_app, clock):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        notice = app.screen.query_one("#retention-notice", Static)
        assert not notice.display  # off by default
    demo_store.save_retention_years(1)
    clock.moment = FIXED_NOW.replace(year=FIXED_NOW.year + 2)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        notice = app.screen.query_one("#retention-notice", Static)
        assert notice.display and notice.region.height >= 1
        text = static_text(app.screen, "#retention-notice")
        assert "1-year retention" in text
        assert "Dana Reyes" in text and "Sam Okafor" in text


async def test_retention_screen_sets_the_years_and_lists_who_is_past_it(
    demo_store: Store, make_app, clock
):
    from sessionpad.ui.screens.retention import RetentionScreen

    clock.moment = FIXED_NOW.replace(year=FIXED_NOW.year + 2)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#retention-notice", Static).display
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, RetentionScreen)
        assert "Retention is off" in static_text(app.screen, "#retention-list")
        field = app.screen.query_one("#retention-years", Input)
        field.value = ""
        await type_text(pilot, "seven")
        await pilot.press("enter")
        await pilot.pause()
        assert "number of years" in static_text(app.screen, "#retention-status")
        assert demo_store.retention_years() is None
        field.value = ""
        await type_text(pilot, "1")
        await pilot.press("enter")
        await pilot.pause()
        assert demo_store.retention_years() == 1
        listing = static_text(app.screen, "#retention-list")
        assert "2 client(s)" in listing
        assert "Dana Reyes" in listing and "Sam Okafor" in listing
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#retention-notice", Static).display
