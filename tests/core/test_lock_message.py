"""The refusal when another process holds the data dir: which pid, alive or not, what to do."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from sessionpad.storage.errors import DataDirLocked
from sessionpad.storage.store import Store


def test_the_refusal_names_the_running_holder_and_how_to_end_it(data_dir: Path) -> None:
    with Store.open(data_dir), pytest.raises(DataDirLocked) as refused:
        Store.open(data_dir)
    message = refused.value.message
    assert "already using" in message and str(data_dir) in message
    assert f"pid {os.getpid()}, still running" in message
    assert f"kill {os.getpid()}" in message and "ctrl+q" in message
    assert f"kill -9 {os.getpid()}" in message  # a hung holder from before the shutdown guard
    assert "\n" not in message


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_the_refusal_tells_a_stopped_holder_from_a_gone_one(tmp_path: Path) -> None:
    from sessionpad.storage.lock import refusal_message

    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        os.kill(sleeper.pid, signal.SIGSTOP)
        _wait_until_stopped(sleeper.pid)
        stopped = refusal_message(tmp_path, sleeper.pid)
    finally:
        sleeper.kill()
        sleeper.wait(timeout=10)
    assert f"pid {sleeper.pid}, stopped" in stopped and "fg" in stopped
    assert f"kill -CONT {sleeper.pid}" in stopped

    gone = refusal_message(tmp_path, sleeper.pid)  # reaped: no such process any more
    assert f"pid {sleeper.pid}, not running on this machine" in gone
    assert "close sessionpad there" in gone
    assert "\n" not in stopped + gone


def _wait_until_stopped(pid: int) -> None:
    """SIGSTOP is delivered asynchronously."""
    for _ in range(500):
        _, _, rest = Path(f"/proc/{pid}/stat").read_text().rpartition(")")
        if rest.split()[0] in ("T", "t"):
            return
        time.sleep(0.01)
