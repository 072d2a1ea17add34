"""The live room's clock: overtime is marked in the header, and the clock can pause."""

from __future__ import annotations

import pytest

from sessionpad.storage.store import Store
from sessionpad.ui.screens.live import LiveScreen
from tests.conftest import FakeClock
from tests.ui.conftest import live_room


def header(screen: LiveScreen) -> str:
    screen._tick()
    return str(screen.query_one("#live-header").render())


def short_app(demo_store: Store, make_app, minutes: int = 5):
    return make_app(demo_store, start_client=demo_store.find_client("Dana").id, minutes=minutes)


async def type_line(pilot, screen: LiveScreen, line: str) -> None:
    screen.query_one("#capture").value = line
    await pilot.press("enter")
    await pilot.pause()


async def test_over_the_planned_time_the_header_says_so(demo_store, make_app, clock: FakeClock):
    app = short_app(demo_store, make_app)
    async with live_room(app) as (pilot, screen):
        clock.advance(minutes=4)
        assert "▲" not in header(screen)
        assert "1m left" in header(screen)
        clock.advance(minutes=1, seconds=10)
        assert "05:10 / 05:00 · ▲ time's up · " in header(screen)
        clock.advance(minutes=11, seconds=45)
        text = header(screen)
        assert "16:55 / 05:00" in text
        assert "▲ +11m over" in text  # whole minutes past, as a clock counts
        assert "left" not in text.split("·")[3]
        await pilot.pause()
        assert app.screen is screen  # no modal
        assert app.focused is screen.query_one("#capture")
        screen.action_privacy()
        await pilot.pause()
        curtain = str(screen.query_one("#curtain").render())
        assert "▲" not in curtain


@pytest.mark.parametrize("how", ["/pause", "ctrl+space", "ctrl+@"])
async def test_pause_stops_the_clock_and_shows_it(
    demo_store, data_dir, make_app, clock: FakeClock, how: str
):
    app = short_app(demo_store, make_app, minutes=60)
    async with live_room(app) as (pilot, screen):
        clock.advance(minutes=10)

        async def pause() -> None:
            if how == "/pause":
                await type_line(pilot, screen, "/pause")
            else:
                await pilot.press(how)
                await pilot.pause()

        await pause()
        clock.advance(minutes=7)
        text = header(screen)
        assert "10:00 / 60:00" in text
        assert "⏸ paused" in text
        with Store.open(data_dir, read_only=True) as reader:
            assert reader.load_session(screen.live.session.id).paused_since is not None
        await pause()
        clock.advance(minutes=2)
        text = header(screen)
        assert "12:00 / 60:00" in text
        assert "paused" not in text
        assert app.focused is screen.query_one("#capture")
