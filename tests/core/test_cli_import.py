"""`sessionpad import FILE`: a hostile or damaged export is refused whole, in one line, and
the data dir is left byte for byte as it was (SPEC §8 "Hostile files")."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW
from tests.core.test_cli import one_line_error, run

Document = dict[str, Any]

NEW_CLIENT = "mallory0client"
NEW_SESSION = "mallory0session"


def _files(data_dir: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(data_dir)): path.read_bytes()
        for path in sorted(data_dir.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        seed_demo(store, now=FIXED_NOW)
    return data_dir


@pytest.fixture
def dana(seeded: Path) -> dict[str, Any]:
    """Dana's ids in the seeded data dir and her last session as an export document."""
    with Store.open(seeded, read_only=True) as store:
        client = store.find_client("Dana")
        assert client is not None
        from sessionpad.core.exporting import session_to_json
        from sessionpad.core.reports import context_for_session

        last = store.session_headers(client.id)[-1]
        text = session_to_json(context_for_session(store, last.id))
        promise_ids = [p.id for p in store.promises(client.id)]
        other_sessions = [s.id for s in store.session_headers() if s.client_id != client.id]
    return {
        "client_id": client.id,
        "session_id": last.id,
        "promise_ids": promise_ids,
        "other_session": other_sessions[0],
        "text": text,
    }


@pytest.fixture
def foreign(dana: dict[str, Any]) -> Document:
    """Dana's last session recast as another coach's client: new ids everywhere, so it
    imports cleanly into the seeded data dir as it is."""
    text = dana["text"].replace(dana["client_id"], NEW_CLIENT)
    text = text.replace(dana["session_id"], NEW_SESSION)
    for index, promise_id in enumerate(dana["promise_ids"]):
        text = text.replace(promise_id, f"mallory0promise{index}")
    document: Document = json.loads(text)
    document["client"]["name"] = "Mallory Grey"
    document["client"]["preferred_name"] = "Mallory"
    assert len(document["session"]["entries"]) >= 4 and document["promises"]
    return document


def _import(capsys, data_dir: Path, tmp_path: Path, document: Document | str):
    path = tmp_path / "incoming.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    return run(capsys, "--data-dir", str(data_dir), "import", str(path))


def test_a_clean_foreign_export_imports(capsys, seeded, tmp_path, foreign):
    code, out, _ = _import(capsys, seeded, tmp_path, foreign)
    assert code == 0 and "imported session 3 with Mallory Grey" in out
    code, out, _ = run(capsys, "--data-dir", str(seeded), "clients")
    assert code == 0 and "Mallory Grey" in out and "Dana Reyes" in out


def _set(path: str, value: Any) -> Callable[[Document, dict[str, Any]], None]:
    """A change to one field, ``path`` as in the error message (``session.entries[3].seq``)."""

    def change(document: Document, _dana: dict[str, Any]) -> None:
        *parents, last = path.replace("[", ".").replace("]", "").split(".")
        target: Any = document
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return change


def _nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


def _duplicate_seq(document: Document, _dana: dict[str, Any]) -> None:
    entries = document["session"]["entries"]
    entries[1]["seq"] = entries[0]["seq"]


def _promise_of_dana(document: Document, dana: dict[str, Any]) -> None:
    # The attack of issue 7: promises carrying Dana's ids replaced hers with "HIJACKED".
    for index, promise in enumerate(document["promises"]):
        promise["client_id"] = dana["client_id"]
        promise["id"] = dana["promise_ids"][index % len(dana["promise_ids"])]
        promise["text"] = "HIJACKED"
        promise["status"] = "released"


def _dana_promise_id(document: Document, dana: dict[str, Any]) -> None:
    document["promises"][0]["id"] = dana["promise_ids"][0]
    document["promises"][0]["text"] = "HIJACKED"


def _dana_client_id(document: Document, dana: dict[str, Any]) -> None:
    document["client"]["id"] = dana["client_id"]
    document["session"]["client_id"] = dana["client_id"]
    for promise in document["promises"]:
        promise["client_id"] = dana["client_id"]


