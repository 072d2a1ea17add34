"""The live room in a real terminal: the curtain raised while typing, then a resize.

``sessionpad start`` runs in a tmux server of its own (TmuxApp); keys arrive as a terminal
sends them, several in one ``send-keys`` call where a fast typist would.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.test_paste import TmuxApp, saved_entries, wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]

_instances = itertools.count()


@pytest.fixture
def app(tmp_path: Path) -> Iterator[TmuxApp]:
    running = TmuxApp(tmp_path / "data", tmp_path)
    running.name = f"sessionpad-room-{os.getpid()}-{next(_instances)}"
    try:
        running.start()
        wait_for(lambda: "Timeline" in running.screen(), running, "the live room never opened")
        yield running
    finally:
        running.close()


def test_the_curtain_raised_while_typing_veils_the_bar(app: TmuxApp) -> None:
    app.press("-l", "~ she is worried")
    app.press("C-o", " about the merger")  # the curtain comes down mid-sentence
    dots = "•" * len("~ she is worried about the merger")
    wait_for(lambda: dots in app.screen(), app, "the bar's text never turned to dots")
    screen = app.screen()
    assert "worried" not in screen and "merger" not in screen
    assert "Timeline" not in screen

    app.press("Enter", "-l", "and the next thought")
    wait_for(
        lambda: saved_entries(app.data_dir) == ["she is worried about the merger"],
        app,
        "the note typed behind the curtain was not saved",
    )
    wait_for(lambda: "•" * len("and the next thought") in app.screen(), app, "no dots")
    assert "next thought" not in app.screen()

    app.press("C-o")
    wait_for(lambda: "(private) she is worried" in app.screen(), app, "the curtain never lifted")
    assert "and the next thought" in app.screen()  # still in the bar, now readable


def test_a_resize_mid_session_keeps_the_newest_entry_and_the_keys(app: TmuxApp) -> None:
    lines = [f"thought {n} on the move and what it asks of the team" for n in range(12)]
    for line in lines:
        app.press("-l", line)
        app.press("Enter")
    wait_for(lambda: saved_entries(app.data_dir) == lines, app, "the lines were not saved")
    wait_for(lambda: "thought 11 on" in app.screen(), app, "the newest entry is not on show")

    app.tmux("resize-window", "-t", app.name, "-x", "60", "-y", "20")
    wait_for(lambda: len(app.screen().splitlines()[0]) <= 60, app, "the window never resized")
    wait_for(lambda: "thought 11 on" in app.screen(), app, "the newest entry left the screen")

    def footer() -> str:
        return app.screen().rstrip("\n").splitlines()[-1]

    wait_for(lambda: "F1 help" in footer() and "F10 end" in footer(), app, "keys cut away")
