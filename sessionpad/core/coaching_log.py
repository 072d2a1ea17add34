"""The coach's coaching log for credentialing (ICF's client coaching log), from the sessions held.

A coaching hour is sixty minutes of actual coaching, so each session counts with the length
it really had: start to end, or — for a session interrupted and never ended — start to its
last entry. Hours are summed from whole minutes per session and shown to one decimal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from sessionpad.core.models import Client, Session
from sessionpad.core.session_row import SessionRow
from sessionpad.storage.store import Store


@dataclass(frozen=True)
class LoggedSession:
    day: date
    client: Client
    minutes: int

    @property
    def pro_bono(self) -> bool:
        return self.client.pro_bono


@dataclass(frozen=True)
class LogRow:
    """One client relationship over the period: the columns of ICF's template."""

    client: Client
    start: date
    end: date
    paid_minutes: int
    pro_bono_minutes: int


@dataclass(frozen=True)
class CoachingLog:
    rows: list[LogRow]
    #: Clients who did not agree to be named: left off the rows, counted here.
    unnamed_clients: int = 0
    unnamed_paid_minutes: int = 0
    unnamed_pro_bono_minutes: int = 0

    @property
    def paid_minutes(self) -> int:
        return sum(row.paid_minutes for row in self.rows)

    @property
    def pro_bono_minutes(self) -> int:
        return sum(row.pro_bono_minutes for row in self.rows)


def hours(minutes: int) -> str:
    """Minutes as hours to one decimal, halves up as on paper: ``90`` → ``"1.5"``,
    ``195`` → ``"3.3"`` (a float's ``:.1f`` would give 3.2)."""
    exact = Decimal(minutes) / 60
    return str(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def session_minutes(session: Session | SessionRow, last_entry_at: datetime | None = None) -> int:
    """The actual length in whole minutes: to its end, else to its last entry."""
    finish = session.ended or last_entry_at
    if finish is None or finish <= session.started:
        return 0
    return round((finish - session.started).total_seconds() / 60)


def held_sessions(
    store: Store,
    *,
    start: date | None = None,
    end: date | None = None,
    headers: Sequence[Session | SessionRow] | None = None,
) -> list[LoggedSession]:
    """Every session with some coaching in it between ``start`` and ``end`` (inclusive,
    by the local date it began), oldest first. Only a session with no end is opened, to
    find its last entry."""
    clients = {client.id: client for client in store.clients()}
    held = []
    for header in store.session_headers() if headers is None else headers:
        day = header.started.date()
        client = clients.get(header.client_id)
        if client is None or (start and day < start) or (end and day > end):
            continue
        minutes = session_minutes(header, None if header.ended else _last_entry_at(store, header))
        if minutes:
            held.append(LoggedSession(day, client, minutes))
    held.sort(key=lambda item: item.day)
    return held


def _last_entry_at(store: Store, header: Session | SessionRow) -> datetime | None:
    entries = store.load_session(header.id).entries
    return entries[-1].at if entries else None


def build_log(sessions: Iterable[LoggedSession]) -> CoachingLog:
    """One row per client who may be named, alphabetical; the others only counted."""
    by_client: dict[str, list[LoggedSession]] = {}
    for item in sessions:
        by_client.setdefault(item.client.id, []).append(item)
    rows: list[LogRow] = []
    unnamed: list[LogRow] = []
    for held in by_client.values():
        client = held[0].client
        paid = sum(item.minutes for item in held if not item.pro_bono)
        pro_bono = sum(item.minutes for item in held if item.pro_bono)
        row = LogRow(client, min(i.day for i in held), max(i.day for i in held), paid, pro_bono)
        (rows if client.may_be_named else unnamed).append(row)
    rows.sort(key=_by_name)
    return CoachingLog(
        rows,
        unnamed_clients=len(unnamed),
        unnamed_paid_minutes=sum(row.paid_minutes for row in unnamed),
        unnamed_pro_bono_minutes=sum(row.pro_bono_minutes for row in unnamed),
    )


def _by_name(row: LogRow) -> tuple[str, str]:
    return row.client.name.casefold(), row.client.id
