"""A damaged file is named, moved aside to NAME.corrupt-<timestamp>, and the rest loads."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from sessionpad.core.models import (
    AllianceItem,
    Client,
    Entry,
    EntryKind,
    Owner,
    Phase,
    Promise,
    Prompt,
    PromptSource,
    Session,
)
from sessionpad.storage.errors import DamagedFile
from sessionpad.storage.store import Store

START = datetime(2026, 11, 27, 14, 0, tzinfo=timezone(timedelta(hours=1)))
CORRUPT = re.compile(r"\.corrupt-\d{8}T\d{6}(-\d+)?$")

DAMAGE = {
    "truncated": lambda good: good[: len(good) // 2],
    "old tail after a shorter rewrite": lambda good: good + good[-40:],
    "not text": lambda good: b"\xff\xfe\x00garbage\x80",
    "a list, not tables": lambda good: b"[1, 2, 3]",
    "a table that is not a mapping": lambda good: b'{"clients": [1]}',
    "emptied": lambda good: b"",
}


def _seed(data_dir: Path) -> dict[str, str]:
    """Two clients, three sessions with entries, promises, an alliance and a custom prompt."""
    dana = Client(name="Dana Reyes", preferred_name="Dana")
    sam = Client(name="Sam Okafor")
    ids = {"dana": dana.id, "sam": sam.id}
    with Store.open(data_dir) as store:
        for client in (dana, sam):
            store.save_client(client)
            store.save_alliance(client.id, [AllianceItem("conf", "Confidentiality")])
            store.save_promise(
                Promise(client_id=client.id, owner=Owner.CLIENT, text="try it", made_at=START)
            )
        store.save_prompt(Prompt("What would help?", "opening", PromptSource.CUSTOM))
        for number, client in enumerate((dana, dana, sam), start=1):
            session = Session(
                client_id=client.id,
                planned_minutes=60,
                started=START + timedelta(days=number),
                phases=[Phase("explore", 60)],
                number=number,
            )
            store.create_session(session)
            for seq in range(1, 4):
                store.append_entry(
                    session.id, Entry(seq, EntryKind.NOTE, f"note {seq}", START, ["t"])
                )
            ids[f"session{number}"] = session.id
    return ids


def _damage(path: Path, how: str) -> bytes:
    damaged = DAMAGE[how](path.read_bytes())
    path.write_bytes(damaged)
    return damaged


def _set_aside(path: Path) -> Path:
    [moved] = [p for p in path.parent.iterdir() if p.name.startswith(path.name + ".corrupt-")]
    assert CORRUPT.search(moved.name)
    return moved


def _one_line(message: str) -> str:
    assert "\n" not in message
    return message


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_damaged_core_file_clients_rebuilt_sessions_kept(data_dir: Path, how: str) -> None:
    ids = _seed(data_dir)
    damaged = _damage(data_dir / "core.json", how)
    with Store.open(data_dir) as store:
        [line] = store.problems
        moved = _set_aside(data_dir / "core.json")
        assert _one_line(line).startswith("core.json is damaged")
        assert moved.name in line
        assert "2 client(s) recovered" in line
        assert "custom prompts" in line  # what could not be recovered is said, not hidden
        assert sorted(c.name for c in store.clients()) == ["Dana Reyes", "Sam Okafor"]
        assert len(store.session_headers()) == 3
        assert len(store.promises()) == 2
        assert store.alliance(ids["dana"]) is not None
        assert len(store.load_session(ids["session2"]).entries) == 3
        assert store.prompt_overrides() == []
    assert moved.read_bytes() == damaged  # kept for a human to look at, never deleted
    assert moved.stat().st_mode & 0o777 == 0o600
    with Store.open(data_dir) as again:
        assert again.problems == []
        assert len(again.clients()) == 2


def test_damaged_index_is_rebuilt_from_the_session_files(data_dir: Path) -> None:
    ids = _seed(data_dir)
    index = data_dir / "index" / f"{ids['dana']}.json"
    _damage(index, "truncated")
    with Store.open(data_dir) as store:
        [line] = store.problems
        assert _one_line(line).startswith(f"index/{ids['dana']}.json is damaged")
        assert "Dana Reyes's session list was rebuilt from 2 session file(s)" in line
        assert [s.id for s in store.session_headers()] == [
            ids["session1"],
            ids["session2"],
            ids["session3"],
        ]
    _set_aside(index)
    with Store.open(data_dir) as again:
        assert again.problems == []
        assert len(again.session_headers(ids["dana"])) == 2


@pytest.mark.parametrize(
    "how", ["truncated", "old tail after a shorter rewrite", "not text", "emptied"]
)
def test_damaged_session_file_set_aside_when_loaded_rest_usable(data_dir: Path, how: str) -> None:
    ids = _seed(data_dir)
    path = data_dir / "sessions" / f"{ids['session2']}.json"
    _damage(path, how)
    with Store.open(data_dir) as store:
        assert store.problems == []  # session files are read when needed, not at start
        with pytest.raises(DamagedFile) as refused:
            store.load_session(ids["session2"])
        assert refused.value.path == path
        assert str(path) in _one_line(refused.value.message)
        moved = _set_aside(path)
        [line] = store.problems
        assert line.startswith(f"sessions/{ids['session2']}.json is damaged")
        assert moved.name in line
        assert len(store.load_session(ids["session1"]).entries) == 3
        assert len(store.load_session(ids["session3"]).entries) == 3
        assert len(store.session_headers()) == 3  # still listed, with its header
        findings = store.check_all()
        assert any(ids["session2"] in f and "missing" in f for f in findings)


def test_check_all_finds_and_sets_aside_a_damaged_session(data_dir: Path) -> None:
    ids = _seed(data_dir)
    path = data_dir / "sessions" / f"{ids['session3']}.json"
    _damage(path, "old tail after a shorter rewrite")
    with Store.open(data_dir) as store:
        findings = store.check_all()
        assert any(f.startswith(f"sessions/{ids['session3']}.json is damaged") for f in findings)
        _set_aside(path)
        assert store.problems == []  # check_all returns its findings instead
        assert len(store.load_session(ids["session1"]).entries) == 3


def test_one_bad_entry_loses_that_entry_not_the_session(data_dir: Path) -> None:
    ids = _seed(data_dir)
    path = data_dir / "sessions" / f"{ids['session1']}.json"
    raw = json.loads(path.read_text())
    del raw["entries"]["2"]["kind"]
    path.write_text(json.dumps(raw))
    with Store.open(data_dir) as store:
        session = store.load_session(ids["session1"])
        assert [entry.text for entry in session.entries] == ["note 1", "note 3"]
        [line] = store.problems
        kept = _set_aside(path)
        assert _one_line(line).startswith(f"sessions/{ids['session1']}.json: a record can't")
        assert "entries[2]: missing field 'kind'" in line and kept.name in line
    assert json.loads(kept.read_text()) == raw  # the record is kept for a human to look at
    with Store.open(data_dir) as again:
        assert len(again.load_session(ids["session1"]).entries) == 2
        assert again.check_all() == []


def test_damaged_client_file_only_that_client_loses_its_promises(data_dir: Path) -> None:
    ids = _seed(data_dir)
    path = data_dir / "clients" / f"{ids['sam']}.json"
    _damage(path, "truncated")
    with Store.open(data_dir) as store:
        [line] = store.problems
        assert _one_line(line).startswith(f"clients/{ids['sam']}.json is damaged")
        assert "Sam Okafor's alliance, promises" in line
        assert [p.client_id for p in store.promises()] == [ids["dana"]]
        assert store.alliance(ids["sam"]) is None
        assert store.client(ids["sam"]) is not None
        assert len(store.session_headers(ids["sam"])) == 1
    _set_aside(path)


def test_read_only_reports_damage_and_leaves_the_file_in_place(data_dir: Path) -> None:
    _seed(data_dir)
    damaged = _damage(data_dir / "core.json", "truncated")
    with Store.open(data_dir, read_only=True) as store:
        [line] = store.problems
        assert "left in place" in line
        assert len(store.clients()) == 2  # rebuilt in memory only
    assert (data_dir / "core.json").read_bytes() == damaged
    assert not list(data_dir.glob("*.corrupt-*"))


def test_stray_temp_files_are_cleaned_at_open_and_nothing_else(data_dir: Path) -> None:
    ids = _seed(data_dir)
    strays = [
        data_dir / ".core.json.k3j2h1.tmp",
        data_dir / "sessions" / f".{ids['session1']}.json.a8b7c6.tmp",
        data_dir / "clients" / f".{ids['dana']}.json.zz99.tmp",
    ]
    keep = [data_dir / "notes.tmp", data_dir / ".hidden", data_dir / "sessions" / "README"]
    for path in [*strays, *keep]:
        path.write_text('{"half": ')
    with Store.open(data_dir, read_only=True):
        pass
    assert all(p.exists() for p in strays)  # a reader never tidies: the writer may be live
    with Store.open(data_dir) as store:
        assert store.problems == []
        assert len(store.load_session(ids["session1"]).entries) == 3
    assert not any(p.exists() for p in strays)
    assert all(p.exists() for p in keep)


def _break_a_record(path: Path, table: str, field: str) -> None:
    """JSON that parses but holds a record its model can't read (a hand edit gone wrong)."""
    raw = json.loads(path.read_text())
    first = next(iter(raw[table].values()))
    first[field] = {"utc": "yesterday-ish"}
    path.write_text(json.dumps(raw))


