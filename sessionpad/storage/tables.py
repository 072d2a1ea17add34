"""Small helpers over TinyDB tables and the raw form of a session file."""

from __future__ import annotations

import copy
from typing import Any

from tinydb.table import Document, Table

from sessionpad.core.models import Session
from sessionpad.storage.migrations import META_TABLE, meta_table

ONLY = 1  # doc id of the single record in one-record tables (header, alliance, client)


def put_where(table: Table, condition: Any, record: dict[str, Any]) -> None:
    """Update the record matching ``condition`` or insert it: one write either way.

    (TinyDB's own ``upsert`` writes twice when inserting: an empty update, then the insert.)
    """
    found = table.search(condition)
    if found:
        table.update(record, doc_ids=[found[0].doc_id])
    else:
        table.insert(record)


def put_only(table: Table, record: dict[str, Any]) -> None:
    """Replace the single record of a one-record table (header, alliance, client copy)."""
    if table.contains(doc_id=ONLY):
        table.update(record, doc_ids=[ONLY])
    else:
        table.insert(Document(record, doc_id=ONLY))


def session_tables(session: Session) -> dict[str, dict[str, Any]]:
    """A whole session file, header and entries, ready for one write."""
    return {
        META_TABLE: meta_table("session"),
        "header": {str(ONLY): session.header_dict()},
        "entries": {
            str(entry.seq): copy.deepcopy(entry.to_dict())
            for entry in sorted(session.entries, key=lambda e: e.seq)
        },
    }


def detached_entry(doc: dict[str, Any]) -> dict[str, Any]:
    # Entry.from_dict copies one level; nested data (a pit-stop's prompts) is copied here
    # so changing a loaded entry can never change the cached file behind it.
    data = doc.get("data")
    if isinstance(data, dict):
        return {**doc, "data": copy.deepcopy(data)}
    return doc
