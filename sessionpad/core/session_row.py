"""The few fields of a session that a list of sessions shows, read straight from an index row.

Home lists the coach's whole history at start-up. Checking and converting every header
(its phases included) into a ``Session`` made that cost grow with the years; these rows
read only what the list shows, and a row that doesn't fit is refused rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sessionpad.core.models import Session, SessionStatus, load_time


class UnfitRow(ValueError):
    """An index row that lacks a field the list shows, or has one of the wrong kind."""


@dataclass(frozen=True)
class SessionRow:
    id: str
    client_id: str
    number: int
    planned_minutes: int
    started: datetime
    ended: datetime | None
    status: SessionStatus

    @classmethod
    def of(cls, header: Session) -> SessionRow:
        return cls(
            header.id,
            header.client_id,
            header.number,
            header.planned_minutes,
            header.started,
            header.ended,
            header.status,
        )

    @classmethod
    def from_index(cls, raw: dict[str, Any], client_id: str) -> SessionRow:
        """The row of ``client_id``'s index file; UnfitRow when it can't be read as is."""
        try:
            ended = raw["ended"]
            row = cls(
                raw["id"],
                raw["client_id"],
                raw["number"],
                raw["planned_minutes"],
                load_time(raw["started"]),
                None if ended is None else load_time(ended),
                SessionStatus(raw["status"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise UnfitRow(f"{type(exc).__name__}: {exc}") from None
        if not (
            isinstance(row.id, str)
            and row.client_id == client_id
            and _whole(row.number)
            and _whole(row.planned_minutes)
        ):
            raise UnfitRow(f"session row {row.id!r} doesn't fit")
        return row


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
