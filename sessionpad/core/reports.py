"""Read-side views over the store shared by the CLI and the screens: rows, briefs, contexts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sessionpad.core.alliance import template_items
from sessionpad.core.models import (
    AllianceItem,
    Client,
    Session,
    SessionStatus,
    now_local,
)
from sessionpad.core.promises import FollowUp, carried_over, relevant_promises
from sessionpad.core.summary import SummaryContext
from sessionpad.core.when import describe_due
from sessionpad.storage.store import Store


def context_for_session(store: Store, session_id: str) -> SummaryContext:
    session = store.load_session(session_id)
    client = store.client(session.client_id)
    if client is None:
        raise ValueError(f"session {session_id} has no client on record")
    today = (session.ended or session.started).date()
    return SummaryContext(
        client=client,
        session=session,
        promises=relevant_promises(store.promises(client.id), session.id),
        alliance=store.alliance(client.id) or template_items(),
        today=today,
    )


def import_context(store: Store, context: SummaryContext) -> str:
    """Store an imported session; refuses one already here rather than doubling it."""
    session = context.session
    if any(header.id == session.id for header in store.session_headers()):
        raise ValueError(f"session {session.id} is already in this data dir")
    if store.client(context.client.id) is None:
        store.save_client(context.client)
    if store.alliance(context.client.id) is None:
        store.save_alliance(context.client.id, context.alliance)
    known = {p.id for p in store.promises(context.client.id)}
    for promise in context.promises:
        if promise.id not in known:
            store.save_promise(promise)
    store.create_session(session)
    return (
        f"imported session {session.number} with {context.client.name} "
        f"({len(session.entries)} entries) as {session.id}"
    )


def _day(moment_date: date) -> str:
    return f"{moment_date:%a} {moment_date.day} {moment_date:%b %Y}"


def client_rows(store: Store) -> list[tuple[str, str, str, str, str]]:
    today = now_local().date()
    headers = store.session_headers()
    promises = store.promises()
    rows = []
    for client in sorted(store.clients(), key=lambda c: c.name.casefold()):
        sessions = [s for s in headers if s.client_id == client.id]
        last = max((s.started for s in sessions), default=None)
        open_count = sum(p.is_open for p in promises if p.client_id == client.id)
        overdue = sum(p.is_overdue(today) for p in promises if p.client_id == client.id)
        rows.append(
            (
                client.name,
                client.pronouns,
                str(len(sessions)),
                _day(last.date()) if last else "never",
                f"{open_count}" + (f" ({overdue} overdue)" if overdue else ""),
            )
        )
    return rows


def promise_rows(
    store: Store, *, client_id: str | None, only_open: bool, owner: str | None
) -> list[tuple[str, str, str, str, str]]:
    today = now_local().date()
    names = {client.id: client.name for client in store.clients()}
    rows = []
    for promise in sorted(store.promises(client_id), key=lambda p: (p.made_at, p.id)):
        if only_open and not promise.is_open:
            continue
        if owner and promise.owner.value != owner:
            continue
        due = describe_due(promise.due, today) if promise.due else "—"
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


@dataclass(frozen=True)
class ClientBrief:
    """Everything the brief screen shows before a session."""

    client: Client
    sessions: list[Session]
    follow_ups: list[FollowUp]
    alliance: list[AllianceItem]
    last_summary: SummaryContext | None
    ratings: list[int]
    interrupted: Session | None

    @property
    def next_number(self) -> int:
        return len(self.sessions) + 1


def client_brief(store: Store, client_id: str, today: date | None = None) -> ClientBrief:
    client = store.client(client_id)
    if client is None:
        raise ValueError("that client is not on record")
    today = today or now_local().date()
    sessions = store.session_headers(client_id)
    promises = store.promises(client_id)
    ended = [s for s in sessions if s.status is SessionStatus.ENDED]
    last_summary = None
    if ended:
        last = ended[-1]
        last_summary = context_for_session(store, last.id)
    interrupted = next((s for s in reversed(sessions) if s.status is not SessionStatus.ENDED), None)
    return ClientBrief(
        client=client,
        sessions=sessions,
        follow_ups=carried_over(promises, today),
        alliance=store.alliance(client_id) or template_items(),
        last_summary=last_summary,
        ratings=[s.pit_stop_rating for s in ended if s.pit_stop_rating is not None],
        interrupted=interrupted,
    )
