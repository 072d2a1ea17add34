"""Correcting the record (SPEC §4a): undo, recall, edit, delete, make private, change kind.

Every correction names one timeline entry by its number (its ``seq``) and changes exactly
that entry — plus what the entry itself stands for: deleting a promise made removes the
promise (gone, not released) and this session's resolutions of it; taking back ``/kept``
reopens the promise; taking back ``/agree`` restores the item as it was.

Durability is that of a capture: each change of a session file is one atomic write, so
after a crash the file holds the old entry or the new one, never neither. A promise's own
record (in the client's file) is written first: summaries list promises from those
records, so a crash between the two writes can leave at worst a stale line in the coach's
timeline, never a deleted promise in the client's summary.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from sessionpad.core import capture as cap
from sessionpad.core.checker import Flag, check_question
from sessionpad.core.models import (
    AllianceItem,
    AllianceState,
    Client,
    Entry,
    EntryKind,
    Owner,
    Promise,
    PromiseStatus,
    Session,
    dump_clock,
    load_clock,
)
from sessionpad.core.promises import reopen
from sessionpad.core.sanitize import one_line
from sessionpad.storage.store import Store

#: Kinds whose text the coach typed and can rewrite from the bar.
NOTE_KINDS = frozenset({EntryKind.NOTE, EntryKind.INSIGHT, EntryKind.QUESTION, EntryKind.PRIVATE})
EDITABLE_KINDS = NOTE_KINDS | {EntryKind.PROMISE_MADE}

_PREFIXES = {
    EntryKind.NOTE: "",
    EntryKind.INSIGHT: "* ",
    EntryKind.QUESTION: "? ",
    EntryKind.PRIVATE: "~ ",
}
_KIND_WORDS = {
    EntryKind.NOTE: "a note",
    EntryKind.INSIGHT: "an insight",
    EntryKind.QUESTION: "a question",
    EntryKind.PRIVATE: "a private note",
    EntryKind.PROMISE_MADE: "a promise",
    EntryKind.PROMISE_RESOLVED: "a promise's follow-up",
    EntryKind.ALLIANCE: "an agreement",
    EntryKind.PHASE: "a phase change",
    EntryKind.PITSTOP: "a pit-stop",
    # A newer sessionpad's entry, kept as it is (core/validate.py): deletable, not editable.
    EntryKind.UNKNOWN: "of a kind this version doesn't know",
}


class SessionRecord(Protocol):
    """What a correction works on: a live session, or a finished one opened for corrections."""

    store: Store
    client: Client
    session: Session
    promises: list[Promise]
    alliance: list[AllianceItem]

    @property
    def today(self) -> date: ...


@dataclass(frozen=True)
class Corrected:
    """What a correction did, in one line; ``bar_text`` goes back to the capture bar and,
    when ``editing`` is set, enter there saves over that entry."""

    message: str
    bar_text: str | None = None
    editing: int | None = None
    flags: tuple[Flag, ...] = ()


def correct(record: SessionRecord, command: cap.Correction) -> Corrected:
    """Carry out one correction; ValueError (one line) when it does not apply."""
    match command:
        case cap.Undo():
            return undo(record)
        case cap.Recall():
            return recall(record)
        case cap.EditEntry(number=number, text=None):
            return recall(record, entry_numbered(record.session, number))
        case cap.EditEntry(number=number, text=str(text)):
            return rewrite(record, number, text)
        case cap.DeleteEntry(number=number):
            entry = entry_numbered(record.session, number)
            _take_back(record, entry)
            return Corrected(f"deleted #{number}: {_short(entry.text)}")
        case cap.MakePrivate(number=number):
            return set_kind(record, number, EntryKind.PRIVATE)
        case cap.SetKind(number=number, kind=kind):
            return set_kind(record, number, kind)
    raise ValueError(f"nothing corrects with {command!r}")


# ── finding ─────────────────────────────────────────────────────────────────────


def entry_numbered(session: Session, number: int) -> Entry:
    for entry in session.entries:
        if entry.seq == number:
            return entry
    if not session.entries:
        raise ValueError("the timeline is empty — nothing to correct yet")
    raise ValueError(f"no entry #{number} on the timeline (the small numbers at line starts)")


def promise_of(record: SessionRecord, entry: Entry) -> Promise | None:
    promise_id = entry.data.get("promise_id")
    return next((p for p in record.promises if p.id == promise_id), None)


def bar_text(entry: Entry, promise: Promise | None = None) -> str | None:
    """The entry as the coach would type it, so enter re-creates it; None if not typed."""
    if entry.kind in NOTE_KINDS:
        text = entry.text
        if entry.kind is EntryKind.NOTE and text.startswith("/"):
            return "/" + text  # "//x" is the note "/x"
        return _PREFIXES[entry.kind] + text
    if entry.kind is EntryKind.PROMISE_MADE:
        owner = promise.owner if promise else Owner(entry.data.get("owner", Owner.CLIENT))
        due = promise.due if promise else _due_of(entry)
        at = promise.due_time if promise else load_clock(entry.data.get("due_time"))
        prefix = "!me " if owner is Owner.COACH else "! "
        text = promise.text if promise else entry.text
        when = f" by {due.isoformat()}" + (f" {at:%H:%M}" if at else "") if due else ""
        return prefix + text + when
    if entry.kind is EntryKind.ALLIANCE and "item_key" in entry.data:
        verb = "agree" if entry.data.get("state") == AllianceState.AGREED.value else "revisit"
        return f"/{verb} {entry.data['item_key']}"
    if entry.kind is EntryKind.PHASE:
        return f"/phase {entry.text}"
    return None


# ── the corrections ───────────────────────────────────────────────────────────


def undo(record: SessionRecord) -> Corrected:
    """Take back the last entry; its text comes back for retyping."""
    if not record.session.entries:
        raise ValueError("nothing to take back yet")
    entry = record.session.entries[-1]
    text = bar_text(entry, promise_of(record, entry))
    if entry.kind is EntryKind.UNKNOWN:
        # Nothing could type it back: taking it back would lose it. /delete is deliberate.
        raise ValueError(
            f"#{entry.seq} is {_KIND_WORDS[entry.kind]} — /delete {entry.seq} if you mean it"
        )
    _take_back(record, entry)
    return Corrected(f"took back #{entry.seq}: {_short(entry.text)}", bar_text=text)


def recall(record: SessionRecord, entry: Entry | None = None) -> Corrected:
    """An entry (by default the last one typed) into the bar, to be saved over in place."""
    if entry is None:
        typed = [e for e in record.session.entries if e.kind in EDITABLE_KINDS]
        if not typed:
            raise ValueError("no note or promise to bring back yet")
        entry = typed[-1]
    elif entry.kind not in EDITABLE_KINDS:
        raise ValueError(
            f"#{entry.seq} is {_KIND_WORDS[entry.kind]} — only notes, insights, questions, "
            "private notes and promises can be edited (/delete takes any entry back)"
        )
    return Corrected(
        f"editing #{entry.seq} — enter saves it in place, esc leaves it as it was",
        bar_text=bar_text(entry, promise_of(record, entry)),
        editing=entry.seq,
    )


def rewrite(record: SessionRecord, number: int, raw: str) -> Corrected:
    """Save ``raw`` (capture-bar grammar) over entry ``number``: same seq, same time."""
    entry = entry_numbered(record.session, number)
    if entry.kind not in EDITABLE_KINDS:
        recall(record, entry)  # raises the message saying what can be edited
    promise = promise_of(record, entry) if entry.kind is EntryKind.PROMISE_MADE else None
    parsed = cap.parse_capture(raw, _anchor_day(record.today, raw, promise))
    match parsed:
        case cap.NoteCapture(kind=kind, text=text, tags=tags) if entry.kind in NOTE_KINDS:
            flags = check_question(text) if kind is EntryKind.QUESTION else ()
            _replace(record, replace(entry, kind=kind, text=text, tags=list(tags)))
            note = f" · {flags[0].reason} — {flags[0].rewrite}" if flags else ""
            return Corrected(f"#{number} corrected{note}", flags=flags)
        case cap.PromiseCapture() if entry.kind is EntryKind.PROMISE_MADE:
            return _rewrite_promise(record, entry, promise, parsed)
    was = _KIND_WORDS[entry.kind]
    if entry.kind is EntryKind.PROMISE_MADE:
        hint = "keep ! or !me at the start"
    else:
        hint = (
            "/delete it and type the promise anew" if isinstance(parsed, cap.PromiseCapture) else ""
        )
        hint = hint or "a note takes text, not a command"
    raise ValueError(f"#{number} is {was} — {hint}")


def set_kind(record: SessionRecord, number: int, kind: EntryKind) -> Corrected:
    entry = entry_numbered(record.session, number)
    if entry.kind not in NOTE_KINDS:
        raise ValueError(
            f"#{number} is {_KIND_WORDS[entry.kind]} — only notes, insights, "
            "questions and private notes change kind"
        )
    if entry.kind is kind:
        return Corrected(f"#{number} is already {_KIND_WORDS[kind]}")
    _replace(record, replace(entry, kind=kind))
    return Corrected(f"#{number} is now {_KIND_WORDS[kind]}")


# ── taking an entry back ──────────────────────────────────────────────────────


def _take_back(record: SessionRecord, entry: Entry) -> None:
    match entry.kind:
        case EntryKind.PROMISE_MADE:
            _delete_promise_made(record, entry)
        case EntryKind.PROMISE_RESOLVED:
            _take_back_resolution(record, entry)
            _remove(record, [entry.seq])
        case EntryKind.ALLIANCE:
            _take_back_alliance(record, entry)
            _remove(record, [entry.seq])
        case EntryKind.PITSTOP:
            _remove(record, [entry.seq])
            _recount_pit_stop(record)
        case EntryKind.QUESTION if entry.data.get("prompt_id"):
            _remove(record, [entry.seq])
            _forget_asked(record, str(entry.data["prompt_id"]))
        case _:
            _remove(record, [entry.seq])


def _delete_promise_made(record: SessionRecord, entry: Entry) -> None:
    """The promise is gone, as if never made; so are this session's resolutions of it."""
    session = record.session
    promise = promise_of(record, entry)
    if promise is not None:
        if promise.resolved_in not in (None, session.id):
            raise ValueError(
                f"#{entry.seq}: that promise was settled in a later session — "
                "correct it there first"
            )
        record.store.delete_promise(promise.client_id, promise.id)
        record.promises.remove(promise)
    promise_id = entry.data.get("promise_id")
    related = [
        e.seq
        for e in session.entries
        if e.kind is EntryKind.PROMISE_RESOLVED and e.data.get("promise_id") == promise_id
    ]
    _remove(record, [entry.seq, *related])


