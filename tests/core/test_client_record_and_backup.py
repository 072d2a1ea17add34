"""A client's whole record (export-client → import) and backups (issue 9 items 5, 6)."""

from __future__ import annotations

import io
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW
from tests.core.test_cli import one_line_error, run


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        seed_demo(store, now=FIXED_NOW)
    return data_dir


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _zip_tree(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# ── export-client ─────────────────────────────────────────────────────────────


@pytest.mark.parametrize("audience", ["client", "coach"])
def test_export_client_round_trips_through_import(seeded, tmp_path, capsys, audience):
    first, second = tmp_path / "first", tmp_path / "second"
    code, _, err = run(
        capsys, "--data-dir", str(seeded), "export-client", "dana", "--out", str(first),
        "--audience", audience,
    )  # fmt: skip
    assert code == 0, err
    exported = _tree(first)
    assert sum(name.startswith("sessions/") for name in exported) == 3
    assert sum(name.startswith("json/") for name in exported) == 3
    fresh = tmp_path / "fresh"
    code, out, err = run(capsys, "--data-dir", str(fresh), "import", str(first))
    assert code == 0, err
    assert out.count("imported session") == 3
    code, _, err = run(
        capsys, "--data-dir", str(fresh), "export-client", "dana", "--out", str(second),
        "--audience", audience,
    )  # fmt: skip
    assert code == 0, err
    again = _tree(second)
    if audience == "coach":
        assert again == exported
    else:
        # The client's copy leaves out the coach's notes, so tags only those carried are
        # not in it to come back: everything else is the same, byte for byte.
        assert set(again) == set(exported)
        for name in exported:
            assert _without_themes(name, again[name]) == _without_themes(name, exported[name])


def _without_themes(name: str, payload: bytes) -> object:
    if name.endswith(".json"):
        document = json.loads(payload)
        document.pop("themes", None)
        return document
    lines = payload.decode().splitlines()
    if "## Themes" in lines:
        at = lines.index("## Themes")
        del lines[at : at + 3]
    return lines


def test_export_client_zip_holds_the_same_files_and_is_private(seeded, tmp_path, capsys):
    folder, archive = tmp_path / "folder", tmp_path / "dana.zip"
    run(capsys, "--data-dir", str(seeded), "export-client", "dana", "--out", str(folder))
    code, _, err = run(
        capsys, "--data-dir", str(seeded), "export-client", "dana", "--out", str(archive)
    )
    assert code == 0, err
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert _zip_tree(archive) == _tree(folder)
    client_copy = b"".join(_zip_tree(archive).values())
    assert b"go gently" not in client_copy  # a private note stays the coach's
    fresh = tmp_path / "fresh"
    code, _, err = run(capsys, "--data-dir", str(fresh), "import", str(archive))
    assert code == 0, err


def test_export_client_refuses_to_overwrite_and_a_missing_folder(seeded, tmp_path, capsys):
    archive = tmp_path / "dana.zip"
    run(capsys, "--data-dir", str(seeded), "export-client", "dana", "--out", str(archive))
    before = archive.read_bytes()
    code, _, err = run(
        capsys, "--data-dir", str(seeded), "export-client", "dana", "--out", str(archive)
    )
    assert code == 1 and "--force" in one_line_error(err)
    assert archive.read_bytes() == before
    missing = tmp_path / "no" / "such" / "dana.zip"
    code, _, err = run(
        capsys, "--data-dir", str(seeded), "export-client", "dana", "--out", str(missing)
    )
    assert code == 1 and "does not exist" in one_line_error(err)
    assert not (tmp_path / "no").exists()
    folder = tmp_path / "rec"
    run(capsys, "--data-dir", str(seeded), "export-client", "dana", "--out", str(folder))
    code, _, err = run(
        capsys, "--data-dir", str(seeded), "export-client", "dana", "--out", str(folder)
    )
    assert code == 1 and "--force" in one_line_error(err)
    code, _, err = run(
        capsys, "--data-dir", str(seeded), "export-client", "dana", "--out", str(folder), "--force"
    )
    assert code == 0, err


def test_importing_a_record_twice_is_refused_whole(seeded, tmp_path, capsys):
    archive = tmp_path / "dana.zip"
    run(capsys, "--data-dir", str(seeded), "export-client", "dana", "--out", str(archive))
    code, _, err = run(capsys, "--data-dir", str(seeded), "import", str(archive))
    assert code == 1 and "already in this data dir" in one_line_error(err)


def test_a_record_zip_with_a_bad_document_imports_nothing(tmp_path, capsys, seeded):
    archive = tmp_path / "dana.zip"
    run(capsys, "--data-dir", str(seeded), "export-client", "dana", "--out", str(archive))
    members = _zip_tree(archive)
    name = sorted(n for n in members if n.startswith("json/"))[-1]
    members[name] = members[name].replace(b'"seq": ', b'"seq": "one", "was": ', 1)
    broken = tmp_path / "broken.zip"
    _write_zip(broken, members)
    fresh = tmp_path / "fresh"
    code, _, err = run(capsys, "--data-dir", str(fresh), "import", str(broken))
    assert code == 1 and name in one_line_error(err)
    with Store.open(fresh, read_only=True) as store:
        assert store.clients() == [] and store.session_headers() == []


def _write_zip(path: Path, members: dict[str, bytes], *, links: tuple[str, ...] = ()) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name, payload in members.items():
            info = zipfile.ZipInfo(name)
            kind = stat.S_IFLNK if name in links else stat.S_IFREG
            info.external_attr = (kind | 0o777) << 16
            archive.writestr(info, payload)


# ── backup ────────────────────────────────────────────────────────────────────


def test_backup_is_one_private_zip_that_restores_the_data_dir(seeded, tmp_path, capsys):
    target = tmp_path / "backup.zip"
    code, _, err = run(capsys, "--data-dir", str(seeded), "backup", str(target))
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    restored = tmp_path / "restored"
    code, out, err = run(capsys, "--data-dir", str(restored), "restore-backup", str(target))
    assert code == 0, err
    original = {k: v for k, v in _tree(seeded).items() if k != "sessionpad.lock"}
    assert _tree(restored) == original
    assert stat.S_IMODE(restored.stat().st_mode) == 0o700
    for path in restored.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path
    code, out, _ = run(capsys, "--data-dir", str(restored), "clients")
    assert "Dana Reyes" in out and "Sam Okafor" in out


def test_backup_bad_input_is_one_line(seeded, tmp_path, capsys):
    target = tmp_path / "backup.zip"
    cases = [
        (["backup", str(tmp_path / "missing" / "b.zip")], "does not exist"),
        (["backup", str(tmp_path)], "is a folder"),
        (["backup", str(seeded / "inside.zip")], "outside the data dir"),
    ]
    for argv, message in cases:
        code, _, err = run(capsys, "--data-dir", str(seeded), *argv)
        assert code == 1 and message in one_line_error(err), argv
    run(capsys, "--data-dir", str(seeded), "backup", str(target))
    code, _, err = run(capsys, "--data-dir", str(seeded), "backup", str(target))
    assert code == 1 and "--force" in one_line_error(err)
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "none"), "backup", str(target))
    assert code == 1 and "no such folder" in one_line_error(err)


