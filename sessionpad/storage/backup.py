"""A backup of the whole data dir as one private zip, and bringing one back.

Decisions:
- Taken while the app may be writing in another terminal, without its lock: every data
  file is replaced atomically (storage/atomic.py), so each read sees one whole version.
  Files are read, then looked at again; any that changed meanwhile is read again, until
  a whole round finds nothing changed, so the copy is one moment's data dir as far as a
  reader can tell (no index row without its session file). A data dir that never holds
  still for 20 rounds gets no backup rather than a torn one. A
  session's file is its own truth (an index row is rebuilt from it), so a session read a
  little later than its index still opens cleanly.
- The zip is written beside its target as a private temp file (0600), fsynced, then put
  in place; it never replaces a file unless asked to.
- Restoring trusts nothing in the archive: only the data dir's own file names are
  accepted (no folders of its own, no ``..``, no absolute paths, no links), sizes are
  capped, and it is unpacked into a fresh private folder beside the target, opened with
  the Store (every record through core/validate.py) and only then moved into place.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sessionpad.storage.atomic import fsync_dir, is_temp_name, write_bytes_atomically
from sessionpad.storage.lock import LOCK_NAME
from sessionpad.storage.nofollow import open_no_follow, read_bytes_no_follow

MANIFEST = "sessionpad-backup.json"
FORMAT_NAME = "sessionpad.backup"
FORMAT_VERSION = 1
MAX_MEMBER_BYTES = 512_000_000
MAX_TOTAL_BYTES = 4_000_000_000
_ROUNDS = 20
_PRIVATE_DIR = 0o700
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_ID = r"[A-Za-z0-9_-]{1,64}"
_KEPT_COPY = r"(\.pre-v[0-9]{1,4}|\.corrupt-[0-9T]{15}(-[0-9]{1,4})?)?"
_SAFE_EXPORT = r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}"
_ALLOWED = re.compile(
    rf"core\.json{_KEPT_COPY}"
    rf"|(clients|index|sessions)/{_ID}\.json{_KEPT_COPY}"
    rf"|exports/{_SAFE_EXPORT}"
)


class BackupError(Exception):
    """A backup that can't be written or restored; the message is one line."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    files: int
    rounds: int
    #: Files in the data dir that are not sessionpad's own (left out, named to the coach).
    left_out: tuple[str, ...] = ()


def write_backup(data_dir: Path, target: Path, *, overwrite: bool = False) -> BackupReport:
    """Copy every data file of ``data_dir`` into the zip ``target`` (0600)."""
    if not data_dir.is_dir():
        raise BackupError(f"{data_dir} is not a sessionpad data dir (no such folder)")
    if not (data_dir / "core.json").exists():
        raise BackupError(f"{data_dir} holds no sessionpad data (no core.json)")
    files, rounds = _steady_copy(data_dir)
    payload = _zip_bytes(files)
    try:
        write_bytes_atomically(target, payload, overwrite=overwrite)
    except FileExistsError:
        raise BackupError(f"{target} already exists — add --force to replace it") from None
    return BackupReport(target.resolve(), len(files), rounds, _foreign_files(data_dir))


def _foreign_files(data_dir: Path) -> tuple[str, ...]:
    found = []
    for folder, dirs, names in os.walk(data_dir, followlinks=False):
        dirs.sort()
        for name in sorted(names):
            relative = (Path(folder) / name).relative_to(data_dir).as_posix()
            if (
                relative != LOCK_NAME
                and not is_temp_name(name)
                and not _ALLOWED.fullmatch(relative)
            ):
                found.append(relative)
    return tuple(found)


def _steady_copy(data_dir: Path) -> tuple[dict[str, bytes], int]:
    files: dict[str, bytes] = {}
    seen: dict[str, tuple[int, int, int]] = {}
    for round_number in range(1, _ROUNDS + 1):
        current = _data_files(data_dir)
        changed = [name for name, mark in current.items() if seen.get(name) != mark]
        for name in set(files) - set(current):
            files.pop(name)
        for name in changed:
            with contextlib.suppress(FileNotFoundError):  # replaced or removed meanwhile
                files[name] = read_bytes_no_follow(data_dir / name)
        seen = current
        if not changed and set(files) == set(current):
            return files, round_number
    # A round takes milliseconds and a coach types far slower: a data dir that never
    # holds still this long is not one to copy as if it were one moment.
    raise BackupError(
        f"{data_dir} kept changing while it was read ({_ROUNDS} tries) — nothing was "
        "written; try again"
    )


