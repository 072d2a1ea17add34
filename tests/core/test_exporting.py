"""JSON export/import round trip and the next-session calendar file."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from sessionpad.core.exporting import (
    FORMAT_VERSION,
    ImportFormatError,
    next_session_ics,
    session_from_json,
    session_to_json,
)
from sessionpad.core.models import Entry, EntryKind
from tests.core.test_summary import PRIVATE_MARKER, build_context, visible

# ── JSON ──────────────────────────────────────────────────────────────────────


def test_json_envelope_and_layout() -> None:
    context = build_context()
    context.client.context = "Zoë, naïve café"
    text = session_to_json(context)
    document = json.loads(text)
    assert list(document) == ["format", "version", "client", "session", "promises", "alliance"]
    assert document["format"] == "sessionpad.session"
    assert document["version"] == FORMAT_VERSION == 1
    assert document["session"]["id"] == "sess4"
    assert [entry["seq"] for entry in document["session"]["entries"]] == list(range(1, 15))
    assert text.endswith("}\n") and text.startswith('{\n  "format"')
    assert '"context": "Zoë, naïve café"' in text  # readable, not \u-escaped


def test_json_round_trip_is_identical() -> None:
    context = build_context(hostile=True)
    context.session.entries.append(
        Entry(
            15,
            EntryKind.NOTE,
            "Zoë — naïve 日本 \x9b31m \u202e \x7f \u2028",
            context.session.started,
        )
    )
    first = session_to_json(context)
    imported = session_from_json(first)
    assert session_to_json(imported) == first
    assert imported.client == context.client
    assert imported.session == context.session
    assert imported.promises == context.promises
    assert imported.alliance == context.alliance


def test_json_writes_terminal_active_characters_as_escapes() -> None:
    context = build_context()
    hostile = "a\x1b]52;c;aGk=\x07b\x9b2Jc\u202ed\x7fe"
    context.session.entries[1].text = hostile
    text = session_to_json(context)
    for char in ("\x1b", "\x07", "\x9b", "\u202e", "\x7f"):
        assert char not in text
    assert "\\u009b" in text and "\\u202e" in text
    assert session_from_json(text).session.entries[1].text == hostile


def test_json_keeps_private_notes_the_full_record() -> None:
    assert PRIVATE_MARKER in session_to_json(build_context())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "not valid JSON"),
        ("{not json", "not valid JSON (line 1"),
        ("[1, 2]", "not a sessionpad session export"),
        ('{"format": "something.else", "version": 1}', "not a sessionpad session export"),
        ('{"format": "sessionpad.session", "version": "1"}', "unknown format version"),
        ('{"format": "sessionpad.session", "version": 99}', "newer sessionpad"),
        ('{"format": "sessionpad.session", "version": 1, "client": {}}', 'missing field "session"'),
        ("[" * 100_000, "not valid JSON"),
    ],
)
def test_import_rejects_bad_files_with_one_line(text: str, expected: str) -> None:
    with pytest.raises(ImportFormatError) as raised:
        session_from_json(text)
    message = str(raised.value)
    assert expected in message
    assert "\n" not in message
    assert isinstance(raised.value, ValueError)


def _broken(change: str) -> str:
    document = json.loads(session_to_json(build_context()))
    if change == "no start":
        del document["session"]["started"]
    elif change == "bad kind":
        document["session"]["entries"][0]["kind"] = "gossip"
    elif change == "promises not a list":
        document["promises"] = {"a": 1}
    elif change == "other client":
        document["session"]["client_id"] = "someone-else"
    elif change == "client is text":
        document["client"] = "Dana"
    return json.dumps(document)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("no start", "session: missing field 'started'"),
        ("bad kind", "session.entries[0].kind: unknown kind 'gossip'"),
        ("promises not a list", "promises: must be a list"),
        ("other client", "belongs to client 'someone-else'"),
        ("client is text", "client: must be an object"),
    ],
)
def test_import_names_the_damaged_part(change: str, expected: str) -> None:
    with pytest.raises(ImportFormatError) as raised:
        session_from_json(_broken(change))
    assert expected in str(raised.value)


# ── .ics ──────────────────────────────────────────────────────────────────────


def test_ics_has_one_event_at_the_booked_time() -> None:
    context = build_context()
    text = next_session_ics(context)
    calendar = Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    booked = context.session.next_session
    assert booked is not None
    assert event.decoded("dtstart") == booked
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=60)
    assert "Dana" in str(event.get("summary"))
    assert str(event.get("uid")) == "sess4-next@sessionpad"
    assert event.decoded("dtstamp") == datetime(2026, 11, 27, 14, 2, tzinfo=UTC)
    description = str(event.get("description"))
    assert "Draft the delegation plan" in description
    assert "Talk to Sam" not in description  # kept: no longer open
    assert "\r\n" in text


def test_ics_is_reproducible_and_client_safe() -> None:
    context = build_context(hostile=True)
    first = next_session_ics(context)
    assert next_session_ics(context) == first
    assert PRIVATE_MARKER not in first
    assert "\x1b" not in first and "52;c;aGk=" not in first
    event = next(iter(Calendar.from_ical(first).walk("VEVENT")))
    description = str(event.get("description"))
    assert visible(context.promises[0].text).split("\n")[0] in description


def test_ics_without_a_booking() -> None:
    context = build_context()
    context.session.next_session = None
    with pytest.raises(ValueError, match="no next session is booked"):
        next_session_ics(context)


def test_ics_library_is_imported_only_when_used() -> None:
    probe = "import sys, sessionpad.core.exporting; print('icalendar' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