def _take_back_resolution(record: SessionRecord, entry: Entry) -> None:
    """``/kept``, ``/missed``, ``/release`` or ``/renegotiate`` taken back: the promise is as
    it was before. Only the latest resolution can be taken back (the promise must still be
    in the state this entry put it in); one already reopened is left alone."""
    promise = promise_of(record, entry)
    if promise is None:
        return
    status = entry.data.get("status")
    renegotiated = status == PromiseStatus.RENEGOTIATED.value
    latest = promise.status.value == status and promise.resolved_in == record.session.id
    if renegotiated:
        latest = latest and entry.data.get("due") == _iso(promise.due)
    if not latest:
        if promise.is_open and not renegotiated:
            return  # already reopened: only the line is left to remove
        raise ValueError(
            f"#{entry.seq}: that promise is {promise.status.value} now — take that back first"
        )
    updated = deepcopy(promise)
    if renegotiated:
        if not updated.renegotiations:
            return
        last = updated.renegotiations.pop()
        updated.due = last.previous_due
        updated.due_time = load_clock(entry.data.get("previous_due_time"))
        reopen(updated)
        if updated.renegotiations:
            updated.resolved_in = updated.renegotiations[-1].session_id
    else:
        reopen(updated)
    record.store.save_promise(updated)
    promise.__dict__.update(updated.__dict__)


