"""Search across every entry of every session — the coach's own tool, so private notes count.

Decisions:
- Matching is case-insensitive (``casefold``) on an entry's text and on its tags written as
  ``#tag``, so ``#energy`` finds tagged entries and ``energy`` finds both.
- Newest session first, entries in timeline order within a session: the coach is usually
  looking for something said recently.
- Text is returned as stored; display code cleans it (sanitize) and cuts an excerpt with
  :func:`excerpt`, which keeps the match in view however long the note is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sessionpad.core.models import EntryKind
from sessionpad.core.sanitize import ELLIPSIS, one_line
from sessionpad.storage.store import Store


@dataclass(frozen=True)
class SearchHit:
    client_id: str
    client_name: str
    session_id: str
    session_number: int
    started: datetime
    seq: int
    kind: EntryKind
    text: str
    tags: tuple[str, ...] = ()


def _haystack(text: str, tags: list[str]) -> str:
    return " ".join([text, *(f"#{tag}" for tag in tags)]).casefold()


def search_sessions(store: Store, query: str, *, limit: int | None = None) -> list[SearchHit]:
    """Every entry whose text or tags contain ``query``, ignoring case; newest session first.

    A blank query finds nothing (an empty needle would match everything). ``limit`` stops
    the scan early once that many hits are found.
    """
    needle = query.strip().casefold()
    if not needle:
        return []
    names = {client.id: client.name for client in store.clients()}
    headers = sorted(store.session_headers(), key=lambda s: (s.started, s.number), reverse=True)
    hits: list[SearchHit] = []
    for header in headers:
        session = store.load_session(header.id)
        for entry in session.entries:
            if needle not in _haystack(entry.text, entry.tags):
                continue
            hits.append(
                SearchHit(
                    client_id=session.client_id,
                    client_name=names.get(session.client_id, "unknown client"),
                    session_id=session.id,
                    session_number=session.number,
                    started=session.started,
                    seq=entry.seq,
                    kind=entry.kind,
                    text=entry.text,
                    tags=tuple(entry.tags),
                )
            )
            if limit is not None and len(hits) >= limit:
                return hits
    return hits


def excerpt(text: str, query: str, width: int) -> tuple[str, int, int]:
    """One display row of ``text`` (cleaned, flattened) around the first match of ``query``.

    Returns the row and the ``[start, end)`` character span of the match within it, or
    ``(row, 0, 0)`` when the match is not in the text itself (it was in a tag). Lengths
    are counted in characters, which is what a one-row view of mostly narrow text needs.
    """
    flat = one_line(text)
    needle = query.strip().casefold()
    where = flat.casefold().find(needle) if needle else -1
    # casefold can change a string's length (ß → ss); then the offsets would not line up.
    if where < 0 or len(flat.casefold()) != len(flat):
        return one_line(flat, width), 0, 0
    if len(flat) <= width:
        return flat, where, where + len(needle)
    # Keep about a third of the row as lead-in so the match reads in context.
    start = max(0, min(where - width // 3, len(flat) - width))
    row = flat[start : start + width]
    lead = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if start + width < len(flat) else ""
    body = row[len(lead) : len(row) - len(tail)]
    row = lead + body + tail
    begin = where - start
    end = min(begin + len(needle), len(row) - len(tail))
    return row, max(begin, len(lead)), end
