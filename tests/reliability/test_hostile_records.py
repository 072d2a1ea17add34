"""A data file with one bad record loses that record, not the session; an entry of an
unknown kind is kept and shown as such; a client file from a newer sessionpad stops that
client only (SPEC §8 "Hostile files")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from sessionpad.core.models import Client
from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW
from tests.core.test_cli import run


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        seed_demo(store, now=FIXED_NOW)
    return data_dir


def _ids(data_dir: Path, name: str) -> tuple[str, str]:
    """The client's id and the id of their last session."""
    with Store.open(data_dir, read_only=True) as store:
        client = store.find_client(name)
        assert client is not None
        return client.id, store.session_headers(client.id)[-1].id


def _edit_json(path: Path, change) -> dict:
    raw = json.loads(path.read_text())
    change(raw)
    path.write_text(json.dumps(raw))
    return raw


def _export(capsys, data_dir: Path, *args: str) -> tuple[int, str, str]:
    return run(capsys, "--data-dir", str(data_dir), "export", *args)


# ── one bad record ────────────────────────────────────────────────────────────


def test_a_bad_entry_on_disk_loses_only_that_entry_and_doctor_names_it(capsys, seeded):
    _, session_id = _ids(seeded, "Dana")
    path = seeded / "sessions" / f"{session_id}.json"
    raw = json.loads(path.read_text())
    count = len(raw["entries"])
    lost_text = raw["entries"]["3"]["text"]

    def break_entry(data: dict) -> None:
        data["entries"]["3"]["seq"] = "three"
        data["entries"]["3"]["at"] = {"utc": "9999-12-31T23:30:00.000000Z", "offset_minutes": 60}

    _edit_json(path, break_entry)
    code, out, err = _export(capsys, seeded, session_id, "--format", "json")
    assert code == 0, err
    [warning] = err.strip().splitlines()  # the export says what it left out
    assert "entries[3].seq: must be a positive whole number" in warning
    assert "left out" in warning and "read-only" in warning
    entries = json.loads(out)["session"]["entries"]
    assert len(entries) == count - 1 and 3 not in [entry["seq"] for entry in entries]
    assert lost_text not in [entry["text"] for entry in entries]
    code, out, err = _export(capsys, seeded, session_id, "--audience", "coach")
    assert code == 0 and "## Timeline" in out

    code, out, _ = run(capsys, "--data-dir", str(seeded), "doctor")
    assert code == 1
    [line] = [line for line in out.splitlines() if session_id in line]
    assert f"sessions/{session_id}.json: a record can't be read (entries[3].seq:" in line
    assert "left out" in line and ".corrupt-" in line
    [kept] = path.parent.glob(f"{path.name}.corrupt-*")
    assert json.loads(kept.read_text())["entries"]["3"]["seq"] == "three"  # nothing deleted

    code, out, _ = run(capsys, "--data-dir", str(seeded), "doctor")
    assert code == 0 and "readable" in out
    code, out, _ = _export(capsys, seeded, session_id, "--format", "json")
    assert code == 0 and len(json.loads(out)["session"]["entries"]) == count - 1


def test_a_bad_client_record_does_not_stop_clients_export_or_home(capsys, seeded):
    sam_id, _ = _ids(seeded, "Sam")

    def break_sam(data: dict) -> None:
        for record in data["clients"].values():
            if record["id"] == sam_id:
                record["name"] = ["Sam", "Okafor"]

    _edit_json(seeded / "core.json", break_sam)
    for command in (["clients"], ["export", "last", "--client", "Dana"], ["promises"]):
        code, out, err = run(capsys, "--data-dir", str(seeded), *command)
        assert code == 0, (command, err)
        assert "Traceback" not in err
    code, out, _ = run(capsys, "--data-dir", str(seeded), "clients")
    assert "Dana Reyes" in out and "Okafor" not in out
    code, out, _ = run(capsys, "--data-dir", str(seeded), "doctor")
    assert code == 1 and "clients[" in out and "name: must be text, not a list" in out


# ── an unknown kind ───────────────────────────────────────────────────────────


