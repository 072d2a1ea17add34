"""Pop-ups: the pit-stop refuses a rating outside 1–10 as it is typed; each pop-up's Footer
shows its own keys, not the live room's underneath."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets._footer import FooterKey

from sessionpad.core.live import LiveSession
from sessionpad.storage.store import Store
from sessionpad.ui.screens.end import EndScreen
from sessionpad.ui.screens.help import HelpScreen
from sessionpad.ui.screens.leave import LeaveScreen
from sessionpad.ui.screens.pit_stop import RATING_RULE, PitStopScreen
from sessionpad.ui.screens.resume import ResumeScreen
from tests.ui.conftest import live_room


def dana_app(demo_store: Store, make_app):
    return make_app(demo_store, start_client=demo_store.find_client("Dana").id)


def footer_words(app: App) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]


async def open_pit_stop(pilot) -> PitStopScreen:
    await pilot.press("ctrl+g")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PitStopScreen)
    return pilot.app.screen


def error_text(screen: PitStopScreen) -> str:
    return str(screen.query_one("#pit-stop-error").render())


@pytest.mark.parametrize(
    ("keys", "kept", "refused"),
    [
        (("1", "1"), "1", True),
        (("0",), "", True),
        (("1", "0"), "10", False),
        (("x",), "", True),
        (("7", "-"), "7", True),
        (("9",), "9", False),
    ],
)
async def test_a_rating_outside_one_to_ten_is_refused_as_typed(
    demo_store, make_app, keys, kept, refused
):
    async with live_room(dana_app(demo_store, make_app)) as (pilot, _screen):
        pit = await open_pit_stop(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        assert pit.query_one("#rating").value == kept
        assert (error_text(pit) == RATING_RULE) is refused


async def test_a_pasted_rating_out_of_range_is_refused_too(demo_store, make_app):
    async with live_room(dana_app(demo_store, make_app)) as (pilot, _screen):
        pit = await open_pit_stop(pilot)
        rating = pit.query_one("#rating")
        rating.insert_text_at_cursor("42")
        await pilot.pause()
        assert rating.value == ""
        assert error_text(pit) == RATING_RULE
        await pilot.press("8")
        await pilot.pause()
        assert rating.value == "8"
        assert error_text(pit) == ""


async def test_each_pop_up_shows_its_own_keys(demo_store, make_app, clock):
    async with live_room(dana_app(demo_store, make_app)) as (pilot, _screen):
        room = footer_words(pilot.app)
        assert "pit-stop" in room
        for key, kind, own in (
            ("ctrl+g", PitStopScreen, "save pit-stop"),
            ("f10", EndScreen, "not booked"),
            ("f1", HelpScreen, "close"),
            ("ctrl+q", LeaveScreen, "leave for later"),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(pilot.app.screen, kind)
            words = footer_words(pilot.app)
            assert own in words
            assert "pit-stop" not in words
            await pilot.press("escape")
            await pilot.pause()


async def test_the_resume_offer_shows_its_keys(demo_store, make_app, clock):
    live = LiveSession.start(demo_store, demo_store.find_client("Dana"), 60, clock=clock)
    live.capture("said before the terminal closed")
    live.mark_interrupted()
    app = dana_app(demo_store, make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert footer_words(app) == ["resume it", "end it, start fresh", "cancel"]


async def test_a_question_shows_its_own_answers_and_takes_them(demo_store, make_app):
    from sessionpad.ui.screens.confirm import ConfirmScreen

    answers: list[bool] = []
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        question = ConfirmScreen("Copy anyway?", "It holds private notes.", yes=("c", "copy"))
        app.push_screen(question, answers.append)
        await pilot.pause()
        assert footer_words(app) == ["cancel", "copy", "no"]
        await pilot.press("c")
        await pilot.pause()
    assert answers == [True]
