"""Overviews across all clients, for Home and the command line: kept cheap to compute.

Built from the session index and raw promise counts, never from every promise or entry,
so Home opens as fast with years of history as on the first day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sessionpad.core.models import Client, made_order
from sessionpad.core.session_row import SessionRow
from sessionpad.core.when import describe_due, short_day
from sessionpad.storage.store import Store

STOPPED_LABEL = "needs a newer sessionpad"
UNREADABLE_LABEL = "can't be read"


@dataclass(frozen=True)
class ClientRow:
    client: Client
    sessions: int
    last: date | None
    open_promises: int
    overdue: int
    #: Its files were written by a newer sessionpad, or can't be read: nothing of it is shown.
    stopped: bool = False
    #: Stopped because a file of its can't be read (permissions), not for its schema.
    unreadable: bool = False

    @property
    def stop_label(self) -> str:
        return UNREADABLE_LABEL if self.unreadable else STOPPED_LABEL


def client_overview(
    store: Store,
    today: date,
    sessions_held: list[SessionRow] | None = None,
    *,
    archived: bool = False,
) -> list[ClientRow]:
    """One row per client, alphabetical: sessions held, the last one, open and overdue promises.
    Archived clients only with ``archived=True`` (then only they).

    Built from the session index and raw promise counts, so Home stays quick however much
    history the coach has.
    """
    sessions: dict[str, list[date]] = {}
    for row in store.session_rows() if sessions_held is None else sessions_held:
        sessions.setdefault(row.client_id, []).append(row.started.date())
    counts = store.open_promise_counts(today)
    stopped = store.stopped_clients()
    unreadable = store.unreadable_clients()
    rows = []
    for client in sorted(store.clients(), key=lambda c: (c.name.casefold(), c.id)):
        if client.archived != archived:
            continue
        held = sessions.get(client.id, [])
        open_count, overdue = counts.get(client.id, (0, 0))
        rows.append(
            ClientRow(
                client,
                len(held),
                max(held, default=None),
                open_count,
                overdue,
                stopped=client.id in stopped,
                unreadable=client.id in unreadable,
            )
        )
    return rows


def client_rows(
    store: Store, today: date, *, archived: bool = False
) -> list[tuple[str, str, str, str, str]]:
    """The overview as text columns, for the command line."""
    return [
        (
            row.client.name,
            row.client.pronouns,
            "?" if row.stopped else str(row.sessions),
            row.stop_label if row.stopped else short_day(row.last) if row.last else "never",
            "?"
            if row.stopped
            else f"{row.open_promises}" + (f" ({row.overdue} overdue)" if row.overdue else ""),
        )
        for row in client_overview(store, today, archived=archived)
    ]


def promise_rows(
    store: Store, today: date, *, client_id: str | None, only_open: bool, owner: str | None
) -> list[tuple[str, str, str, str, str]]:
    names = {client.id: client.name for client in store.clients()}
    rows = []
    for promise in sorted(store.promises(client_id), key=made_order):
        if only_open and not promise.is_open:
            continue
        if owner and promise.owner.value != owner:
            continue
        due = describe_due(promise.due, today, promise.due_time) if promise.due else "—"
        if promise.is_overdue(today):
            due += " (overdue)"
        rows.append(
            (
                names.get(promise.client_id, "?"),
                promise.owner.value,
                promise.status.value,
                due,
                promise.text,
            )
        )
    return rows
