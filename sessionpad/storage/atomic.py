"""A TinyDB storage that never leaves a half-written file behind.

Stock ``JSONStorage`` overwrites in place and truncates afterwards, so a kill between the
two leaves unreadable JSON (PITFALLS.md). Here every write goes to a temp file in the
same directory, is flushed and fsynced, then ``os.replace``d over the old file, and the
directory is fsynced so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from sessionpad.storage.errors import (
    DamagedFile,
    UnreadableFile,
    os_reason,
    write_failed,
)
from sessionpad.storage.nofollow import read_bytes_no_follow, refuse_link

TEMP_SUFFIX = ".tmp"
PRIVATE_FILE = 0o600

Tables = dict[str, dict[str, Any]]


def temp_prefix(name: str) -> str:
    """Temp files are ``.NAME.<random>.tmp``: hidden, and recognisable for clean-up."""
    return f".{name}."


def is_temp_name(name: str) -> bool:
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        # Some file systems can't fsync a directory; the rename is as durable as they allow.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


def write_bytes_atomically(path: Path, payload: bytes, *, overwrite: bool = True) -> None:
    """Replace ``path`` with ``payload`` all at once; the file ends up 0600.

    With ``overwrite=False`` an existing ``path`` (even one created meanwhile) raises
    FileExistsError and is left as it was.
    """
    fd, temp_name = tempfile.mkstemp(
        prefix=temp_prefix(path.name), suffix=TEMP_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temp_name, path)
        else:
            _place_new(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_dir(path.parent)


def _place_new(temp_name: str, path: Path) -> None:
    # A hard link is created only where no file is: the check and the write are one step.
    try:
        os.link(temp_name, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EMLINK):
            raise
        # A file system without hard links: check, then rename (a narrow race, no data lost).
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        os.replace(temp_name, path)
        return
    os.unlink(temp_name)


def parse_tables(path: Path, payload: bytes) -> Tables:
    """The TinyDB tables in ``payload``; DamagedFile when not TinyDB JSON.

    An empty file is damage too: this storage never writes one, so treating it as a new
    database (as stock TinyDB does) would silently drop whatever it held.
    """
    if not payload.strip():
        raise DamagedFile(path, "it is empty")
    try:
        data = json.loads(payload)
    except UnicodeDecodeError:
        raise DamagedFile(path, "it is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise DamagedFile(
            path, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg.lower()}"
        ) from None
    problem = _shape_problem(data)
    if problem:
        raise DamagedFile(path, problem)
    return data


def _shape_problem(data: Any) -> str:
    if not isinstance(data, dict):
        return f"expected tables, found a JSON {type(data).__name__}"
    for table_name, table in data.items():
        if not isinstance(table, dict):
            return f"table {table_name!r} is not a mapping"
        for doc_id, doc in table.items():
            if not (doc_id.isascii() and doc_id.isdecimal()) or not isinstance(doc, dict):
                return f"table {table_name!r} has a malformed record {doc_id!r}"
    return ""


class AtomicJSONStorage(Storage):
    """TinyDB storage with atomic, fsynced writes and a read cache.

    The cache holds the last data read or written. That is sound because the data-dir
    lock makes this process the only writer; it spares TinyDB's read-before-every-op a
    re-parse. A failed write drops the cache so memory never claims what disk lacks.

    ``read_only``: writes stay in memory and never reach the disk, so repairs made while
    reading a locked or read-only data dir (upgrades, rebuilt indexes) still apply.
    ``Store`` refuses the coach's own changes in that mode before they get here.
    """

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        self._cache: Tables | None = None

    def read(self) -> Tables | None:
        if self._cache is not None:
            return self._cache
        try:
            payload = read_bytes_no_follow(self.path)
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise DamagedFile(self.path, "it is a folder, not a data file") from None
        except OSError as exc:
            raise UnreadableFile(self.path, os_reason(exc)) from None
        self._cache = parse_tables(self.path, payload)
        return self._cache

    def write(self, data: Tables) -> None:
        if self.read_only:
            self._cache = data
            return
        # Dropped first: TinyDB has already changed the cached dict in place, and if this
        # write fails that change must not outlive it.
        self._cache = None
        payload = json.dumps(data).encode("utf-8")
        # os.replace would swap a planted link for our file without following it; refusing
        # still matters, so the coach learns that something else is in the data dir.
        refuse_link(self.path)
        try:
            write_bytes_atomically(self.path, payload)
        except OSError as exc:
            raise write_failed(self.path, exc) from None
        self._cache = data

    def forget(self) -> None:
        """Drop the cache so the next read comes from disk."""
        self._cache = None