def test_restore_backup_refuses_a_folder_in_use_and_a_missing_target(seeded, tmp_path, capsys):
    target = tmp_path / "backup.zip"
    run(capsys, "--data-dir", str(seeded), "backup", str(target))
    code, _, err = run(capsys, "--data-dir", str(seeded), "restore-backup", str(target))
    assert code == 1 and "not empty" in one_line_error(err)
    code, _, err = run(capsys, "restore-backup", str(target))
    assert code == 1 and "--data-dir" in one_line_error(err)
    code, _, err = run(
        capsys, "--data-dir", str(tmp_path / "x"), "restore-backup", str(tmp_path / "nope.zip")
    )
    assert code == 1 and "can't read" in one_line_error(err)


@pytest.mark.parametrize(
    ("name", "link"),
    [
        ("../escaped.json", False),
        ("/tmp/absolute.json", False),
        ("sessions/../../escaped.json", False),
        ("sessions/abc.json", True),
        ("other/thing.json", False),
    ],
)
def test_restore_backup_never_writes_outside_the_target(seeded, tmp_path, capsys, name, link):
    good = tmp_path / "good.zip"
    run(capsys, "--data-dir", str(seeded), "backup", str(good))
    members = _zip_tree(good)
    members[name] = b"/etc/passwd" if link else b"{}"
    hostile = tmp_path / "hostile.zip"
    _write_zip(hostile, members, links=(name,) if link else ())
    target = tmp_path / "work" / "restored"
    target.parent.mkdir()
    code, _, err = run(capsys, "--data-dir", str(target), "restore-backup", str(hostile))
    assert code == 1 and "nothing restored" in one_line_error(err)
    assert not target.exists()
    assert os.listdir(target.parent) == []
    assert not (tmp_path / "escaped.json").exists()


