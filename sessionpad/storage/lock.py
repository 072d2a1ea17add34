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
            who = f"another sessionpad (pid {holder})" if holder else "another sessionpad"
            raise DataDirLocked(
                f"{who} is already using {self.data_dir} — close it first "
                "(clients, promises and export still work beside it)"
            ) from None
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
