"""The coaching log: rows per client relationship, hours from actual lengths, ICF levels."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sessionpad.core.coaching_log import build_log, held_sessions, hours, session_minutes
from sessionpad.core.icf_levels import describe_progress, hours_progress
from sessionpad.core.log_render import render_log, render_sessions
from sessionpad.core.models import Client, Entry, EntryKind, Session, SessionStatus
from sessionpad.core.validate import InvalidRecord, check_client
from sessionpad.storage.store import Store

ZONE = timezone(timedelta(hours=1))


def _at(day: int, month: int = 11, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=ZONE)


def _held(client: Client, start: datetime, minutes: int, **changes: Any) -> Session:
    session = Session(client.id, 60, start, [], status=SessionStatus.ENDED)
    session.ended = start + timedelta(minutes=minutes)
    for key, value in changes.items():
        setattr(session, key, value)
    return session


@pytest.fixture
def practice(store: Store) -> dict[str, Client]:
    dana = Client("Dana Reyes", email="dana@example.org")
    team = Client("Ops team", group_size=6, pro_bono=True)
    quiet = Client("Sam Quiet", may_be_named=False)
    for client in (dana, team, quiet):
        store.save_client(client)
    interrupted = Session(dana.id, 60, _at(20), [], status=SessionStatus.INTERRUPTED)
    interrupted.entries = [Entry(1, EntryKind.NOTE, "cut off", _at(20) + timedelta(minutes=25))]
    store.add_sessions(
        [
            _held(dana, _at(2), 60),
            _held(dana, _at(9), 50),
            interrupted,
            _held(team, _at(5), 90),
            _held(quiet, _at(6), 45),
            _held(dana, _at(3, month=10), 30),
        ]
    )
    return {"dana": dana, "team": team, "quiet": quiet}


def test_a_session_counts_its_actual_length() -> None:
    client = Client("A")
    assert session_minutes(_held(client, _at(1), 47)) == 47
    unfinished = Session(client.id, 60, _at(1), [], status=SessionStatus.INTERRUPTED)
    assert session_minutes(unfinished, _at(1) + timedelta(minutes=25)) == 25
    assert session_minutes(unfinished) == 0


def test_hours_are_shown_to_one_decimal() -> None:
    assert [hours(m) for m in (0, 45, 60, 90, 100, 195)] == [
        "0.0",
        "0.8",
        "1.0",
        "1.5",
        "1.7",
        "3.3",
    ]


def test_the_log_has_a_row_per_named_client_with_paid_and_pro_bono_hours(
    store: Store, practice: dict[str, Client]
) -> None:
    log = build_log(held_sessions(store, start=date(2026, 11, 1), end=date(2026, 11, 30)))
    by_name = {row.client.name: row for row in log.rows}
    assert list(by_name) == ["Dana Reyes", "Ops team"]
    dana = by_name["Dana Reyes"]
    # 60 + 50 + the interrupted one's 25 minutes; October's session is outside the period
    assert (dana.paid_minutes, dana.pro_bono_minutes) == (135, 0)
    assert (dana.start, dana.end) == (date(2026, 11, 2), date(2026, 11, 20))
    assert (by_name["Ops team"].paid_minutes, by_name["Ops team"].pro_bono_minutes) == (0, 90)
    assert (log.unnamed_clients, log.unnamed_paid_minutes) == (1, 45)
    assert (log.paid_minutes, log.pro_bono_minutes) == (135, 90)


def test_the_csv_uses_icfs_columns_with_totals_and_a_closing_line(
    store: Store, practice: dict[str, Client]
) -> None:
    log = build_log(held_sessions(store))
    table = list(csv.reader(io.StringIO(render_log(log, "csv"))))
    assert table[0] == [
        "Client name",
        "Contact",
        "Individual/group",
        "Number in group",
        "Start date",
        "End date",
        "Paid hours",
        "Pro bono hours",
    ]
    assert table[1] == [
        "Dana Reyes",
        "dana@example.org",
        "individual",
        "1",
        "2026-10-03",
        "2026-11-20",
        "2.8",
        "0.0",
    ]
    assert table[2][:4] == ["Ops team", "", "group", "6"]
    assert table[3] == ["Total", "", "", "", "", "", "2.8", "1.5"]
    assert "1 client who did not agree to be named" in table[-1][0]
    assert "Sam" not in render_log(log, "csv")


def test_the_markdown_log_and_the_session_list_leave_unnamed_clients_out(
    store: Store, practice: dict[str, Client]
) -> None:
    sessions = held_sessions(store)
    markdown = render_log(build_log(sessions), "md")
    assert markdown.startswith("| Client name | Contact |")
    assert "| **Total** |" in markdown and "Sam" not in markdown
    listing = list(csv.reader(io.StringIO(render_sessions(sessions, "csv"))))
    assert listing[0] == ["Date", "Client", "Minutes", "Paid/pro bono"]
    assert listing[1] == ["2026-10-03", "Dana Reyes", "30", "paid"]
    assert ["2026-11-06", "(not named)", "45", "paid"] in listing
    assert ["2026-11-05", "Ops team", "90", "pro bono"] in listing
    assert listing[-1] == ["Total", "6 sessions", "300", "3.5 h paid, 1.5 h pro bono"]


def test_a_cell_a_spreadsheet_would_run_stays_text() -> None:
    from sessionpad.core.coaching_log import CoachingLog, LogRow

    evil = Client('=HYPERLINK("http://x")', email="+1\x1b]52;c;x\x07")
    row = LogRow(evil, date(2026, 11, 1), date(2026, 11, 1), 60, 0)
    line = list(csv.reader(io.StringIO(render_log(CoachingLog([row]), "csv"))))[1]
    assert line[0].startswith("'=") and line[1].startswith("'+")
    assert "\x1b" not in line[1] and "\x07" not in line[1]


@pytest.mark.parametrize(
    ("paid", "pro_bono", "expected"),
    [
        (0, 0, "0.0 h (0.0 paid) · ACC needs 100 h, 75 paid: 100.0 h to go"),
        # 90 hours, but only 30 paid: 45 more paid hours reach both of ACC's numbers
        (30 * 60, 60 * 60, "90.0 h (30.0 paid) · ACC needs 100 h, 75 paid: 45.0 h to go"),
        (
            80 * 60,
            20 * 60,
            "100.0 h (80.0 paid) · PCC needs 500 h, 450 paid: 400.0 h to go",
        ),
        (2300 * 60, 300 * 60, "2600.0 h (2300.0 paid) · past every ICF level's hours"),
    ],
)
def test_hours_toward_the_next_icf_level(paid: int, pro_bono: int, expected: str) -> None:
    assert describe_progress(hours_progress(paid, pro_bono)) == expected


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("group_size", 0, "a number of people from 1 to 999"),
        ("group_size", "3", "a number of people from 1 to 999"),
        ("pro_bono", "yes", "true or false"),
        ("may_be_named", 1, "true or false"),
        ("email", 5, ""),
    ],
)
def test_the_new_profile_fields_are_validated(field: str, value: object, message: str) -> None:
    record = {**Client("Dana").to_dict(), field: value}
    with pytest.raises(InvalidRecord) as refused:
        check_client(record)
    assert f"client.{field}" in str(refused.value) and message in str(refused.value)


def test_a_client_stored_before_the_new_fields_reads_with_their_defaults() -> None:
    old = {"id": "abc", "name": "Dana", "preferred_name": "", "pronouns": ""}
    check_client(old)
    client = Client.from_dict(old)
    assert (client.email, client.pro_bono, client.group_size, client.may_be_named) == (
        "",
        False,
        1,
        True,
    )


def test_a_name_with_markdown_in_it_stays_one_cell() -> None:
    from sessionpad.core.coaching_log import CoachingLog, LogRow

    odd = Client("Kim | *Lee* [x](y)")
    row = LogRow(odd, date(2026, 11, 1), date(2026, 11, 1), 60, 0)
    line = render_log(CoachingLog([row]), "md").splitlines()[2]
    assert line.startswith(r"| Kim \| \*Lee\* \[x\](y) |  | individual |")
    assert len(re.split(r"(?<!\\)\|", line)) == 8 + 2


@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(1, 240), st.integers(0, 60)),
        max_size=30,
    )
)
def test_every_minute_is_in_a_row_or_the_unnamed_line(held: list[tuple[int, int, int]]) -> None:
    from sessionpad.core.coaching_log import LoggedSession

    clients = [
        Client("Ana"),
        Client("Ben", pro_bono=True),
        Client("Cy", may_be_named=False),
        Client("Di", may_be_named=False, pro_bono=True),
    ]
    sessions = [
        LoggedSession(date(2026, 1, 1) + timedelta(days=day), clients[who], minutes)
        for who, minutes, day in held
    ]
    log = build_log(sessions)
    unnamed = log.unnamed_paid_minutes + log.unnamed_pro_bono_minutes
    assert log.paid_minutes + log.pro_bono_minutes + unnamed == sum(s.minutes for s in sessions)
    assert all(row.client.may_be_named for row in log.rows)
    assert log.unnamed_clients == len({s.client.id for s in sessions if not s.client.may_be_named})
    for row in log.rows:
        days = [s.day for s in sessions if s.client is row.client]
        assert (row.start, row.end) == (min(days), max(days))
