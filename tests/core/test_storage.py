"""The Store API: every record type survives a close and reopen, and the rules around it."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sessionpad.core.models import (
    AllianceItem,
    AllianceState,
    Client,
    Entry,
    EntryKind,
    Owner,
    Phase,
    Promise,
    PromiseStatus,
    Prompt,
    PromptSource,
    Renegotiation,
    Session,
    SessionStatus,
)
from sessionpad.paths import default_data_dir, resolve_data_dir
from sessionpad.storage.errors import DataDirLocked, StorageError
from sessionpad.storage.store import Store

PLUS_ONE = timezone(timedelta(hours=1))
START = datetime(2026, 11, 27, 14, 0, tzinfo=PLUS_ONE)


def _client(name: str = "Dana Reyes", **extra: str) -> Client:
    return Client(name=name, **extra)


def _session(client: Client, started: datetime = START, number: int = 1) -> Session:
    return Session(
        client_id=client.id,
        planned_minutes=60,
        started=started,
        phases=[Phase("check-in", 5), Phase("explore", 40), Phase("close", 15)],
        number=number,
    )


def _entry(seq: int, text: str = "", kind: EntryKind = EntryKind.NOTE, **data: object) -> Entry:
    return Entry(
        seq=seq,
        kind=kind,
        text=text or f"note {seq}",
        at=START + timedelta(minutes=seq),
        tags=["energy"] if seq % 2 else [],
        data=dict(data),
    )


def _reopen(data_dir: Path) -> Store:
    return Store.open(data_dir)


def test_client_round_trip(data_dir: Path) -> None:
    dana = _client(preferred_name="Dana", pronouns="she/her", language="en", context="new role")
    with Store.open(data_dir) as store:
        store.save_client(dana)
        store.save_client(_client("Sam Okafor"))
        dana.context = "new role; two reports"
        store.save_client(dana)  # an update, not a second Dana
    with _reopen(data_dir) as store:
        assert store.client(dana.id) == dana
        assert sorted(c.name for c in store.clients()) == ["Dana Reyes", "Sam Okafor"]
        assert store.client("nobody") is None


def test_find_client_by_name_preferred_name_or_unique_prefix(store: Store) -> None:
    dana = _client(preferred_name="Dee")
    daniel = _client("Daniel Park")
    store.save_client(dana)
    store.save_client(daniel)
    assert store.find_client("dana reyes") == dana
    assert store.find_client("DEE") == dana
    assert store.find_client("danie") == daniel
    assert store.find_client(dana.id) == dana
    assert store.find_client("dan") is None  # ambiguous
    assert {c.id for c in store.matching_clients("dan")} == {dana.id, daniel.id}
    assert store.find_client("zed") is None
    assert store.find_client("  ") is None


def test_alliance_round_trip_and_none_before_first_save(data_dir: Path) -> None:
    dana = _client()
    items = [
        AllianceItem(
            "conf", "Confidentiality and its limits", AllianceState.AGREED, date(2026, 10, 12)
        ),
        AllianceItem("style", "Style and permissions", AllianceState.REVISIT, note="ask again"),
        AllianceItem("missed", "Missed commitments"),
    ]
    with Store.open(data_dir) as store:
        store.save_client(dana)
        assert store.alliance(dana.id) is None
        store.save_alliance(dana.id, items)
        items[2].state = AllianceState.AGREED
        store.save_alliance(dana.id, items)
    with _reopen(data_dir) as store:
        assert store.alliance(dana.id) == items
        assert store.alliance("someone-else") is None


def test_session_entries_and_header_round_trip(data_dir: Path) -> None:
    dana = _client()
    session = _session(dana)
    pit_stop = _entry(3, "pit-stop", EntryKind.PITSTOP, rating=7, prompts=["p1", "p2"])
    with Store.open(data_dir) as store:
        store.save_client(dana)
        store.create_session(session)
        for entry in (_entry(1), _entry(2, "the deadline is self-imposed"), pit_stop):
            store.append_entry(session.id, entry)
        session.status = SessionStatus.ENDED
        session.ended = START + timedelta(minutes=58)
        session.next_session = START + timedelta(days=7)
        session.next_session_minutes = 60
        session.phases.append(Phase("extra", 5))
        store.save_session_header(session)
    with _reopen(data_dir) as store:
        loaded = store.load_session(session.id)
        assert [e.seq for e in loaded.entries] == [1, 2, 3]
        assert loaded.entries[2] == pit_stop
        assert loaded.entries[0].at.utcoffset() == timedelta(hours=1)
        session.entries = loaded.entries
        assert loaded == session
        [header] = store.session_headers(dana.id)
        assert header.status is SessionStatus.ENDED
        assert header.entries == []
        assert header.next_session == session.next_session


def test_entries_come_back_in_seq_order_not_insertion_or_clock_order(store: Store) -> None:
    dana = _client()
    session = _session(dana)
    store.create_session(session)
    late_clock_early_seq = _entry(1)
    late_clock_early_seq.at = START + timedelta(hours=2)  # the clock jumped back after this
    for entry in (_entry(3), late_clock_early_seq, _entry(2)):
        store.append_entry(session.id, entry)
    assert [e.seq for e in store.load_session(session.id).entries] == [1, 2, 3]


def test_a_session_created_with_entries_keeps_them(data_dir: Path) -> None:
    dana = _client()
    session = _session(dana)
    session.entries = [_entry(1), _entry(2)]
    with Store.open(data_dir) as store:
        store.create_session(session)
        store.append_entry(session.id, _entry(3))
    with _reopen(data_dir) as store:
        assert [e.seq for e in store.load_session(session.id).entries] == [1, 2, 3]


def test_a_repeated_seq_is_refused_and_the_first_kept(store: Store) -> None:
    session = _session(_client())
    store.create_session(session)
    store.append_entry(session.id, _entry(1, "first"))
    with pytest.raises(ValueError, match="already has an entry 1"):
        store.append_entry(session.id, _entry(1, "second"))
    assert [e.text for e in store.load_session(session.id).entries] == ["first"]


def test_creating_the_same_session_twice_is_refused(store: Store) -> None:
    session = _session(_client())
    store.create_session(session)
    with pytest.raises(ValueError, match="already exists"):
        store.create_session(session)


def test_changing_a_loaded_entry_does_not_change_the_store(store: Store) -> None:
    session = _session(_client())
    store.create_session(session)
    store.append_entry(session.id, _entry(1, kind=EntryKind.PITSTOP, prompts=["a"]))
    loaded = store.load_session(session.id)
    loaded.entries[0].data["prompts"].append("b")
    loaded.entries[0].tags.append("x")
    again = store.load_session(session.id)
    assert again.entries[0].data["prompts"] == ["a"]
    assert again.entries[0].tags == ["energy"]


def test_session_headers_oldest_first_and_per_client(data_dir: Path) -> None:
    dana, sam = _client(), _client("Sam Okafor")
    later = _session(dana, START + timedelta(days=7), number=2)
    earlier = _session(dana, START, number=1)
    sams = _session(sam, START + timedelta(days=1))
    with Store.open(data_dir) as store:
        for session in (later, sams, earlier):
            store.create_session(session)
    with _reopen(data_dir) as store:
        assert [s.id for s in store.session_headers(dana.id)] == [earlier.id, later.id]
        assert [s.id for s in store.session_headers()] == [earlier.id, sams.id, later.id]
        assert store.session_headers("nobody") == []


def test_add_sessions_writes_many_at_once(data_dir: Path) -> None:
    dana = _client()
    sessions = []
    for number in range(1, 6):
        session = _session(dana, START + timedelta(days=number), number)
        session.entries = [_entry(seq) for seq in range(1, 4)]
        sessions.append(session)
    with Store.open(data_dir) as store:
        store.add_sessions(sessions)
    with _reopen(data_dir) as store:
        assert [s.number for s in store.session_headers(dana.id)] == [1, 2, 3, 4, 5]
        assert len(store.load_session(sessions[3].id).entries) == 3


def test_promise_round_trip_insert_then_update(data_dir: Path) -> None:
    dana, sam = _client(), _client("Sam Okafor")
    session = _session(dana)
    promise = Promise(
        client_id=dana.id,
        owner=Owner.CLIENT,
        text="draft the delegation plan",
        made_at=START,
        made_in=session.id,
        due=date(2026, 12, 4),
    )
    coach_promise = Promise(
        client_id=dana.id, owner=Owner.COACH, text="send the invite", made_at=START + timedelta(1)
    )
    sams = Promise(client_id=sam.id, owner=Owner.CLIENT, text="rest", made_at=START)
    with Store.open(data_dir) as store:
        for p in (promise, coach_promise, sams):
            store.save_promise(p)
        promise.status = PromiseStatus.RENEGOTIATED
        promise.renegotiations.append(
            Renegotiation(START + timedelta(days=7), date(2026, 12, 4), date(2026, 12, 11), "s2")
        )
        promise.due = date(2026, 12, 11)
        store.save_promise(promise)
    with _reopen(data_dir) as store:
        assert store.promises(dana.id) == [promise, coach_promise]
        assert store.promises(sam.id) == [sams]
        assert {p.id for p in store.promises()} == {promise.id, coach_promise.id, sams.id}
        assert store.promises("nobody") == []


def test_prompts_and_asked_round_trip(data_dir: Path) -> None:
    dana = _client()
    custom = Prompt("What would make today worth it?", "opening", PromptSource.CUSTOM)
    builtin_fav = Prompt("built-in text", "goals", favourite=True, id="goals-3")
    with Store.open(data_dir) as store:
        store.save_prompt(custom)
        store.save_prompt(builtin_fav)
        builtin_fav.retired = True
        store.save_prompt(builtin_fav)
        store.record_asked(dana.id, "goals-3", "s1")
        store.record_asked(dana.id, "goals-3", "s2")
        store.record_asked(dana.id, "goals-3", "s2")
        store.record_asked(dana.id, custom.id, "s2")
    with _reopen(data_dir) as store:
        assert sorted(store.prompt_overrides(), key=lambda p: p.id) == sorted(
            [custom, builtin_fav], key=lambda p: p.id
        )
        assert store.asked_prompts(dana.id) == {"goals-3", custom.id}
        assert store.asked_prompts("nobody") == set()
        raw = json.loads((data_dir / "clients" / f"{dana.id}.json").read_text())
        assert sorted(doc["prompt_id"] for doc in raw["asked"].values()) == sorted(
            ["goals-3", custom.id]
        )


def test_read_only_store_reads_but_refuses_to_save(data_dir: Path) -> None:
    dana = _client()
    session = _session(dana)
    with Store.open(data_dir) as store:
        store.save_client(dana)
        store.create_session(session)
        store.append_entry(session.id, _entry(1))
        # Still holding the lock: a read-only opening must not need it.
        with Store.open(data_dir, read_only=True) as reader:
            assert reader.clients() == [dana]
            assert len(reader.load_session(session.id).entries) == 1
            with pytest.raises(StorageError, match="read-only"):
                reader.save_client(_client("Sam"))
            with pytest.raises(StorageError, match="read-only"):
                reader.append_entry(session.id, _entry(2))
    with _reopen(data_dir) as store:
        assert [c.name for c in store.clients()] == ["Dana Reyes"]


def test_read_only_on_a_missing_data_dir_is_empty_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here"
    with Store.open(missing, read_only=True) as store:
        assert store.clients() == []
        assert store.session_headers() == []
    assert not missing.exists()


def test_second_open_in_the_same_process_is_refused(data_dir: Path) -> None:
    with Store.open(data_dir), pytest.raises(DataDirLocked) as refused:
        Store.open(data_dir)
    assert str(data_dir) in refused.value.message
    assert "\n" not in refused.value.message
    with Store.open(data_dir):  # released on close
        pass


def test_a_closed_store_refuses_to_save(data_dir: Path) -> None:
    store = Store.open(data_dir)
    store.close()
    with pytest.raises(StorageError, match="closed"):
        store.save_client(_client())


def test_ids_that_are_not_plain_never_become_paths(store: Store) -> None:
    with pytest.raises(ValueError, match="not a plain id"):
        store.save_client(Client(name="Eve", id="../../etc/passwd"))
    session = _session(_client())
    session.id = "../escape"
    with pytest.raises(ValueError, match="not a plain id"):
        store.create_session(session)


def test_a_missing_session_file_is_a_clear_error(store: Store) -> None:
    with pytest.raises(StorageError, match="no data file"):
        store.load_session("abcdef123456")


def test_check_all_on_healthy_data_finds_nothing(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        dana = _client()
        store.save_client(dana)
        for number in range(3):
            session = _session(dana, START + timedelta(days=number), number + 1)
            store.create_session(session)
            store.append_entry(session.id, _entry(1))
        assert store.check_all() == []
        assert store.problems == []


def test_index_row_healed_from_the_session_file(data_dir: Path) -> None:
    """A crash between the session-file write and the index write leaves the index stale."""
    dana = _client()
    session = _session(dana)
    with Store.open(data_dir) as store:
        store.create_session(session)
    path = data_dir / "sessions" / f"{session.id}.json"
    raw = json.loads(path.read_text())
    raw["header"]["1"]["status"] = "ended"
    path.write_text(json.dumps(raw))
    with _reopen(data_dir) as store:
        assert store.session_headers()[0].status is SessionStatus.LIVE
        assert store.load_session(session.id).status is SessionStatus.ENDED
        assert store.session_headers()[0].status is SessionStatus.ENDED


def test_a_session_file_missing_from_the_index_is_listed_again(data_dir: Path) -> None:
    dana = _client()
    first, second = _session(dana), _session(dana, START + timedelta(days=7), 2)
    with Store.open(data_dir) as store:
        store.create_session(first)
        store.create_session(second)
    index = data_dir / "index" / f"{dana.id}.json"
    raw = json.loads(index.read_text())
    raw["sessions"] = {k: v for k, v in raw["sessions"].items() if v["id"] == first.id}
    index.write_text(json.dumps(raw))
    with _reopen(data_dir) as store:
        assert [s.id for s in store.session_headers()] == [first.id, second.id]
        assert store.problems == []


def test_data_dir_from_flag_env_or_platform(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SESSIONPAD_HOME", str(tmp_path / "from-env"))
    assert default_data_dir() == tmp_path / "from-env"
    assert resolve_data_dir(None) == tmp_path / "from-env"
    assert resolve_data_dir(str(tmp_path / "flag")) == tmp_path / "flag"
    monkeypatch.delenv("SESSIONPAD_HOME")
    platform_dir = default_data_dir()
    assert platform_dir.is_absolute()
    assert platform_dir.name == "sessionpad"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert resolve_data_dir("~/pad") == tmp_path / "home" / "pad"


def test_an_empty_data_dir_value_is_an_error_not_the_default() -> None:
    for value in ("", "  "):
        with pytest.raises(ValueError, match="--data-dir"):
            resolve_data_dir(value)
