"""A client's history (SPEC §3 item 6): every session, newest first, with what it held.

Decisions:
- The rows come from the session index and the client's promises, which are cheap to read;
  how many entries a session holds needs its own file, so :func:`entry_counts` is separate
  and the screen fills that column after the list is already on show.
- A session's length is how long it ran when it ended; an unfinished one shows its plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sessionpad.core.models import Promise, Session, SessionStatus
from sessionpad.storage.store import StorageError, Store


@dataclass(frozen=True)
class HistoryRow:
    session: Session
    promises_made: int
    promises_resolved: int

    @property
    def minutes(self) -> int:
        return session_minutes(self.session)

    @property
    def finished(self) -> bool:
        return self.session.status is SessionStatus.ENDED

    @property
    def status_label(self) -> str:
        if self.finished:
            return "ended"
        return "interrupted" if self.session.status is SessionStatus.INTERRUPTED else "unfinished"


def session_minutes(session: Session) -> int:
    """Minutes the session ran, or the minutes planned while it has no end."""
    if session.ended is None:
        return session.planned_minutes
    return max(0, round((session.ended - session.started).total_seconds() / 60))


def client_history(store: Store, client_id: str) -> list[HistoryRow]:
    """The client's sessions, newest first, with the promises made and resolved in each."""
    if store.client(client_id) is None:
        raise ValueError("that client is not on record")
    headers = store.session_headers(client_id)
    made, resolved = _promise_counts(store.promises(client_id))
    rows = [
        HistoryRow(header, made.get(header.id, 0), resolved.get(header.id, 0)) for header in headers
    ]
    rows.sort(key=lambda row: (row.session.started, row.session.number), reverse=True)
    return rows


def _promise_counts(promises: Iterable[Promise]) -> tuple[dict[str, int], dict[str, int]]:
    made: dict[str, int] = {}
    resolved: dict[str, int] = {}
    for promise in promises:
        if promise.made_in:
            made[promise.made_in] = made.get(promise.made_in, 0) + 1
        if promise.resolved_in:
            resolved[promise.resolved_in] = resolved.get(promise.resolved_in, 0) + 1
    return made, resolved


def entry_counts(store: Store, session_ids: Iterable[str]) -> Iterator[tuple[str, int | None]]:
    """How many entries each session holds, one file at a time; None for one that can't be
    read (the store names the problem), so one damaged file doesn't hide the others."""
    for session_id in session_ids:
        try:
            yield session_id, len(store.load_session(session_id).entries)
        except StorageError:
            yield session_id, None


def history_table(store: Store, client_id: str) -> list[tuple[str, ...]]:
    """The history as text columns for the command line: every file read, counts complete."""
    rows = client_history(store, client_id)
    counts = dict(entry_counts(store, [row.session.id for row in rows]))
    table: list[tuple[str, ...]] = []
    for row in rows:
        session = row.session
        count = counts.get(session.id)
        promises = " · ".join(
            part
            for part in (
                f"{row.promises_made} made" if row.promises_made else "",
                f"{row.promises_resolved} resolved" if row.promises_resolved else "",
            )
            if part
        )
        table.append(
            (
                f"#{session.number}",
                f"{session.started:%a %d %b %Y %H:%M}",
                f"{row.minutes} min",
                row.status_label,
                "unreadable" if count is None else str(count),
                promises or "—",
                session.id,
            )
        )
    return table
