"""The data dir is ours alone: no symbolic link inside it is ever followed.

A link planted in the data dir could point at any file the coach can write; following it
would overwrite or chmod that file, or read a stranger's file as ours. So every open
inside the data dir uses ``O_NOFOLLOW``, every chmod changes the path itself, and a link found where a data file or folder belongs is refused with a message
naming it — never followed, never removed (it may be the coach's own doing).

The data dir itself is different: a path the coach gave (``--data-dir``, the environment
or the default) is resolved once, when the store opens, so a data dir that is itself a
link to a folder the coach chose keeps working.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

from sessionpad.storage.errors import DataDirUnusable, LinkRefused, os_reason

_NO_FOLLOW = os.O_NOFOLLOW | os.O_CLOEXEC
# What open() with O_NOFOLLOW reports for a link: ELOOP on Linux, EMLINK on some BSDs.
_LINK_ERRNOS = {errno.ELOOP, errno.EMLINK}


def open_no_follow(path: Path, flags: int, mode: int = 0o600) -> int:
    """``os.open`` that refuses a link as the last part of ``path`` (LinkRefused)."""
    try:
        return os.open(path, flags | _NO_FOLLOW, mode)
    except OSError as exc:
        if exc.errno in _LINK_ERRNOS and os.path.islink(path):
            raise LinkRefused(path) from None
        raise


def read_bytes_no_follow(path: Path) -> bytes:
    # O_NONBLOCK: a FIFO planted where a data file belongs must not hang the app.
    fd = open_no_follow(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def chmod_no_follow(path: Path, mode: int) -> None:
    """``chmod`` that changes ``path`` itself, never what a link points at (LinkRefused)."""
    try:
        os.chmod(path, mode, follow_symlinks=False)
    except NotImplementedError:
        # Linux can't chmod a link itself, so this is how it says "that is a link"; a
        # platform with no such chmod at all gets the check, then the plain call.
        refuse_link(path)
        os.chmod(path, mode)


def refuse_link(path: Path) -> None:
    if os.path.islink(path):
        raise LinkRefused(path)


def refuse_links_in(folders: Iterable[Path]) -> None:
    """LinkRefused naming the first link among the folders' entries and counting the rest;
    a missing folder holds none."""
    links = [link for folder in folders for link in _links_in(folder)]
    if links:
        raise LinkRefused(links[0], others=len(links) - 1)


def _links_in(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as entries:
            return sorted(folder / entry.name for entry in entries if entry.is_symlink())
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise DataDirUnusable(f"can't read {folder}: {os_reason(exc)}") from None
