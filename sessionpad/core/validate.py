"""Checking raw records before anything trusts them: an import whole, a data file record by record.

A record that passes here converts with ``from_dict`` and can be shown, summarised and
exported without raising; one that doesn't raises :class:`InvalidRecord`, whose message
names the place (``session.entries[3].seq: must be a positive whole number``).

Decisions:
- Only what sessionpad reads is checked; keys it does not know are ignored, so a newer
  sessionpad can add keys (docs/json-format.md).
- Optional keys may be missing where ``from_dict`` has a default, so older files still
  read; present ones must have the right type.
- Years are kept to 1900–2200: outside that, adding an offset or a few days to a moment
  overflows ``datetime`` somewhere far from here.
- Text must be valid Unicode: JSON can spell a lone surrogate (``"\\ud800"``), which no
  UTF-8 file can hold, so the next export or save would fail.
- Ids become file names, so they are plain: letters, digits, ``-`` and ``_``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sessionpad.core.models import (
    KNOWN_KINDS,
    AllianceState,
    EntryKind,
    Owner,
    PromiseStatus,
    PromptSource,
    SessionStatus,
)

FIRST_YEAR = 1900
LAST_YEAR = 2200
MAX_MINUTES = 24 * 60
MAX_OFFSET_MINUTES = 18 * 60
# sessionpad's own entry data is two levels deep; copying a very deep value overflows.
MAX_DATA_DEPTH = 16

PLAIN_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CLOCK = re.compile(r"[0-9]{2}:[0-9]{2}")
_UTC = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z")

Check = Callable[[Any, str], None]


class InvalidRecord(ValueError):
    """A value that doesn't fit; ``path`` says where, ``problem`` what is wrong."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}" if path else problem)
        self.path = path
        self.problem = problem


# ── values ──────────────────────────────────────────────────────────────────────


