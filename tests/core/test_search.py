"""Searching every entry of every session, private notes included."""

from __future__ import annotations

from datetime import timedelta

from sessionpad.core.live import LiveSession
from sessionpad.core.models import Client, EntryKind
from sessionpad.core.search import excerpt, search_sessions
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW, FakeClock


def _session(store: Store, client: Client, start_days_ago: int, lines: list[str]) -> str:
    clock = FakeClock(FIXED_NOW - timedelta(days=start_days_ago))
    live = LiveSession.start(store, client, 30, clock=clock)
    for line in lines:
        clock.advance(minutes=1)
        outcome = live.capture(line)
        assert not outcome.error, outcome.message
    live.end()
    return live.session.id


def test_finds_a_private_note_ignoring_case(demo_store: Store) -> None:
    hits = search_sessions(demo_store, "GO GENTLY")
    assert len(hits) == 1
    assert hits[0].kind is EntryKind.PRIVATE
    assert "go gently" in hits[0].text
    assert hits[0].client_name == "Dana Reyes"
    session = demo_store.load_session(hits[0].session_id)
    assert any(entry.seq == hits[0].seq for entry in session.entries)


def test_every_matching_entry_newest_session_first(store: Store) -> None:
    ada = Client(name="Ada Byron")
    store.save_client(ada)
    older = _session(store, ada, 14, ["budget worries", "* the budget is a proxy for trust"])
    newer = _session(store, ada, 2, ["unrelated", "~ budget again, quietly"])
    hits = search_sessions(store, "Budget")
    assert [(hit.session_id, hit.kind) for hit in hits] == [
        (newer, EntryKind.PRIVATE),
        (older, EntryKind.NOTE),
        (older, EntryKind.INSIGHT),
    ]
    assert [hit.session_number for hit in hits] == [2, 1, 1]


def test_tags_are_searchable_with_their_hash(store: Store) -> None:
    ada = Client(name="Ada Byron")
    store.save_client(ada)
    _session(store, ada, 3, ["slept badly #energy", "energy is fine otherwise"])
    assert [hit.text for hit in search_sessions(store, "#energy")] == ["slept badly #energy"]
    assert len(search_sessions(store, "energy")) == 2


def test_blank_query_finds_nothing_and_limit_stops_early(demo_store: Store) -> None:
    assert search_sessions(demo_store, "   ") == []
    everything = search_sessions(demo_store, "e")
    assert len(everything) > 3
    assert search_sessions(demo_store, "e", limit=3) == everything[:3]


def test_no_match_in_an_empty_store(store: Store) -> None:
    assert search_sessions(store, "anything") == []


def test_excerpt_keeps_the_match_in_view() -> None:
    text = "a" * 100 + " the needle is here " + "b" * 100
    row, start, end = excerpt(text, "NEEDLE", 40)
    assert len(row) == 40
    assert row.startswith("…") and row.endswith("…")
    assert row[start:end] == "needle"


def test_excerpt_of_short_text_and_escape_sequences() -> None:
    row, start, end = excerpt("Call \x1b]52;c;aGk=\x07Sam\nsoon", "sam", 60)
    assert "\x1b" not in row and "\n" not in row
    assert row[start:end] == "Sam"
    row, start, end = excerpt("only a tag matched", "#energy", 60)
    assert (row, start, end) == ("only a tag matched", 0, 0)
