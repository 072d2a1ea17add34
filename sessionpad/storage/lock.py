"""One writer per data dir: an exclusive ``flock`` that the kernel drops when we die.

TinyDB has no locking and each table caches its next id, so two writers silently lose
notes (PITFALLS.md). The lock file stays in place after release: deleting it would let
a third process lock a fresh inode while a second still holds the old one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from sessionpad.storage.errors import DataDirLocked, unusable_dir
from sessionpad.storage.nofollow import open_no_follow

LOCK_NAME = "sessionpad.lock"


class DataDirLock:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        try:
            # A planted link would have us write our pid into, and chmod, a stranger's file.
            fd = open_no_follow(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise unusable_dir(self.data_dir, exc) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_pid(fd)
            os.close(fd)
            raise DataDirLocked(refusal_message(self.data_dir, holder)) from None
        except OSError as exc:
            os.close(fd)
            raise unusable_dir(self.data_dir, exc) from None
        try:
            os.fchmod(fd, 0o600)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except OSError as exc:
            os.close(fd)
            raise unusable_dir(self.data_dir, exc) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def refusal_message(data_dir: Path, holder: int | None) -> str:
    """One line: who holds the lock, whether that process is alive, and what to do."""
    beside = "clients, promises and export still work beside it"
    if holder is None:
        return f"another sessionpad is already using {data_dir} — close it first ({beside})"
    state = _process_state(holder)
    if state == "stopped":
        return (
            f"another sessionpad (pid {holder}, stopped — suspended with ctrl+z?) is already "
            f"using {data_dir} — bring it back with fg in its shell, or end it with: "
            f"kill {holder}; kill -CONT {holder} ({beside})"
        )
    if state == "gone":
        return (
            f"another sessionpad (pid {holder}, not running on this machine) is already using "
            f"{data_dir} — another machine or container sharing this folder holds it: "
            f"close sessionpad there ({beside})"
        )
    return (
        f"another sessionpad (pid {holder}, still running) is already using {data_dir} — "
        f"quit it with ctrl+q in its window, or end it with: kill {holder} "
        f"(kill -9 {holder} if it will not go; what it saved is kept; {beside})"
    )


def _process_state(pid: int) -> str:
    """Whether ``pid`` is running, stopped or gone; a zombie has exited, so it is gone."""
    if not Path("/proc/self/status").exists():
        return _signal_zero(pid)
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return "gone"
    except OSError:
        return _signal_zero(pid)
    for line in status.splitlines():
        if line.startswith("State:"):
            code = line.split()[1] if len(line.split()) > 1 else "R"
            return {"T": "stopped", "t": "stopped", "Z": "gone", "X": "gone"}.get(code, "running")
    return "running"


def _signal_zero(pid: int) -> str:
    """Where there is no /proc: signal 0 tells alive from gone, not stopped."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return "gone"
    except OSError:
        return "running"
    return "running"
