"""Client-record import and backups, after an attack (issue 9 item 5 follow-ups): an
import is all or nothing, a re-export leaves no old files behind, a zip is judged by its
declared sizes before it is read, and a backup from an older schema restores."""

from __future__ import annotations

import json
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
