"""Summaries, JSON and invites written to files: atomically, private (0600) like the data."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from sessionpad.storage.atomic import write_bytes_atomically
from sessionpad.storage.nofollow import refuse_link

EXPORTS_DIR = "exports"
PRIVATE_DIR = 0o700


def exports_dir(data_dir: Path) -> Path:
    return data_dir / EXPORTS_DIR


def write_export(
    path: Path, text: str | bytes, *, overwrite: bool = True, data_dir: Path | None = None
) -> Path:
    """Write ``text`` (UTF-8 when a str) to ``path`` and return the absolute path.

    Folders it creates are private (0700), every one of them, not only the last. With
    ``overwrite=False`` an existing file raises FileExistsError and stays as it was. With
    ``data_dir``, ``path`` lies inside the data dir and no folder on the way may be a link
    (LinkRefused) — outside it, the coach's own links are theirs to use.
    """
    path = path.expanduser()
    make_private_folders(path.parent)
    if data_dir is not None:
        _refuse_links_below(data_dir, path.parent)
    payload = text.encode("utf-8") if isinstance(text, str) else text
    write_bytes_atomically(path, payload, overwrite=overwrite)
    return path.resolve()


def make_private_folders(folder: Path) -> None:
    """Create ``folder`` and any missing parents, each 0700.

    A file where a folder should be raises NotADirectoryError naming that file.
    """
    missing = []
    current = folder.absolute()
    while not current.is_dir():
        if os.path.lexists(current):
            raise NotADirectoryError(errno.ENOTDIR, "a file is in the way", str(current))
        missing.append(current)
        current = current.parent
    for step in reversed(missing):
        try:
            step.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            if not step.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "a file is in the way", str(step)) from None


def _refuse_links_below(data_dir: Path, folder: Path) -> None:
    try:
        inside = folder.absolute().relative_to(data_dir)
    except ValueError:
        return
    current = data_dir
    for part in inside.parts:
        current = current / part
        refuse_link(current)
