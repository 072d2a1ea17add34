"""Client-record import and backups, after an attack (issue 9 item 5 follow-ups): an
import is all or nothing, a re-export leaves no old files behind, a zip is judged by its
declared sizes before it is read, and a backup from an older schema restores."""

from __future__ import annotations

from sessionpad.storage.store import Store
from tests.core.test_cli import run
from tests.core.test_migrations import CLIENT_ID, _write_v0


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
