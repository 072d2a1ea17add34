"""The coach's own word: how the promises the coach made were kept, over a recent window.

Honouring one's word is a trust practice no other tool tracks. A promise the coach kept
counts as on time when it was resolved by the end of its due day (or by its due time, when
one was named) — after a renegotiation, the due date agreed last. A promise with no due
date that was kept is on time: there was nothing to be late for. Released promises are an
agreement, not a lapse, and are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sessionpad.core.models import OPEN_STATUSES, Owner, Promise, PromiseStatus
from sessionpad.core.validate import InvalidRecord, check_promise

#: The window Home and the brief look back over.
RECORD_DAYS = 90


@dataclass(frozen=True)
class CoachRecord:
    kept_on_time: int = 0
    kept_late: int = 0
    missed: int = 0
    #: Still open now, whenever made: an old open promise is still the coach's word.
    open: int = 0
    #: Of the open ones, those past their due date.
    overdue: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.kept_on_time or self.kept_late or self.missed or self.open)

    @property
    def resolved(self) -> int:
        return self.kept_on_time + self.kept_late + self.missed


def kept_on_time(promise: Promise) -> bool:
    """Whether a kept promise was resolved by its due day (or due time, when named)."""
    if promise.due is None or promise.resolved_at is None:
        return True
    resolved = promise.resolved_at
    if promise.due_time is None:
        return resolved.date() <= promise.due
    deadline = datetime.combine(promise.due, promise.due_time, tzinfo=resolved.tzinfo)
    return resolved <= deadline


def coach_record(
    promises: Iterable[Promise],
    today: date,
    *,
    days: int = RECORD_DAYS,
    client_id: str | None = None,
) -> CoachRecord:
    """The coach's promises resolved in the last ``days`` days (today included), and the
    ones open now; ``client_id`` narrows it to one client."""
    since = today - timedelta(days=days - 1)
    counts = {"kept_on_time": 0, "kept_late": 0, "missed": 0, "open": 0, "overdue": 0}
    for promise in promises:
        if promise.owner is not Owner.COACH:
            continue
        if client_id is not None and promise.client_id != client_id:
            continue
        if promise.is_open:
            counts["open"] += 1
            counts["overdue"] += promise.is_overdue(today)
            continue
        if promise.resolved_at is None or not since <= promise.resolved_at.date() <= today:
            continue
        if promise.status is PromiseStatus.MISSED:
            counts["missed"] += 1
        elif promise.status is PromiseStatus.KEPT:
            counts["kept_on_time" if kept_on_time(promise) else "kept_late"] += 1
    return CoachRecord(**counts)


def recent_coach_promises(
    records: Iterable[dict[str, Any]], today: date, *, days: int = RECORD_DAYS
) -> list[Promise]:
    """From raw stored records, the coach's promises a record needs: the open ones and those
    resolved in the window. Only these are checked and converted, so Home's cost doesn't grow
    with every promise ever made; a record that fails its check is left out, as the store
    leaves it out."""
    # A day's slack: the window is in local days, the stored moment in UTC.
    since = (today - timedelta(days=days)).isoformat()
    open_states = {status.value for status in OPEN_STATUSES}
    chosen = []
    for raw in records:
        if raw.get("owner") != Owner.COACH.value:
            continue
        resolved = raw.get("resolved_at")
        recent = isinstance(resolved, dict) and str(resolved.get("utc", "")) >= since
        if raw.get("status", PromiseStatus.OPEN.value) not in open_states and not recent:
            continue
        try:
            check_promise(raw, "promise")
            chosen.append(Promise.from_dict(raw))
        except (InvalidRecord, ValueError, KeyError, TypeError):
            continue
    return chosen


def describe_record(record: CoachRecord) -> str:
    """One line: ``4 kept on time · 1 late · 1 missed · 2 open (1 overdue)``."""
    if record.is_empty:
        return "no promises of yours yet — make one with  !me … by WHEN"
    parts = [f"{record.kept_on_time} kept on time", f"{record.kept_late} late"]
    parts.append(f"{record.missed} missed")
    opened = f"{record.open} open"
    if record.overdue:
        opened += f" ({record.overdue} overdue)"
    parts.append(opened)
    return " · ".join(parts)
