"""Client-record import and backups, after an attack (issue 9 item 5 follow-ups): an
import is all or nothing, a re-export leaves no old files behind, a zip is judged by its
declared sizes before it is read, and a backup from an older schema restores."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW
from tests.core.test_cli import one_line_error, run
from tests.core.test_migrations import CLIENT_ID, _write_v0


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        seed_demo(store, now=FIXED_NOW)
    return data_dir


def test_a_backup_from_an_older_schema_restores_and_upgrades(tmp_path, capsys):
    old = tmp_path / "old"
    _write_v0(old)
    backup = tmp_path / "old.zip"
    code, _, err = run(capsys, "--data-dir", str(old), "backup", str(backup))
    assert code == 0, err
    restored = tmp_path / "restored"
    code, out, err = run(capsys, "--data-dir", str(restored), "restore-backup", str(backup))
    assert code == 0, err
    assert "restored" in out
    with Store.open(restored) as store:
        assert [c.id for c in store.clients()] == [CLIENT_ID]
        assert any("upgraded from schema 0" in line for line in store.problems)


def _export_dana(seeded: Path, out: Path, capsys) -> Path:
    code, _, err = run(
        capsys, "--data-dir", str(seeded), "export-client", "Dana Reyes",
        "--audience", "coach", "--out", str(out),
    )  # fmt: skip
    assert code == 0, err
    return out


def _edit(document: Path, change) -> None:
    tables = json.loads(document.read_text())
    change(tables)
    document.write_text(json.dumps(tables))


def _clients_in(data_dir: Path) -> list[str]:
    if not (data_dir / "core.json").exists():
        return []
    with Store.open(data_dir, read_only=True) as store:
        return [c.name for c in store.clients()]


def test_a_record_whose_last_session_clashes_imports_nothing(seeded, tmp_path, capsys):
    record = _export_dana(seeded, tmp_path / "record", capsys)
    last = sorted((record / "json").glob("*-session-3-*.json"))[0]

    def rewrite_a_promise(tables: dict) -> None:
        tables["promises"][0]["text"] = "A different promise under the same id"

    _edit(last, rewrite_a_promise)
    fresh = tmp_path / "fresh"
    code, out, err = run(capsys, "--data-dir", str(fresh), "import", str(record))
    assert code == 1
    assert _clients_in(fresh) == [], "sessions 1 and 2 went in before session 3 was refused"
    line = one_line_error(err)
    assert "session 3: promises[0].id" in line and "already here as a different promise" in line
    assert line.endswith("— nothing was imported")
    assert out == ""


def test_a_record_naming_its_client_two_ways_imports_nothing(seeded, tmp_path, capsys):
    record = _export_dana(seeded, tmp_path / "record", capsys)
    last = sorted((record / "json").glob("*-session-3-*.json"))[0]
    _edit(last, lambda tables: tables["client"].update(name="Dana Someone-Else"))
    fresh = tmp_path / "fresh"
    code, _, err = run(capsys, "--data-dir", str(fresh), "import", str(record))
    assert code == 1
    assert _clients_in(fresh) == []
    assert "session 3: client.id" in one_line_error(err)


def _bomb(path: Path, members: dict[str, int]) -> Path:
    """A zip whose members unpack to that many bytes each (of spaces: tiny packed)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, size in members.items():
            with archive.open(name, "w", force_zip64=True) as handle:
                chunk = b" " * 1_000_000
                for _ in range(size // len(chunk)):
                    handle.write(chunk)
    return path


def test_a_record_zip_is_judged_by_its_declared_sizes_before_reading(tmp_path, capsys, monkeypatch):
    # Three members, each under the cap for one document, more than a record together.
    bomb = _bomb(tmp_path / "record.zip", {f"json/s{i}.json": 60_000_000 for i in range(3)})
    assert bomb.stat().st_size < 1_000_000
    opened = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(
        zipfile.ZipFile, "open", lambda self, *a, **k: opened.append(a) or real_open(self, *a, **k)
    )
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(bomb))
    assert code == 1
    assert "too large for a client record" in one_line_error(err)
    assert opened == [], "a member was unpacked before the sizes were checked"


def test_a_backup_is_judged_by_its_declared_sizes_before_reading(
    seeded, tmp_path, capsys, monkeypatch
):
    backup = tmp_path / "backup.zip"
    code, _, err = run(capsys, "--data-dir", str(seeded), "backup", str(backup))
    assert code == 0, err
    with zipfile.ZipFile(backup, "a", zipfile.ZIP_DEFLATED) as archive:
        for i in range(2):
            with archive.open(f"exports/filler-{i}.md", "w", force_zip64=True) as handle:
                for _ in range(100):
                    handle.write(b" " * 1_000_000)
    opened = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(
        zipfile.ZipFile, "open", lambda self, *a, **k: opened.append(a) or real_open(self, *a, **k)
    )
    target = tmp_path / "restored"
    code, _, err = run(capsys, "--data-dir", str(target), "restore-backup", str(backup))
    assert code == 1
    assert "too large to restore" in one_line_error(err)
    assert opened == [] and not target.exists()
    assert not list(tmp_path.glob(".restored.restoring-*"))


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_client_copy_forced_over_a_coach_copy_leaves_none_of_the_coachs(seeded, tmp_path, capsys):
    folder = _export_dana(seeded, tmp_path / "o6", capsys)
    assert list(folder.glob("sessions/*-coach.md"))
    code, _, err = run(
        capsys, "--data-dir", str(seeded), "export-client", "Dana Reyes",
        "--audience", "client", "--out", str(folder), "--force",
    )  # fmt: skip
    assert code == 0, err
    fresh = tmp_path / "fresh"
    code, _, err = run(
        capsys, "--data-dir", str(seeded), "export-client", "Dana Reyes",
        "--audience", "client", "--out", str(fresh),
    )  # fmt: skip
    assert code == 0, err
    assert _tree(folder) == _tree(fresh)
    assert not list(folder.rglob("*-coach.md"))


def test_a_forced_export_refuses_a_folder_holding_other_files(seeded, tmp_path, capsys):
    folder = _export_dana(seeded, tmp_path / "o7", capsys)
    (folder / "my-notes.txt").write_text("the coach's own")
    (folder / "sessions" / "draft.txt").write_text("also theirs")
    before = _tree(folder)
    code, _, err = run(
        capsys, "--data-dir", str(seeded), "export-client", "Dana Reyes",
        "--audience", "client", "--out", str(folder), "--force",
    )  # fmt: skip
    assert code == 1
    assert "is not part of a client record" in one_line_error(err)
    assert _tree(folder) == before
