"""Archive, restore, delete a client, retention (issue 9 items 3 and 4), on disk and by CLI."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from sessionpad.core.exporting import next_session_ics
from sessionpad.core.models import Audience, Client, Entry, EntryKind
from sessionpad.core.records import confirms_deletion, delete_client, set_archived
from sessionpad.core.reports import context_for_session
from sessionpad.core.retention import past_retention
from sessionpad.core.summary import render_markdown, summary_filename
from sessionpad.demo import seed_demo
from sessionpad.storage.exports import exports_dir, write_export
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW
from tests.core.test_cli import one_line_error, run

UNIQUE_NOTE = "Wants to stop being the bottleneck for every decision"


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        seed_demo(store, now=FIXED_NOW)
    return data_dir


def _client(data_dir: Path, name: str) -> Client:
    with Store.open(data_dir, read_only=True) as store:
        found = store.find_client(name)
    assert found is not None
    return found


def _headers(data_dir: Path, client: Client) -> list:
    with Store.open(data_dir, read_only=True) as store:
        return store.session_headers(client.id)


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _plant_copies(data_dir: Path, dana: Client, sam: Client) -> None:
    """What a data dir collects over years: saved summaries and invites, upgrade backups,
    quarantined copies — for both clients."""
    with Store.open(data_dir) as store:
        for client in (dana, sam):
            for header in store.session_headers(client.id):
                ctx = context_for_session(store, header.id)
                for audience in Audience:
                    write_export(
                        exports_dir(data_dir) / summary_filename(ctx, audience),
                        render_markdown(ctx, audience),
                        data_dir=data_dir,
                    )
                if ctx.session.next_session is not None:
                    write_export(
                        exports_dir(data_dir) / summary_filename(ctx, Audience.CLIENT, "ics"),
                        next_session_ics(ctx),
                        data_dir=data_dir,
                    )
        dana_session = store.session_headers(dana.id)[0].id
    for relative in (
        "core.json",
        f"clients/{dana.id}.json",
        f"index/{dana.id}.json",
        f"clients/{sam.id}.json",
    ):
        shutil.copy(data_dir / relative, data_dir / f"{relative}.pre-v1")
    shutil.copy(
        data_dir / "sessions" / f"{dana_session}.json",
        data_dir / "sessions" / f"{dana_session}.json.corrupt-20261101T101010",
    )
    shutil.copy(data_dir / "core.json", data_dir / "core.json.corrupt-20261102T101010")
    # A copy renamed by hand: only its bytes say whose it is.
    shutil.copy(data_dir / "sessions" / f"{dana_session}.json", data_dir / "exports" / "old.bak")


def test_delete_client_leaves_nothing_of_theirs_on_disk(seeded, capsys):
    dana, sam = _client(seeded, "Dana"), _client(seeded, "Sam")
    _plant_copies(seeded, dana, sam)
    before = _files(seeded)
    assert any(UNIQUE_NOTE.encode() in payload for payload in before.values())

    code, out, err = run(capsys, "--data-dir", str(seeded), "delete-client", "dana", "--yes")
    assert code == 0, err
    assert "deleted Dana Reyes" in out

    after = _files(seeded)
    for name, payload in after.items():
        for trace in (dana.id, dana.name, "Reyes", UNIQUE_NOTE, "go gently"):
            assert trace.encode() not in payload, f"{name} still holds {trace!r}"
    # Sam's live files and saved summaries are untouched, byte for byte.
    sams = [name for name in before if sam.id in name or "-sam-session-" in name]
    assert sams
    for name in sams:
        if name.endswith(".pre-v1"):
            continue
        assert after[name] == before[name], name
    assert any(name.endswith(".ics") and "-dana-" in name for name in before)
    sam_sessions = {f"sessions/{h.id}.json" for h in _headers(seeded, sam)}
    sam_exports = {name for name in before if name.startswith("exports/") and "-sam-" in name}
    assert len(sam_exports) == 2
    assert set(after) == {
        "core.json",
        "sessionpad.lock",
        f"clients/{sam.id}.json",
        f"clients/{sam.id}.json.pre-v1",
        f"index/{sam.id}.json",
        *sam_sessions,
        *sam_exports,
    }
    with Store.open(seeded, read_only=True) as store:
        assert [c.name for c in store.clients()] == ["Sam Okafor"]
        assert store.session_headers(sam.id)
        assert store.problems == [] and store.check_all() == []


def test_delete_in_process_drops_cached_files(seeded):
    with Store.open(seeded) as store:
        dana = store.find_client("dana")
        assert dana is not None
        session_id = store.session_headers(dana.id)[-1].id
        store.load_session(session_id)  # now cached, as the app would have it
        deletion = delete_client(store, dana)
        assert deletion.removed and deletion.still_named_in == []
        assert store.client(dana.id) is None
        assert store.session_headers(dana.id) == []
        assert store.promises(dana.id) == []
        assert not store.has_session(session_id)


def test_delete_asks_for_the_name_and_refuses_without_a_terminal(seeded, capsys):
    code, _, err = run(capsys, "--data-dir", str(seeded), "delete-client", "dana")
    assert code == 1
    assert "add --yes" in one_line_error(err)
    assert _client(seeded, "Dana")  # nothing was deleted


def test_a_deletion_is_confirmed_by_the_full_name_only():
    dana = Client(name="Dana Reyes")
    assert confirms_deletion(dana, "dana  reyes\n")
    assert not confirms_deletion(dana, "Dana")
    assert not confirms_deletion(dana, "")


@pytest.mark.parametrize("command", ["archive", "restore", "delete-client", "export-client"])
def test_an_unknown_client_is_one_line(seeded, capsys, tmp_path, command):
    extra = ["--out", str(tmp_path / "x.zip")] if command == "export-client" else []
    code, _, err = run(capsys, "--data-dir", str(seeded), command, "Nobody", *extra)
    assert code == 1
    assert "no client 'Nobody'" in one_line_error(err)


def test_archive_hides_a_client_and_restore_brings_them_back(seeded, capsys):
    _, none, _ = run(capsys, "--data-dir", str(seeded), "clients", "--archived")
    assert none.strip() == "no archived clients"
    before = _files(seeded)
    code, out, _ = run(capsys, "--data-dir", str(seeded), "archive", "sam")
    assert code == 0 and "archived Sam Okafor" in out
    _, listed, _ = run(capsys, "--data-dir", str(seeded), "clients")
    assert "Sam" not in listed and "Dana" in listed
    _, archived, _ = run(capsys, "--data-dir", str(seeded), "clients", "--archived")
    assert "Sam Okafor" in archived and "Dana" not in archived
    code, out, _ = run(capsys, "--data-dir", str(seeded), "restore", "sam")
    assert code == 0 and "restored Sam Okafor" in out
    _, listed, _ = run(capsys, "--data-dir", str(seeded), "clients")
    assert "Sam Okafor" in listed
    # Restored means as before: every session file and the client's own file unchanged.
    after = _files(seeded)
    for name, payload in before.items():
        if name.startswith(("sessions/", "index/")):
            assert after[name] == payload, name


def test_archiving_keeps_every_record(seeded):
    with Store.open(seeded) as store:
        sam = store.find_client("sam")
        assert sam is not None
        sessions = store.session_headers(sam.id)
        promises = store.promises(sam.id)
        set_archived(store, sam, True)
    with Store.open(seeded) as store:
        again = store.client(sam.id)
        assert again is not None and again.archived
        assert store.session_headers(sam.id) == sessions
        assert store.promises(sam.id) == promises
        set_archived(store, again, False)
    with Store.open(seeded) as store:
        back = store.client(sam.id)
        assert back is not None and not back.archived


# ── retention ─────────────────────────────────────────────────────────────────


def test_retention_is_off_by_default_and_lists_nothing(seeded):
    with Store.open(seeded, read_only=True) as store:
        assert store.retention_years() is None
        assert past_retention(store, FIXED_NOW.date() + timedelta(days=365 * 50)) == []


def test_retention_lists_clients_whose_last_session_is_past_it(seeded):
    with Store.open(seeded) as store:
        store.save_retention_years(7)
        headers = store.session_headers()
        last = max(h.started.date() for h in headers if h.client_id == store.find_client("sam").id)
        day_after = last.replace(year=last.year + 7) + timedelta(days=1)
        assert past_retention(store, last.replace(year=last.year + 7)) == []
        rows = past_retention(store, day_after)
        assert [row.client.name for row in rows] == ["Sam Okafor"]
        assert rows[0].last_session == last


def test_retention_cli_sets_lists_and_deletes(seeded, capsys):
    code, out, _ = run(capsys, "--data-dir", str(seeded), "retention")
    assert code == 0 and "retention is off" in out
    code, _, err = run(capsys, "--data-dir", str(seeded), "retention", "--set", "seven")
    assert code == 1 and "number of years" in one_line_error(err)
    code, out, _ = run(capsys, "--data-dir", str(seeded), "retention", "--set", "1")
    assert code == 0 and "kept 1 year" in out and "nothing is past it" in out
    # A year and more later, by the data: move every session back two years.
    _age_sessions(seeded, years=2)
    code, out, _ = run(capsys, "--data-dir", str(seeded), "retention")
    assert "Dana Reyes" in out and "Sam Okafor" in out
    code, _, err = run(capsys, "--data-dir", str(seeded), "retention", "--delete")
    assert code == 1 and "add --yes" in err
    assert _client(seeded, "Dana")
    code, out, _ = run(capsys, "--data-dir", str(seeded), "retention", "--delete", "--yes")
    assert code == 0 and "deleted Dana Reyes" in out and "deleted Sam Okafor" in out
    with Store.open(seeded, read_only=True) as store:
        assert store.clients() == []
        assert list((seeded / "sessions").iterdir()) == []


def _age_sessions(data_dir: Path, *, years: int) -> None:
    with Store.open(data_dir) as store:
        for header in store.session_headers():
            session = store.load_session(header.id)
            session.started = session.started.replace(year=session.started.year - years)
            if session.ended is not None:
                session.ended = session.ended.replace(year=session.ended.year - years)
            store.save_session_header(session)


def test_delete_drops_their_records_from_every_core_table(seeded):
    # Another part of sessionpad may keep per-client rows in core.json (a coaching log):
    # whatever carries their client_id goes with them; others' rows stay.
    dana, sam = _client(seeded, "Dana"), _client(seeded, "Sam")
    with Store.open(seeded) as store:
        log = store._core_db.table("coaching_log")
        log.insert_multiple([{"client_id": dana.id, "minutes": 60}, {"client_id": sam.id}])
        delete_client(store, dana)
    core = (seeded / "core.json").read_bytes()
    assert dana.id.encode() not in core and sam.id.encode() in core


def test_a_summary_saved_under_any_name_goes_with_the_client(seeded, capsys):
    # Found in tmux: a client-audience summary names the client by first name only and
    # holds neither their id nor their full name; saved under a name of the coach's
    # choosing it stayed behind. Their promises and notes mark it as theirs.
    dana, sam = _client(seeded, "Dana"), _client(seeded, "Sam")
    for who in ("dana", "sam"):
        code, _, err = run(
            capsys, "--data-dir", str(seeded), "export", "last", "--client", who,
            "--out", str(seeded / "exports" / f"for-{who}.md"),
        )  # fmt: skip
        assert code == 0, err
    sam_copy = (seeded / "exports" / "for-sam.md").read_bytes()
    assert sam.id.encode() not in sam_copy and sam.name.encode() not in sam_copy
    dana_copy = (seeded / "exports" / "for-dana.md").read_bytes()
    # The same template and deck texts appear in both: they must not take Dana's with it.
    code, _, err = run(capsys, "--data-dir", str(seeded), "delete-client", "sam", "--yes")
    assert code == 0, err
    assert not (seeded / "exports" / "for-sam.md").exists()
    assert (seeded / "exports" / "for-dana.md").read_bytes() == dana_copy
    assert _client(seeded, "Dana") == dana


def test_starting_a_session_with_an_archived_client_says_restore_first(seeded, capsys):
    run(capsys, "--data-dir", str(seeded), "archive", "sam")
    code, _, err = run(capsys, "--data-dir", str(seeded), "start", "Sam")
    assert code == 1 and "is archived" in one_line_error(err)


def test_delete_names_other_clients_files_that_still_mention_them(seeded, capsys):
    sam = _client(seeded, "Sam")
    with Store.open(seeded) as store:
        session = store.session_headers(sam.id)[0]
        note = Entry(
            seq=store.load_session(session.id).next_seq,
            kind=EntryKind.NOTE,
            text="Referred by Dana Reyes",
            at=FIXED_NOW,
        )
        store.append_entry(session.id, note)
    code, _, err = run(capsys, "--data-dir", str(seeded), "delete-client", "dana", "--yes")
    assert code == 0
    assert (
        f"still written in 1 file(s) of other clients (left as they are): sessions/{session.id}.json"
        in err
    )
    assert b"Referred by Dana Reyes" in (seeded / "sessions" / f"{session.id}.json").read_bytes()


def test_an_insight_as_a_summary_prints_it_marks_a_file_as_theirs(seeded, capsys):
    # Stored with its tag ("… #delegation"); a summary prints it without: still theirs.
    (seeded / "exports").mkdir(exist_ok=True)
    fragment = seeded / "exports" / "fragment.md"
    fragment.write_text(f"## Insights\n\n- {UNIQUE_NOTE}\n")
    code, _, err = run(capsys, "--data-dir", str(seeded), "delete-client", "dana", "--yes")
    assert code == 0, err
    assert not fragment.exists()