def test_restore_backup_refuses_damaged_data(seeded, tmp_path, capsys):
    good = tmp_path / "good.zip"
    run(capsys, "--data-dir", str(seeded), "backup", str(good))
    members = _zip_tree(good)
    session = next(n for n in members if n.startswith("sessions/"))
    members[session] = members[session][:-40]
    damaged = tmp_path / "damaged.zip"
    _write_zip(damaged, members)
    target = tmp_path / "restored"
    code, _, err = run(capsys, "--data-dir", str(target), "restore-backup", str(damaged))
    assert code == 1 and "does not open cleanly" in one_line_error(err)
    assert not target.exists()


def test_restore_backup_refuses_what_is_not_a_backup(tmp_path, capsys):
    plain = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("core.json", "{}")
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "t"), "restore-backup", str(plain))
    assert code == 1 and "not a sessionpad backup" in one_line_error(err)
    text = tmp_path / "text.zip"
    text.write_bytes(io.BytesIO(b"hello").getvalue())
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "t"), "restore-backup", str(text))
    assert code == 1 and "not a zip" in one_line_error(err)


def test_backup_names_files_it_leaves_out(seeded, tmp_path, capsys):
    (seeded / "exports").mkdir(exist_ok=True)
    (seeded / "exports" / "my notes.txt").write_text("not ours to name")
    code, _, err = run(capsys, "--data-dir", str(seeded), "backup", str(tmp_path / "b.zip"))
    assert code == 0
    assert "left out 1 file(s) not sessionpad's: exports/my notes.txt" in err


def test_a_data_dir_that_never_holds_still_gets_no_torn_backup(seeded, tmp_path, monkeypatch):
    from sessionpad.storage import backup

    marks = iter(range(1_000_000))
    real = backup._data_files

    def always_changing(data_dir: Path) -> dict[str, tuple[int, int, int]]:
        return {name: (next(marks), 0, 0) for name in real(data_dir)}

    monkeypatch.setattr(backup, "_data_files", always_changing)
    target = tmp_path / "b.zip"
    with pytest.raises(backup.BackupError, match="kept changing"):
        backup.write_backup(seeded, target)
    assert not target.exists()


def test_restore_backup_into_an_existing_empty_folder(seeded, tmp_path, capsys):
    target = tmp_path / "backup.zip"
    run(capsys, "--data-dir", str(seeded), "backup", str(target))
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, "--data-dir", str(empty), "restore-backup", str(target))
    assert code == 0, err
    assert (empty / "core.json").exists()
    assert stat.S_IMODE(empty.stat().st_mode) == 0o700


def test_import_of_a_folder_that_is_not_a_record_is_one_line(tmp_path, capsys):
    folder = tmp_path / "not-a-record"
    folder.mkdir()
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(folder))
    assert code == 1 and "no json/ folder" in one_line_error(err)
    (folder / "json").mkdir()
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(folder))
    assert code == 1 and "no sessions to import" in one_line_error(err)
    missing = tmp_path / "missing.zip"
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(missing))
    assert code == 1 and "no such file or folder" in one_line_error(err)
    plain = tmp_path / "plain.zip"
    plain.write_text("not a zip")
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(plain))
    assert code == 1 and "not a client record" in one_line_error(err)
