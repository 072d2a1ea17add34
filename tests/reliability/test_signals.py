"""A real ``sessionpad start`` under a pseudo-terminal, hung up or terminated mid-session."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sessionpad.core.models import SessionStatus
from sessionpad.storage.store import Store

pytestmark = pytest.mark.slow

LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"


class Terminal:
    """A child process on a pty, with everything it writes collected."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        self.process = subprocess.Popen(
            args,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.output = bytearray()

    def pump(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    return

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())
        self.pump(0.3)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        os.close(self.master)


def _wait_for(condition, timeout: float, terminal: Terminal) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        terminal.pump(0.1)
        if condition():
            return True
    return False


def _live_session(data_dir: Path):
    if not (data_dir / "core.json").exists():
        return None
    with Store.open(data_dir, read_only=True) as reader:
        headers = reader.session_headers()
        return reader.load_session(headers[-1].id) if headers else None


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_signal_mid_session_keeps_entries_and_marks_interrupted(tmp_path: Path, sig: int) -> None:
    data_dir = tmp_path / "data"
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    env.pop("TEXTUAL", None)
    terminal = Terminal(
        [sys.executable, "-m", "sessionpad", "--data-dir", str(data_dir), "start", "Dana Reyes"],
        env,
    )
    try:
        assert _wait_for(lambda: _live_session(data_dir) is not None, 20, terminal), (
            "the live session never started:\n" + terminal.output.decode(errors="replace")[-2000:]
        )
        terminal.pump(1.0)
        lines = ["first note #energy", "! draft the plan by friday", "~ private thought"]
        for line in lines:
            terminal.type(line + "\r")
        assert _wait_for(
            lambda: len(_live_session(data_dir).entries) == len(lines), 15, terminal
        ), "captures never reached the disk"

        terminal.process.send_signal(sig)
        assert _wait_for(lambda: terminal.process.poll() is not None, 15, terminal)
        terminal.pump(0.3)
    finally:
        terminal.close()

    session = _live_session(data_dir)
    assert [entry.text for entry in session.entries] == [
        "first note #energy",
        "draft the plan",
        "private thought",
    ]
    assert session.status is SessionStatus.INTERRUPTED
    assert LEAVE_ALTERNATE_SCREEN in terminal.output, "the terminal was not restored"
    assert b"Traceback" not in terminal.output


CRASHING_CHILD = """
import sys
from sessionpad.core.live import LiveSession

original = LiveSession.capture


def capture(self, raw):
    if raw == "boom":
        raise RuntimeError("a simulated bug")
    return original(self, raw)


LiveSession.capture = capture
from sessionpad.cli import main

sys.exit(main(sys.argv[1:]))
"""


def test_an_unexpected_error_leaves_a_report_not_a_traceback(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = {**os.environ, "TERM": "xterm-256color"}
    terminal = Terminal(
        [sys.executable, "-c", CRASHING_CHILD, "--data-dir", str(data_dir), "start", "Dana"], env
    )
    try:
        assert _wait_for(lambda: _live_session(data_dir) is not None, 20, terminal)
        terminal.pump(1.0)
        terminal.type("saved before the bug\r")
        assert _wait_for(lambda: len(_live_session(data_dir).entries) == 1, 15, terminal)
        terminal.type("boom\r")
        assert _wait_for(lambda: terminal.process.poll() is not None, 15, terminal)
        terminal.pump(0.3)
    finally:
        terminal.close()

    output = terminal.output.decode(errors="replace")
    assert terminal.process.returncode == 1
    assert "Traceback" not in output and "simulated bug" not in output
    assert "everything you confirmed is saved" in output
    (report,) = (data_dir / "crash-reports").glob("crash-*.txt")
    assert "RuntimeError: a simulated bug" in report.read_text()
    assert oct(report.stat().st_mode & 0o777) == "0o600"
    session = _live_session(data_dir)
    assert [entry.text for entry in session.entries] == ["saved before the bug"]
    assert session.status is SessionStatus.INTERRUPTED


def test_sigterm_ends_the_app_while_its_terminal_output_is_stuck(tmp_path: Path) -> None:
    """Nobody reads the terminal: its queue fills and Textual's writes block. SIGTERM still
    ends the app within seconds, marks the session and frees the lock (before: it lived on)."""
    data_dir = tmp_path / "data"
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    env.pop("TEXTUAL", None)
    terminal = Terminal(
        [sys.executable, "-m", "sessionpad", "--data-dir", str(data_dir), "start", "Dana Reyes"],
        env,
    )
    try:
        assert _wait_for(lambda: _live_session(data_dir) is not None, 20, terminal)
        terminal.pump(1.0)
        terminal.type("saved first\r")
        assert _wait_for(lambda: len(_live_session(data_dir).entries) == 1, 15, terminal)
        # From here on nothing reads what the app writes.
        keys = b"stuck " * 1000
        deadline = time.monotonic() + 10
        while keys and time.monotonic() < deadline:
            try:
                keys = keys[os.write(terminal.master, keys[:256]) :]
            except BlockingIOError:
                time.sleep(0.01)
        time.sleep(1.0)
        terminal.process.send_signal(signal.SIGTERM)
        try:
            terminal.process.wait(timeout=3.0)
        except subprocess.TimeoutExpired:
            pytest.fail("sessionpad still running 3 s after SIGTERM, its terminal unread")
    finally:
        terminal.close()

    with Store.open(data_dir) as writer:  # the lock is free
        session = writer.load_session(writer.session_headers()[-1].id)
    assert [entry.text for entry in session.entries] == ["saved first"]
    assert session.status is SessionStatus.INTERRUPTED


def test_a_closed_terminal_that_sends_no_hangup_still_ends_the_app(tmp_path: Path) -> None:
    """The pty is not the app's controlling terminal, so closing it sends no SIGHUP: the
    input just ends. Before: the input thread spun on it and the app lived on, locked."""
    data_dir = tmp_path / "data"
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    env.pop("TEXTUAL", None)
    terminal = Terminal(
        [sys.executable, "-m", "sessionpad", "--data-dir", str(data_dir), "start", "Dana Reyes"],
        env,
    )
    try:
        assert _wait_for(lambda: _live_session(data_dir) is not None, 20, terminal)
        terminal.pump(1.0)
        terminal.type("saved first\r")
        assert _wait_for(lambda: len(_live_session(data_dir).entries) == 1, 15, terminal)
        os.close(terminal.master)
        try:
            terminal.process.wait(timeout=3.0)
        except subprocess.TimeoutExpired:
            pytest.fail("sessionpad still running 3 s after its terminal closed")
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
        terminal.process.wait(timeout=10)

    with Store.open(data_dir) as writer:  # the lock is free
        session = writer.load_session(writer.session_headers()[-1].id)
    assert [entry.text for entry in session.entries] == ["saved first"]
    assert session.status is SessionStatus.INTERRUPTED
