"""A coach in a real terminal finds last month's session by a word in it, reopens it from
the search, sends its summary again, and comes back to the search as it was left."""

from __future__ import annotations

import os
import signal
from datetime import timedelta
from pathlib import Path

import pytest

from sessionpad.core.models import now_local
from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from tests.reliability.tmux import (
    TmuxWindow,
    needs_tmux,
    process_alive,
    sessionpad_argv,
    wait_until,
)

pytestmark = [pytest.mark.slow, needs_tmux]


def shows(window: TmuxWindow, *texts: str, timeout: float = 20) -> bool:
    return wait_until(lambda: all(text in window.screen() for text in texts), timeout)


def test_search_reopen_and_resend_last_months_session(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with Store.open(data_dir) as store:
        seed_demo(store, now=now_local() - timedelta(days=31))
    window = TmuxWindow(sessionpad_argv(data_dir))
    pid = None
    try:
        pid = window.pane_pid()
        assert shows(window, "Clients"), window.screen()
        window.send("s")
        assert shows(window, "Search all sessions"), window.screen()
        window.send_literal("bottleneck")
        assert shows(window, "1 match in 1 session"), window.screen()
        window.send("Down", "Enter")
        assert shows(window, "session 1 ·", "the bottleneck", "s Client summary"), window.screen()
        window.send("s")
        assert shows(window, "Summary for the client"), window.screen()
        window.send("c")
        assert shows(window, "saved to"), window.screen()
        saved = list((data_dir / "exports").iterdir())
        assert len(saved) == 1
        assert "bottleneck" in saved[0].read_text()
        assert "go gently" not in saved[0].read_text()  # the private note stays out
        window.send("Escape")
        assert shows(window, "s Client summary"), window.screen()
        window.send("Escape")
        assert shows(window, "bottleneck", "1 match in 1 session", "Search all sessions")
        window.send("C-q")
        assert pid is not None and wait_until(lambda: not process_alive(pid), 10)
    finally:
        if pid is not None and process_alive(pid):
            os.kill(pid, signal.SIGKILL)
        window.close_window()
