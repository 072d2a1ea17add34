"""The coaching-log fields of the client form, and the coach's record on Home and the brief."""

from __future__ import annotations

from pathlib import Path

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
