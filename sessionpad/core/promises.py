"""The promise lifecycle and the carry-over query that starts every session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sessionpad.core.models import Promise, PromiseStatus, Renegotiation, made_order


class PromiseStateError(ValueError):
    """A resolution that does not apply, e.g. keeping a promise already released."""


@dataclass(frozen=True)
class FollowUp:
    promise: Promise
    overdue: bool


def carried_over(
    promises: list[Promise], today: date, *, before_session: str | None = None
) -> list[FollowUp]:
    """Every open promise of the coach and the client, oldest first, overdue flagged.

    ``before_session`` leaves out promises made in that session (today's are not follow-ups).
    """
    open_ones = [
        p for p in promises if p.is_open and (before_session is None or p.made_in != before_session)
    ]
    open_ones.sort(key=made_order)
    return [FollowUp(p, p.is_overdue(today)) for p in open_ones]


def relevant_promises(promises: list[Promise], session_id: str) -> list[Promise]:
    """What a session's summary speaks of: made in it, resolved in it, or still open."""
    return [
        p for p in promises if p.made_in == session_id or p.resolved_in == session_id or p.is_open
    ]


def resolve(
    promise: Promise,
    status: PromiseStatus,
    *,
    at: datetime,
    session_id: str | None,
    note: str = "",
) -> None:
    """Close an open promise as kept, missed or released."""
    if status not in (PromiseStatus.KEPT, PromiseStatus.MISSED, PromiseStatus.RELEASED):
        raise PromiseStateError(f"a promise can't be resolved as {status.value}")
    _require_open(promise)
    promise.status = status
    promise.resolved_at = at
    promise.resolved_in = session_id
    promise.resolution_note = note


def renegotiate(
    promise: Promise,
    new_due: date | None,
    *,
    at: datetime,
    session_id: str | None,
    new_time: time | None = None,
) -> None:
    """Agree a new due date; the promise stays open and is followed up again."""
    _require_open(promise)
    promise.renegotiations.append(Renegotiation(at, promise.due, new_due, session_id))
    promise.due = new_due
    promise.due_time = new_time
    promise.status = PromiseStatus.RENEGOTIATED
    promise.resolved_in = session_id


def reopen(promise: Promise) -> None:
    """Undo a resolution made by mistake."""
    promise.status = (
        PromiseStatus.OPEN if not promise.renegotiations else PromiseStatus.RENEGOTIATED
    )
    promise.resolved_at = None
    promise.resolved_in = None
    promise.resolution_note = ""


def _require_open(promise: Promise) -> None:
    if not promise.is_open:
        raise PromiseStateError(f'"{promise.text}" is already {promise.status.value}')
