"""The client brief: follow-ups, alliance, trend, profile, and the keys that act on them."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Static

from sessionpad.core.alliance import needs_attention
from sessionpad.core.live import LiveSession
from sessionpad.core.models import Client, Promise, PromiseStatus, SessionStatus
from sessionpad.core.promises import carried_over
from sessionpad.storage.store import StorageError, Store
from sessionpad.ui.screens.brief import AllianceLines, BriefScreen, alliance_rows
from sessionpad.ui.screens.home import HomeScreen
from sessionpad.ui.screens.new_client import NewClientScreen
from sessionpad.ui.widgets.sparkline_text import sparkline, trend_label
from tests.conftest import FIXED_NOW, FakeClock

SIZE = (80, 24)
TODAY = FIXED_NOW.date()


def static_text(screen: Screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def option_texts(screen: Screen) -> list[str]:
    listing = screen.query_one("#followups", OptionList)
    return [listing.get_option_at_index(i).prompt.plain for i in range(listing.option_count)]


def notifications(app: App) -> list[str]:
    return [note.message for note in app._notifications]


async def open_brief(pilot: Pilot, client: Client) -> BriefScreen:
    await pilot.pause()
    pilot.app.push_screen(BriefScreen(client.id))
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, BriefScreen)
    return screen


async def highlight(pilot: Pilot, screen: BriefScreen, promise_id: str) -> None:
    listing = screen.query_one("#followups", OptionList)
    listing.highlighted = listing.get_option_index(promise_id)
    await pilot.pause()


def open_promise(store: Store, client: Client, text_start: str) -> Promise:
    return next(p for p in store.promises(client.id) if p.text.startswith(text_start))


async def test_follow_ups_oldest_first_with_overdue_marked(demo_store: Store, make_app):
    dana = demo_store.find_client("Dana")
    expected = carried_over(demo_store.promises(dana.id), TODAY)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_brief(pilot, dana)
        listing = screen.query_one("#followups", OptionList)
        assert [listing.get_option_at_index(i).id for i in range(listing.option_count)] == [
            item.promise.id for item in expected
        ]
        made = [item.promise.made_at for item in expected]
        assert made == sorted(made)
        texts = option_texts(screen)
        both_owners = {item.promise.owner for item in expected}
        assert len(both_owners) == 2
        for item, shown in zip(expected, texts, strict=True):
            assert item.promise.text in shown
            assert ("overdue" in shown) is item.overdue
            assert "from session" in shown
        invite = next(t for t in texts if "Send the calendar invite" in t)
        assert invite.startswith("coach") and "overdue" in invite
        title = screen.query_one("#followups-panel").border_title
        assert "3 open" in str(title) and "1 overdue" in str(title)
        assert app.focused is listing


async def test_title_alliance_trend_and_profile(demo_store: Store, make_app):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_brief(pilot, dana)
        title = static_text(screen, "#brief-title")
        assert title == "Dana Reyes (she/her) · before session 4 · last: Fri 20 Nov, 60 min"
        assert not screen.query_one("#brief-notice").display

        alliance = demo_store.alliance(dana.id)
        agreed = sum(item.state.value == "agreed" for item in alliance)
        assert f"{agreed}/{len(alliance)} agreed" in str(
            screen.query_one("#alliance-panel").border_title
        )
        rows = screen.query_one(AllianceLines)._rows
        flags = [attention for *_rest, attention in rows]
        # Everything that needs a look comes before the settled agreements.
        assert flags == sorted(flags, reverse=True)
        assert sum(flags) == sum(needs_attention(item, TODAY) for item in alliance)

        trend = static_text(screen, "#trend")
        assert "6 → 8" in trend and sparkline([6, 7, 8]) in trend
        profile = static_text(screen, "#profile")
        assert "she/her" in profile and "Engineering lead" in profile
        last = static_text(screen, "#last-summary")
        assert "boundaries" in last and "Says yes to everything" in last
        assert "VP; go gently" not in last  # a private note stays out of the brief


async def test_k_marks_the_highlighted_follow_up_kept_on_disk(
    demo_store: Store, data_dir: Path, make_app
):
    dana = demo_store.find_client("Dana")
    invite = open_promise(demo_store, dana, "Send the calendar invite")
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_brief(pilot, dana)
        await highlight(pilot, screen, invite.id)
        await pilot.press("k")
        await pilot.pause()
        with Store.open(data_dir, read_only=True) as reader:
            saved = next(p for p in reader.promises(dana.id) if p.id == invite.id)
        assert saved.status is PromiseStatus.KEPT
        assert saved.resolved_in is None
        assert saved.resolved_at == FIXED_NOW
        assert not any("Send the calendar invite" in t for t in option_texts(screen))
        assert len(option_texts(screen)) == 2

        await pilot.press("u")  # a slip of the finger is one key to undo
        await pilot.pause()
        with Store.open(data_dir, read_only=True) as reader:
            saved = next(p for p in reader.promises(dana.id) if p.id == invite.id)
        assert saved.is_open
        assert len(option_texts(screen)) == 3


async def test_m_marks_missed_and_the_home_counts_follow(
    demo_store: Store, data_dir: Path, make_app
):
    dana = demo_store.find_client("Dana")
    plan = open_promise(demo_store, dana, "Draft the delegation plan")
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # Dana is first on Home
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BriefScreen)
        await highlight(pilot, screen, plan.id)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        cells = app.screen.query_one("#clients", DataTable).get_row(dana.id)
        assert cells[3].plain == "2 · 1 overdue"
    with Store.open(data_dir, read_only=True) as reader:
        saved = next(p for p in reader.promises(dana.id) if p.id == plan.id)
    assert saved.status is PromiseStatus.MISSED


async def test_a_failed_save_leaves_the_promise_open(demo_store: Store, make_app, monkeypatch):
    dana = demo_store.find_client("Dana")

    def refuse(_promise: Promise) -> None:
        raise StorageError("couldn't save promises: read-only file system")

    monkeypatch.setattr(demo_store, "save_promise", refuse)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_brief(pilot, dana)
        await pilot.press("k")  # the first follow-up is highlighted
        await pilot.pause()
        assert any("read-only file system" in m for m in notifications(app))
        assert len(option_texts(screen)) == 3
    first = carried_over(demo_store.promises(dana.id), TODAY)[0].promise
    assert first.status is PromiseStatus.OPEN  # read back from disk: nothing half-saved


@pytest.mark.parametrize(("key", "minutes"), [("enter", 60), ("3", 30), ("9", 90)])
async def test_start_keys_begin_a_session_of_that_length(
    demo_store: Store, make_app, key: str, minutes: int
):
    sam = demo_store.find_client("Sam")
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_brief(pilot, sam)
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, BriefScreen)
    sessions = demo_store.session_headers(sam.id)
    assert len(sessions) == 2
    assert sessions[-1].planned_minutes == minutes


async def test_an_unfinished_session_is_announced(demo_store: Store, make_app):
    sam = demo_store.find_client("Sam")
    live = LiveSession.start(demo_store, sam, 30, clock=FakeClock())
    live.capture("started, then the laptop died")
    live.mark_interrupted()
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_brief(pilot, sam)
        notice = screen.query_one("#brief-notice", Static)
        assert notice.display
        text = static_text(screen, "#brief-notice")
        assert "Session 2" in text and "resume" in text
        title = static_text(screen, "#brief-title")
        assert "session 2 unfinished" in title and "before session" not in title
    assert demo_store.session_headers(sam.id)[-1].status is SessionStatus.INTERRUPTED


async def test_e_edits_the_profile_on_disk(demo_store: Store, data_dir: Path, make_app):
    sam = demo_store.find_client("Sam")
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_brief(pilot, sam)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NewClientScreen)
        await pilot.press("tab", *"Sammy", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert "goes by Sammy" in static_text(screen, "#profile")
    with Store.open(data_dir, read_only=True) as reader:
        saved = reader.client(sam.id)
    assert saved.preferred_name == "Sammy"
    assert saved.name == "Sam Okafor"
    assert saved.context == sam.context


async def test_client_text_is_literal_and_free_of_escapes(store: Store, make_app):
    odd = Client(
        name="[bold]Eve[/bold]\x1b]52;c;aGVsbG8=\x07",
        pronouns="[red]x[/red]",
        context="line one\x1b[2J\nline [b]two[/b]",
    )
    store.save_client(odd)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_brief(pilot, odd)
        title = static_text(screen, "#brief-title")
        assert title.startswith("[bold]Eve[/bold] ([red]x[/red])")
        assert "first session" in title
        profile = static_text(screen, "#profile")
        assert "line [b]two[/b]" in profile
        screenshot = app.export_screenshot()
        assert "\x1b" not in screenshot and "aGVsbG8" not in screenshot
        assert "No finished session yet." in static_text(screen, "#last-summary")
        assert "Nothing carried over" in static_text(screen, "#followups-none")


def test_alliance_rows_put_attention_first_and_keep_template_order(demo_store: Store):
    dana = demo_store.find_client("Dana")
    items = demo_store.alliance(dana.id)
    rows = alliance_rows(items, TODAY)
    assert sorted(title for _m, title, _t, _a in rows) == sorted(item.title for item in items)
    never = [title for mark, title, _t, _a in rows if mark == "·"]
    template_order = [item.title for item in items if item.state.value == "not_discussed"]
    assert never == template_order


def test_sparkline_uses_a_fixed_scale():
    assert sparkline([1, 10]) == "▁█"
    assert len(set(sparkline([5, 6, 7, 8]))) == 4  # the usual range stays distinguishable
    assert sparkline([6, 6]) == sparkline([6]) * 2
    assert sparkline(range(1, 30), width=5) == sparkline(range(25, 30))
    assert trend_label([6, 7, 8]) == "6 → 8"
    assert trend_label([7]) == "7"
    assert trend_label([]) == ""


async def test_markup_in_a_promise_stays_text_in_notifications(demo_store: Store, make_app):
    """A promise reading "[/]" once crashed the brief: notify parses markup by default."""
    sam = demo_store.find_client("Sam")
    for promise in demo_store.promises(sam.id):
        if promise.is_open:
            promise.text = "close the [/] gap [bold]now"
            demo_store.save_promise(promise)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_brief(pilot, sam)
        await pilot.press("k")
        await pilot.pause()
        assert app.screen is screen
        from textual.widgets._toast import Toast

        shown = [str(Toast(note).render()) for note in app._notifications]
        assert any("close the [/] gap [bold]now" in text for text in shown), shown
