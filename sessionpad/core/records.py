"""A practice's records: archiving a client and deleting one for good.

Decisions:
- Archiving hides a client from Home and the client list and keeps every record;
  restoring brings them back as they were. Nothing else changes.
- Deleting is erasure, not hiding: every file that is the client's goes (storage/erase.py,
  which judges a file by their ids, never by their name or words) and core.json and its
  copies are rewritten without them. The caller confirms first
  (the coach types the client's name, or a script passes ``--yes``).
- Retention lives in core/retention.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from sessionpad.core.audience import untagged
from sessionpad.core.models import Client, EntryKind, Session
from sessionpad.core.name_match import name_key
from sessionpad.core.summary import older_summary_file_stem, summary_file_stem
from sessionpad.storage.erase import Traces, files_mentioning
from sessionpad.storage.store import StorageError, Store

_OWN_WORDS = frozenset({EntryKind.NOTE, EntryKind.INSIGHT, EntryKind.PRIVATE})


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


@dataclass(frozen=True)
class Deletion:
    removed: list[Path]
    #: Files that still mention them by name or a line of theirs (a note about a referral,
    #: a summary saved under a name of the coach's choosing): kept, for the coach to judge.
    still_named_in: list[Path]
    #: Files holding their data along with another client's: kept, couldn't tell whose.
    unsure: list[Path] = field(default_factory=list)
    #: Copies of core.json too damaged to rewrite without them: kept.
    damaged_core_copies: list[Path] = field(default_factory=list)


def delete_client(store: Store, client: Client) -> Deletion:
    """Erase ``client`` and everything of theirs, and nothing of anyone else's."""
    sessions = store.session_headers(client.id)
    others = [header for header in store.session_headers() if header.client_id != client.id]
    clients = {other.id: other for other in store.clients()}
    # The full name only: a preferred name ("Sam") may well appear in others' notes.
    names = (client.name,) if client.name.strip() else ()
    traces = Traces(
        client_id=client.id,
        session_ids=frozenset(session.id for session in sessions),
        names=names,
        export_stems=tuple(stem for session in sessions for stem in _stems(client, session)),
        lines=_lines_of(store, client, sessions),
        others_ids=frozenset({*(c for c in clients if c != client.id), *(h.id for h in others)}),
        others_stems=frozenset(
            stem
            for header in others
            if header.client_id in clients
            for stem in _stems(clients[header.client_id], header)
        ),
    )
    erasure = store.erase_client(traces)
    kept = {*erasure.unsure, *erasure.damaged_core_copies}
    still = [p for p in files_mentioning(store.data_dir, traces) if p not in kept]
    return Deletion(erasure.removed, still, erasure.unsure, erasure.damaged_core_copies)


def _stems(client: Client, session: Session) -> tuple[str, str]:
    return summary_file_stem(client, session), older_summary_file_stem(client, session)


def _lines_of(store: Store, client: Client, sessions: list[Session]) -> tuple[str, ...]:
    """What the coach wrote about this client alone: promises, notes and insights. Not a
    question (a deck prompt may be asked of anyone) nor an alliance or phase line (the
    same template text for every client), which would take others' files with them."""
    lines = {promise.text for promise in store.promises(client.id)}
    for header in sessions:
        try:
            entries = store.load_session(header.id).entries
            lines.update(entry.text for entry in entries if entry.kind in _OWN_WORDS)
        except StorageError:
            continue  # a damaged session file: found by the client's id instead
    # As summaries print them: tags trailing a sentence gone, inline ones plain words.
    lines |= {untagged(line) for line in lines}
    lines.discard("")
    return tuple(sorted(lines))
