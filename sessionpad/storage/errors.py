"""What can go wrong with the data dir, each with one line a coach can act on."""

from __future__ import annotations

import errno
from pathlib import Path

CHOOSE_ANOTHER_DIR = "choose another data dir with --data-dir or SESSIONPAD_HOME"

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EFBIG: "the file size limit was reached",
    errno.ENOTDIR: "a file is in the way of a folder",
    errno.EISDIR: "a folder is in the way of a file",
    errno.ENOENT: "it does not exist",
}


class StorageError(Exception):
    """A storage failure; ``message`` is one user-facing line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DataDirLocked(StorageError):
    """Another sessionpad is writing to the same data dir."""


class DataDirUnusable(StorageError):
    """The data dir can't be created, written or read (read-only, permissions, not a dir)."""


class LinkRefused(StorageError):
    """A symbolic link inside the data dir: never followed (storage/nofollow.py)."""

    def __init__(self, path: Path, others: int = 0) -> None:
        more = f" (and {others} more link{'s' if others > 1 else ''} beside it)" if others else ""
        super().__init__(
            f"{path} is a symbolic link{more} — sessionpad never follows links inside its data "
            "dir; remove the link (put the real file there if it is yours)"
        )
        self.path = path


class DamagedFile(StorageError):
    """A data file that is not valid JSON or not shaped like a TinyDB file."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path} is damaged: {reason}")
        self.path = path
        self.reason = reason


class UnreadableFile(StorageError):
    """A data file the OS won't let us read (permissions): named, never moved or replaced."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"can't read {path}: {reason}")
        self.path = path
        self.reason = reason


class SchemaTooNew(StorageError):
    """A file written by a newer sessionpad: left untouched, never downgraded."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"{path} was written by a newer sessionpad (schema {found}; this one reads up to "
            f"{supported}) — upgrade sessionpad to open it; the file was left untouched"
        )
        self.path = path
        self.found = found
        self.supported = supported


def os_reason(exc: OSError) -> str:
    """A short human reason for an OS error: 'the disk is full', 'read-only file system'."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    if exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    return str(exc) or type(exc).__name__


def write_failed(path: Path, exc: OSError) -> StorageError:
    return StorageError(f"couldn't save {path}: {os_reason(exc)} — this change was not saved")


def unusable_dir(path: Path, exc: OSError | None = None, reason: str = "") -> DataDirUnusable:
    why = reason or (os_reason(exc) if exc is not None else "it can't be used")
    return DataDirUnusable(f"can't write to {path}: {why} — {CHOOSE_ANOTHER_DIR}")
