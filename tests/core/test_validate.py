"""The record checks one by one: each refusal names the place and what is wrong."""

from __future__ import annotations

from typing import Any

import pytest

from sessionpad.core.validate import (
    InvalidRecord,
    check_entry,
    check_moment,
    check_promise,
    check_session_header,
)

AT = {"utc": "2026-11-27T13:00:00.000000Z", "offset_minutes": 60}


def _entry(**changes: Any) -> dict[str, Any]:
    return {"seq": 1, "kind": "note", "text": "hi", "at": AT, "tags": [], "data": {}, **changes}


def _refused(check, raw: Any, *args: Any, **kwargs: Any) -> InvalidRecord:
    with pytest.raises(InvalidRecord) as raised:
        check(raw, *args, **kwargs)
    assert "\n" not in str(raised.value)
    return raised.value


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ({"utc": "1900-01-01T00:30:00.000000Z", "offset_minutes": -60}, "at: year 1899"),
        ({"utc": "2200-12-31T23:30:00.000000Z", "offset_minutes": 60}, "at: year 2201"),
        ({"utc": "2026-02-31T00:00:00.000000Z"}, "at.utc: '2026-02-31T00:00:00.000000Z' is not"),
        ({"utc": "2026-11-27T13:00:00+01:00"}, "at.utc: must be a UTC time"),
        ({"utc": "2026-11-27T13:00:00.000000Z", "offset_minutes": 1500}, "at.offset_minutes"),
        ({"utc": "2026-11-27T13:00:00.000000Z", "offset_minutes": "60"}, "at.offset_minutes"),
        ({"offset_minutes": 60}, "at: missing field 'utc'"),
        ("2026-11-27", "at: must be an object"),
    ],
)
def test_moments_out_of_range_or_form_are_refused(moment: Any, expected: str) -> None:
    assert expected in str(_refused(check_moment, moment, "at"))


def test_the_edges_of_the_years_are_accepted() -> None:
    check_moment({"utc": "1900-01-01T01:00:00.000000Z", "offset_minutes": -60}, "at")
    check_moment({"utc": "2200-12-31T22:00:00.000000Z", "offset_minutes": 60}, "at")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"seq": True}, "e.seq: must be a positive whole number"),
        ({"seq": 0}, "e.seq: must be a positive whole number"),
        ({"tags": ["ok", 3]}, "e.tags[1]: must be text, not a number"),
        ({"text": "a\udfffb"}, "e.text: is not valid text (a lone surrogate U+DFFF)"),
        ({"data": []}, "e.data: must be an object"),
        ({"data": {"x": float("nan")}}, "e.data.x: must be a finite number"),
        ({"data": {"\ud800": 1}}, "e.data (a key): is not valid text"),
        ({"data": {"two\nlines": [float("inf")]}}, "e.data['two\\nlines'][0]: must be a finite"),
        ({"kind": "promise_made", "data": {"owner": "boss"}}, "e.data.owner: must be one of"),
        ({"kind": "promise_made", "data": {"due": "4 Dec"}}, "e.data.due: must be a date"),
        ({"kind": "promise_made", "data": {"promise_id": "../p"}}, "e.data.promise_id"),
        ({"kind": "phase", "data": {"elapsed": "3"}}, "e.data.elapsed: must be a number"),
        ({"kind": "promise_made", "data": {"due_time": True}}, "e.data.due_time: must be a time"),
        ({"kind": "promise_made", "data": {"due_time": "25:00"}}, "'25:00' is not a time of day"),
        ({"kind": "alliance", "data": {"state": "maybe"}}, "e.data.state: must be one of"),
        ({"kind": "pitstop", "data": {"prompts": "one"}}, "e.data.prompts: must be a list"),
        ({"kind": "gossip"}, "e.kind: unknown kind 'gossip'"),
        ({"kind": "unknown"}, "e.kind: unknown kind 'unknown'"),
    ],
)
def test_entries_are_refused_with_the_place(changes: dict[str, Any], expected: str) -> None:
    assert expected in str(_refused(check_entry, _entry(**changes), "e"))


def test_an_unknown_kind_is_accepted_only_when_asked() -> None:
    check_entry(_entry(kind="foo", data={"anything": [1, {"b": None}]}), "e", unknown_kinds=True)
    _refused(check_entry, _entry(kind=" "), "e", unknown_kinds=True)
    # Keys a kind doesn't read are ignored: a newer sessionpad may add some.
    check_entry(_entry(data={"rating": "not read by a note"}), "e")


def test_a_header_and_a_promise_name_the_field() -> None:
    header = {"id": "s1", "client_id": "c1", "planned_minutes": 60, "started": AT}
    check_session_header(header)
    bad = {**header, "phases": [{"name": "Explore", "minutes": -5}]}
    assert "session.phases[0].minutes: must be a whole number of minutes from 0 to 1440" in str(
        _refused(check_session_header, bad)
    )
    promise = {"id": "p1", "client_id": "c1", "owner": "coach", "text": "t", "made_at": AT}
    check_promise(promise, "p")
    check_promise({**promise, "due_time": "14:00"}, "p")
    assert "p.due_time: must be a time of day like 14:00, not true/false" in str(
        _refused(check_promise, {**promise, "due_time": True}, "p")
    )
    renegotiated = {**promise, "renegotiations": [{"at": AT, "new_due": "9999-01-01"}]}
    assert "p.renegotiations[0].new_due: year 9999" in str(
        _refused(check_promise, renegotiated, "p")
    )


def test_every_field_sessionpad_stores_is_checked() -> None:
    """A tripwire: a field added to a model's to_dict needs its check in validate.py, or
    a hostile import or a damaged file can put a wrong type there unseen."""
    from datetime import datetime, timedelta, timezone

    from sessionpad.core import validate
    from sessionpad.core.models import (
        AllianceItem,
        Client,
        Entry,
        EntryKind,
        Owner,
        Phase,
        Promise,
        Prompt,
        Renegotiation,
        Session,
    )

    moment = datetime(2026, 11, 27, 14, 0, tzinfo=timezone(timedelta(hours=1)))
    stored = {
        # archived=True: to_dict writes the flag only when set (the store always does).
        "client": (Client("Dana", archived=True).to_dict(), "_CLIENT"),
        "session": (Session("c", 60, moment, []).header_dict(), "_HEADER"),
        "phase": (Phase("Explore", 5).to_dict(), "_PHASE"),
        "entry": (Entry(1, EntryKind.NOTE, "t", moment).to_dict(), "_ENTRY"),
        "promise": (Promise("c", Owner.COACH, "t", moment).to_dict(), "_PROMISE"),
        "renegotiation": (Renegotiation(moment, None, None).to_dict(), "_RENEGOTIATION"),
        "alliance item": (AllianceItem("conf", "Confidentiality").to_dict(), "_ITEM"),
        "prompt": (Prompt("What now?", "opening").to_dict(), "_PROMPT"),
    }
    for name, (record, tables) in stored.items():
        checked = {
            key
            for suffix in ("_REQUIRED", "_OPTIONAL")
            for key, _ in getattr(validate, tables + suffix, ())
        }
        assert set(record) == checked, f"{name}: fields and checks differ"