def _data_files(data_dir: Path) -> dict[str, tuple[int, int, int]]:
    """Name relative to the data dir → (inode, size, mtime) of every file to copy."""
    found = {}
    for folder, dirs, names in os.walk(data_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(folder, d)))
        for name in sorted(names):
            path = Path(folder) / name
            relative = path.relative_to(data_dir).as_posix()
            if relative == LOCK_NAME or is_temp_name(name) or not _ALLOWED.fullmatch(relative):
                continue
            try:
                info = os.lstat(path)
            except FileNotFoundError:
                continue
            if stat.S_ISREG(info.st_mode):
                found[relative] = (info.st_ino, info.st_size, info.st_mtime_ns)
    return found


def _zip_bytes(files: dict[str, bytes]) -> bytes:
    manifest = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": sorted(files),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _add(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
        for name in sorted(files):
            _add(archive, name, files[name])
    return buffer.getvalue()


def _add(archive: zipfile.ZipFile, name: str, payload: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.external_attr = (stat.S_IFREG | 0o600) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, payload)


# ── restoring ─────────────────────────────────────────────────────────────────


def restore_backup(archive_path: Path, target: Path, check: Callable[[Path], list[str]]) -> int:
    """Unpack the backup ``archive_path`` into ``target`` (missing or an empty folder).

    ``check`` opens the unpacked copy and returns its problems; any problem stops the
    restore with nothing left behind. Returns the number of files restored.
    """
    members = _read_members(archive_path)
    _require_empty(target)
    parent = target.absolute().parent
    if not parent.is_dir():
        raise BackupError(f"can't restore into {target}: folder {parent} does not exist")
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.restoring-", dir=parent))
    try:
        for name, payload in members.items():
            _write_member(scratch, name, payload)
        problems = check(scratch)
        if problems:
            raise BackupError(f"the backup does not open cleanly: {problems[0]}")
        if target.is_dir():
            target.rmdir()
        os.rename(scratch, target)
        fsync_dir(parent)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return len(members)


def _read_members(archive_path: Path) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(archive_path)
    except (OSError, zipfile.BadZipFile) as error:
        reason = getattr(error, "strerror", None) or "not a zip file"
        raise BackupError(f"can't read {archive_path}: {reason}") from None
    members: dict[str, bytes] = {}
    total = 0
    with archive:
        names = archive.namelist()
        if MANIFEST not in names:
            raise BackupError(f"{archive_path} is not a sessionpad backup (no {MANIFEST})")
        for info in archive.infolist():
            name = info.filename
            if name == MANIFEST or info.is_dir():
                continue
            kind = stat.S_IFMT(info.external_attr >> 16)
            if kind not in (0, stat.S_IFREG):
                raise BackupError(
                    f"{archive_path}: {name!r} is not a plain file — nothing restored"
                )
            if not _ALLOWED.fullmatch(name):
                raise BackupError(
                    f"{archive_path}: {name!r} is not a sessionpad data file — nothing restored"
                )
            if name in members:
                raise BackupError(f"{archive_path}: {name!r} appears twice — nothing restored")
            members[name] = _read_capped(archive, info, archive_path)
            total += len(members[name])
            if total > MAX_TOTAL_BYTES:
                raise BackupError(f"{archive_path}: too large to restore — nothing restored")
    if "core.json" not in members:
        raise BackupError(f"{archive_path} holds no core.json — nothing restored")
    return members


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, archive_path: Path) -> bytes:
    # The header's size can lie; read at most one byte past the cap and judge by that.
    try:
        with archive.open(info) as handle:
            payload = handle.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
        raise BackupError(f"{archive_path}: {info.filename!r} can't be read ({error})") from None
    if len(payload) > MAX_MEMBER_BYTES:
        raise BackupError(f"{archive_path}: {info.filename!r} is too large — nothing restored")
    return payload


def _require_empty(target: Path) -> None:
    if os.path.islink(target):
        raise BackupError(f"{target} is a link — restore into a new folder")
    if not target.exists():
        return
    if not target.is_dir():
        raise BackupError(f"{target} is a file — restore into a new, empty folder")
    if any(target.iterdir()):
        raise BackupError(f"{target} is not empty — restore into a new, empty folder")


def _write_member(root: Path, name: str, payload: bytes) -> None:
    path = root / name
    if path.parent != root and not path.parent.exists():
        path.parent.mkdir(mode=_PRIVATE_DIR)
    fd = open_no_follow(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
