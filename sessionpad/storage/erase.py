"""Erasing one client from the data dir: every file that is theirs, and nothing of anyone else's.

Decisions:
- A file is judged by whose it is, by strong marks only: the client's id or one of their
  session ids in its name or bytes, or the exact name the app saves a summary of one of
  their sessions under. A name or a line of text is no mark: "Ann" is in "Anna", and a
  promise like "Send the session notes" is anybody's. Files that merely mention them are
  kept and named in the result, for the coach to judge.
- A file whose name is another client's (their ``.corrupt-*`` or ``.pre-vN`` copies) is
  theirs, whatever it mentions. A file holding this client's ids *and* another's, or a
  saved summary whose name another client's session would save under too, is kept and
  named as "couldn't tell whose".
- A copy of ``core.json`` (``.corrupt-*``, ``.pre-vN``) holds every client: it is
  rewritten without this one, as core.json is; one that doesn't parse is kept and named.
- Links are never followed nor removed (storage/nofollow.py): a link is not our file.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sessionpad.storage.atomic import fsync_dir, write_bytes_atomically
from sessionpad.storage.lock import LOCK_NAME
from sessionpad.storage.nofollow import read_bytes_no_follow

_LIVE_FOLDERS = ("clients", "index", "sessions")
_CORE_FILE = "core.json"
_SAVED_SUMMARY = re.compile(r"-(client|coach)\.[A-Za-z0-9]{1,10}")
#: Shorter lines ("ok", "/pit") are anybody's; only a longer one is worth naming a file for.
MIN_LINE = 12
#: Ids made here are 12 characters; a shorter one (imported) is too likely a word.
_SHORT_ID = 8


@dataclass(frozen=True)
class Traces:
    """What marks a file as one client's, and what marks it as someone else's."""

    client_id: str
    session_ids: frozenset[str]
    names: tuple[str, ...]
    #: Every stem a summary of one of their sessions is saved under (this and older naming).
    export_stems: tuple[str, ...]
    #: Texts of their entries and promises: reported, never a reason to delete.
    lines: tuple[str, ...] = ()
    #: Other clients' ids and session ids.
    others_ids: frozenset[str] = frozenset()
    #: Stems other clients' sessions save their summaries under.
    others_stems: frozenset[str] = frozenset()

    @property
    def own_ids(self) -> frozenset[str]:
        return frozenset({self.client_id, *self.session_ids})


@dataclass(frozen=True)
class ErasePlan:
    """What erasing a client does to the files beside the live records."""

    remove: list[Path] = field(default_factory=list)
    #: Copies of core.json: rewritten without the client.
    core_copies: list[Path] = field(default_factory=list)
    #: Files holding their data along with another client's: kept.
    unsure: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Erasure:
    """What an erase did."""

    removed: list[Path]
    #: Kept: holding their data along with another client's.
    unsure: list[Path]
    #: Copies of core.json that don't parse, so may still hold them: kept.
    damaged_core_copies: list[Path]


def plan_erase(data_dir: Path, traces: Traces) -> ErasePlan:
    """Sort every regular file under ``data_dir`` by what erasing the client does to it."""
    plan = ErasePlan()
    for path in _regular_files(data_dir):
        relative = path.relative_to(data_dir)
        if relative.parts in ((LOCK_NAME,), (_CORE_FILE,)):
            continue
        if _is_live(relative):
            if _live_file_is_theirs(path, relative, traces):
                plan.remove.append(path)
        elif len(relative.parts) == 1 and path.name.startswith(f"{_CORE_FILE}."):
            plan.core_copies.append(path)
        else:
            verdict = _whose(path, traces)
            if verdict == "theirs":
                plan.remove.append(path)
            elif verdict == "unsure":
                plan.unsure.append(path)
    for found in (plan.remove, plan.core_copies, plan.unsure):
        found.sort()
    return plan


def _whose(path: Path, traces: Traces) -> str:
    """ "theirs", "unsure" or "other" for a file outside the live records."""
    owner = _owner_by_name(path.name)
    if owner in traces.own_ids:
        return "theirs"
    if owner in traces.others_ids:
        return "other"
    stem = _saved_summary_stem(path.name, traces.export_stems)
    if stem is not None:
        return "unsure" if stem in traces.others_stems else "theirs"
    payload = _read(path)
    if not _holds_any(payload, traces.own_ids):
        return "other"
    return "unsure" if _holds_any(payload, traces.others_ids) else "theirs"


def _owner_by_name(file_name: str) -> str:
    return file_name.lstrip(".").split(".json", 1)[0]


def _saved_summary_stem(file_name: str, stems: Iterable[str]) -> str | None:
    for stem in stems:
        if file_name.startswith(stem) and _SAVED_SUMMARY.fullmatch(file_name[len(stem) :]):
            return stem
    return None


def rewrite_core_copy(path: Path, client_id: str) -> bool:
    """Rewrite a copy of core.json without the client; False when it still holds their
    id because it can't be read as one (kept as it is: the coach must be told)."""
    payload = _read(path)
    try:
        tables = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return not _holds_id(payload, client_id)
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        return not _holds_id(payload, client_id)
    changed = False
    for name, docs in tables.items():
        for doc_id in list(docs):
            doc = docs[doc_id]
            if isinstance(doc, dict) and (
                doc.get("client_id") == client_id
                or (name == "clients" and doc.get("id") == client_id)
            ):
                del docs[doc_id]
                changed = True
    if changed:
        write_bytes_atomically(path, json.dumps(tables, ensure_ascii=False).encode("utf-8"))
    return not _holds_id(_read(path), client_id)


