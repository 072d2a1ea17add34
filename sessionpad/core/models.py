"""The words of SPEC §2 as plain data: clients, alliance items, sessions, entries, promises.

Every record round-trips through ``to_dict`` / ``from_dict`` with stable field names:
that is the on-disk form and the JSON export form alike (docs/json-format.md).
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import StrEnum
from typing import Any

from sessionpad.core.names import short_name

SCHEMA_VERSION = 1


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def now_local() -> datetime:
    """The current moment as an aware datetime in the machine's local zone."""
    return datetime.now(UTC).astimezone()


def dump_time(moment: datetime) -> dict[str, Any]:
    """Stored as UTC plus the local offset, so a clock or zone change never reorders anything."""
    offset = moment.utcoffset() or timedelta(0)
    return {
        "utc": moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "offset_minutes": int(offset.total_seconds() // 60),
    }


def load_time(raw: dict[str, Any]) -> datetime:
    # fromisoformat reads the stored "…Z" form ~40× faster than strptime, which matters
    # when a data dir holds thousands of sessions and promises.
    utc = datetime.fromisoformat(raw["utc"])
    if utc.utcoffset() != timedelta(0):
        raise ValueError(f"stored time {raw['utc']!r} is not UTC")
    return utc.astimezone(_zone(int(raw.get("offset_minutes", 0))))


@functools.cache
def _zone(offset_minutes: int) -> timezone:
    # One zone object per offset: datetimes sharing a tzinfo compare ~10× faster, which
    # is most of the cost of sorting a long history of sessions.
    return timezone(timedelta(minutes=offset_minutes))


def _dump_opt_time(moment: datetime | None) -> dict[str, Any] | None:
    return None if moment is None else dump_time(moment)


def _load_opt_time(raw: dict[str, Any] | None) -> datetime | None:
    return None if raw is None else load_time(raw)


def _dump_opt_date(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _load_opt_date(raw: str | None) -> date | None:
    return None if raw is None else date.fromisoformat(raw)


def dump_clock(at: time | None) -> str | None:
    """A time of day with no date or zone, as ``"14:00"``."""
    return None if at is None else at.strftime("%H:%M")


def load_clock(raw: object) -> time | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise ValueError(f"a time of day is written as HH:MM, not {raw!r}")
    return time.fromisoformat(raw)


class EntryKind(StrEnum):
    NOTE = "note"
    INSIGHT = "insight"
    QUESTION = "question"
    PRIVATE = "private"
    ALLIANCE = "alliance"
    PITSTOP = "pitstop"
    PROMISE_MADE = "promise_made"
    PROMISE_RESOLVED = "promise_resolved"
    PHASE = "phase"
    #: A kind a newer sessionpad wrote: the entry is kept and shown as unknown.
    UNKNOWN = "unknown"


KNOWN_KINDS = frozenset(kind.value for kind in EntryKind if kind is not EntryKind.UNKNOWN)


class Owner(StrEnum):
    COACH = "coach"
    CLIENT = "client"


class PromiseStatus(StrEnum):
    OPEN = "open"
    KEPT = "kept"
    MISSED = "missed"
    RENEGOTIATED = "renegotiated"
    RELEASED = "released"


class AllianceState(StrEnum):
    NOT_DISCUSSED = "not_discussed"
    AGREED = "agreed"
    REVISIT = "revisit"


class SessionStatus(StrEnum):
    LIVE = "live"
    ENDED = "ended"
    INTERRUPTED = "interrupted"


class Audience(StrEnum):
    CLIENT = "client"
    COACH = "coach"


class PromptSource(StrEnum):
    BUILTIN = "builtin"
    CUSTOM = "custom"


@dataclass
class Client:
    name: str
    preferred_name: str = ""
    pronouns: str = ""
    language: str = ""
    context: str = ""
    id: str = field(default_factory=new_id)
    # For the coach's coaching log (ICF's client coaching log).
    email: str = ""
    pro_bono: bool = False
    #: 1 is individual coaching; more is a group of that many.
    group_size: int = 1
    may_be_named: bool = True

    @property
    def is_group(self) -> bool:
        return self.group_size > 1

    #: Off Home and the client list, every record kept; restoring brings them back.
    archived: bool = False

    @property
    def display_name(self) -> str:
        """What the coach calls the client: the preferred name, else the first given name
        (never a title: "Dr. Maria Lopez" is Maria)."""
        if self.preferred_name.strip():
            return self.preferred_name
        return short_name(self.name)

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "preferred_name": self.preferred_name,
            "pronouns": self.pronouns,
            "language": self.language,
            "context": self.context,
            "email": self.email,
            "pro_bono": self.pro_bono,
            "group_size": self.group_size,
            "may_be_named": self.may_be_named,
        }
        # Written only when set, so a client who was never archived exports as before.
        if self.archived:
            record["archived"] = True
        return record

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Client:
        return cls(
            id=raw["id"],
            name=raw["name"],
            preferred_name=raw.get("preferred_name", ""),
            pronouns=raw.get("pronouns", ""),
            language=raw.get("language", ""),
            context=raw.get("context", ""),
            email=raw.get("email", ""),
            pro_bono=bool(raw.get("pro_bono", False)),
            group_size=int(raw.get("group_size", 1)),
            may_be_named=bool(raw.get("may_be_named", True)),
            archived=raw.get("archived", False) is True,
        )


@dataclass
class AllianceItem:
    """One agreement of a client's designed alliance. ``key`` is the short id (``conf``)."""

    key: str
    title: str
    state: AllianceState = AllianceState.NOT_DISCUSSED
    last_agreed: date | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "state": self.state.value,
            "last_agreed": _dump_opt_date(self.last_agreed),
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> AllianceItem:
        return cls(
            key=raw["key"],
            title=raw["title"],
            state=AllianceState(raw.get("state", AllianceState.NOT_DISCUSSED)),
            last_agreed=_load_opt_date(raw.get("last_agreed")),
            note=raw.get("note", ""),
        )


@dataclass
class Phase:
    name: str
    minutes: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "minutes": self.minutes}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Phase:
        return cls(name=raw["name"], minutes=int(raw["minutes"]))


