"""The shutdown guard in a process whose main thread is stuck for good (a deadlock)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.helpers import worker_env

pytestmark = pytest.mark.slow

CHILD = """
import sys, threading, time
from pathlib import Path
from sessionpad.shutdown import guard

mode, marker = sys.argv[1], Path(sys.argv[2])
guard.install()
if mode != "no-app":
    def interrupt():
        if mode == "stuck-interrupt":
            threading.Event().wait()
        marker.write_text("interrupted")
    guard.attach(request_exit=lambda: None, interrupt=interrupt)  # the loop never answers
print("ready", flush=True)
stuck = threading.Lock()
stuck.acquire()
stuck.acquire()  # the main thread never runs Python again
"""


def _stuck_child(mode: str, marker: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, mode, str(marker)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=worker_env(),
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready", child.stderr
    return child


def _ends_after(child: subprocess.Popen[str], sig: int) -> int:
    child.send_signal(sig)
    try:
        return child.wait(timeout=3)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        pytest.fail(f"still running 3 s after signal {sig}")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_deadlocked_app_still_ends_and_marks_the_session(tmp_path: Path, sig: int) -> None:
    marker = tmp_path / "marker"
    child = _stuck_child("app", marker)
    assert _ends_after(child, sig) == 128 + sig
    assert marker.read_text() == "interrupted"


def test_a_signal_before_the_app_exists_ends_the_process(tmp_path: Path) -> None:
    child = _stuck_child("no-app", tmp_path / "marker")
    assert _ends_after(child, signal.SIGHUP) == 128 + signal.SIGHUP
    assert not (tmp_path / "marker").exists()


def test_a_stuck_interrupted_mark_does_not_hold_the_exit(tmp_path: Path) -> None:
    child = _stuck_child("stuck-interrupt", tmp_path / "marker")
    assert _ends_after(child, signal.SIGTERM) == 128 + signal.SIGTERM
