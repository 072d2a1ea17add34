"""`sessionpad log`: the coaching log on the command line, and its bad input."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest

from sessionpad.core.models import Client, Session, SessionStatus
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW
from tests.core.test_cli import one_line_error, run


@pytest.fixture
def practice(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        dana = Client("Dana Reyes", email="dana@example.org")
        quiet = Client("Sam Quiet", may_be_named=False, pro_bono=True)
        store.save_client(dana)
        store.save_client(quiet)
        sessions = []
        for days_ago, client, minutes in ((40, dana, 60), (10, dana, 45), (5, quiet, 30)):
            start = FIXED_NOW - timedelta(days=days_ago)
            session = Session(client.id, 60, start, [], status=SessionStatus.ENDED)
            session.ended = start + timedelta(minutes=minutes)
            sessions.append(session)
        store.add_sessions(sessions)
    return data_dir


def test_the_log_prints_csv_rows_totals_and_the_unnamed_line(capsys, practice):
    code, out, err = run(capsys, "log", "--data-dir", str(practice))
    assert code == 0 and err == ""
    table = list(csv.reader(io.StringIO(out)))
    assert table[1] == [
        "Dana Reyes",
        "dana@example.org",
        "individual",
        "1",
        "2026-10-18",
        "2026-11-17",
        "1.8",
        "0.0",
    ]
    assert table[2] == ["Total", "", "", "", "", "", "1.8", "0.0"]
    assert table[-1][0].startswith("Not named on this log: 1 client")
    assert "0.5 pro bono hours" in table[-1][0]


def test_the_period_narrows_the_log(capsys, practice):
    code, out, _ = run(
        capsys, "--data-dir", str(practice), "log", "--from", "2026-11-01", "--to", "2026-11-30"
    )
    assert code == 0
    dana = list(csv.reader(io.StringIO(out)))[1]
    assert dana[4:] == ["2026-11-17", "2026-11-17", "0.8", "0.0"]


def test_sessions_in_markdown(capsys, practice):
    code, out, _ = run(capsys, "log", "--sessions", "--format", "md", "--data-dir", str(practice))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "| Date | Client | Minutes | Paid/pro bono |"
    assert "| 2026-11-22 | (not named) | 30 | pro bono |" in lines
    assert lines[-1] == "| **Total** | **3 sessions** | **135** | **1.8 h paid, 0.5 h pro bono** |"


def test_an_empty_period_says_so_on_stderr(capsys, practice):
    code, out, err = run(
        capsys, "log", "--from", "2020-01-01", "--to", "2020-12-31", "--data-dir", str(practice)
    )
    assert code == 0
    assert out.splitlines()[-1] == "Total,,,,,,0.0,0.0"
    assert one_line_error(err) == "no sessions held in that period"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--from", "2026-11-30", "--to", "2026-11-01"),
            "sessionpad: --from 2026-11-30 is after --to 2026-11-01 — swap them",
        ),
        (
            ("--from", "2026-02-30"),
            "sessionpad: --from takes a date like 2026-11-27, not '2026-02-30'",
        ),
        (
            ("--to", "last tuesday"),
            "sessionpad: --to takes a date like 2026-11-27, not 'last tuesday'",
        ),
        (("--to", "\x1b]52;c;eA==\x07"), "sessionpad: --to takes a date like 2026-11-27, not"),
    ],
)
def test_bad_dates_are_one_line_and_exit_1(capsys, practice, args, message):
    code, out, err = run(capsys, "log", *args, "--data-dir", str(practice))
    assert code == 1 and out == ""
    line = one_line_error(err)
    assert line.startswith(message)
    assert "\x1b" not in err and "\x07" not in err


def test_an_unknown_format_is_a_usage_error(capsys, practice):
    code, out, err = run(capsys, "log", "--format", "xlsx", "--data-dir", str(practice))
    assert code == 2 and out == ""
    assert "invalid choice: 'xlsx'" in one_line_error(err)
