"""The coaching-log fields of the client form, and the coach's record on Home and the brief."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.widgets import Checkbox, Input

from sessionpad.core.models import Client
from sessionpad.storage.store import Store
from sessionpad.ui.screens.brief import BriefScreen
from sessionpad.ui.screens.home import HomeScreen
from sessionpad.ui.screens.new_client import NewClientScreen
from tests.ui.test_home import SIZE, static_text, type_text


async def _fill(pilot, field: str, text: str) -> None:
    box = pilot.app.screen.query_one(field, Input)
    box.focus()
    box.value = ""
    await pilot.pause()
    await type_text(pilot, text)


async def test_the_form_saves_the_coaching_log_fields(store: Store, data_dir: Path, make_app):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewClientScreen)
        await type_text(pilot, "Ops team")
        await _fill(pilot, "#client-email", "lead@example.org")
        app.screen.query_one("#client-pro-bono", Checkbox).focus()
        await pilot.press("space")  # pro bono: on
        await _fill(pilot, "#client-group-size", "6")
        app.screen.query_one("#client-named", Checkbox).focus()
        await pilot.press("space")  # may be named: off
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    with Store.open(data_dir, read_only=True) as reader:
        saved = reader.find_client("Ops team")
        assert saved is not None
        assert (saved.email, saved.pro_bono, saved.group_size, saved.may_be_named) == (
            "lead@example.org",
            True,
            6,
            False,
        )


async def test_a_new_client_is_paid_individual_and_may_be_named_by_default(store: Store, make_app):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert not app.screen.query_one("#client-pro-bono", Checkbox).value
        assert app.screen.query_one("#client-named", Checkbox).value
        assert app.screen.query_one("#client-group-size", Input).value == "1"
        await type_text(pilot, "Ada Byron")
        await pilot.press("enter")
        await pilot.pause()
    saved = store.find_client("Ada Byron")
    assert saved is not None
    assert (saved.email, saved.pro_bono, saved.group_size, saved.may_be_named) == (
        "",
        False,
        1,
        True,
    )


async def test_a_bad_email_or_group_size_keeps_the_form_with_a_reason(store: Store, make_app):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Ada Byron")
        await _fill(pilot, "#client-email", "ada.example.org")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewClientScreen)
        assert "has no @" in static_text(app.screen, "#client-form-error")
        assert app.screen.focused is app.screen.query_one("#client-email", Input)
        await _fill(pilot, "#client-email", "ada@example.org")
        await _fill(pilot, "#client-group-size", "0")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewClientScreen)
        assert "1 (individual) to 999" in static_text(app.screen, "#client-form-error")
        assert app.screen.query_one("#client-name", Input).value == "Ada Byron"
    assert store.find_client("Ada Byron") is None


async def test_editing_a_profile_shows_and_keeps_its_log_fields(store: Store, make_app):
    client = Client("Ops team", email="lead@example.org", pro_bono=True, group_size=6)
    client.may_be_named = False
    store.save_client(client)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NewClientScreen)
        assert form.query_one("#client-email", Input).value == "lead@example.org"
        assert form.query_one("#client-group-size", Input).value == "6"
        assert form.query_one("#client-pro-bono", Checkbox).value
        assert not form.query_one("#client-named", Checkbox).value
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = store.client(client.id)
    assert saved == client


def _seed_record(store: Store) -> tuple[Client, Client]:
    from datetime import timedelta

    from sessionpad.core.models import Owner, Promise, PromiseStatus, Session, SessionStatus
    from sessionpad.core.promises import resolve
    from tests.conftest import FIXED_NOW

    dana, sam = Client("Dana Reyes"), Client("Sam Okafor", pro_bono=True)
    for client in (dana, sam):
        store.save_client(client)
    day = FIXED_NOW.date()

    def coach_promise(client: Client, due_days: int, status=None, resolved_days: int = 0):
        promise = Promise(client.id, Owner.COACH, "send the invite", FIXED_NOW - timedelta(30))
        promise.due = day + timedelta(days=due_days)
        if status is not None:
            at = FIXED_NOW + timedelta(days=resolved_days)
            resolve(promise, status, at=at, session_id=None)
        store.save_promise(promise)

    coach_promise(dana, -10, PromiseStatus.KEPT, resolved_days=-12)  # on time
    coach_promise(dana, -10, PromiseStatus.KEPT, resolved_days=-8)  # late
    coach_promise(dana, -3)  # open, overdue
    coach_promise(sam, -5, PromiseStatus.MISSED, resolved_days=-4)
    sessions = []
    # Distinct days and numbers: the same start would leave the order to random ids.
    for days_ago, client, number, minutes in ((9, dana, 1, 60), (7, dana, 2, 90), (8, sam, 1, 45)):
        start = FIXED_NOW - timedelta(days=days_ago)
        held = Session(client.id, 60, start, [], number=number, status=SessionStatus.ENDED)
        held.ended = start + timedelta(minutes=minutes)
        sessions.append(held)
    store.add_sessions(sessions)
    return dana, sam


async def test_home_shows_the_coachs_word_and_hours(store: Store, make_app):
    _seed_record(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = static_text(app.screen, "#coach-record")
        assert "Your word, 90 days  1 kept on time · 1 late · 1 missed · 1 open (1 overdue)" in text
        assert (
            "Coaching hours      3.3 h (2.5 paid) · ACC needs 100 h, 75 paid: 96.8 h to go" in text
        )


async def test_the_brief_shows_the_coachs_word_to_that_client_only(store: Store, make_app):
    _seed_record(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # Dana, first alphabetically
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        markup = str(app.screen.query_one("#followups-panel").border_subtitle)
        subtitle = Content.from_markup(markup).plain
        assert subtitle == "your word, 90 days: 1 on time · 1 late · 0 missed · 1 open (1 overdue)"


async def test_home_hides_the_record_until_there_is_a_client(store: Store, make_app):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#coach-record").styles.display == "none"
        store.save_client(Client("Ada Byron"))
        app.screen.refresh_data()
        await pilot.pause()
        assert app.screen.query_one("#coach-record").styles.display == "block"
        assert "no promises of yours yet" in static_text(app.screen, "#coach-record")


async def test_keeping_the_coachs_follow_up_on_the_brief_updates_the_record(store: Store, make_app):
    _seed_record(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("k")  # the overdue "send the invite": kept today, so late
        await pilot.pause()
        markup = str(app.screen.query_one("#followups-panel").border_subtitle)
        assert Content.from_markup(markup).plain == (
            "your word, 90 days: 1 on time · 2 late · 0 missed · 0 open"
        )
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "1 kept on time · 2 late · 1 missed · 0 open" in static_text(
            app.screen, "#coach-record"
        )


async def test_the_brief_profile_shows_the_log_fields_that_differ(store: Store, make_app):
    client = Client("Ops team", email="lead@example.org", pro_bono=True, group_size=6)
    client.may_be_named = False
    store.save_client(client)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert static_text(app.screen, "#profile") == (
            "lead@example.org · group of 6 · pro bono · not named on your log"
        )
