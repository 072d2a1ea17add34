"""Edit a text in the coach's own editor ($VISUAL, else $EDITOR).

The text is written to a private temp file (0600, removed afterwards: a summary holds
confidential material), the editor runs on it, and what it left there is read back.
The caller lends it the terminal (Textual's ``App.suspend``).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path


class EditorError(Exception):
    """The editor could not run or failed; the message is one line, nothing was changed."""


def editor_command(environ: Mapping[str, str] | None = None) -> list[str] | None:
    """The coach's editor as argv, or None when neither $VISUAL nor $EDITOR names one."""
    env = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            try:
                argv = shlex.split(value)
            except ValueError:
                continue
            if argv:
                return argv
    return None


def edit_text(argv: list[str], text: str, suffix: str = ".txt") -> str:
    """Run ``argv`` + a temp file holding ``text``; return the file's text afterwards."""
    handle, name = tempfile.mkstemp(prefix="sessionpad-summary-", suffix=suffix)
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        try:
            finished = subprocess.run([*argv, str(path)], check=False)
        except OSError as error:
            raise EditorError(f"couldn't run {argv[0]}: {error.strerror or error}") from None
        if finished.returncode != 0:
            raise EditorError(
                f"{argv[0]} exited with status {finished.returncode} — the summary is unchanged"
            )
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise EditorError(f"couldn't read the edited text back: {error}") from None
    finally:
        path.unlink(missing_ok=True)
