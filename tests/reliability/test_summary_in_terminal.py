"""A coach's ending, in a real terminal: book "next friday 2pm", edit the summary in
$EDITOR (the app lends it the terminal with App.suspend), save, read the file back."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from sessionpad.storage.store import Store
from tests.reliability.test_paste import TmuxApp, wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]


class EditorTmuxApp(TmuxApp):
    def __init__(self, data_dir: Path, scratch: Path, editor: Path) -> None:
        super().__init__(data_dir, scratch)
        self.name = f"sessionpad-summary-{os.getpid()}-{id(self)}"
        self.editor = editor

    def start(self) -> None:
        command = [sys.executable, "-m", "sessionpad"]
        command += ["--data-dir", str(self.data_dir), "start", "Dana Reyes"]
        self.tmux(
            "new-session", "-d", "-s", self.name, "-x", "80", "-y", "24",
            "-e", "TERM=xterm-256color", "-e", f"EDITOR={self.editor}", "-e", "VISUAL=",
            *command,
        )  # fmt: skip
        self.tmux("set-option", "-t", self.name, "remain-on-exit", "on")
        self.socket = Path(self.tmux("display-message", "-p", "#{socket_path}").strip())

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[EditorTmuxApp]:
    editor = tmp_path / "editor.sh"
    # Keeps the first line (the greeting) and puts the coach's own words under it.
    editor.write_text(
        '#!/bin/sh\n{ head -n 1 "$1"; echo; echo "Lovely to see you today."; '
        'tail -n +2 "$1"; } > "$1.new" && mv "$1.new" "$1"\n'
    )
    editor.chmod(0o700)
    running = EditorTmuxApp(tmp_path / "data", tmp_path, editor)
    try:
        running.start()
        wait_for(lambda: "Timeline" in running.screen(), running, "the live room never opened")
        yield running
    finally:
        running.close()


def test_book_edit_in_editor_save_and_read_back(app: EditorTmuxApp) -> None:
    app.type("* saying no made the week lighter #boundaries")
    app.press("Enter")
    wait_for(lambda: "week lighter" in app.screen(), app, "the insight never showed")
    app.press("F10")
    wait_for(lambda: "End the session" in app.screen(), app, "End never opened")
    app.type("next friday 2pm")  # no open promises: the booking field has the focus
    app.press("Enter")
    wait_for(lambda: "(60 min)" in app.screen(), app, "the booking never showed")
    app.press("C-s")
    wait_for(lambda: "Summary for the client" in app.screen(), app, "no summary")
    app.press("t")
    wait_for(lambda: "plain text" in app.screen(), app, "no plain text")
    app.press("e")
    wait_for(lambda: "edited" in app.screen(), app, "the edit never came back")
    app.press("s")
    wait_for(lambda: "saved to" in app.screen(), app, "never saved")
    app.press("C-q")
    wait_for(lambda: not app.running(), app, "the app did not quit")

    (saved,) = (app.data_dir / "exports").glob("*-client.txt")
    text = saved.read_text()
    assert text.startswith("Hi Dana,\n\nLovely to see you today.\n")
    assert "saying no made the week lighter" in text and "#boundaries" not in text
    assert "Next session" in text
    with Store.open(app.data_dir, read_only=True) as reader:
        session = reader.session_headers()[-1]
    assert session.next_session is not None and session.next_session.hour == 14
    assert session.next_session.date().weekday() == date(2026, 12, 4).weekday()


def test_a_failing_editor_gives_the_terminal_back(tmp_path: Path) -> None:
    """Textual's suspend() resumes only when its block ends normally: an editor that failed
    used to leave the app blank, deaf to keys, with the terminal echoing what was typed."""
    running = EditorTmuxApp(tmp_path / "data", tmp_path, Path("/bin/false"))
    try:
        running.start()
        wait_for(lambda: "Timeline" in running.screen(), running, "the live room never opened")
        running.type("/export")
        running.press("Enter")
        wait_for(lambda: "for the client" in running.screen(), running, "no summary")
        running.press("e")
        wait_for(lambda: "exited with status 1" in running.screen(), running, "no message")
        running.press("a")
        wait_for(lambda: "your own record" in running.screen(), running, "keys went nowhere")
    finally:
        running.close()
