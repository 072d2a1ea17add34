"""Read-side views over one client or session: the brief, summary contexts, imports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sessionpad.core.alliance import template_items
from sessionpad.core.coach_word import CoachRecord, coach_record
from sessionpad.core.models import (
    AllianceItem,
    Client,
    Promise,
    Session,
    SessionStatus,
    now_local,
)
from sessionpad.core.name_match import name_key
from sessionpad.core.promises import FollowUp, carried_over, relevant_promises
from sessionpad.core.summary import SummaryContext
from sessionpad.storage.store import Store


def context_for_session(
    store: Store,
    session_id: str,
    *,
    promises: list[Promise] | None = None,
    alliance: list[AllianceItem] | None = None,
) -> SummaryContext:
    """What a summary of the session needs; pass the client's promises and alliance when
    they are already loaded, so they are not read and converted twice."""
    session = store.load_session(session_id)
    client = store.client(session.client_id)
    if client is None:
        raise ValueError(f"session {session_id} has no client on record")
    if promises is None:
        promises = store.promises(client.id)
    if alliance is None:
        alliance = store.alliance(client.id) or template_items()
    return SummaryContext(
        client=client,
        session=session,
        promises=relevant_promises(promises, session.id),
        alliance=alliance,
        today=(session.ended or session.started).date(),
    )


class ImportRefused(ValueError):
    """An import that would clash with what is already here; the message is one line."""


def import_context(store: Store, context: SummaryContext) -> str:
    """Store an imported session, all or nothing: every clash with the data dir is found
    before the first write (the document itself was checked whole when it was read), and
    a write that fails takes back those before it."""
    _refuse_clashes(store, context)
    session = context.session
    store.add_import(context.client, context.alliance, context.promises, session)
    return (
        f"imported session {session.number} with {context.client.name} "
        f"({len(session.entries)} entries) as {session.id}"
    )


def _refuse_clashes(store: Store, context: SummaryContext) -> None:
    client, session = context.client, context.session
    if store.has_session(session.id):
        raise ImportRefused(f"session {session.id} is already in this data dir")
    here = store.client(client.id)
    if here is not None and here.name.strip().casefold() != client.name.strip().casefold():
        raise ImportRefused(
            f"client.id: {client.id!r} already belongs to {here.name!r} here, "
            f"not to {client.name!r}"
        )
    if here is None:
        namesake = next(
            (other for other in store.clients() if name_key(other.name) == name_key(client.name)),
            None,
        )
        if namesake is not None:
            # Two records by one name: neither could be named on the command line again.
            raise ImportRefused(
                f"client.name: another client called {namesake.name!r} is already here "
                "(a different record) — rename one of them first"
            )
    stored = {promise.id: promise for promise in store.promises()}
    for index, promise in enumerate(context.promises):
        existing = stored.get(promise.id)
        if existing is None:
            continue
        if existing.client_id != client.id:
            raise ImportRefused(
                f"promises[{index}].id: {promise.id!r} is already another client's promise here"
            )
        if _made_as(existing) != _made_as(promise):
            # The stored one is kept when the ids meet: a different promise would vanish.
            raise ImportRefused(
                f"promises[{index}].id: {promise.id!r} is already here as a different promise"
            )


def _made_as(promise: Promise) -> tuple[object, ...]:
    """What a promise was when it was made; its later follow-up may differ between copies."""
    return (promise.owner, promise.text, promise.made_in, promise.made_at)


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
    #: The coach's own promises to this client over the last 90 days.
    coach_word: CoachRecord = field(default_factory=CoachRecord)

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
    alliance = store.alliance(client_id) or template_items()
    ended = [s for s in sessions if s.status is SessionStatus.ENDED]
    last_summary = None
    if ended:
        last_summary = context_for_session(
            store, ended[-1].id, promises=promises, alliance=alliance
        )
    interrupted = next((s for s in reversed(sessions) if s.status is not SessionStatus.ENDED), None)
    return ClientBrief(
        client=client,
        sessions=sessions,
        follow_ups=carried_over(promises, today),
        alliance=alliance,
        last_summary=last_summary,
        ratings=[s.pit_stop_rating for s in ended if s.pit_stop_rating is not None],
        interrupted=interrupted,
        coach_word=coach_record(promises, today, client_id=client_id),
    )
