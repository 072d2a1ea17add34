"""Property: whatever one entry of a session file holds, the session still opens with
every other entry, and renders and exports without raising."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sessionpad.core.exporting import session_to_json
from sessionpad.core.models import Audience, Client, Entry, EntryKind, Phase, Session
from sessionpad.core.reports import context_for_session
from sessionpad.core.summary import render_markdown
from sessionpad.storage.store import Store
from tests.strategies import json_values

START = datetime(2026, 11, 27, 14, 0, tzinfo=timezone(timedelta(hours=1)))
FIELDS = ["seq", "kind", "text", "at", "tags", "data"]
ENTRIES = [
    Entry(1, EntryKind.NOTE, "first", START, ["a"]),
    Entry(2, EntryKind.PROMISE_MADE, "second", START, data={"promise_id": "p1", "owner": "coach"}),
    Entry(3, EntryKind.PITSTOP, "third", START, data={"rating": 7, "prompts": ["q"]}),
    Entry(4, EntryKind.PHASE, "fourth", START, data={"phase": "x", "index": 1, "elapsed": 3.5}),
]


def _seeded(data_dir: Path) -> str:
    client = Client("Dana Reyes", id="dana")
    session = Session("dana", 60, START, [Phase("Explore", 60)], entries=list(ENTRIES), id="s1")
    with Store.open(data_dir) as store:
        store.save_client(client)
        store.create_session(session)
    return "s1"


@settings(max_examples=100, deadline=None)
@given(
    target=st.integers(1, len(ENTRIES)),
    field=st.sampled_from(FIELDS),
    value=st.one_of(json_values, st.just(None)),
    delete=st.booleans(),
)
def test_one_damaged_entry_loses_at_most_itself(
    target: int, field: str, value: Any, delete: bool
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch)
        session_id = _seeded(data_dir)
        path = data_dir / "sessions" / f"{session_id}.json"
        raw = json.loads(path.read_text())
        if delete:
            del raw["entries"][str(target)][field]
        else:
            raw["entries"][str(target)][field] = value
        path.write_text(json.dumps(raw))
        with Store.open(data_dir) as store:
            session = store.load_session(session_id)
            kept = [(entry.seq, entry.text) for entry in session.entries if entry.seq != target]
            assert kept == [(entry.seq, entry.text) for entry in ENTRIES if entry.seq != target]
            context = context_for_session(store, session_id)
            for audience in Audience:
                render_markdown(context, audience)
                session_to_json(context, audience).encode("utf-8")


PROMISE_FIELDS = [
    "id",
    "client_id",
    "owner",
    "text",
    "made_at",
    "due",
    "due_time",
    "status",
    "renegotiations",
]


@settings(max_examples=100, deadline=None)
@given(
    target=st.integers(0, 2),
    field=st.sampled_from(PROMISE_FIELDS),
    value=st.one_of(json_values, st.just(None)),
    delete=st.booleans(),
)
def test_one_damaged_promise_loses_at_most_itself(
    target: int, field: str, value: Any, delete: bool
) -> None:
    from sessionpad.core.models import Owner, Promise
    from sessionpad.core.reports import client_brief

    promises = [
        Promise("dana", Owner.CLIENT, f"promise {n}", START + timedelta(minutes=n), id=f"p{n}")
        for n in range(3)
    ]
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch)
        _seeded(data_dir)
        with Store.open(data_dir) as store:
            for promise in promises:
                store.save_promise(promise)
        path = data_dir / "clients" / "dana.json"
        raw = json.loads(path.read_text())
        record = raw["promises"][str(target + 1)]
        if delete:
            del record[field]
        else:
            record[field] = value
        path.write_text(json.dumps(raw))
        with Store.open(data_dir) as store:
            others = {p.text for p in promises if p.id != f"p{target}"}
            assert others <= {p.text for p in store.promises("dana")}
            client_brief(store, "dana", START.date())
            for audience in Audience:
                render_markdown(context_for_session(store, "s1"), audience)
