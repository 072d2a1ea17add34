"""Schema versions: old files are carried forward with a backup, newer ones left alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sessionpad.core.models import SCHEMA_VERSION, SessionStatus
from sessionpad.storage.errors import DamagedFile, SchemaTooNew, StorageError
from sessionpad.storage.migrations import MIGRATIONS, migrate, schema_of
from sessionpad.storage.store import Store

CLIENT_ID = "c0ffee000001"
SESSION_ID = "5e5510000001"
PROMISE_ID = "9a0000000001"

_AT = {"utc": "2026-11-20T13:00:00.000000Z", "offset_minutes": 60}

# A data dir as the pre-release build wrote it: the same tables, no ``meta`` anywhere.
V0_FILES: dict[str, dict[str, Any]] = {
    "core.json": {
        "clients": {
            "1": {
                "id": CLIENT_ID,
                "name": "Dana Reyes",
                "preferred_name": "Dana",
                "pronouns": "she/her",
                "language": "en",
                "context": "",
            }
        },
        "prompts": {
            "1": {
                "id": "goals-3",
                "text": "built-in",
                "category": "goals",
                "source": "builtin",
                "favourite": True,
                "retired": False,
            }
        },
    },
    f"index/{CLIENT_ID}.json": {
        "sessions": {
            "1": {
                "id": SESSION_ID,
                "client_id": CLIENT_ID,
                "number": 1,
                "planned_minutes": 60,
                "started": _AT,
                "ended": None,
                "status": "ended",
                "phases": [{"name": "explore", "minutes": 60}],
                "pit_stop_minute": None,
                "next_session": None,
                "next_session_minutes": None,
            }
        }
    },
    f"clients/{CLIENT_ID}.json": {
        "promises": {
            "1": {
                "id": PROMISE_ID,
                "client_id": CLIENT_ID,
                "owner": "client",
                "text": "draft the plan",
                "made_at": _AT,
                "made_in": SESSION_ID,
                "due": "2026-12-04",
                "status": "open",
            }
        },
        "alliance": {
            "1": {
                "client_id": CLIENT_ID,
                "items": [{"key": "conf", "title": "Confidentiality", "state": "agreed"}],
            }
        },
        "asked": {"1": {"prompt_id": "goals-3", "sessions": [SESSION_ID]}},
    },
    f"sessions/{SESSION_ID}.json": {
        "header": {"1": {}},  # filled below from the index row
        "entries": {
            "1": {"seq": 1, "kind": "note", "text": "arrived", "at": _AT, "tags": [], "data": {}},
            "2": {"seq": 2, "kind": "insight", "text": "self-imposed", "at": _AT},
        },
    },
}
V0_FILES[f"sessions/{SESSION_ID}.json"]["header"]["1"] = V0_FILES[f"index/{CLIENT_ID}.json"][
    "sessions"
]["1"]


def _write_v0(data_dir: Path) -> dict[str, bytes]:
    written = {}
    for name, tables in V0_FILES.items():
        path = data_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(tables).encode()
        path.write_bytes(payload)
        written[name] = payload
    return written


def _meta(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text())["meta"]["1"]


def test_v0_data_dir_is_upgraded_with_backups_and_nothing_lost(data_dir: Path) -> None:
    original = _write_v0(data_dir)
    with Store.open(data_dir) as store:
        upgraded = [line for line in store.problems if "upgraded from schema 0" in line]
        assert len(upgraded) == 3  # core, client, index; session files when first read
        [dana] = store.clients()
        assert dana.preferred_name == "Dana"
        [promise] = store.promises(CLIENT_ID)
        assert promise.text == "draft the plan"
        assert promise.resolution_note == ""  # a field v0 did not write gets its default
        assert [item.key for item in store.alliance(CLIENT_ID) or []] == ["conf"]
        assert store.asked_prompts(CLIENT_ID) == {"goals-3"}
        assert store.prompt_overrides()[0].favourite
        session = store.load_session(SESSION_ID)
        assert session.status is SessionStatus.ENDED
        assert [e.text for e in session.entries] == ["arrived", "self-imposed"]
        assert any(f"sessions/{SESSION_ID}.json was upgraded" in line for line in store.problems)
    for name, payload in original.items():
        path = data_dir / name
        assert _meta(path)["schema"] == SCHEMA_VERSION
        backup = path.with_name(f"{path.name}.pre-v{SCHEMA_VERSION}")
        assert backup.read_bytes() == payload
        assert backup.stat().st_mode & 0o777 == 0o600
    with Store.open(data_dir) as again:
        assert again.problems == []  # upgraded once, not at every start


def test_v0_read_only_reads_upgraded_but_touches_nothing(data_dir: Path) -> None:
    original = _write_v0(data_dir)
    with Store.open(data_dir, read_only=True) as store:
        assert [c.name for c in store.clients()] == ["Dana Reyes"]
        assert len(store.load_session(SESSION_ID).entries) == 2
        assert all("when opened for writing" in line for line in store.problems)
    for name, payload in original.items():
        assert (data_dir / name).read_bytes() == payload
    assert not list(data_dir.rglob("*.pre-v*"))


def test_a_core_file_from_a_newer_sessionpad_is_refused_untouched(data_dir: Path) -> None:
    with Store.open(data_dir):
        pass
    core = data_dir / "core.json"
    newer = {"meta": {"1": {"schema": SCHEMA_VERSION + 1, "kind": "core"}}, "clients": {}}
    core.write_text(json.dumps(newer))
    before = core.read_bytes()
    with pytest.raises(SchemaTooNew) as refused:
        Store.open(data_dir)
    assert "newer sessionpad" in refused.value.message
    assert "\n" not in refused.value.message
    assert core.read_bytes() == before
    assert not list(data_dir.glob("core.json.*"))


def test_a_session_file_from_a_newer_sessionpad_is_refused_untouched(data_dir: Path) -> None:
    _write_v0(data_dir)
    path = data_dir / "sessions" / f"{SESSION_ID}.json"
    raw = json.loads(path.read_text())
    raw["meta"] = {"1": {"schema": SCHEMA_VERSION + 5, "kind": "session"}}
    path.write_text(json.dumps(raw))
    before = path.read_bytes()
    with Store.open(data_dir) as store:
        with pytest.raises(SchemaTooNew):
            store.load_session(SESSION_ID)
        assert any("newer sessionpad" in line for line in store.check_all())
    assert path.read_bytes() == before


def test_steps_run_in_order_and_stamp_each_version() -> None:
    calls: list[int] = []

    def rename_title(raw: dict[str, Any]) -> dict[str, Any]:
        calls.append(1)
        for doc in raw["things"].values():
            doc["label"] = doc.pop("title")
        return raw

    def add_colour(raw: dict[str, Any]) -> dict[str, Any]:
        calls.append(2)
        assert raw["meta"]["1"]["schema"] == 2  # sees the previous step's stamp
        for doc in raw["things"].values():
            doc.setdefault("colour", "plain")
        return raw

    steps = {0: MIGRATIONS[0], 1: rename_title, 2: add_colour}
    raw = {"things": {"1": {"title": "a"}}}
    upgraded, found = migrate(Path("x.json"), raw, "core", target=3, steps=steps)
    assert found == 0
    assert calls == [1, 2]
    assert upgraded["things"]["1"] == {"label": "a", "colour": "plain"}
    assert upgraded["meta"]["1"] == {"schema": 3, "kind": "core"}
    assert raw == {"things": {"1": {"title": "a"}}}  # the input is left as it was


def test_a_gap_in_the_steps_is_an_error_not_a_silent_skip() -> None:
    raw = {"meta": {"1": {"schema": 1}}, "things": {}}
    with pytest.raises(StorageError, match="no upgrade from it"):
        migrate(Path("x.json"), raw, "core", target=3, steps={2: lambda r: r})


def test_an_unreadable_schema_number_is_damage() -> None:
    for bad in ("1", None, -1, True):
        with pytest.raises(DamagedFile):
            schema_of(Path("x.json"), {"meta": {"1": {"schema": bad}}})
    assert schema_of(Path("x.json"), {"clients": {}}) == 0