def test_a_bad_index_record_found_later_is_rebuilt_on_the_spot(data_dir: Path) -> None:
    ids = _seed(data_dir)
    index = data_dir / "index" / f"{ids['dana']}.json"
    _break_a_record(index, "sessions", "started")
    with Store.open(data_dir) as store:
        assert store.problems == []  # records are read when asked for
        headers = store.session_headers(ids["dana"])
        assert [s.id for s in headers] == [ids["session1"], ids["session2"]]
        [line] = store.problems
        assert _one_line(line).startswith(f"index/{ids['dana']}.json is damaged")
        assert "rebuilt from 2 session file(s)" in line
    _set_aside(index)


def test_a_bad_promise_record_loses_that_promise_only(data_dir: Path) -> None:
    ids = _seed(data_dir)
    path = data_dir / "clients" / f"{ids['sam']}.json"
    _break_a_record(path, "promises", "made_at")
    with Store.open(data_dir) as store:
        assert [p.client_id for p in store.promises()] == [ids["dana"]]
        [line] = store.problems
        assert _one_line(line).startswith(f"clients/{ids['sam']}.json: a record can't be read")
        assert "promises[1].made_at.utc: must be a UTC time" in line
        assert store.alliance(ids["sam"]) is not None  # the rest of Sam's file is kept
    _set_aside(path)


def test_check_all_reads_every_record(data_dir: Path) -> None:
    ids = _seed(data_dir)
    _break_a_record(data_dir / "clients" / f"{ids['dana']}.json", "promises", "made_at")
    _break_a_record(data_dir / "index" / f"{ids['sam']}.json", "sessions", "started")
    with Store.open(data_dir) as store:
        findings = store.check_all()
        assert any(
            f.startswith(f"clients/{ids['dana']}.json: a record can't be read (promises[1]")
            for f in findings
        )
        assert any(f.startswith(f"index/{ids['sam']}.json is damaged") for f in findings)
        assert len(store.session_headers()) == 3
        assert store.check_all() == []
