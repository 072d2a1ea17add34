"""``--out`` meeting what is not a plain file, and the data dir (issue 7 follow-up B)."""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW

from .test_cli import one_line_error, run

IS_ROOT = os.geteuid() == 0


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        seed_demo(store, now=FIXED_NOW)
    return data_dir


def _export(capsys, data_dir: Path, out: str, *extra: str) -> tuple[int, str, str]:
    return run(capsys, "--data-dir", str(data_dir), "export", "last", "--out", out, *extra)


@pytest.mark.parametrize("force", [(), ("--force",)], ids=["plain", "force"])
def test_a_fifo_is_written_into_never_replaced(capsys, seeded: Path, tmp_path: Path, force):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = _export(capsys, seeded, str(fifo), *force)
    reader.join(timeout=10)
    assert code == 0, err
    assert received and received[0].decode().startswith("# Session with")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not IS_ROOT, reason="mknod of a character device needs root")
def test_a_character_device_is_written_into_never_replaced(
    capsys, seeded: Path, tmp_path: Path
) -> None:
    device = tmp_path / "null-twin"
    os.mknod(device, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    code, _, err = _export(capsys, seeded, str(device), "--force")
    assert code == 0, err
    info = os.lstat(device)
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 3)


def test_dev_null_needs_no_force_and_stays_a_device(capsys, seeded: Path) -> None:
    before = os.lstat("/dev/null")
    code, _, err = _export(capsys, seeded, "/dev/null")
    assert code == 0, err
    after = os.lstat("/dev/null")
    assert (after.st_ino, after.st_mode, after.st_rdev) == (
        before.st_ino,
        before.st_mode,
        before.st_rdev,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_dev_full_says_the_disk_is_full(capsys, seeded: Path) -> None:
    code, _, err = _export(capsys, seeded, "/dev/full")
    assert code == 1
    assert one_line_error(err) == "sessionpad: can't write /dev/full: the disk is full"
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)


@pytest.mark.skipif(not IS_ROOT, reason="mknod of a block device needs root")
def test_a_block_device_is_refused(capsys, seeded: Path, tmp_path: Path) -> None:
    device = tmp_path / "disk"
    os.mknod(device, 0o600 | stat.S_IFBLK, os.makedev(7, 200))
    code, _, err = _export(capsys, seeded, str(device), "--force")
    assert code == 1
    assert "is a disk device" in one_line_error(err)
    assert stat.S_ISBLK(os.lstat(device).st_mode)


def test_a_socket_is_refused(capsys, seeded: Path, tmp_path: Path) -> None:
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(path))
        code, _, err = _export(capsys, seeded, str(path), "--force")
    assert code == 1
    assert "is a socket" in one_line_error(err)
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


# ── the data dir is sessionpad's alone ────────────────────────────────────────


def _client_file(data_dir: Path) -> Path:
    return next((data_dir / "clients").glob("*.json"))


def test_out_onto_a_data_file_is_refused_even_with_force(capsys, seeded: Path) -> None:
    victim = _client_file(seeded)
    before = victim.read_bytes()
    code, _, err = _export(capsys, seeded, str(victim), "--force")
    assert code == 1
    assert "inside sessionpad's data dir" in one_line_error(err)
    assert victim.read_bytes() == before


def test_out_into_the_data_dir_through_a_link_is_refused(
    capsys, seeded: Path, tmp_path: Path
) -> None:
    victim = _client_file(seeded)
    before = victim.read_bytes()
    link = tmp_path / "innocent"
    link.symlink_to(seeded / "clients")
    code, _, err = _export(capsys, seeded, str(link / victim.name), "--force")
    assert code == 1
    assert "inside sessionpad's data dir" in one_line_error(err)
    assert victim.read_bytes() == before


def test_out_as_a_relative_path_into_the_data_dir_is_refused(
    capsys, seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(seeded / "sessions")
    code, _, err = _export(capsys, seeded, "../new-summary.md")
    assert code == 1
    assert "inside sessionpad's data dir" in one_line_error(err)
    assert not (seeded / "new-summary.md").exists()


def test_a_link_outside_the_data_dir_is_followed_and_kept(
    capsys, seeded: Path, tmp_path: Path
) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    code, _, err = _export(capsys, seeded, str(link), "--force")
    assert code == 0, err
    assert link.is_symlink()
    assert real.read_text().startswith("# Session with")


# ── an empty SESSIONPAD_HOME ──────────────────────────────────────────────────


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_sessionpad_home_is_an_error_not_the_default(
    capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str
) -> None:
    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "default"))
    monkeypatch.setenv("SESSIONPAD_HOME", value)
    code, out, err = run(capsys, "clients")
    assert code == 1 and out == ""
    assert "SESSIONPAD_HOME is set but empty" in one_line_error(err)
    assert not (tmp_path / "default").exists()


def test_out_into_the_data_dirs_exports_folder_is_allowed(capsys, seeded: Path) -> None:
    # Where the app saves summaries too: an export there replaces no record.
    target = seeded / "exports" / "for-dana.md"
    code, _, err = _export(capsys, seeded, str(target))
    assert code == 0, err
    assert target.read_text().startswith("# Session with")


# ── the same rules for export-client and backup ───────────────────────────────


def _records(capsys, data_dir: Path, *args: str) -> tuple[int, str, str]:
    return run(capsys, "--data-dir", str(data_dir), *args)


def test_export_client_zip_into_a_fifo_is_written_into(capsys, seeded: Path, tmp_path: Path):
    fifo = tmp_path / "record.zip"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = _records(capsys, seeded, "export-client", "Dana", "--out", str(fifo), "--force")
    reader.join(timeout=10)
    assert code == 0, err
    assert received and received[0].startswith(b"PK")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("where", ["clients", "sessions"])
def test_export_client_into_the_data_dir_is_refused(capsys, seeded: Path, where: str) -> None:
    before = {path: path.read_bytes() for path in (seeded / where).iterdir()}
    for out in (seeded / where / "record.zip", seeded / where / "record"):
        code, _, err = _records(capsys, seeded, "export-client", "Dana", "--out", str(out))
        assert code == 1
        assert "inside sessionpad's data dir" in one_line_error(err)
    assert {path: path.read_bytes() for path in (seeded / where).iterdir()} == before


def test_backup_onto_a_fifo_or_device_is_refused_not_replaced(
    capsys, seeded: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "backup.zip"
    os.mkfifo(fifo)
    code, _, err = _records(capsys, seeded, "backup", str(fifo), "--force")
    assert code == 1
    assert "is not a plain file" in one_line_error(err)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    before = os.lstat("/dev/null")
    code, _, err = _records(capsys, seeded, "backup", "/dev/null", "--force")
    assert code == 1
    assert "is not a plain file" in one_line_error(err)
    after = os.lstat("/dev/null")
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
