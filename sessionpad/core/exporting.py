"""JSON export/import of one session (docs/json-format.md) and the next-session ``.ics``.

Decisions:
- The JSON is the records' own ``to_dict`` form wrapped in a small envelope, so export →
  import → export gives the same text byte for byte.
- The JSON keeps user text exactly, but characters a terminal could act on when the file
  is ``cat``-ed (C1 controls, DEL, bidi overrides, line separators) are written as
  ``\\uXXXX`` escapes; ``json.dumps`` already does that for C0. Reading restores them.
- The ``.ics`` is reproducible: its UID comes from the session id and its DTSTAMP from
  the session's end (or start), never from the clock at export time.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, timedelta
from typing import Any

from sessionpad.core.audience import COACH_ONLY_CLIENT_FIELDS, visible_to
from sessionpad.core.models import (
    AllianceItem,
    Audience,
    Client,
    Owner,
    Promise,
    Session,
    made_order,
)
from sessionpad.core.sanitize import clean_text, one_line
from sessionpad.core.summary import COACH_LABEL, SummaryContext
from sessionpad.core.validate import InvalidRecord, check_session_export

FORMAT_NAME = "sessionpad.session"
FORMAT_VERSION = 1
# A 500-entry session exports to well under 1 MB; far beyond that is not an export.
MAX_IMPORT_BYTES = 64_000_000

_TERMINAL_ACTIVE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class ImportFormatError(ValueError):
    """A file that is not a session export this version can read; the message is one line."""


def _escape_terminal_active(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def session_to_json(ctx: SummaryContext, audience: Audience = Audience.COACH) -> str:
    """The session — client, entries, promises, alliance — as stable, indented JSON.

    The coach's audience is the whole record (what import reads back); the client's is
    what core/audience.py lets the client see, plus the session's themes."""
    ctx = visible_to(ctx, audience)
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "client": ctx.client.to_dict(),
        "session": ctx.session.to_dict(),
        "promises": [promise.to_dict() for promise in ctx.promises],
        "alliance": [item.to_dict() for item in ctx.alliance],
    }
    if audience is Audience.CLIENT:
        document["audience"] = audience.value
        document["themes"] = list(ctx.themes or [])
        for field in COACH_ONLY_CLIENT_FIELDS:
            document["client"].pop(field, None)
    text = json.dumps(document, indent=2, ensure_ascii=False)
    # Outside strings the JSON is plain ASCII, so this only ever touches string contents.
    return _TERMINAL_ACTIVE.sub(_escape_terminal_active, text) + "\n"


def _refusing_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A key given twice would silently keep its last value: refuse the file instead."""
    document: dict[str, Any] = {}
    for key, value in pairs:
        if key in document:
            raise ImportFormatError(f"the key {one_line(key, 40)!r} appears twice in one object")
        document[key] = value
    return document


def session_from_json(text: str) -> SummaryContext:
    """Read a session export, checked whole (sessionpad/core/validate.py); anything
    unreadable raises :class:`ImportFormatError` naming the place."""
    try:
        document = json.loads(text, object_pairs_hook=_refusing_duplicate_keys)
    except json.JSONDecodeError as error:
        raise ImportFormatError(
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise ImportFormatError("not valid JSON (nested too deeply)") from None
    except (TypeError, UnicodeDecodeError) as error:
        raise ImportFormatError(f"not valid JSON ({error})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ImportFormatError(f'not a sessionpad session export (no "format": "{FORMAT_NAME}")')
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFormatError(f"unknown format version {version!r}")
    if version > FORMAT_VERSION:
        raise ImportFormatError(
            f"made by a newer sessionpad (format version {version}; "
            f"this one reads up to {FORMAT_VERSION})"
        )
    for name in ("client", "session", "promises", "alliance"):
        if name not in document:
            raise ImportFormatError(f'missing field "{name}"')
    try:
        check_session_export(document)
    except InvalidRecord as error:
        raise ImportFormatError(str(error)) from None
    return SummaryContext(
        client=Client.from_dict(document["client"]),
        session=Session.from_dict(document["session"]),
        promises=[Promise.from_dict(raw) for raw in document["promises"]],
        alliance=[AllianceItem.from_dict(raw) for raw in document["alliance"]],
    )


def _ics_description(ctx: SummaryContext) -> str:
    """Only open promises, as the client may see them (the invite goes to the client)."""
    lines = [f"Follow-up to session {ctx.session.number}."]
    open_promises = sorted((p for p in ctx.promises if p.is_open), key=made_order)
    if open_promises:
        lines.append("Open promises:")
    for promise in open_promises:
        who = (
            clean_text(ctx.client.display_name, keep_newlines=False)
            if promise.owner is Owner.CLIENT
            else COACH_LABEL
        )
        due = f" (by {promise.due.isoformat()})" if promise.due else ""
        text = clean_text(promise.text, keep_newlines=False).strip()
        lines.append(f"- {who}: {text}{due}")
    return "\n".join(lines)


def next_session_ics(ctx: SummaryContext) -> str:
    """An RFC 5545 calendar with one event: the next session booked in this one."""
    ctx = visible_to(ctx, Audience.CLIENT)
    session = ctx.session
    if session.next_session is None:
        raise ValueError("no next session is booked — nothing to invite")
    from icalendar import Calendar, Event  # lazily: it costs start-up time

    start = session.next_session.astimezone(UTC)
    minutes = session.next_session_minutes or session.planned_minutes
    stamp = (session.ended or session.started).astimezone(UTC)
    name = clean_text(ctx.client.display_name, keep_newlines=False).strip() or "your client"

    event = Event()
    event.add("uid", f"{session.id}-next@sessionpad")
    event.add("dtstamp", stamp.replace(microsecond=0))
    event.add("dtstart", start.replace(microsecond=0))
    event.add("dtend", (start + timedelta(minutes=minutes)).replace(microsecond=0))
    event.add("summary", f"Coaching session with {name}")
    event.add("description", _ics_description(ctx))

    calendar = Calendar()
    calendar.add("prodid", "-//sessionpad//sessionpad//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
