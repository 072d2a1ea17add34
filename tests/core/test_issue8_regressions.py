"""Issue 8's "wrong today" bullets, through the APIs main already had, so each test runs
(and fails) on the code before the fix: the invented next session, the released promise
as an open task, private notes in the client's JSON, the .ics an hour off across DST."""

from __future__ import annotations

import json
import time as time_module
from datetime import date, datetime, time

import pytest

from sessionpad.core.exporting import next_session_ics
from sessionpad.core.live import LiveSession
from sessionpad.core.models import Audience, Client
from sessionpad.core.summary import render_markdown
from sessionpad.storage.store import Store
from tests.conftest import FakeClock
from tests.core.test_cli import run


@pytest.fixture
def dana(store: Store) -> Client:
    client = Client("Dana Reyes", preferred_name="Dana", context="CTX-private context note")
    store.save_client(client)
    return client


def test_ending_without_book_invents_no_next_session(store, dana, clock) -> None:
    live = LiveSession.start(store, dana, 60, clock=clock)
    live.capture("* the deadline is self-imposed")
    live.end()
    assert store.load_session(live.session.id).next_session is None
    assert "Next session" not in render_markdown(live.summary_context(), Audience.CLIENT)
    with pytest.raises(ValueError):
        next_session_ics(live.summary_context())


def test_released_promise_is_not_an_open_task_for_the_client(store, dana, clock) -> None:
    live = LiveSession.start(store, dana, 60, clock=clock)
    live.capture("! pay by card")
    live.capture("/release 1")
    live.end()
    client = render_markdown(live.summary_context(), Audience.CLIENT)
    assert "pay by card" not in client
    coach = render_markdown(live.summary_context(), Audience.COACH)
    assert "pay by card — released" in coach and "[ ] pay by card" not in coach


def test_client_json_holds_no_private_or_context_notes(capsys, data_dir, clock) -> None:
    with Store.open(data_dir) as store:
        dana = Client("Dana Reyes", context="CTX-private context note")
        store.save_client(dana)
        live = LiveSession.start(store, dana, 60, clock=clock)
        for line in ("~ PRIVATE-note seemed tired", "? QUESTION-asked what now?", "* shared"):
            live.capture(line)
        live.end()
    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "export", "last", "--format", "json",
        "--audience", "client",
    )  # fmt: skip
    assert code == 0
    assert "shared" in out
    for coach_only in ("PRIVATE-note", "QUESTION-asked", "CTX-private"):
        assert coach_only not in out
    assert json.loads(out)["client"]["context"] == ""


@pytest.fixture
def new_york(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    time_module.tzset()
    yield
    monkeypatch.undo()
    time_module.tzset()


def test_ics_is_right_across_a_dst_change(store, dana, new_york) -> None:
    # Held Mon 2 Mar 2026 10:00 EST; booked Mon 9 Mar 10:00, after the change to EDT.
    clock = FakeClock(datetime(2026, 3, 2, 10, 0).astimezone())
    live = LiveSession.start(store, dana, 60, clock=clock)
    live.book_next(date(2026, 3, 9), time(10, 0), None)
    clock.advance(minutes=60)
    live.end()
    assert "DTSTART:20260309T140000Z" in next_session_ics(live.summary_context())
