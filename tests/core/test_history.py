"""A client's history (issue 9 item 1), any session length (item 8), `sessionpad history`."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sessionpad.cli import main
from sessionpad.core.history import client_history, entry_counts, history_table, session_minutes
from sessionpad.core.live import LiveSession
from sessionpad.core.models import Client, SessionStatus
from sessionpad.core.session_length import LengthError, parse_minutes
from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW, FakeClock


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        seed_demo(store, now=FIXED_NOW)
    return data_dir


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_history_is_newest_first_with_promise_counts(demo_store: Store):
    dana = demo_store.find_client("Dana")
    rows = client_history(demo_store, dana.id)
    starts = [row.session.started for row in rows]
    assert starts == sorted(starts, reverse=True)
    promises = demo_store.promises(dana.id)
    for row in rows:
        assert row.promises_made == sum(p.made_in == row.session.id for p in promises)
        assert row.promises_resolved == sum(p.resolved_in == row.session.id for p in promises)
    assert sum(row.promises_made for row in rows) == len(promises)


def test_an_unfinished_session_shows_its_plan_and_its_status(store: Store, clock: FakeClock):
    client = Client(name="Unfinished")
    store.save_client(client)
    live = LiveSession.start(store, client, 50, clock=clock)
    live.capture("a note")
    live.mark_interrupted()
    (row,) = client_history(store, client.id)
    assert row.minutes == 50 and session_minutes(row.session) == 50
    assert row.status_label == "interrupted"
    assert not row.finished
    assert dict(entry_counts(store, [row.session.id])) == {row.session.id: 1}


def test_an_ended_session_shows_how_long_it_ran(store: Store, clock: FakeClock):
    client = Client(name="Short One")
    store.save_client(client)
    live = LiveSession.start(store, client, 60, clock=clock)
    clock.advance(minutes=47)
    live.end()
    (row,) = client_history(store, client.id)
    assert row.session.status is SessionStatus.ENDED
    assert row.minutes == 47


def test_history_of_an_unknown_client_is_refused(store: Store):
    with pytest.raises(ValueError, match="not on record"):
        client_history(store, "nobody")


def test_an_unreadable_session_file_counts_as_unknown_not_a_crash(demo_store: Store):
    dana = demo_store.find_client("Dana")
    rows = client_history(demo_store, dana.id)
    damaged = rows[0].session.id
    path = demo_store.data_dir / "sessions" / f"{damaged}.json"
    demo_store._forget_session_db(damaged)
    path.write_text("{ not json")
    counts = dict(entry_counts(demo_store, [row.session.id for row in rows]))
    assert counts[damaged] is None
    assert all(isinstance(counts[row.session.id], int) for row in rows[1:])


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("50", 50), (" 45 ", 45), ("50m", 50), ("50 min", 50), ("75 minutes", 75), ("5", 5)],
)
def test_a_typed_length(typed: str, minutes: int):
    assert parse_minutes(typed) == minutes


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("fifty", "whole number"),
        ("", "whole number"),
        ("4", "5 to 240"),
        ("241", "5 to 240"),
        ("-5", "whole number"),
        ("4.5", "whole number"),
        ("٥٠", "whole number"),  # digits, but not ones a coach types as minutes
    ],
)
def test_a_bad_length_is_one_clear_line(typed: str, says: str):
    with pytest.raises(LengthError, match=says) as caught:
        parse_minutes(typed)
    assert "\n" not in str(caught.value)


def test_cli_history_lists_the_sessions(capsys, seeded):
    code, out, err = run(capsys, "--data-dir", str(seeded), "history", "Dana")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split()[:6] == ["session", "date", "length", "status", "entries", "promises"]
    assert [line.split()[0] for line in lines[1:]] == ["#3", "#2", "#1"]
    with Store.open(seeded, read_only=True) as store:
        dana = store.find_client("Dana")
        expected = history_table(store, dana.id)
        for line, row in zip(lines[1:], expected, strict=True):
            assert line.endswith(row[-1])
            session = store.load_session(row[-1])
            assert f" {len(session.entries)} " in line


def test_cli_history_after_the_subcommand_data_dir(capsys, seeded):
    code, out, _ = run(capsys, "history", "sam", "--data-dir", str(seeded))
    assert code == 0
    assert len(out.splitlines()) == 2  # the header and Sam's one session


def test_cli_history_of_an_unknown_client_is_one_line_exit_1(capsys, seeded):
    code, out, err = run(capsys, "--data-dir", str(seeded), "history", "Nobody")
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert "no client 'Nobody'" in lines[0] and "Dana Reyes" in lines[0]


def test_cli_history_without_a_client_is_usage_exit_2(capsys, seeded):
    code, _, err = run(capsys, "--data-dir", str(seeded), "history")
    assert code == 2
    assert len(err.strip().splitlines()) == 1


def test_cli_history_of_a_client_with_no_sessions(capsys, data_dir):
    with Store.open(data_dir) as store:
        store.save_client(Client(name="Fresh Start"))
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "history", "Fresh")
    assert code == 0
    assert out.strip() == "no sessions yet with this client"


@given(st.text(max_size=12))
def test_any_typed_length_is_a_number_in_range_or_one_clear_line(typed: str):
    try:
        minutes = parse_minutes(typed)
    except LengthError as error:
        assert "\n" not in str(error)
    else:
        assert 5 <= minutes <= 240


@given(st.integers(min_value=5, max_value=240), st.sampled_from(["", "m", " min", " minutes"]))
def test_every_length_in_range_reads_back(minutes: int, unit: str):
    assert parse_minutes(f"{minutes}{unit}") == minutes