def _other_clients_session(document: Document, dana: dict[str, Any]) -> None:
    document["session"]["id"] = dana["other_session"]


REFUSED = [
    ("another client's promises", _promise_of_dana, "promises[0].client_id: belongs to client"),
    ("a promise id of another client", _dana_promise_id, "promises[0].id: '"),
    ("the id of another client", _dana_client_id, "already belongs to 'Dana Reyes'"),
    ("another client's session id", _other_clients_session, "is already in this data dir"),
    ("name as a number", _set("client.name", 42), "client.name: must be text, not a number"),
    ("name as a list", _set("client.name", ["Dana"]), "client.name: must be text, not a list"),
    (
        "negative seq",
        _set("session.entries[3].seq", -4),
        "session.entries[3].seq: must be a positive whole number",
    ),
    ("duplicate seq", _duplicate_seq, "session.entries[1].seq: 1 is also the seq of entries[0]"),
    (
        "float seq",
        _set("session.entries[2].seq", 2.5),
        "session.entries[2].seq: must be a positive whole number",
    ),
    (
        "number as text",
        _set("session.entries[0].text", 7),
        "session.entries[0].text: must be text, not a number",
    ),
    (
        "lone surrogate as text",
        _set("session.entries[0].text", "half \ud800 a pair"),
        "session.entries[0].text: is not valid text (a lone surrogate U+D800)",
    ),
    (
        "text for next_session_minutes",
        _set("session.next_session_minutes", "60"),
        "session.next_session_minutes: must be a whole number of minutes",
    ),
    (
        "text for pit_stop_rating",
        _set("session.pit_stop_rating", "7"),
        "session.pit_stop_rating: must be a whole number from 1 to 10",
    ),
    (
        "year 1",
        _set("session.started.utc", "0001-01-01T00:00:00.000000Z"),
        "session.started.utc: year 1 is outside 1900–2200",
    ),
    (
        "year 9999",
        _set("session.entries[0].at.utc", "9999-12-31T23:30:00.000000Z"),
        "session.entries[0].at.utc: year 9999 is outside 1900–2200",
    ),
    ("due in year 9999", _set("promises[0].due", "9999-12-31"), "promises[0].due: year 9999"),
    (
        "a session id that is a path",
        _set("session.id", "../../clients/x"),
        "session.id: '../../clients/x' is not a plain id",
    ),
    ("a client id with a slash", _set("client.id", "a/b"), "client.id: 'a/b' is not a plain id"),
    (
        "data nested 600 deep",
        _set("session.entries[1].data", {"deep": _nested(600)}),
        "session.entries[1].data.deep" + "[0]" * 15 + ": is nested too deeply",
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"),
    [pytest.param(change, expected, id=name) for name, change, expected in REFUSED],
)
def test_a_bad_import_is_refused_whole_in_one_line(
    capsys, seeded, tmp_path, dana, foreign, change, expected
):
    change(foreign, dana)
    before = _files(seeded)
    code, out, err = _import(capsys, seeded, tmp_path, foreign)
    assert code == 1, out
    line = one_line_error(err)
    assert line.startswith("sessionpad: ") and "incoming.json" in line
    assert expected in line
    assert _files(seeded) == before, "a refused import changed the data dir"
    code, out, _ = run(capsys, "--data-dir", str(seeded), "promises", "--client", "Dana")
    assert code == 0 and "HIJACKED" not in out


def test_a_bad_pit_stop_rating_inside_an_entry_is_refused(capsys, seeded, tmp_path, foreign):
    foreign["session"]["entries"][0]["kind"] = "pitstop"
    foreign["session"]["entries"][0]["data"] = {"rating": "7"}
    before = _files(seeded)
    code, _, err = _import(capsys, seeded, tmp_path, foreign)
    assert code == 1
    assert "session.entries[0].data.rating: must be a whole number from 1 to 10" in (
        one_line_error(err)
    )
    assert _files(seeded) == before


def test_a_huge_file_is_refused_without_reading_it_all(capsys, seeded, tmp_path):
    from sessionpad.core.exporting import MAX_IMPORT_BYTES

    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 10)
    before = _files(seeded)
    code, _, err = run(capsys, "--data-dir", str(seeded), "import", str(huge))
    assert code == 1 and "too large" in one_line_error(err)
    assert _files(seeded) == before


