"""Leaving a session on purpose in a real terminal: ctrl+q asks, ``l`` leaves it for later,
and the terminal keeps one line naming the session and how to resume it. ctrl+space (which
a terminal sends as NUL) pauses the clock."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from sessionpad.core.models import SessionStatus
from tests.reliability.tmux import (
    TmuxWindow,
    last_session,
    needs_tmux,
    sessionpad_argv,
    wait_until,
)

pytestmark = [pytest.mark.slow, needs_tmux]


def test_ctrl_q_asks_then_leaves_a_line_to_resume_by(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    argv = sessionpad_argv(data_dir, "start", "Robin Vale", "--new")
    # The shell stays after sessionpad exits, so its last words stay on the screen.
    shell = f"{shlex.join(argv)}; echo EXIT=$?; exec sleep 60"
    with TmuxWindow(["bash", "-c", shell]) as window:
        assert wait_until(lambda: "Timeline" in window.screen(), 30), window.screen()
        window.send_literal("arrived a little late")
        window.send("Enter")
        assert wait_until(lambda: "arrived a little late" in window.screen(), 10)

        window.send("C-Space")
        assert wait_until(lambda: "⏸ paused" in window.screen(), 10), window.screen()
        window.send("C-Space")
        assert wait_until(lambda: "⏸ paused" not in window.screen(), 10), window.screen()

        window.send("C-q")
        assert wait_until(lambda: "Leave the session?" in window.screen(), 10), window.screen()
        assert "EXIT=" not in window.screen()
        window.send("l")
        assert wait_until(lambda: "EXIT=0" in window.screen(), 15), window.screen()
        shown = " ".join(window.screen().split())
        assert "Unfinished: session 1 with Robin Vale. Resume: sessionpad start 'Robin Vale'" in (
            shown
        )
    session = last_session(data_dir)
    assert session is not None
    assert session.status is SessionStatus.INTERRUPTED
    assert [entry.text for entry in session.entries] == ["arrived a little late"]
    assert session.paused_since is not None  # left: the clock stands until it is resumed
