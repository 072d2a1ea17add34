"""The data dir on disk: private folders, stray temp files, damaged files set aside."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from datetime import datetime
from pathlib import Path

from sessionpad.storage.atomic import PRIVATE_FILE, TEMP_SUFFIX, fsync_dir, is_temp_name
from sessionpad.storage.errors import unusable_dir
from sessionpad.storage.nofollow import (
    chmod_no_follow,
    open_no_follow,
    read_bytes_no_follow,
    refuse_link,
)

PRIVATE_DIR = 0o700


def prepare_private_dir(path: Path) -> None:
    """Create ``path`` (0700) or tighten an existing one of ours to 0700; a link is refused."""
    refuse_link(path)
    if path.exists() and not path.is_dir():
        raise unusable_dir(path, reason="it is a file, not a folder")
    try:
        path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        info = os.lstat(path)
        if info.st_uid == os.geteuid() and stat.S_IMODE(info.st_mode) != PRIVATE_DIR:
            chmod_no_follow(path, PRIVATE_DIR)
    except OSError as exc:
        raise unusable_dir(path, exc) from None


def probe_writable(directory: Path) -> None:
    """Fail now, with one clear line, rather than at the coach's first capture."""
    try:
        fd, name = tempfile.mkstemp(prefix=".probe.", suffix=TEMP_SUFFIX, dir=directory)
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        raise unusable_dir(directory, exc) from None


def clean_stray_temp_files(directory: Path) -> int:
    """Remove temp files a killed writer left behind; only ever our own ``.NAME.x.tmp``."""
    removed = 0
    with contextlib.suppress(FileNotFoundError), os.scandir(directory) as entries:
        for entry in entries:
            if is_temp_name(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def quarantine(path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged file to ``NAME.corrupt-<timestamp>`` beside it; never delete it."""
    stamp = (now or datetime.now()).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 2
    while os.path.lexists(target):
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    os.rename(path, target)
    fsync_dir(path.parent)
    # It still holds client material, whoever loosened the original.
    with contextlib.suppress(OSError):
        tighten_file(target)
    return target


def keep_backup(path: Path, version: int) -> Path:
    """Copy ``path`` to ``NAME.pre-v<version>`` before upgrading it; an older backup wins."""
    target = path.with_name(f"{path.name}.pre-v{version}")
    if os.path.lexists(target):
        refuse_link(target)
        return target
    _copy_to_new_file(path, target)
    return target


def _copy_to_new_file(path: Path, target: Path) -> None:
    """A durable private copy of ``path`` at ``target``, which must not exist yet."""
    payload = read_bytes_no_follow(path)
    fd = open_no_follow(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    fsync_dir(path.parent)


def tighten_file(path: Path) -> bool:
    """Make a regular file of ours that others may read or write 0600; True when it was.

    A link is left alone, and so is a file only its owner is shut out of (0000, 0400):
    it was never over-shared, and reading it is reported as such, not quietly undone.
    """
    info = os.lstat(path)
    if (
        not stat.S_ISREG(info.st_mode)
        or info.st_uid != os.geteuid()
        or not stat.S_IMODE(info.st_mode) & 0o077
    ):
        return False
    chmod_no_follow(path, PRIVATE_FILE)
    return True


def copy_aside(path: Path, now: datetime | None = None) -> Path:
    """Copy a file to ``NAME.corrupt-<timestamp>`` beside it before a bad record is taken
    out of it, so nothing is ever deleted outright."""
    stamp = (now or datetime.now()).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 2
    while os.path.lexists(target):
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    _copy_to_new_file(path, target)
    return target
