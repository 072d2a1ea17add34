"""A finished session opened for corrections (SPEC §4a): the same commands as in the room.

Only corrections apply here; the session keeps its status, and every summary and export
is rendered again from what is stored, so they show the corrected record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sessionpad.core import capture as cap
from sessionpad.core import corrections
from sessionpad.core.alliance import template_items
from sessionpad.core.live import Clock, Outcome, correction_outcome
from sessionpad.core.models import AllianceItem, Client, Promise, Session, now_local
from sessionpad.storage.store import Store

_CORRECTIONS = (cap.Undo, cap.Recall, cap.EditEntry, cap.DeleteEntry, cap.MakePrivate, cap.SetKind)


@dataclass
class PastSession:
    store: Store
    client: Client
    session: Session
    promises: list[Promise]
    alliance: list[AllianceItem]
    clock: Clock = now_local

    @classmethod
    def open(cls, store: Store, session_id: str, *, clock: Clock = now_local) -> PastSession:
        session = store.load_session(session_id)
        client = store.client(session.client_id)
        if client is None:
            raise ValueError(f"session {session_id} has no client on record")
        alliance = store.alliance(client.id) or template_items()
        return cls(store, client, session, store.promises(client.id), alliance, clock)

    @property
    def today(self) -> date:
        return self.clock().date()

    def capture(self, raw: str) -> Outcome:
        try:
            parsed = cap.parse_capture(raw, self.today)
        except cap.CaptureError as error:
            return Outcome(error.message, error=True)
        return self.execute(parsed)

    def execute(self, parsed: cap.Capture) -> Outcome:
        if not isinstance(parsed, _CORRECTIONS):
            return Outcome(
                "this session has ended — here only corrections apply: "
                "/edit N, /delete N, /private N, /kind N, /undo",
                error=True,
            )
        try:
            return correction_outcome(corrections.correct(self, parsed))
        except ValueError as error:
            return Outcome(str(error), error=True)
