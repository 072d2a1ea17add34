"""Closing the terminal ends sessionpad within seconds, whatever it was doing, lock released.

Before: a window closed after a long line was typed, or during start-up, left the process
alive in a futex wait, ignoring SIGTERM and holding the data-dir lock, so the next start was
refused.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
from pathlib import Path

import pytest

from sessionpad.core.models import SessionStatus
from sessionpad.storage.store import Store
from tests.reliability.tmux import (
    TmuxWindow,
    entry_texts,
    last_session,
    needs_tmux,
    process_alive,
    sessionpad_argv,
    wait_until,
)

pytestmark = [pytest.mark.slow, needs_tmux]

#: SPEC §8 says 2 s; the slack is for a machine shared by many test runs at once.
GONE_WITHIN = 3.0
START_UP_LAUNCHES = 12


def kill_ghost(pid: int) -> None:
    """A test leaves no process behind, even when it fails."""
    if process_alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _writer_can_open(data_dir: Path) -> bool:
    with Store.open(data_dir) as store:
        return store.data_dir == data_dir.absolute()


def test_a_long_line_then_the_window_closed(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    window = TmuxWindow(sessionpad_argv(data_dir, "start", "Dana Reyes"))
    try:
        assert wait_until(lambda: last_session(data_dir) is not None, 30), window.screen()
        assert wait_until(lambda: "note · ! promise" in window.screen(), 15), window.screen()
        pid = window.pane_pid()
        assert pid is not None
        window.send("before the long line", "Enter")
        assert wait_until(lambda: entry_texts(data_dir) == ["before the long line"], 15)
        for _ in range(10):  # 5,000 characters, as a fast typist's keys arrive: in bursts
            window.send_literal("long " * 100)
    finally:
        window.close_window()

    gone = wait_until(lambda: not process_alive(pid), GONE_WITHIN, step=0.05)
    kill_ghost(pid)
    assert gone, f"sessionpad (pid {pid}) still running {GONE_WITHIN}s after its terminal closed"
    assert _writer_can_open(data_dir), "the data-dir lock was not released"
    session = last_session(data_dir)
    assert [entry.text for entry in session.entries] == ["before the long line"]
    assert session.status is SessionStatus.INTERRUPTED


def test_closing_the_window_during_start_up_leaves_no_process(tmp_path: Path) -> None:
    moments = [random.Random(number).uniform(0.15, 0.8) for number in range(START_UP_LAUNCHES)]
    ghosts = []
    for number, moment in enumerate(moments):
        data_dir = tmp_path / f"data{number}"
        window = TmuxWindow(sessionpad_argv(data_dir, "start", "Dana Reyes"))
        try:
            pid = window.pane_pid()
            wait_until(lambda: False, moment, step=0.01)
        finally:
            window.close_window()
        assert pid is not None
        if not wait_until(lambda pid=pid: not process_alive(pid), GONE_WITHIN, step=0.05):
            ghosts.append((moment, pid))
            continue
        if data_dir.exists():
            assert _writer_can_open(data_dir), f"lock still held after closing at {moment}s"
    for _moment, pid in ghosts:
        kill_ghost(pid)
    assert ghosts == [], f"still running after the window closed (moment, pid): {ghosts}"