def test_later_commands_still_work_after_refused_imports(capsys, seeded, tmp_path, dana, foreign):
    _set("client.name", ["x"])(foreign, dana)
    _import(capsys, seeded, tmp_path, foreign)
    for command in (["clients"], ["export", "last"], ["promises"], ["doctor"]):
        code, _, err = run(capsys, "--data-dir", str(seeded), *command)
        assert code == 0, (command, err)


@pytest.fixture
def more_of_dana(dana: dict[str, Any]) -> Document:
    """Another session of Dana's, as another machine would export it: same client, new
    session and promise ids."""
    text = dana["text"].replace(dana["session_id"], NEW_SESSION)
    for index, promise_id in enumerate(dana["promise_ids"]):
        text = text.replace(promise_id, f"elsewhere0promise{index}")
    return json.loads(text)


@pytest.mark.parametrize("failing", ["clients", "index", "sessions"])
@pytest.mark.parametrize("whose", ["a new client", "a known client"])
def test_a_write_that_fails_takes_back_the_ones_before_it(
    capsys, seeded, tmp_path, foreign, more_of_dana, monkeypatch, failing, whose
):
    import errno

    from sessionpad.storage.atomic import AtomicJSONStorage
    from sessionpad.storage.errors import write_failed

    document = foreign if whose == "a new client" else more_of_dana
    real_write = AtomicJSONStorage.write

    def full_disk_in_one_folder(storage: AtomicJSONStorage, data: Any) -> None:
        if storage.path.parent.name == failing:
            storage.forget()
            raise write_failed(storage.path, OSError(errno.ENOSPC, "No space left on device"))
        real_write(storage, data)

    before = _files(seeded)
    monkeypatch.setattr(AtomicJSONStorage, "write", full_disk_in_one_folder)
    code, _, err = _import(capsys, seeded, tmp_path, document)
    monkeypatch.undo()
    assert code == 1
    assert "the disk is full" in one_line_error(err)
    assert _files(seeded) == before, "a failed import left part of itself behind"
    code, out, _ = _import(capsys, seeded, tmp_path, document)
    assert code == 0 and "imported" in out  # and nothing stands in the way of a retry


# Found by an attacker's review (each imported with exit 0 before):
def test_a_different_promise_under_an_id_already_here_is_refused(capsys, seeded, tmp_path, dana):
    """A new session of Dana's whose promise reuses one of her promise ids with other text:
    the stored promise was kept and the imported one silently dropped."""
    document = json.loads(dana["text"])
    document["session"]["id"] = NEW_SESSION
    for entry in document["session"]["entries"]:
        entry.get("data", {}).pop("session_id", None)
    document["promises"][0]["text"] = "IMPORTED DIFFERENT TEXT"
    before = _files(seeded)
    code, _, err = _import(capsys, seeded, tmp_path, document)
    assert code == 1 and "already here as a different promise" in err
    assert _files(seeded) == before


def test_a_new_client_by_a_name_already_here_is_refused(capsys, seeded, tmp_path, foreign):
    """Two records called Dana: neither could be named on the command line again."""
    foreign["client"]["name"] = "dana reyes"
    before = _files(seeded)
    code, _, err = _import(capsys, seeded, tmp_path, foreign)
    assert code == 1 and "already here" in err and "Dana Reyes" in err
    assert _files(seeded) == before


def test_a_key_given_twice_is_refused(capsys, seeded, tmp_path, foreign):
    text = json.dumps(foreign).replace(
        '"name": "Mallory Grey"', '"name": "Mallory Grey", "name": "Eve"', 1
    )
    before = _files(seeded)
    code, _, err = _import(capsys, seeded, tmp_path, text)
    assert code == 1 and "appears twice" in err
    assert _files(seeded) == before
