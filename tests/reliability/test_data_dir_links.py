"""The data dir is ours alone: a link planted in it is refused by name, never followed.

Real processes, as the coach would run them: ``prompts add``, ``doctor``, ``clients`` and
``start`` against a data dir where someone planted a symbolic link to a file outside it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from sessionpad.core.models import Client
from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW

from .helpers import run

OUTSIDE_TEXT = "someone else's file\n"


def _sessionpad(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "sessionpad", "--data-dir", str(data_dir), *args]


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        seed_demo(store, now=FIXED_NOW)
    return data_dir


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    victim = tmp_path / "outside" / "victim.txt"
    victim.parent.mkdir()
    victim.write_text(OUTSIDE_TEXT)
    victim.chmod(0o644)
    return victim


def _untouched(victim: Path) -> bool:
    return victim.read_text() == OUTSIDE_TEXT and victim.stat().st_mode & 0o777 == 0o644


def _refused_naming(result, link: Path) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(link) in lines[0] and "symbolic link" in lines[0]
    return lines[0]


def test_a_linked_lock_file_is_not_overwritten_by_prompts_add(seeded: Path, outside: Path) -> None:
    lock = seeded / "sessionpad.lock"
    lock.unlink()
    lock.symlink_to(outside)
    result = run(_sessionpad(seeded, "prompts", "add", "What matters here?", "--category", "goal"))
    _refused_naming(result, lock)
    assert _untouched(outside)
    assert lock.is_symlink()


def test_doctor_never_chmods_or_moves_a_linked_session_file(seeded: Path, outside: Path) -> None:
    session_file = next((seeded / "sessions").glob("*.json"))
    session_file.unlink()
    session_file.symlink_to(outside)
    result = run(_sessionpad(seeded, "doctor"))
    _refused_naming(result, session_file)
    assert _untouched(outside)
    assert session_file.is_symlink()
    assert not list(outside.parent.glob("*.corrupt-*"))


def test_a_linked_core_file_is_not_read_by_clients(seeded: Path, tmp_path: Path) -> None:
    stranger = tmp_path / "stranger"
    with Store.open(stranger) as store:
        store.save_client(Client(name="Somebody Else"))
    core = seeded / "core.json"
    core.unlink()
    core.symlink_to(stranger / "core.json")
    result = run(_sessionpad(seeded, "clients"))
    _refused_naming(result, core)
    assert "Somebody Else" not in result.stdout


@pytest.mark.parametrize("folder", ["sessions", "clients", "index", "exports"])
def test_a_linked_folder_is_refused_at_start(seeded: Path, tmp_path: Path, folder: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    link = seeded / folder
    if link.exists():
        os.rename(link, elsewhere / folder)
    link.symlink_to(elsewhere / folder, target_is_directory=True)
    # ``start`` opens the app: the refusal must come as one line before any screen.
    result = run(_sessionpad(seeded, "start", "Dana Reyes"), stdin=None)
    _refused_naming(result, link)
    assert elsewhere.stat().st_mode & 0o777 == 0o755


def test_a_data_dir_that_is_itself_a_link_is_used(seeded: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "my-data-link"
    chosen.symlink_to(seeded, target_is_directory=True)
    result = run(_sessionpad(chosen, "clients"))
    assert result.returncode == 0, result.stderr
    assert "Dana Reyes" in result.stdout
    doctor = run(_sessionpad(chosen, "doctor"))
    assert doctor.returncode == 0, doctor.stderr
    assert str(seeded.resolve()) in doctor.stdout


def test_home_meeting_a_linked_session_file_says_so_in_one_line(
    seeded: Path, outside: Path
) -> None:
    session_file = next((seeded / "sessions").glob("*.json"))
    session_file.unlink()
    session_file.symlink_to(outside)
    result = run(_sessionpad(seeded))  # no command: the app's Home
    _refused_naming(result, session_file)
    assert _untouched(outside)


def test_several_links_are_counted_in_the_one_line(seeded: Path, outside: Path) -> None:
    session_files = sorted((seeded / "sessions").glob("*.json"))[:3]
    for session_file in session_files:
        session_file.unlink()
        session_file.symlink_to(outside)
    line = _refused_naming(run(_sessionpad(seeded, "doctor")), session_files[0])
    assert "and 2 more links" in line
    assert _untouched(outside)