@dataclass
class Entry:
    """One timestamped thing on a session's timeline, ordered by ``seq`` (never by clock).

    ``data`` carries what a kind needs beyond text: ``promise_id`` for promise entries,
    ``item_key``/``state`` for alliance changes, ``phase`` for phase changes, and
    ``rating``/``working``/``change``/``prompts`` for a pit-stop.

    An entry of a kind this sessionpad doesn't know has kind ``UNKNOWN`` and keeps the
    kind as written in ``unknown_kind``, so saving it again loses nothing.
    """

    seq: int
    kind: EntryKind
    text: str
    at: datetime
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    unknown_kind: str = ""

    @property
    def unknown_label(self) -> str:
        """How an entry of a kind this sessionpad doesn't know reads: ``(unknown kind 'foo')``."""
        return f"(unknown kind {self.unknown_kind!r})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "kind": self.unknown_kind or self.kind.value,
            "text": self.text,
            "at": dump_time(self.at),
            "tags": list(self.tags),
            "data": dict(self.data),
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Entry:
        kind = raw["kind"]
        known = kind in KNOWN_KINDS
        return cls(
            seq=int(raw["seq"]),
            kind=EntryKind(kind) if known else EntryKind.UNKNOWN,
            text=raw.get("text", ""),
            at=load_time(raw["at"]),
            tags=list(raw.get("tags", [])),
            data=dict(raw.get("data", {})),
            unknown_kind="" if known else str(kind),
        )


@dataclass
class Session:
    """One meeting with a client. Entries are kept in ``seq`` order."""

    client_id: str
    planned_minutes: int
    started: datetime
    phases: list[Phase]
    number: int = 1
    status: SessionStatus = SessionStatus.LIVE
    ended: datetime | None = None
    pit_stop_minute: int | None = None
    next_session: datetime | None = None
    next_session_minutes: int | None = None
    pit_stop_rating: int | None = None
    entries: list[Entry] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    #: Minutes the clock stood still (a client stepped away), and since when it stands now.
    paused_minutes: float = 0.0
    paused_since: datetime | None = None

    @property
    def pit_stop_at(self) -> int:
        """Minute of the pit-stop nudge: the configured one, else half the planned time."""
        return (
            self.pit_stop_minute if self.pit_stop_minute is not None else self.planned_minutes // 2
        )

    @property
    def next_seq(self) -> int:
        return self.entries[-1].seq + 1 if self.entries else 1

    def header_dict(self) -> dict[str, Any]:
        """Everything but the entries: what an index of sessions needs."""
        return {
            "id": self.id,
            "client_id": self.client_id,
            "number": self.number,
            "planned_minutes": self.planned_minutes,
            "started": dump_time(self.started),
            "ended": _dump_opt_time(self.ended),
            "status": self.status.value,
            "phases": [phase.to_dict() for phase in self.phases],
            "pit_stop_minute": self.pit_stop_minute,
            "next_session": _dump_opt_time(self.next_session),
            "next_session_minutes": self.next_session_minutes,
            "pit_stop_rating": self.pit_stop_rating,
            "paused_minutes": self.paused_minutes,
            "paused_since": _dump_opt_time(self.paused_since),
        }

    def to_dict(self) -> dict[str, Any]:
        return {**self.header_dict(), "entries": [entry.to_dict() for entry in self.entries]}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Session:
        entries = sorted((Entry.from_dict(item) for item in raw.get("entries", [])), key=_by_seq)
        return cls(
            id=raw["id"],
            client_id=raw["client_id"],
            number=int(raw.get("number", 1)),
            planned_minutes=int(raw["planned_minutes"]),
            started=load_time(raw["started"]),
            ended=_load_opt_time(raw.get("ended")),
            status=SessionStatus(raw.get("status", SessionStatus.LIVE)),
            phases=[Phase.from_dict(item) for item in raw.get("phases", [])],
            pit_stop_minute=raw.get("pit_stop_minute"),
            next_session=_load_opt_time(raw.get("next_session")),
            next_session_minutes=raw.get("next_session_minutes"),
            pit_stop_rating=raw.get("pit_stop_rating"),
            entries=entries,
            paused_minutes=float(raw.get("paused_minutes", 0.0)),
            paused_since=_load_opt_time(raw.get("paused_since")),
        )


