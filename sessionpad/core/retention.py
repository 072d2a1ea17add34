"""Retention: how long a client's records are kept after their last session.

Decisions:
- Off until the coach sets it (stored on its own in core.json, storage/store.py).
- Counted from the day of the client's last session; a client with no session has no
  date to count from, so is never past it.
- Listing is cheap (the session index only), so Home can say when something is past it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sessionpad.core.models import Client, Session
from sessionpad.core.session_row import SessionRow
from sessionpad.storage.store import Store

MAX_RETENTION_YEARS = 100


class RetentionError(ValueError):
    """A retention setting that can't be read; the message is one line."""


@dataclass(frozen=True)
class PastRetention:
    client: Client
    last_session: date
    keep_until: date


def keep_until(last_session: date, years: int) -> date:
    try:
        return last_session.replace(year=last_session.year + years)
    except ValueError:  # 29 February in a year that has none
        return last_session.replace(year=last_session.year + years, day=28)


def past_retention(
    store: Store, today: date, headers: Sequence[Session | SessionRow] | None = None
) -> list[PastRetention]:
    """Clients whose last session is longer ago than the retention setting; none when
    it is off. Oldest first."""
    years = store.retention_years()
    if years is None:
        return []
    last: dict[str, date] = {}
    for header in store.session_headers() if headers is None else headers:
        day = header.started.date()
        if day > last.get(header.client_id, date.min):
            last[header.client_id] = day
    found = []
    for client in store.clients():
        if client.id in last and keep_until(last[client.id], years) < today:
            found.append(PastRetention(client, last[client.id], keep_until(last[client.id], years)))
    return sorted(found, key=lambda row: (row.last_session, row.client.name.casefold()))


def parse_retention_years(raw: str) -> int | None:
    """``off`` or a whole number of years (1–100)."""
    text = raw.strip().casefold()
    if text in ("off", "0", "none"):
        return None
    try:
        years = int(text)
    except ValueError:
        raise RetentionError(f"retention takes a number of years or 'off', not {raw!r}") from None
    if not 1 <= years <= MAX_RETENTION_YEARS:
        raise RetentionError(f"retention must be between 1 and {MAX_RETENTION_YEARS} years, or off")
    return years
