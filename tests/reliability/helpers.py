"""Running the storage worker as a real process, and making a folder unwritable even as root."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WORKER = Path(__file__).with_name("worker.py")
ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 30
DATA_FOLDERS = ("sessions", "clients", "index")


def worker_argv(mode: str, data_dir: Path, *extra: str) -> list[str]:
    return [sys.executable, str(WORKER), mode, str(data_dir), *extra]


def worker_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def run(argv: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(argv),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=worker_env(),
        check=False,
        **kwargs,
    )


def json_lines(stdout: str) -> list[dict[str, Any]]:
    """Only complete lines count: a line cut by a kill was never acknowledged."""
    complete = stdout[: stdout.rfind("\n") + 1] if "\n" in stdout else ""
    return [json.loads(line) for line in complete.splitlines() if line.strip()]


def last_report(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert result.returncode == 0, result.stderr
    return json_lines(result.stdout)[-1]


def tree_modes(root: Path) -> dict[str, int]:
    """Permission bits of the data dir, everything in it, by relative path."""
    modes = {".": root.stat().st_mode & 0o777}
    for path in root.rglob("*"):
        modes[str(path.relative_to(root))] = path.stat().st_mode & 0o777
    return modes


# ── making a folder unwritable ────────────────────────────────────────────────
# As root, chmod stops nothing. What works instead, best first: a read-only bind mount
# in a private mount namespace (unshare), or the immutable attribute (chattr +i).


@dataclass
class Unwritable:
    """One way to make ``folders`` unwritable for a worker process."""

    name: str
    reason_words: str  # what the one-line error should say
    # wrap(argv, data_dir, read_only_from_start) -> argv to run
    wrap: Callable[[list[str], Path, bool], list[str]]
    # argv that makes the data dir unwritable from inside the worker, midway
    make_now: Callable[[Path], list[str]]
    undo: Callable[[Path], None] = field(default=lambda _: None)
    before: Callable[[Path], None] = field(default=lambda _: None)


def _folders(data_dir: Path) -> list[str]:
    inside = [data_dir / name for name in DATA_FOLDERS]
    return [str(p) for p in (data_dir, *inside) if p.is_dir()]


def _bind_mount(argv: list[str], data_dir: Path, from_start: bool) -> list[str]:
    if from_start:
        script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
        return ["unshare", "--mount", "sh", "-c", script, "sh", str(data_dir), *argv]
    # Midway, only the folders holding sessions and clients: the kernel refuses to remount
    # read-only a mount with a file open for writing, and the lock file is one.
    script = (
        'for d in "$1/sessions" "$1/clients" "$1/index"; do mount --bind "$d" "$d" || exit 1; done'
    )
    script += ' && shift && exec "$@"'
    return ["unshare", "--mount", "sh", "-c", script, "sh", str(data_dir), *argv]


def _remount_read_only(data_dir: Path) -> list[str]:
    folders = " ".join(f'"{data_dir / name}"' for name in DATA_FOLDERS)
    return ["sh", "-c", f"for d in {folders}; do mount -o remount,bind,ro $d || exit 1; done"]


def _plain(argv: list[str], data_dir: Path, from_start: bool) -> list[str]:
    return argv


def _chattr(flag: str) -> Callable[[Path], list[str]]:
    return lambda data_dir: ["chattr", flag, *_folders(data_dir)]


def _chmod(mode: str) -> Callable[[Path], list[str]]:
    return lambda data_dir: ["chmod", mode, *_folders(data_dir)]


def _run_quietly(argv: list[str]) -> None:
    subprocess.run(argv, capture_output=True, check=False, timeout=TIMEOUT)


BIND_MOUNT = Unwritable(
    name="read-only bind mount",
    reason_words="read-only file system",
    wrap=_bind_mount,
    make_now=_remount_read_only,
)

IMMUTABLE = Unwritable(
    name="chattr +i",
    reason_words="not permitted",
    wrap=_plain,
    make_now=_chattr("+i"),
    undo=lambda d: _run_quietly(_chattr("-i")(d)),
    before=lambda d: _run_quietly(_chattr("+i")(d)),
)

CHMOD = Unwritable(
    name="chmod 0500",
    reason_words="permission denied",
    wrap=_plain,
    make_now=_chmod("0500"),
    undo=lambda d: _run_quietly(_chmod("0700")(d)),
    before=lambda d: _run_quietly(_chmod("0500")(d)),
)


def _works(way: Unwritable, scratch: Path) -> bool:
    scratch.mkdir(parents=True, exist_ok=True)
    probe = ["sh", "-c", 'touch "$0/probe" 2>/dev/null && echo writable || echo refused', scratch]
    try:
        way.before(scratch)
        result = run(way.wrap([str(a) for a in probe], scratch, True))
    finally:
        way.undo(scratch)
    return result.stdout.strip() == "refused"


def unwritable_ways(scratch: Path) -> list[Unwritable]:
    """The ways that really refuse writes on this machine, as this user."""
    if os.geteuid() != 0:
        candidates = [CHMOD]
    else:
        candidates = []
        if shutil.which("unshare"):
            candidates.append(BIND_MOUNT)
        if shutil.which("chattr"):
            candidates.append(IMMUTABLE)
    return [way for i, way in enumerate(candidates) if _works(way, scratch / f"probe{i}")]


def tmpfs_of(size: str) -> Callable[[list[str], Path], list[str]] | None:
    """A wrapper running argv with a tiny tmpfs over the data dir (a real full disk)."""
    if not shutil.which("unshare"):
        return None

    def wrap(argv: list[str], data_dir: Path) -> list[str]:
        script = f'mount -t tmpfs -o size={size},mode=0700 tmpfs "$1" && shift && exec "$@"'
        return ["unshare", "--mount", "sh", "-c", script, "sh", str(data_dir), *argv]

    return wrap
