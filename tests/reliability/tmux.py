"""sessionpad in a real terminal: a tmux window on a socket of this test's own.

The socket and session names carry the pid and a counter, so tests running beside other
people's tmux servers never touch theirs, and every server is killed when the test ends.
"""

from __future__ import annotations

import itertools
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from sessionpad.core.models import Session
from sessionpad.storage.store import Store

_numbers = itertools.count()

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class TmuxWindow:
    """One command in one tmux window, 80×24, with its own tmux server."""

    def __init__(self, argv: Sequence[str], *, width: int = 80, height: int = 24) -> None:
        number = next(_numbers)
        self.socket = f"sessionpad-test-{os.getpid()}-{number}"
        self.name = f"sp{os.getpid()}-{number}"
        # exec: the pane's own process is the program, so its pid is the one to watch.
        command = "exec " + shlex.join(argv)
        self.tmux(
            "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command
        )

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )

    def send(self, *keys: str) -> None:
        """One ``send-keys`` call: every key arrives in the terminal together."""
        self.tmux("send-keys", "-t", self.name, *keys)

    def send_literal(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def paste(self, path: Path) -> None:
        """A bracketed paste of the file's text, as a terminal delivers a clipboard paste."""
        self.tmux("load-buffer", "-b", "paste", str(path))
        self.tmux("paste-buffer", "-p", "-b", "paste", "-t", self.name)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name).stdout

    def pane_pid(self) -> int | None:
        out = self.tmux("list-panes", "-t", self.name, "-F", "#{pane_pid}").stdout.strip()
        return int(out) if out.isdigit() else None

    def close_window(self) -> None:
        """What clicking the terminal's close button does: the pty goes away."""
        self.tmux("kill-server")
        socket_dir = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (socket_dir / self.socket).unlink(missing_ok=True)

    def __enter__(self) -> TmuxWindow:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close_window()


def sessionpad_argv(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "sessionpad", "--data-dir", str(data_dir), *args]


def wait_until(condition: Callable[[], bool], timeout: float, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def last_session(data_dir: Path) -> Session | None:
    if not (data_dir / "core.json").exists():
        return None
    with Store.open(data_dir, read_only=True) as reader:
        headers = reader.session_headers()
        return reader.load_session(headers[-1].id) if headers else None


def entry_texts(data_dir: Path) -> list[str]:
    session = last_session(data_dir)
    return [entry.text for entry in session.entries] if session else []


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie has exited and only waits for its parent to reap it. But a main thread shows
    # as a zombie while the process's other threads are still tearing down and still hold
    # its files (the data-dir lock): it is gone only when every thread is.
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return False
    for task in tasks:
        try:
            status = (task / "status").read_text()
        except OSError:
            continue
        if "\nState:\tZ" not in status:
            return True
    return False
