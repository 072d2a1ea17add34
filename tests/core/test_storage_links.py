"""No link inside the data dir is followed: reads, writes, backups, quarantine, chmods."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from sessionpad.demo import seed_demo
from sessionpad.storage.atomic import AtomicJSONStorage
from sessionpad.storage.errors import LinkRefused, StorageError
from sessionpad.storage.exports import exports_dir, write_export
from sessionpad.storage.files import keep_backup, quarantine, tighten_file
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW

SECRET = '{"_default": {"1": {"secret": "not ours"}}}'


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    victim = tmp_path / "outside.json"
    victim.write_text(SECRET)
    victim.chmod(0o644)
    return victim


def _untouched(victim: Path) -> bool:
    return victim.read_text() == SECRET and victim.stat().st_mode & 0o777 == 0o644


def _plant(link: Path, target: Path) -> Path:
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.exists():
        link.unlink()
    link.symlink_to(target)
    return link


def test_reading_a_linked_data_file_is_refused_by_name(tmp_path: Path, outside: Path) -> None:
    link = _plant(tmp_path / "data" / "core.json", outside)
    with pytest.raises(LinkRefused) as refused:
        AtomicJSONStorage(link).read()
    assert str(link) in refused.value.message


def test_writing_over_a_linked_data_file_is_refused(tmp_path: Path, outside: Path) -> None:
    link = _plant(tmp_path / "data" / "core.json", outside)
    with pytest.raises(LinkRefused):
        AtomicJSONStorage(link).write({"_default": {}})
    assert link.is_symlink() and _untouched(outside)


def test_tighten_file_leaves_a_link_and_its_target_alone(tmp_path: Path, outside: Path) -> None:
    link = _plant(tmp_path / "data" / "x.json", outside)
    assert tighten_file(link) is False
    assert _untouched(outside)


def test_quarantine_moves_the_link_itself_and_chmods_nothing_outside(
    tmp_path: Path, outside: Path
) -> None:
    link = _plant(tmp_path / "data" / "x.json", outside)
    moved = quarantine(link, now=datetime(2026, 11, 27, 14, 0))
    assert moved.is_symlink() and _untouched(outside)


def test_a_pre_version_backup_never_writes_through_a_link(tmp_path: Path, outside: Path) -> None:
    original = tmp_path / "data" / "core.json"
    original.parent.mkdir()
    original.write_text("{}")
    _plant(original.with_name("core.json.pre-v1"), outside)
    with pytest.raises(LinkRefused):
        keep_backup(original, 1)
    assert _untouched(outside)
    with pytest.raises(LinkRefused):
        keep_backup(_plant(tmp_path / "data" / "other.json", outside), 1)


def test_a_session_file_linked_after_opening_is_refused_not_followed(
    data_dir: Path, outside: Path
) -> None:
    with Store.open(data_dir) as store:
        seed_demo(store, now=FIXED_NOW)
    with Store.open(data_dir) as store:
        session = store.session_headers()[-1]
        _plant(data_dir / "sessions" / f"{session.id}.json", outside)
        with pytest.raises(StorageError, match="symbolic link"):
            store.load_session(session.id)
        with pytest.raises(StorageError, match="symbolic link"):
            store.check_all()
    assert _untouched(outside)


def test_a_linked_lock_file_is_refused(data_dir: Path, outside: Path) -> None:
    Store.open(data_dir).close()
    _plant(data_dir / "sessionpad.lock", outside)
    with pytest.raises(LinkRefused, match=r"sessionpad\.lock"):
        Store.open(data_dir)
    assert _untouched(outside)


def test_the_data_dir_given_as_a_link_is_resolved_once(tmp_path: Path) -> None:
    real = tmp_path / "real"
    Store.open(real).close()
    chosen = tmp_path / "chosen"
    chosen.symlink_to(real, target_is_directory=True)
    with Store.open(chosen) as store:
        assert store.data_dir == real.resolve()


def test_an_export_inside_the_data_dir_never_goes_through_a_linked_folder(
    data_dir: Path, tmp_path: Path
) -> None:
    Store.open(data_dir).close()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    exports_dir(data_dir).symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(LinkRefused, match="exports"):
        write_export(exports_dir(data_dir) / "summary.md", "text", data_dir=data_dir)
    assert list(elsewhere.iterdir()) == []


def test_write_export_makes_every_new_folder_private(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "c" / "summary.md"
    write_export(target, "text")
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    assert target.stat().st_mode & 0o777 == 0o600


def test_write_export_can_refuse_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("the coach's earlier copy")
    with pytest.raises(FileExistsError):
        write_export(target, "new", overwrite=False)
    assert target.read_text() == "the coach's earlier copy"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.md"]  # no temp file left
    write_export(target, "new")
    assert target.read_text() == "new"


def test_a_file_in_the_way_of_a_folder_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "notes"
    blocker.write_text("x")
    with pytest.raises(NotADirectoryError) as error:
        write_export(blocker / "sub" / "summary.md", "text")
    assert error.value.filename == str(blocker)
    assert os.listdir(tmp_path) == ["notes"]


def test_a_data_dir_that_is_a_loop_of_links_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(StorageError, match="loop"):
        Store.open(tmp_path / "a")