def _take_back_alliance(record: SessionRecord, entry: Entry) -> None:
    previous = entry.data.get("previous")
    key = entry.data.get("item_key")
    current = next((item for item in record.alliance if item.key == key), None)
    if current is None:
        return
    if not isinstance(previous, dict):
        raise ValueError(
            f"#{entry.seq} was recorded before agreements could be taken back — "
            "/agree or /revisit sets it"
        )
    if current.state.value != entry.data.get("state"):
        raise ValueError(f"#{entry.seq}: {current.title} has changed since — set it with /agree")
    restored = AllianceItem.from_dict(previous)
    alliance = [restored if item.key == key else item for item in record.alliance]
    record.store.save_alliance(record.client.id, alliance)
    record.alliance = alliance


def _forget_asked(record: SessionRecord, prompt_id: str) -> None:
    """A deck card logged as asked by mistake: the deck may offer it again."""
    still_asked = any(e.data.get("prompt_id") == prompt_id for e in record.session.entries)
    if not still_asked:
        record.store.forget_asked(record.client.id, prompt_id, record.session.id)


def _recount_pit_stop(record: SessionRecord) -> None:
    session = record.session
    ratings = [
        e.data.get("rating")
        for e in session.entries
        if e.kind is EntryKind.PITSTOP and e.data.get("rating") is not None
    ]
    rating = ratings[-1] if ratings else None
    if rating != session.pit_stop_rating:
        updated = deepcopy(session)
        updated.pit_stop_rating = rating
        record.store.save_session_header(updated)
        session.pit_stop_rating = rating