def files_mentioning(data_dir: Path, traces: Traces) -> list[Path]:
    """Files that still mention the client after an erase, sorted: their full name as a
    whole word anywhere, or a line of their text in a file outside the live records (a
    summary saved under a name of the coach's choosing)."""
    names = [re.escape(n.strip()) for n in traces.names if len(n.strip()) >= 2]
    lines = [ln.strip() for ln in traces.lines if len(ln.strip()) >= MIN_LINE]
    by_name = _word_pattern([*names, *(re.escape(json.dumps(n)[1:-1]) for n in traces.names)])
    by_line = [needle for line in lines for needle in _encodings(line)]
    found = []
    for path in _regular_files(data_dir):
        relative = path.relative_to(data_dir)
        if relative.parts == (LOCK_NAME,):
            continue
        payload = _read(path)
        unescaped = payload.replace(b"\\", b"")
        named = by_name is not None and any(by_name.search(p) for p in (payload, unescaped))
        worded = not _is_live(relative) and any(n in payload or n in unescaped for n in by_line)
        if named or worded:
            found.append(path)
    return sorted(found)


def _word_pattern(texts: list[str]) -> re.Pattern[bytes] | None:
    texts = [t for t in texts if t]
    if not texts:
        return None
    alternatives = b"|".join(t.encode("utf-8") for t in sorted(set(texts)))
    return re.compile(rb"(?<![\w])(?:" + alternatives + rb")(?![\w])")


def _encodings(text: str) -> set[bytes]:
    # As written, and as JSON writes it (non-ASCII escaped).
    return {text.encode("utf-8"), json.dumps(text)[1:-1].encode("ascii")}


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
    file_id = relative.name.removesuffix(".json")
    if relative.parts[0] != "sessions":
        return file_id == traces.client_id
    if file_id in traces.session_ids:
        return True
    return file_id not in traces.others_ids and _holds_id(_read(path), traces.client_id)


def _holds_any(payload: bytes, ids: Iterable[str]) -> bool:
    return any(_holds_id(payload, ident) for ident in ids if ident)


def _holds_id(payload: bytes, ident: str) -> bool:
    """Whether ``ident`` is in ``payload`` as a whole id, not inside a longer word. An
    imported record may bring a short id ("c1"): that counts only as a JSON string."""
    needle = ident.encode()
    if len(needle) < _SHORT_ID:
        return b'"' + needle + b'"' in payload
    if needle not in payload:
        return False
    return (
        re.search(rb"(?<![A-Za-z0-9_-])" + re.escape(needle) + rb"(?![A-Za-z0-9_-])", payload)
        is not None
    )


def _read(path: Path) -> bytes:
    try:
        return read_bytes_no_follow(path)
    except OSError:
        return b""