def test_an_entry_of_an_unknown_kind_is_kept_and_shown_as_such(capsys, seeded):
    _, session_id = _ids(seeded, "Dana")
    path = seeded / "sessions" / f"{session_id}.json"

    def make_unknown(data: dict) -> None:
        entry = data["entries"]["2"]
        entry.update(kind="foo", text="from a newer sessionpad", tags=["futuretag"])
        entry["data"] = {"whatever": [1, 2]}

    _edit_json(path, make_unknown)
    code, out, err = _export(capsys, seeded, session_id, "--audience", "coach")
    assert code == 0, err
    [line] = [line for line in out.splitlines() if "newer sessionpad" in line]
    assert "(unknown kind 'foo') from a newer sessionpad" in line.replace("\\", "")
    code, out, _ = _export(capsys, seeded, session_id, "--audience", "client")
    assert code == 0
    assert "newer sessionpad" not in out and "futuretag" not in out and "unknown" not in out

    code, out, _ = _export(capsys, seeded, session_id, "--format", "json")
    entry = next(e for e in json.loads(out)["session"]["entries"] if e["seq"] == 2)
    assert entry["kind"] == "foo" and entry["data"] == {"whatever": [1, 2]}  # kept as written
    code, out, _ = run(capsys, "--data-dir", str(seeded), "doctor")
    assert code == 0, out  # not damage: kept for the sessionpad that knows it

    with Store.open(seeded) as store:
        session = store.load_session(session_id)
        from sessionpad.ui.present import entry_line

        client = store.client(session.client_id)
        assert isinstance(client, Client)
        console = Console(width=80, record=True, color_system=None)
        console.print(entry_line(session.entries[1], session.started, client))
        assert "(unknown kind 'foo') from a newer sessionpad" in console.export_text()
    assert json.loads(path.read_text())["entries"]["2"]["kind"] == "foo"


# ── a newer schema ────────────────────────────────────────────────────────────


@pytest.mark.parametrize("folder", ["clients", "index"])
def test_a_newer_client_file_stops_that_client_only(capsys, seeded, folder):
    sam_id, _ = _ids(seeded, "Sam")
    path = seeded / folder / f"{sam_id}.json"
    before = _edit_json(path, lambda data: data["meta"]["1"].update(schema=99))

    code, out, err = run(capsys, "--data-dir", str(seeded), "clients")
    assert code == 0 and "Dana Reyes" in out
    assert "newer sessionpad" in err and "Sam Okafor" in err
    [sam_line] = [line for line in out.splitlines() if line.startswith("Sam Okafor")]
    assert "needs a newer sessionpad" in sam_line
    code, out, _ = _export(capsys, seeded, "last", "--client", "Dana")
    assert code == 0 and "# Session with Dana" in out
    code, out, _ = run(capsys, "--data-dir", str(seeded), "promises", "--client", "Dana")
    assert code == 0 and "Dana Reyes" in out

    for command in (["promises", "--client", "Sam"], ["export", "last", "--client", "Sam"]):
        code, _, err = run(capsys, "--data-dir", str(seeded), *command)
        assert code == 1 and "newer sessionpad" in err.strip().splitlines()[-1], command
    code, out, _ = run(capsys, "--data-dir", str(seeded), "doctor")
    assert code == 1 and "newer sessionpad" in out
    assert json.loads(path.read_text()) == before  # never downgraded or rewritten


async def test_home_opens_beside_a_newer_client_file(seeded):
    from textual.widgets import DataTable

    from sessionpad.ui.app import SessionpadApp
    from sessionpad.ui.screens.home import HomeScreen

    sam_id, _ = _ids(seeded, "Sam")
    _edit_json(seeded / "clients" / f"{sam_id}.json", lambda d: d["meta"]["1"].update(schema=9))
    with Store.open(seeded) as store:
        app = SessionpadApp(store, handle_signals=False, clock=lambda: FIXED_NOW)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            table = app.screen.query_one("#clients", DataTable)
            dana = store.find_client("Dana")
            assert dana is not None
            assert table.get_row(dana.id)[0].plain == "Dana Reyes"
            assert table.get_row(sam_id)[2].plain == "needs a newer sessionpad"


async def test_starting_a_session_with_a_stopped_client_says_why(seeded):
    from sessionpad.ui.app import SessionpadApp
    from sessionpad.ui.screens.home import HomeScreen

    sam_id, _ = _ids(seeded, "Sam")
    _edit_json(seeded / "clients" / f"{sam_id}.json", lambda d: d["meta"]["1"].update(schema=9))
    with Store.open(seeded) as store:
        app = SessionpadApp(
            store, handle_signals=False, clock=lambda: FIXED_NOW, start_client=sam_id
        )
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            messages = [note.message for note in app._notifications]
            assert any("newer sessionpad" in message for message in messages)


async def test_a_bad_record_found_while_the_app_runs_is_shown(seeded, monkeypatch):
    from sessionpad.ui import app as app_module
    from sessionpad.ui.app import SessionpadApp
    from sessionpad.ui.messages import OpenBrief

    monkeypatch.setattr(app_module, "PROBLEM_CHECK_SECONDS", 0.05)
    dana_id, session_id = _ids(seeded, "Dana")
    path = seeded / "sessions" / f"{session_id}.json"
    _edit_json(path, lambda data: data["entries"]["2"].update(text=12))
    with Store.open(seeded) as store:
        app = SessionpadApp(store, handle_signals=False, clock=lambda: FIXED_NOW)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not app._notifications
            app.post_message(OpenBrief(dana_id))  # its last session is read here
            await pilot.pause(0.3)
            messages = [note.message for note in app._notifications]
            assert any(
                f"sessions/{session_id}.json: a record can't be read (entries[2].text" in message
                for message in messages
            ), messages