# ── writing ─────────────────────────────────────────────────────────────────────


def _rewrite_promise(
    record: SessionRecord, entry: Entry, promise: Promise | None, parsed: cap.PromiseCapture
) -> Corrected:
    if promise is not None:
        updated = deepcopy(promise)
        updated.owner, updated.text, updated.due = parsed.owner, parsed.text, parsed.due
        updated.due_time = parsed.due_time
        record.store.save_promise(updated)
        promise.__dict__.update(updated.__dict__)
    data = {
        **entry.data,
        "owner": parsed.owner.value,
        "due": parsed.due.isoformat() if parsed.due else None,
        "due_time": dump_clock(parsed.due_time),
    }
    _replace(record, replace(entry, text=parsed.text, tags=list(parsed.tags), data=data))
    return Corrected(f"#{entry.seq} corrected")


def _replace(record: SessionRecord, entry: Entry) -> None:
    record.store.replace_entry(record.session.id, entry)
    entries = record.session.entries
    entries[next(i for i, e in enumerate(entries) if e.seq == entry.seq)] = entry


def _remove(record: SessionRecord, seqs: list[int]) -> None:
    record.store.delete_entries(record.session.id, seqs)
    gone = set(seqs)
    record.session.entries[:] = [e for e in record.session.entries if e.seq not in gone]


def _anchor_day(today: date, raw: str, promise: Promise | None) -> date:
    """The day WHEN phrases count from. A promise's own due date, already past (a finished
    session corrected later), stays acceptable when the bar still names it."""
    due = promise.due if promise else None
    if due is not None and due < today and f"by {due.isoformat()}" in raw:
        return due
    return today


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _due_of(entry: Entry) -> date | None:
    raw = entry.data.get("due")
    return date.fromisoformat(raw) if isinstance(raw, str) else None


def _short(text: str) -> str:
    return one_line(text, 40)
