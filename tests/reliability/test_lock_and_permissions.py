"""One writer per data dir, across real processes; a private data dir (0700) and files (0600)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from sessionpad.storage.store import Store

from .helpers import last_report, run, tree_modes, worker_argv, worker_env

LOCKED_OUT = 3


def _start_holder(data_dir: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        worker_argv("hold", data_dir),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=worker_env(),
    )
    assert holder.stdout is not None
    ready = json.loads(holder.stdout.readline() or "{}")
    assert ready.get("ready"), holder.stderr.read() if holder.stderr else ""
    return holder


@pytest.mark.slow
def test_a_second_process_is_refused_with_one_clear_line(data_dir: Path) -> None:
    seeded = run(worker_argv("everything", data_dir))
    assert seeded.returncode == 0, seeded.stderr
    holder = _start_holder(data_dir)
    try:
        second = run(worker_argv("report", data_dir))
        assert second.returncode == LOCKED_OUT
        message = second.stderr.strip()
        assert "\n" not in message
        assert "Traceback" not in second.stderr
        assert "already using" in message
        assert str(data_dir) in message
        assert f"pid {holder.pid}" in message
        assert second.stdout == ""  # refused before reading or writing anything

        reader = last_report(run(worker_argv("report", data_dir, "--read-only")))
        assert reader["read_only"] is True
        assert reader["clients"] == ["Dana Reyes"]
        assert list(reader["entries"].values()) == [3]
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)
    assert holder.returncode == 0
    after = last_report(run(worker_argv("report", data_dir)))
    assert after["read_only"] is False


@pytest.mark.slow
def test_a_killed_writer_does_not_leave_the_data_dir_locked(data_dir: Path) -> None:
    holder = _start_holder(data_dir)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=10)
    assert (data_dir / "sessionpad.lock").exists()  # the file stays; the lock went with it
    with Store.open(data_dir) as store:
        assert store.problems == []


@pytest.mark.slow
def test_data_dir_and_every_file_private_even_with_an_open_umask(tmp_path: Path) -> None:
    data_dir = tmp_path / "deep" / "data"
    result = run(worker_argv("everything", data_dir, "--umask", "000"))
    assert result.returncode == 0, result.stderr
    # The temp-file dance again, now with a stray left by a "killed" writer.
    stray = data_dir / "sessions" / ".perm0session.json.x1y2z3.tmp"
    stray.write_text("{")
    stray.chmod(0o644)
    again = run(worker_argv("report", data_dir, "--umask", "000"))
    assert last_report(again)["problems"] == []
    modes = tree_modes(data_dir)
    assert {name: mode for name, mode in modes.items() if mode not in (0o700, 0o600)} == {}
    folders = {name for name in modes if (data_dir / name).is_dir()}
    assert folders == {".", "sessions", "clients", "index"}
    assert all(modes[name] == 0o700 for name in folders)
    files = set(modes) - folders
    assert {"core.json", "sessionpad.lock"} <= files
    for folder in ("sessions", "clients", "index"):
        assert any(name.startswith(f"{folder}/") for name in files), folder
    assert all(modes[name] == 0o600 for name in files)


def test_an_existing_loose_data_dir_is_tightened(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    with Store.open(data_dir):
        pass
    assert data_dir.stat().st_mode & 0o777 == 0o700


def test_check_all_tightens_a_file_someone_loosened(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        (data_dir / "core.json").chmod(0o644)
        assert store.check_all() == ["1 file(s) were readable by others and are now private (0600)"]
    assert (data_dir / "core.json").stat().st_mode & 0o777 == 0o600