def test_a_bad_record_that_cant_be_set_aside_stays_put_and_is_said_once(seeded, monkeypatch):
    import errno

    from sessionpad.storage import store as store_module

    def disk_full(path: Path) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_module, "copy_aside", disk_full)
    _, session_id = _ids(seeded, "Dana")
    path = seeded / "sessions" / f"{session_id}.json"
    raw = _edit_json(path, lambda data: data["entries"]["2"].update(tags="not a list"))
    with Store.open(seeded) as store:
        for _ in range(3):
            assert 2 not in [entry.seq for entry in store.load_session(session_id).entries]
        [line] = store.problems
        assert "entries[2].tags: must be a list" in line
        assert "couldn't be copied aside: the disk is full" in line
    assert json.loads(path.read_text()) == raw
    assert not list(path.parent.glob("*.corrupt-*"))


async def test_home_opens_beside_a_client_record_of_the_wrong_shape(seeded):
    from textual.widgets import DataTable

    from sessionpad.ui.app import SessionpadApp
    from sessionpad.ui.screens.home import HomeScreen

    sam_id, _ = _ids(seeded, "Sam")

    def break_sam(data: dict) -> None:
        for record in data["clients"].values():
            if record["id"] == sam_id:
                record["name"] = 42

    _edit_json(seeded / "core.json", break_sam)
    with Store.open(seeded) as store:
        app = SessionpadApp(store, handle_signals=False, clock=lambda: FIXED_NOW)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            table = app.screen.query_one("#clients", DataTable)
            assert table.row_count == 1
            messages = [note.message for note in app._notifications]
            assert any("name: must be text, not a number" in message for message in messages)


def test_a_copied_session_file_is_set_aside_not_listed_twice(capsys, seeded):
    import shutil

    dana_id, session_id = _ids(seeded, "Dana")
    copy = seeded / "sessions" / "copyofit.json"
    shutil.copy(seeded / "sessions" / f"{session_id}.json", copy)
    code, out, _ = run(capsys, "--data-dir", str(seeded), "doctor")
    assert code == 1 and "copyofit.json is damaged" in out and "is not this file's session" in out
    assert not copy.exists() and list(copy.parent.glob("copyofit.json.corrupt-*"))
    with Store.open(seeded, read_only=True) as store:
        assert [s.id for s in store.session_headers(dana_id)].count(session_id) == 1
        assert len(store.session_headers(dana_id)) == 3


def test_a_promise_or_index_row_in_another_clients_file_is_not_theirs(capsys, seeded):
    dana_id, _ = _ids(seeded, "Dana")
    sam_id, sam_session = _ids(seeded, "Sam")
    sam_file = json.loads((seeded / "clients" / f"{sam_id}.json").read_text())
    sam_row = json.loads((seeded / "index" / f"{sam_id}.json").read_text())["sessions"]["1"]

    def plant_promise(data: dict) -> None:
        planted = dict(next(iter(sam_file["promises"].values())), text="PLANTED")
        data["promises"]["99"] = planted

    _edit_json(seeded / "clients" / f"{dana_id}.json", plant_promise)
    _edit_json(
        seeded / "index" / f"{dana_id}.json", lambda d: d["sessions"].update({"99": sam_row})
    )
    with Store.open(seeded) as store:
        assert "PLANTED" not in [p.text for p in store.promises(dana_id)]
        assert sam_session not in [s.id for s in store.session_headers(dana_id)]
        assert len(store.session_headers(dana_id)) == 3
        problems = " ".join(store.problems)
        assert "promises[99].client_id: belongs to client" in problems
        assert f"index/{dana_id}.json is damaged" in problems


def test_a_newer_session_file_stops_that_session_only(capsys, seeded):
    _, dana_last = _ids(seeded, "Dana")
    _, sam_last = _ids(seeded, "Sam")
    path = seeded / "sessions" / f"{dana_last}.json"
    before = _edit_json(path, lambda data: data["meta"]["1"].update(schema=99))
    code, _, err = _export(capsys, seeded, dana_last)
    assert code == 1 and "newer sessionpad" in one_line(err)
    code, out, _ = _export(capsys, seeded, sam_last)
    assert code == 0 and "# Session with" in out
    code, out, _ = run(capsys, "--data-dir", str(seeded), "clients")
    assert code == 0 and "Dana Reyes" in out
    code, out, _ = run(capsys, "--data-dir", str(seeded), "doctor")
    assert code == 1 and f"sessions/{dana_last}.json" in out and "newer sessionpad" in out
    assert json.loads(path.read_text()) == before


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]
