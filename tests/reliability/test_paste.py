"""A paste is text, never keys: a real ``sessionpad start`` in tmux, pasted into.

``tmux paste-buffer -p`` wraps the buffer in the bracketed-paste markers the app asked
for, byte for byte as a terminal does, so this goes through Textual's driver and parser.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sessionpad.storage.store import Store
from tests.reliability.helpers import worker_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]

ESC = "\x1b"
PIT_STOP_TITLE = "how is this going?"
END_TITLE = "End the session"


_instances = itertools.count()


class TmuxApp:
    """``sessionpad start`` in a tmux server of its own (socket and session unique to it)."""

    def __init__(self, data_dir: Path, scratch: Path) -> None:
        self.name = f"sessionpad-paste-{os.getpid()}-{next(_instances)}"
        self.data_dir = data_dir
        self.scratch = scratch
        self.socket: Path | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "sessionpad"]
        command += ["--data-dir", str(self.data_dir), "start", "Dana Reyes"]
        self.tmux(
            "new-session", "-d", "-s", self.name, "-x", "80", "-y", "24",
            "-e", "TERM=xterm-256color", *command,
        )  # fmt: skip
        self.tmux("set-option", "-t", self.name, "remain-on-exit", "on")
        self.socket = Path(self.tmux("display-message", "-p", "#{socket_path}").strip())

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.name, *args],
            capture_output=True,
            text=True,
            timeout=30,
            env=worker_env(),
            check=False,
        )
        assert result.returncode == 0, f"tmux {args[0]}: {result.stderr}"
        return result.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def running(self) -> bool:
        return self.tmux("list-panes", "-t", self.name, "-F", "#{pane_dead}").strip() == "0"

    def paste(self, text: str) -> None:
        # load-buffer from a file: the text arrives byte for byte, however long.
        buffer_file = self.scratch / "paste.txt"
        buffer_file.write_bytes(text.encode())
        self.tmux("load-buffer", "-b", "paste", str(buffer_file))
        self.tmux("paste-buffer", "-p", "-r", "-b", "paste", "-t", self.name)

    def press(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.name, "kill-server"], capture_output=True, check=False)
        if self.socket is not None:
            self.socket.unlink(missing_ok=True)


def wait_for(condition: Callable[[], bool], app: TmuxApp, what: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if not app.running():
            break
        time.sleep(0.1)
    if condition():  # it may have come true as the app ended (waiting for it to quit)
        return
    state = "running" if app.running() else "EXITED"
    pytest.fail(f"{what} — the app is {state}; its screen:\n{app.screen()}")


def saved_entries(data_dir: Path) -> list[str]:
    """The texts of the live session's entries, as on disk."""
    if not (data_dir / "core.json").exists():
        return []
    with Store.open(data_dir, read_only=True) as reader:
        headers = reader.session_headers()
        session = reader.load_session(headers[-1].id) if headers else None
    return [entry.text for entry in session.entries] if session else []


@pytest.fixture
def app(tmp_path: Path) -> Iterator[TmuxApp]:
    running = TmuxApp(tmp_path / "data", tmp_path)
    try:
        running.start()
        wait_for(lambda: "Timeline" in running.screen(), running, "the live room never opened")
        yield running
    finally:
        running.close()


PASTES = {
    # Each used to run a key binding: ctrl+q quit, BEL (ctrl+g) opened the pit-stop,
    # ctrl+r opened End.
    "bold-then-ctrl-q": (f"copied {ESC}[1mbold {ESC}[0m text \x11 more", "copied bold  text  more"),
    "osc52-bel-ctrl-r": (
        f"evil {ESC}]52;c;aGVsbG8=\x07 and {ESC}[2J cleared? \x12 end",
        "evil  and  cleared?  end",
    ),
}


@pytest.mark.parametrize(("pasted", "shown"), PASTES.values(), ids=PASTES.keys())
def test_a_hostile_paste_lands_in_the_bar_and_saves_as_one_entry(
    app: TmuxApp, pasted: str, shown: str
) -> None:
    app.paste(pasted)
    wait_for(lambda: shown in app.screen(), app, "the paste never reached the bar")
    time.sleep(0.5)  # anything the paste set off would have shown by now
    screen = app.screen()
    assert app.running()
    assert PIT_STOP_TITLE not in screen and END_TITLE not in screen, screen

    app.press("Enter")
    wait_for(lambda: bool(saved_entries(app.data_dir)), app, "enter saved nothing")
    assert saved_entries(app.data_dir) == [shown]
    assert app.running()


def test_a_long_multi_line_paste_full_of_escapes_saves_whole(app: TmuxApp) -> None:
    lines = [
        f"line {n} {ESC}[1mbold{ESC}[0m \x11\x12\x07 {ESC}]52;c;Zm9v\x07 end" for n in range(150)
    ]
    app.paste("\n".join(lines))
    wait_for(
        lambda: "line 0 bold   end↵line 1 bold" in app.screen(),
        app,
        "the paste never reached the bar",
    )
    app.press("Enter")
    wait_for(lambda: bool(saved_entries(app.data_dir)), app, "enter saved nothing")
    (entry,) = saved_entries(app.data_dir)
    assert entry.splitlines() == [f"line {n} bold   end" for n in range(150)]
    assert app.running()
