"""A practice's records: archiving a client, deleting one for good, and retention.

Decisions:
- Archiving hides a client from Home and the client list and keeps every record;
  restoring brings them back as they were. Nothing else changes.
- Deleting is erasure, not hiding: every file holding the client's data goes
  (storage/erase.py) and core.json is rewritten without them. The caller confirms first
  (the coach types the client's name, or a script passes ``--yes``).
- Retention is off until the coach sets it: N years after a client's last session. A
  client with no session has no date to count from, so is never past it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sessionpad.core.models import Client, Session
from sessionpad.core.name_match import name_key
from sessionpad.core.summary import summary_file_stem
from sessionpad.storage.erase import Traces
from sessionpad.storage.store import Store

MAX_RETENTION_YEARS = 100


class RecordsError(ValueError):
    """A request about a client's records that can't be carried out; one line."""


def set_archived(store: Store, client: Client, archived: bool) -> Client:
    """Archive or restore ``client``; returns it as saved."""
    updated = replace(client, archived=archived)
    if updated != client:
        store.save_client(updated)
    return updated


def confirms_deletion(client: Client, typed: str) -> bool:
    """Whether what the coach typed is the client's full name (case, accents and
    invisible characters aside)."""
    return bool(name_key(typed)) and name_key(typed) == name_key(client.name)


def delete_client(store: Store, client: Client) -> list[Path]:
    """Erase ``client`` and everything of theirs; returns the files removed."""
    sessions = store.session_headers(client.id)
    names = tuple(dict.fromkeys(n for n in (client.name, client.preferred_name) if n.strip()))
    traces = Traces(
        client_id=client.id,
        session_ids=frozenset(session.id for session in sessions),
        names=names,
        export_stems=tuple(summary_file_stem(client, session) for session in sessions),
    )
    return store.erase_client(traces)


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
    store: Store, today: date, headers: list[Session] | None = None
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
        raise RecordsError(f"retention takes a number of years or 'off', not {raw!r}") from None
    if not 1 <= years <= MAX_RETENTION_YEARS:
        raise RecordsError(f"retention must be between 1 and {MAX_RETENTION_YEARS} years, or off")
    return years
