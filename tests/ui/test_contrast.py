"""Every text on screen meets WCAG AA (4.5:1), the Footer's keys included, in both themes.

The ratios are computed from the colours Textual renders for each cell (the theme's
variables resolved through the app's CSS); dim text counts as halfway to its background,
as Textual's dim filter and most terminals draw it. A pop-up's faded backdrop is not
measured: it is there not to be read.
"""

from __future__ import annotations

import pytest
from rich.color import Color as RichColor
from textual.pilot import Pilot

from sessionpad.core.live import LiveSession
from sessionpad.storage.store import Store
from sessionpad.ui import messages
from sessionpad.ui.app import SessionpadApp
from tests.conftest import FakeClock
from tests.ui.contrast import contrast_ratio, low_contrast

THEMES = ("textual-dark", "textual-light")
SCRIPT = (
    "Arrived energised #energy",
    "? Why did you not do it?",
    "! draft the delegation plan by friday",
    "!me send the invite by tomorrow",
    "* the deadline is self-imposed",
    "~ seemed tired",
)


def test_the_ratio_is_wcag_s() -> None:
    black, white = RichColor.from_rgb(0, 0, 0), RichColor.from_rgb(255, 255, 255)
    assert contrast_ratio(black, white) == pytest.approx(21)
    assert contrast_ratio(white, white) == pytest.approx(1)
    # Textual's light theme: its Footer key colour on the Footer, as issue 10 measured.
    assert contrast_ratio(RichColor.parse("#0178d4"), RichColor.parse("#d0d0d0")) == (
        pytest.approx(2.94, abs=0.01)
    )


class Walk:
    def __init__(self, pilot: Pilot) -> None:
        self.pilot = pilot
        self.failures: list[str] = []
        self.screens: list[str] = []

    async def check(self, where: str) -> None:
        await self.pilot.pause()
        self.screens.append(type(self.pilot.app.screen).__name__)
        for low in low_contrast(self.pilot.app):
            self.failures.append(
                f"{where}: {low.text!r} {low.foreground} on {low.background} = {low.ratio}"
            )

    async def press(self, where: str, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.check(where)


async def walk_the_app(pilot: Pilot, store: Store, clock: FakeClock) -> list[str]:
    app = pilot.app
    assert isinstance(app, SessionpadApp)
    walk = Walk(pilot)
    await walk.check("home")
    await walk.press("search", "s")
    await walk.press("search results", *"delegation", "enter")
    await walk.press("home", "escape")
    await walk.press("new client", "n")
    await walk.press("home", "escape")
    await walk.press("prompt library", "p")
    await walk.press("home", "escape")
    await walk.press("settings", "comma")
    await walk.press("home", "escape")
    await walk.press("brief", "enter")
    await walk.press("home", "escape")
    app.post_message(messages.StartSession(store.find_client("Dana").id, 60))
    await pilot.pause()
    await walk.check("live room, empty")
    bar = app.screen.query_one("#capture")
    for line in SCRIPT:
        clock.advance(minutes=3)
        bar.value = line
        await pilot.press("enter")
    await walk.check("live room, question coach message")
    clock.advance(minutes=40)
    app.screen._tick()
    await walk.check("live room, pit-stop due")
    await walk.press("alliance panel", "ctrl+t")
    await walk.press("promises panel", "ctrl+t")
    await walk.press("timeline selection", "f2")
    await walk.press("live room", "escape")
    bar.value = "/prompt"
    await walk.press("prompt editor", "enter")
    await walk.press("live room", "escape")
    await walk.press("pit-stop", "ctrl+g")
    await walk.press("pit-stop refusing 0", "0")
    await walk.press("live room", "escape")
    clock.advance(minutes=30)
    await walk.press("live room, overtime and paused", "ctrl+space")
    await walk.press("privacy curtain", "ctrl+o")
    await walk.press("live room", "ctrl+o")
    await walk.press("help", "f1")
    await walk.press("live room", "escape")
    await walk.press("leave", "ctrl+q")
    await walk.press("live room", "escape")
    await walk.press("end", "f10")
    await walk.press("end, booking", "b")
    await walk.press("summary", "ctrl+s")
    await walk.press("summary, coach audience", "a")
    await walk.press("corrections", "r")
    # The walk really went everywhere it says (a key that did nothing would measure nothing new).
    assert {
        "HomeScreen",
        "SearchScreen",
        "BriefScreen",
        "NewClientScreen",
        "PromptLibraryScreen",
        "SettingsScreen",
        "LiveScreen",
        "PromptEditorScreen",
        "PitStopScreen",
        "HelpScreen",
        "LeaveScreen",
        "EndScreen",
        "SummaryScreen",
        "CorrectionsScreen",
    } <= set(walk.screens), walk.screens
    return walk.failures


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_every_text_reads_at_aa(demo_store, make_app, clock, theme, size):
    app = make_app(demo_store)
    async with app.run_test(size=size) as pilot:
        app.theme = theme
        failures = await walk_the_app(pilot, demo_store, clock)
    assert not failures, "\n".join(dict.fromkeys(failures))


@pytest.mark.parametrize("theme", THEMES)
async def test_the_resume_offer_reads_at_aa(demo_store, make_app, clock, theme):
    live = LiveSession.start(demo_store, demo_store.find_client("Dana"), 60, clock=clock)
    live.capture("said before the terminal closed")
    live.mark_interrupted()
    app = make_app(demo_store, start_client=demo_store.find_client("Dana").id)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await pilot.pause()
        assert low_contrast(app) == []
