"""Erasing one client from the data dir: every file that holds their data, and no other.

Decisions:
- A live data file (``core.json``, ``clients/<id>.json``, ``index/<id>.json``,
  ``sessions/<id>.json``) is judged by whose it is — its name, or for a session the client
  id it holds — never by a name appearing in someone else's notes.
- Every other file (saved exports, ``.pre-vN`` backups, ``.corrupt-*`` copies, anything
  a coach dropped in) goes when its name belongs to the client or its bytes mention the
  client: their id, a session id of theirs, their full name, or a line of their record
  (an entry or a promise, long enough to be theirs alone). A client's summary names them
  by their first name only, so without their lines a summary saved under another name
  would stay behind. Markdown escapes (``\\*``) are read through. A quarantined copy of
  ``core.json`` holds other clients too; it goes whole, and is named in the result, since
  a copy can't be rewritten reliably and it must not keep this client's data.
- Links are never followed nor removed (storage/nofollow.py): a link is not our file.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sessionpad.storage.atomic import fsync_dir
from sessionpad.storage.lock import LOCK_NAME
from sessionpad.storage.nofollow import read_bytes_no_follow

_LIVE_FOLDERS = ("clients", "index", "sessions")
_CORE_FILE = "core.json"
#: Shorter lines ("ok", "/pit") are anybody's; a line this long is a client's own.
MIN_LINE = 12


@dataclass(frozen=True)
class Traces:
    """What marks a file as holding one client's data."""

    client_id: str
    session_ids: frozenset[str]
    names: tuple[str, ...]
    export_stems: tuple[str, ...]
    #: Texts of their entries and promises.
    lines: tuple[str, ...] = ()

    def needles(self) -> list[bytes]:
        found = {self.client_id.encode(), *(sid.encode() for sid in self.session_ids)}
        texts = [*self.names, *(line for line in self.lines if len(line.strip()) >= MIN_LINE)]
        for text in texts:
            text = text.strip()
            if len(text) >= 2:
                found.add(text.encode("utf-8"))
                # As JSON writes it, non-ASCII escaped.
                found.add(json.dumps(text)[1:-1].encode("ascii"))
        return sorted(found)

    def owns_name(self, file_name: str) -> bool:
        base = file_name.lstrip(".").split(".json", 1)[0]
        return base in self.session_ids or base == self.client_id

    def owns_export(self, file_name: str) -> bool:
        return any(file_name.startswith(f"{stem}-") for stem in self.export_stems)


def files_holding(data_dir: Path, traces: Traces) -> list[Path]:
    """Every regular file under ``data_dir`` holding the client's data, sorted."""
    needles = traces.needles()
    found = []
    for path in _regular_files(data_dir):
        relative = path.relative_to(data_dir)
        if _is_live(relative):
            if _live_file_is_theirs(path, relative, traces):
                found.append(path)
        elif relative.parts != (LOCK_NAME,) and (
            traces.owns_name(path.name) or traces.owns_export(path.name) or _mentions(path, needles)
        ):
            found.append(path)
    return sorted(found)


def files_naming(data_dir: Path, name: str) -> list[Path]:
    """Files still holding ``name`` (as written, or as JSON escapes it), sorted: after an
    erase, another client's notes that mention them, which are that client's to keep."""
    text = name.strip()
    if len(text) < 2:
        return []
    needles = sorted({text.encode("utf-8"), json.dumps(text)[1:-1].encode("ascii")})
    return sorted(
        p for p in _regular_files(data_dir) if p.name != LOCK_NAME and _mentions(p, needles)
    )


def remove_files(paths: Iterable[Path]) -> list[Path]:
    """Unlink each file and fsync its folder; returns those removed."""
    removed = []
    folders = set()
    for path in paths:
        try:
            os.unlink(path)
        except FileNotFoundError:
            continue
        removed.append(path)
        folders.add(path.parent)
    for folder in folders:
        fsync_dir(folder)
    return removed


def _regular_files(data_dir: Path) -> list[Path]:
    files = []
    for folder, dirs, names in os.walk(data_dir, followlinks=False):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
        for name in names:
            path = Path(folder) / name
            if stat.S_ISREG(os.lstat(path).st_mode):
                files.append(path)
    return files


def _is_live(relative: Path) -> bool:
    if relative.parts == (_CORE_FILE,):
        return True
    return (
        len(relative.parts) == 2
        and relative.parts[0] in _LIVE_FOLDERS
        and relative.name.endswith(".json")
        and not relative.name.startswith(".")
    )


def _live_file_is_theirs(path: Path, relative: Path, traces: Traces) -> bool:
    if relative.parts == (_CORE_FILE,):
        return False  # rewritten without them by the store, never removed
    file_id = relative.name.removesuffix(".json")
    if relative.parts[0] != "sessions":
        return file_id == traces.client_id
    return file_id in traces.session_ids or _mentions(path, [traces.client_id.encode()])


def _mentions(path: Path, needles: list[bytes]) -> bool:
    try:
        payload = read_bytes_no_follow(path)
    except OSError:
        return False
    unescaped = payload.replace(b"\\", b"")
    return any(needle in payload or needle in unescaped for needle in needles)