def _object(raw: Any, at: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise InvalidRecord(at, "must be an object")
    return raw


def _is_object(raw: Any, at: str) -> None:
    _object(raw, at)


def _list(raw: Any, at: str) -> list[Any]:
    if not isinstance(raw, list):
        raise InvalidRecord(at, "must be a list")
    return raw


def _required(record: dict[str, Any], key: str, at: str) -> Any:
    if key not in record:
        raise InvalidRecord(at, f"missing field {key!r}")
    return record[key]


def check_text(raw: Any, at: str) -> None:
    if not isinstance(raw, str):
        raise InvalidRecord(at, f"must be text, not {_kind_of(raw)}")
    bad = _SURROGATE.search(raw)
    if bad:
        raise InvalidRecord(at, f"is not valid text (a lone surrogate U+{ord(bad.group()):04X})")


def _name(raw: Any, at: str) -> None:
    check_text(raw, at)
    if not raw.strip():
        raise InvalidRecord(at, "must not be empty")


def _whole(raw: Any, at: str, low: int, high: int, what: str = "a whole number") -> None:
    if not isinstance(raw, int) or isinstance(raw, bool) or not low <= raw <= high:
        raise InvalidRecord(at, f"must be {what} from {low} to {high}")


def _positive_whole(raw: Any, at: str) -> None:
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 1:
        raise InvalidRecord(at, "must be a positive whole number")


def _number(raw: Any, at: str) -> None:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise InvalidRecord(at, "must be a number")
    if abs(raw) > MAX_MINUTES * 366:
        raise InvalidRecord(at, "is out of range")


def _choice(choices: type[StrEnum] | Iterable[str]) -> Check:
    allowed = frozenset(str(item) for item in choices)
    listed = ", ".join(str(item) for item in choices)

    def check_choice(raw: Any, at: str) -> None:
        if not isinstance(raw, str) or raw not in allowed:
            raise InvalidRecord(at, f"must be one of {listed}, not {_shown(raw)}")

    return check_choice


def _between(low: int, high: int, what: str = "a whole number") -> Check:
    def check_between(raw: Any, at: str) -> None:
        _whole(raw, at, low, high, what)

    return check_between


def check_id(raw: Any, at: str) -> None:
    if not isinstance(raw, str) or not PLAIN_ID.fullmatch(raw):
        raise InvalidRecord(at, f"{_shown(raw)} is not a plain id (1–64 letters, digits, - and _)")


def _year(year: int, at: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidRecord(at, f"year {year} is outside {FIRST_YEAR}–{LAST_YEAR}")


def check_day(raw: Any, at: str) -> None:
    if not isinstance(raw, str) or not _DAY.fullmatch(raw):
        raise InvalidRecord(at, f"must be a date like 2026-12-04, not {_shown(raw)}")
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise InvalidRecord(at, f"{raw!r} is not a date in the calendar") from None
    _year(day.year, at)


def check_clock(raw: Any, at: str) -> None:
    """A time of day, ``"14:00"`` (a promise's ``due_time``)."""
    if not isinstance(raw, str) or not _CLOCK.fullmatch(raw):
        raise InvalidRecord(at, f"must be a time of day like 14:00, not {_shown(raw)}")
    try:
        time.fromisoformat(raw)
    except ValueError:
        raise InvalidRecord(at, f"{raw!r} is not a time of day") from None


def check_moment(raw: Any, at: str) -> None:
    record = _object(raw, at)
    utc = _required(record, "utc", at)
    if not isinstance(utc, str) or not _UTC.fullmatch(utc):
        raise InvalidRecord(
            f"{at}.utc", f"must be a UTC time like 2026-11-27T13:00:00.000000Z, not {_shown(utc)}"
        )
    try:
        moment = datetime.fromisoformat(utc)
    except ValueError:
        raise InvalidRecord(f"{at}.utc", f"{utc!r} is not a time in the calendar") from None
    _year(moment.year, f"{at}.utc")
    offset = record.get("offset_minutes", 0)
    _whole(offset, f"{at}.offset_minutes", -MAX_OFFSET_MINUTES, MAX_OFFSET_MINUTES)
    if moment.year in (FIRST_YEAR, LAST_YEAR):  # only there can the offset cross the edge
        _year((moment + timedelta(minutes=offset)).year, at)


def _optional(check: Check) -> Check:
    def check_unless_null(raw: Any, at: str) -> None:
        if raw is not None:
            check(raw, at)

    return check_unless_null


def _each(raw: Any, at: str, check: Check) -> None:
    for index, item in enumerate(_list(raw, at)):
        check(item, f"{at}[{index}]")


def _plain_data(raw: Any, at: str) -> None:
    """Anything in an entry's ``data``: text valid, numbers finite, nesting shallow (walked
    without recursion; a deep value would blow the stack later, when it is copied)."""
    pending: list[tuple[Any, str, int]] = [(raw, at, 0)]
    while pending:
        value, where, depth = pending.pop()
        if isinstance(value, str):
            check_text(value, where)
        elif isinstance(value, float) and not math.isfinite(value):
            raise InvalidRecord(where, "must be a finite number")
        elif isinstance(value, dict | list) and depth >= MAX_DATA_DEPTH:
            raise InvalidRecord(where, f"is nested too deeply (over {MAX_DATA_DEPTH} levels)")
        elif isinstance(value, dict):
            for key, item in value.items():
                check_text(key, f"{where} (a key)")
                pending.append((item, _key_path(where, key), depth + 1))
        elif isinstance(value, list):
            pending.extend((item, f"{where}[{n}]", depth + 1) for n, item in enumerate(value))
        elif value is not None and not isinstance(value, bool | int | float):
            raise InvalidRecord(where, f"can't hold {_kind_of(value)}")


#: The most people a coaching group on the log can hold.
MAX_GROUP_SIZE = 999


def _flag(raw: Any, at: str) -> None:
    if not isinstance(raw, bool):
        raise InvalidRecord(at, "must be true or false")


# ── records ─────────────────────────────────────────────────────────────────────


Fields = tuple[tuple[str, Check], ...]


def _fields(record: dict[str, Any], at: str, required: Fields, optional: Fields = ()) -> None:
    for key, check in required:
        check(_required(record, key, at), f"{at}.{key}")
    for key, check in optional:
        if key in record:
            check(record[key], f"{at}.{key}")


_CLIENT_REQUIRED: Fields = (("id", check_id), ("name", _name))
_CLIENT_OPTIONAL: Fields = (
    *((key, check_text) for key in ("preferred_name", "pronouns", "language", "context", "email")),
    ("pro_bono", _flag),
    ("group_size", _between(1, MAX_GROUP_SIZE, "a number of people")),
    ("may_be_named", _flag),
    ("archived", _flag),
)


def check_client(raw: Any, at: str = "client") -> None:
    _fields(_object(raw, at), at, _CLIENT_REQUIRED, _CLIENT_OPTIONAL)


_ITEM_REQUIRED: Fields = (("key", _name), ("title", check_text))
_ITEM_OPTIONAL: Fields = (
    ("state", _choice(AllianceState)),
    ("last_agreed", _optional(check_day)),
    ("note", check_text),
)


def check_alliance_item(raw: Any, at: str) -> None:
    _fields(_object(raw, at), at, _ITEM_REQUIRED, _ITEM_OPTIONAL)


def check_alliance(raw: Any, at: str) -> None:
    """A client's stored alliance: ``{"client_id": …, "items": [item, …]}``."""
    _each(_required(_object(raw, at), "items", at), f"{at}.items", check_alliance_item)


def _minutes(low: int) -> Check:
    return _between(low, MAX_MINUTES, "a whole number of minutes")


_PHASE_REQUIRED: Fields = (("name", check_text), ("minutes", _minutes(0)))


def _phase(raw: Any, at: str) -> None:
    _fields(_object(raw, at), at, _PHASE_REQUIRED)


def _phases(raw: Any, at: str) -> None:
    _each(raw, at, _phase)


_RATING = _between(1, 10)


def _paused(raw: Any, at: str) -> None:
    _number(raw, at)
    if raw < 0:
        raise InvalidRecord(at, "can't be negative")


_HEADER_REQUIRED: Fields = (
    ("id", check_id),
    ("client_id", check_id),
    ("planned_minutes", _minutes(1)),
    ("started", check_moment),
)
_HEADER_OPTIONAL: Fields = (
    ("number", _between(1, 1_000_000)),
    ("ended", _optional(check_moment)),
    ("status", _choice(SessionStatus)),
    ("phases", _phases),
    ("pit_stop_minute", _optional(_minutes(0))),
    ("next_session", _optional(check_moment)),
    ("next_session_minutes", _optional(_minutes(1))),
    ("pit_stop_rating", _optional(_RATING)),
    ("paused_minutes", _paused),
    ("paused_since", _optional(check_moment)),
)


def check_session_header(raw: Any, at: str = "session") -> None:
    """Everything of a session but its entries (an index row, a session file's header)."""
    _fields(_object(raw, at), at, _HEADER_REQUIRED, _HEADER_OPTIONAL)


def _text_list(raw: Any, at: str) -> None:
    _each(raw, at, check_text)


_DATA_FIELDS: dict[str, Check] = {
    "promise_id": check_id,
    "owner": _choice(Owner),
    "status": _choice(PromiseStatus),
    "due": _optional(check_day),
    "due_time": _optional(check_clock),
    "item_key": check_text,
    "state": _choice(AllianceState),
    "rating": _optional(_RATING),
    "working": check_text,
    "change": check_text,
    "prompts": _text_list,
    "phase": check_text,
    "index": _between(0, 1000),
    "elapsed": _number,
    "prompt_id": check_text,
}

# Which ``data`` keys each kind reads (docs/json-format.md, "Entries").
_KIND_DATA: dict[str, tuple[str, ...]] = {
    EntryKind.QUESTION: ("prompt_id",),
    EntryKind.ALLIANCE: ("item_key", "state"),
    EntryKind.PITSTOP: ("rating", "working", "change", "prompts"),
    EntryKind.PROMISE_MADE: ("promise_id", "owner", "due", "due_time"),
    EntryKind.PROMISE_RESOLVED: ("promise_id", "owner", "status", "due", "due_time"),
    EntryKind.PHASE: ("phase", "index", "elapsed"),
}


_ENTRY_REQUIRED: Fields = (("seq", _positive_whole), ("kind", check_text), ("at", check_moment))
_ENTRY_OPTIONAL: Fields = (("text", check_text), ("tags", _text_list), ("data", _is_object))


def check_entry(raw: Any, at: str, *, unknown_kinds: bool = False) -> None:
    """One timeline entry. ``unknown_kinds``: accept a kind this sessionpad doesn't know (a
    data file a newer one wrote: kept, shown as unknown); an import never does."""
    record = _object(raw, at)
    _fields(record, at, _ENTRY_REQUIRED, _ENTRY_OPTIONAL)
    kind = record["kind"]
    if kind not in KNOWN_KINDS and not (unknown_kinds and kind.strip()):
        raise InvalidRecord(
            f"{at}.kind", f"unknown kind {_shown(kind)} (one of {', '.join(sorted(KNOWN_KINDS))})"
        )
    data = record.get("data", {})
    _plain_data(data, f"{at}.data")
    for key in _KIND_DATA.get(kind, ()):
        if key in data:
            _DATA_FIELDS[key](data[key], f"{at}.data.{key}")


_RENEGOTIATION_REQUIRED: Fields = (("at", check_moment),)
_RENEGOTIATION_OPTIONAL: Fields = (
    ("previous_due", _optional(check_day)),
    ("new_due", _optional(check_day)),
    ("session_id", _optional(check_id)),
)


def _renegotiation(raw: Any, at: str) -> None:
    _fields(_object(raw, at), at, _RENEGOTIATION_REQUIRED, _RENEGOTIATION_OPTIONAL)


def _renegotiations(raw: Any, at: str) -> None:
    _each(raw, at, _renegotiation)


_PROMISE_REQUIRED: Fields = (
    ("id", check_id),
    ("client_id", check_id),
    ("owner", _choice(Owner)),
    ("text", check_text),
    ("made_at", check_moment),
)
_PROMISE_OPTIONAL: Fields = (
    ("made_in", _optional(check_id)),
    ("due", _optional(check_day)),
    ("due_time", _optional(check_clock)),
    ("status", _choice(PromiseStatus)),
    ("resolved_in", _optional(check_id)),
    ("resolved_at", _optional(check_moment)),
    ("resolution_note", check_text),
    ("renegotiations", _renegotiations),
)


def check_promise(raw: Any, at: str) -> None:
    _fields(_object(raw, at), at, _PROMISE_REQUIRED, _PROMISE_OPTIONAL)


_PROMPT_REQUIRED: Fields = (("id", check_text), ("text", check_text), ("category", check_text))
_PROMPT_OPTIONAL: Fields = (
    ("source", _choice(PromptSource)),
    ("favourite", _flag),
    ("retired", _flag),
)


def check_prompt(raw: Any, at: str) -> None:
    _fields(_object(raw, at), at, _PROMPT_REQUIRED, _PROMPT_OPTIONAL)


# ── a whole session export ──────────────────────────────────────────────────────


def check_session_export(document: Any) -> None:
    """The parts of a session export (docs/json-format.md), checked whole before anything
    is written: types, ranges, unique positive ``seq``, every promise the client's."""
    record = _object(document, "")
    for name in ("client", "session", "promises", "alliance"):
        _required(record, name, "")
    check_client(record["client"], "client")
    client_id = record["client"]["id"]
    session = _object(record["session"], "session")
    check_session_header(session, "session")
    if session["client_id"] != client_id:
        raise InvalidRecord(
            "session.client_id",
            f"the session belongs to client {session['client_id']!r}, not to {client_id!r}",
        )
    _entries(session.get("entries", []), "session.entries")
    _promises(record["promises"], client_id)
    _unique(record["alliance"], "alliance", "key", check_alliance_item)


def _entries(raw: Any, at: str) -> None:
    seen: dict[int, int] = {}
    for index, entry in enumerate(_list(raw, at)):
        where = f"{at}[{index}]"
        check_entry(entry, where)
        seq = entry["seq"]
        if seq in seen:
            raise InvalidRecord(f"{where}.seq", f"{seq} is also the seq of entries[{seen[seq]}]")
        seen[seq] = index


def _promises(raw: Any, client_id: str) -> None:
    _unique(raw, "promises", "id", check_promise)
    for index, promise in enumerate(raw):
        if promise["client_id"] != client_id:
            raise InvalidRecord(
                f"promises[{index}].client_id",
                f"belongs to client {promise['client_id']!r}, not to this file's client "
                f"{client_id!r}",
            )


def _unique(raw: Any, at: str, key: str, check: Check) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(_list(raw, at)):
        where = f"{at}[{index}]"
        check(item, where)
        value = item[key]
        if value in seen:
            raise InvalidRecord(
                f"{where}.{key}", f"{_shown(value)} is also the {key} of {at}[{seen[value]}]"
            )
        seen[value] = index


def _key_path(where: str, key: str) -> str:
    # A key is user text: shown quoted (and cut short) unless it is a plain word, so a
    # path never carries a line break or a megabyte into the one-line message.
    return f"{where}.{key}" if PLAIN_ID.fullmatch(key) else f"{where}[{_shown(key)}]"


def _kind_of(raw: Any) -> str:
    if raw is None:
        return "null"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "an object",
    }.get(type(raw), type(raw).__name__)


def _shown(raw: Any) -> str:
    if isinstance(raw, str):
        return repr(raw[:40] + ("…" if len(raw) > 40 else ""))
    return _kind_of(raw)
