"""A file where a data folder belongs, and what doctor says (issue 7 follow-ups D, F)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW

from .test_cli import one_line_error, run

READ_ONLY_COMMANDS = [
    ("clients",),
    ("promises",),
    ("export", "last"),
    ("prompts", "list"),
    ("settings",),
]


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        seed_demo(store, now=FIXED_NOW)
    return data_dir


@pytest.mark.parametrize("folder", ["clients", "index", "sessions"])
@pytest.mark.parametrize("args", READ_ONLY_COMMANDS, ids=lambda args: args[0])
def test_a_file_where_a_folder_belongs_is_named_by_read_only_commands(
    capsys, seeded: Path, folder: str, args: tuple[str, ...]
) -> None:
    shutil.rmtree(seeded / folder)
    (seeded / folder).write_text("not a folder")
    code, out, err = run(capsys, "--data-dir", str(seeded), *args)
    assert code == 1 and out == ""
    line = one_line_error(err)
    assert "unexpected error" not in line
    assert line == (
        f"sessionpad: can't read {seeded / folder}: it is a file, not a folder — "
        "choose another data dir with --data-dir or SESSIONPAD_HOME"
    )
    assert (seeded / folder).read_text() == "not a folder"


def test_doctor_says_each_damaged_file_once(capsys, seeded: Path) -> None:
    victim = next((seeded / "sessions").glob("*.json"))
    victim.write_text('{"header": {"1": ')
    code, out, err = run(capsys, "--data-dir", str(seeded), "doctor")
    assert code == 1
    assert err == ""
    damage = [line for line in out.splitlines() if f"{victim.name} is damaged" in line]
    assert len(damage) == 1, out


def test_doctor_on_a_damaged_client_file_found_at_opening_says_it_once(
    capsys, seeded: Path
) -> None:
    victim = next((seeded / "clients").glob("*.json"))
    victim.write_text("[1, 2")
    code, out, err = run(capsys, "--data-dir", str(seeded), "doctor")
    assert code == 1
    assert err == ""
    assert sum(victim.name in line for line in out.splitlines()) == 1, out


def test_a_file_shut_even_to_its_owner_is_not_called_over_shared(seeded: Path) -> None:
    victim = seeded / "core.json"
    with Store.open(seeded) as store:
        victim.chmod(0)
        findings = store.check_all()
    assert not any("readable by others" in line for line in findings), findings
    assert victim.stat().st_mode & 0o777 == 0  # not quietly opened up, either


def test_a_file_others_can_read_is_still_made_private(seeded: Path) -> None:
    victim = seeded / "core.json"
    with Store.open(seeded) as store:
        victim.chmod(0o640)
        assert store.check_all() == ["1 file(s) were readable by others and are now private (0600)"]
    assert victim.stat().st_mode & 0o777 == 0o600