def _by_seq(entry: Entry) -> int:
    return entry.seq


@dataclass
class Renegotiation:
    at: datetime
    previous_due: date | None
    new_due: date | None
    session_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": dump_time(self.at),
            "previous_due": _dump_opt_date(self.previous_due),
            "new_due": _dump_opt_date(self.new_due),
            "session_id": self.session_id,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Renegotiation:
        return cls(
            at=load_time(raw["at"]),
            previous_due=_load_opt_date(raw.get("previous_due")),
            new_due=_load_opt_date(raw.get("new_due")),
            session_id=raw.get("session_id"),
        )


OPEN_STATUSES = frozenset({PromiseStatus.OPEN, PromiseStatus.RENEGOTIATED})


@dataclass
class Promise:
    """A commitment by the coach or the client.

    A renegotiated promise keeps its new due date and stays open for follow-up; kept,
    missed and released promises are closed.
    """

    client_id: str
    owner: Owner
    text: str
    made_at: datetime
    made_in: str | None = None
    due: date | None = None
    status: PromiseStatus = PromiseStatus.OPEN
    resolved_in: str | None = None
    resolved_at: datetime | None = None
    resolution_note: str = ""
    renegotiations: list[Renegotiation] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    due_time: time | None = None  # "by friday 2pm": the time on the due day, if named

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due is not None and self.due < today

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "client_id": self.client_id,
            "owner": self.owner.value,
            "text": self.text,
            "made_at": dump_time(self.made_at),
            "made_in": self.made_in,
            "due": _dump_opt_date(self.due),
            "due_time": dump_clock(self.due_time),
            "status": self.status.value,
            "resolved_in": self.resolved_in,
            "resolved_at": _dump_opt_time(self.resolved_at),
            "resolution_note": self.resolution_note,
            "renegotiations": [item.to_dict() for item in self.renegotiations],
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Promise:
        return cls(
            id=raw["id"],
            client_id=raw["client_id"],
            owner=Owner(raw["owner"]),
            text=raw["text"],
            made_at=load_time(raw["made_at"]),
            made_in=raw.get("made_in"),
            due=_load_opt_date(raw.get("due")),
            due_time=load_clock(raw.get("due_time")),
            status=PromiseStatus(raw.get("status", PromiseStatus.OPEN)),
            resolved_in=raw.get("resolved_in"),
            resolved_at=_load_opt_time(raw.get("resolved_at")),
            resolution_note=raw.get("resolution_note", ""),
            renegotiations=[
                Renegotiation.from_dict(item) for item in raw.get("renegotiations", [])
            ],
        )


def made_order(promise: Promise) -> datetime:
    """Sort key for promises, oldest first. Python's sort is stable, so promises made in
    the same instant keep the order they were stored in, never an order by random id."""
    return promise.made_at


@dataclass
class Prompt:
    """A question card. Built-in prompts can be hidden (``retired``) but never edited."""

    text: str
    category: str
    source: PromptSource = PromptSource.BUILTIN
    favourite: bool = False
    retired: bool = False
    id: str = field(default_factory=new_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "category": self.category,
            "source": self.source.value,
            "favourite": self.favourite,
            "retired": self.retired,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Prompt:
        return cls(
            id=raw["id"],
            text=raw["text"],
            category=raw["category"],
            source=PromptSource(raw.get("source", PromptSource.BUILTIN)),
            favourite=bool(raw.get("favourite", False)),
            retired=bool(raw.get("retired", False)),
        )
