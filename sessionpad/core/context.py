"""What one summary is made from: a client, one session, the promises and alliance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sessionpad.core.models import AllianceItem, Client, Entry, EntryKind, Promise, Session
from sessionpad.core.sanitize import clean_text


@dataclass
class SummaryContext:
    """Everything one summary needs; ``promises`` holds this client's promises that matter
    here: made in this session, resolved or renegotiated in it, and still-open carried ones."""

    client: Client
    session: Session
    promises: list[Promise]
    alliance: list[AllianceItem]
    today: date | None = None
    #: Set by the client filter (core/audience.py): the themes gathered before the
    #: coach-only entries were left out, since a working note's tag is still a theme.
    themes: list[str] | None = None

    @property
    def as_of(self) -> date:
        """The day "overdue" is judged against: ``today`` if given, else the session's end."""
        if self.today is not None:
            return self.today
        return (self.session.ended or self.session.started).date()


def themes_of(entries: list[Entry], *, with_private: bool) -> list[str]:
    """The session's tags as themes, each once (any case), in order of first use."""
    seen: dict[str, str] = {}
    for entry in entries:
        # An unknown kind (a newer sessionpad's) may be private: it stays the coach's.
        if not with_private and entry.kind in (EntryKind.PRIVATE, EntryKind.UNKNOWN):
            continue
        for tag in entry.tags:
            name = clean_text(str(tag), keep_newlines=False).strip().lstrip("#").strip()
            if name and name.casefold() not in seen:
                seen[name.casefold()] = name
    return list(seen.values())
