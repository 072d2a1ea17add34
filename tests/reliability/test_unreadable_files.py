"""A file the coach's own account can't read (issue 7 follow-up E): named, left where it is,
and the rest still usable (SPEC §8). Run as ``nobody`` through setpriv, since root reads
anything whatever its mode."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW

from .helpers import TIMEOUT, worker_env

NOBODY = 65534
SETPRIV = shutil.which("setpriv")

pytestmark = pytest.mark.skipif(
    SETPRIV is None or os.geteuid() != 0, reason="needs setpriv and root to act as nobody"
)


@pytest.fixture
def nobodys_data() -> Iterator[Path]:
    """A seeded data dir owned by nobody, in a folder nobody can reach (not pytest's 0700)."""
    scratch = Path(tempfile.mkdtemp(prefix="sessionpad-unreadable-"))
    scratch.chmod(0o711)
    data_dir = scratch / "data"
    try:
        with Store.open(data_dir) as store:
            seed_demo(store, now=FIXED_NOW)
        for path in [data_dir, *data_dir.rglob("*")]:
            os.chown(path, NOBODY, NOBODY, follow_symlinks=False)
        yield data_dir
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _as_nobody(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    argv = [
        str(SETPRIV),
        f"--reuid={NOBODY}",
        f"--regid={NOBODY}",
        "--clear-groups",
        sys.executable,
        "-m",
        "sessionpad",
        "--data-dir",
        str(data_dir),
        *args,
    ]
    return subprocess.run(
        argv, capture_output=True, text=True, timeout=TIMEOUT, env=worker_env(), check=False
    )


def _shut(path: Path) -> None:
    path.chmod(0)


def _no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    both = result.stdout + result.stderr
    assert "Traceback" not in both and "unexpected error" not in both, both


def test_every_client_file_unreadable_still_lists_the_clients(nobodys_data: Path) -> None:
    shut = sorted((nobodys_data / "clients").glob("*.json"))
    for path in shut:
        _shut(path)
    result = _as_nobody(nobodys_data, "clients")
    _no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "Dana Reyes" in result.stdout and "Sam Okafor" in result.stdout
    assert "can't be read" in result.stdout
    for path in shut:
        assert f"can't read clients/{path.name}" in result.stderr
        assert path.stat().st_mode & 0o777 == 0  # left exactly as it was
    assert result.stderr.count("\n") == len(shut)


def test_one_unreadable_client_leaves_the_others_usable(nobodys_data: Path) -> None:
    with Store.open(nobodys_data, read_only=True) as store:
        dana = store.find_client("Dana")
        assert dana is not None
    _shut(nobodys_data / "clients" / f"{dana.id}.json")
    result = _as_nobody(nobodys_data, "promises", "--client", "Sam")
    _no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "Sam Okafor" in result.stdout
    result = _as_nobody(nobodys_data, "export", "last", "--client", "Sam")
    _no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Session with")


def test_doctor_names_an_unreadable_session_and_checks_the_rest(nobodys_data: Path) -> None:
    sessions = sorted((nobodys_data / "sessions").glob("*.json"))
    victim = sessions[0]
    _shut(victim)
    result = _as_nobody(nobodys_data, "doctor")
    _no_traceback(result)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert lines == [
        f"can't read sessions/{victim.name} (permission denied); it was left as it is and "
        "that session can't be opened — make it readable by you (chmod 600) and run "
        "sessionpad again"
    ]
    assert result.stderr == ""
    assert victim.exists() and victim.stat().st_mode & 0o777 == 0
    assert not list(victim.parent.glob(f"{victim.name}.corrupt-*"))


def test_doctor_with_unreadable_client_files_reports_each_once(nobodys_data: Path) -> None:
    shut = sorted((nobodys_data / "clients").glob("*.json"))
    for path in shut:
        _shut(path)
    result = _as_nobody(nobodys_data, "doctor")
    _no_traceback(result)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == len(shut), result.stdout
    for path in shut:
        assert sum(f"clients/{path.name}" in line for line in lines) == 1
    assert "readable by others" not in result.stdout
    assert result.stderr == ""
    for path in shut:
        assert path.stat().st_mode & 0o777 == 0


def test_an_unreadable_session_list_sets_aside_only_that_client(nobodys_data: Path) -> None:
    with Store.open(nobodys_data, read_only=True) as store:
        dana = store.find_client("Dana")
        assert dana is not None
    index = nobodys_data / "index" / f"{dana.id}.json"
    _shut(index)
    result = _as_nobody(nobodys_data, "clients")
    _no_traceback(result)
    assert result.returncode == 0, result.stderr
    dana_row, sam_row = (
        line for line in result.stdout.splitlines() if line.startswith(("Dana", "Sam"))
    )
    assert "can't be read" in dana_row and "can't be read" not in sam_row
    assert f"can't read index/{index.name} (permission denied)" in result.stderr
    assert index.stat().st_mode & 0o777 == 0


@pytest.mark.parametrize("args", [("clients",), ("doctor",), ("start", "Dana")])
def test_an_unreadable_core_file_is_one_line_and_left_alone(nobodys_data: Path, args) -> None:
    core = nobodys_data / "core.json"
    before = core.read_bytes()
    _shut(core)
    result = _as_nobody(nobodys_data, *args)
    _no_traceback(result)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"sessionpad: can't read {core} (permission denied) — it holds your clients, "
        "prompts and settings; make it readable by you (chmod 600) and run sessionpad again"
    )
    assert core.read_bytes() == before and core.stat().st_mode & 0o777 == 0


def test_an_unreadable_folder_is_one_line(nobodys_data: Path) -> None:
    (nobodys_data / "sessions").chmod(0)
    result = _as_nobody(nobodys_data, "clients")
    _no_traceback(result)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"sessionpad: can't read {nobodys_data / 'sessions'}: permission denied"
    )
