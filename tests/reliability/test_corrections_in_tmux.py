"""Undo and recall through a real terminal: ``sessionpad start`` in tmux, keys as typed.

``ctrl+z`` and ``up`` act only in an empty bar, and a paste holding a ctrl+z byte is text,
never an undo. (That last one also held with the paste guard switched off: whatever a
paste re-issues as keys types into the bar first, and a bar with text ignores ctrl+z.)
"""

from __future__ import annotations

import itertools
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.test_paste import ESC, TmuxApp, saved_entries, wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]

_instances = itertools.count()


@pytest.fixture
def app(tmp_path: Path) -> Iterator[TmuxApp]:
    running = TmuxApp(tmp_path / "data", tmp_path)
    running.name = f"sessionpad-corrections-{os.getpid()}-{next(_instances)}"
    try:
        running.start()
        wait_for(lambda: "Timeline" in running.screen(), running, "the live room never opened")
        yield running
    finally:
        running.close()


def type_line(app: TmuxApp, text: str, expected: list[str]) -> None:
    app.press("-l", text)
    app.press("Enter")
    wait_for(lambda: saved_entries(app.data_dir) == expected, app, f"{text!r} not saved")


def test_ctrl_z_and_up_in_a_real_terminal(app: TmuxApp) -> None:
    type_line(app, "first", ["first"])
    type_line(app, "secnod", ["first", "secnod"])
    app.press("C-z")
    wait_for(lambda: saved_entries(app.data_dir) == ["first"], app, "ctrl+z took nothing back")
    wait_for(lambda: "took back #2" in app.screen(), app, "no word of the undo")
    assert "secnod" in app.screen().split("took back")[1]  # its text is back in the bar

    app.press("C-z")  # the bar holds text: nothing happens
    time.sleep(0.5)
    assert saved_entries(app.data_dir) == ["first"]

    app.press("C-u")
    type_line(app, "second", ["first", "second"])
    app.press("Up")
    wait_for(lambda: "editing #2" in app.screen(), app, "up brought nothing back")
    app.press("C-u")
    type_line(app, "second, fixed", ["first", "second, fixed"])
    assert app.running()


def test_a_pasted_ctrl_z_is_text_not_an_undo(app: TmuxApp) -> None:
    type_line(app, "keep me", ["keep me"])
    app.paste(f"{ESC}\x1a pasted end")
    wait_for(lambda: "pasted" in app.screen(), app, "the paste never reached the bar")
    time.sleep(0.5)
    assert saved_entries(app.data_dir) == ["keep me"]
    app.press("Enter")
    wait_for(lambda: len(saved_entries(app.data_dir)) == 2, app, "enter saved nothing")
    assert saved_entries(app.data_dir)[0] == "keep me"
