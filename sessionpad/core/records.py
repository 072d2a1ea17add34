"""A practice's records: archiving a client and deleting one for good.

Decisions:
- Archiving hides a client from Home and the client list and keeps every record;
  restoring brings them back as they were. Nothing else changes.
- Deleting is erasure, not hiding: every file holding the client's data goes
  (storage/erase.py) and core.json is rewritten without them. The caller confirms first
  (the coach types the client's name, or a script passes ``--yes``).
- Retention lives in core/retention.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sessionpad.core.audience import untagged
from sessionpad.core.models import Client, EntryKind, Session
from sessionpad.core.name_match import name_key
from sessionpad.core.summary import summary_file_stem
from sessionpad.storage.erase import Traces, files_naming
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
    #: Other clients' files whose text names them (a note about a referral): theirs to keep.
    still_named_in: list[Path]


def delete_client(store: Store, client: Client) -> Deletion:
    """Erase ``client`` and everything of theirs."""
    sessions = store.session_headers(client.id)
    # The full name only: a preferred name ("Sam") may well appear in others' notes.
    names = (client.name,) if client.name.strip() else ()
    traces = Traces(
        client_id=client.id,
        session_ids=frozenset(session.id for session in sessions),
        names=names,
        export_stems=tuple(summary_file_stem(client, session) for session in sessions),
        lines=_lines_of(store, client, sessions),
    )
    removed = store.erase_client(traces)
    return Deletion(removed, files_naming(store.data_dir, client.name))


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
