"""One line on Home when some client's records are past the coach's retention setting."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.widgets import Static

from sessionpad.core.models import Session
from sessionpad.core.retention import past_retention
from sessionpad.core.sanitize import one_line
from sessionpad.core.session_row import SessionRow
from sessionpad.storage.store import Store


class RetentionNotice(Static):
    """Hidden while nothing is past retention (or it is off)."""

    def __init__(self) -> None:
        super().__init__(id="retention-notice")

    def show(self, store: Store, today: date, headers: Sequence[Session | SessionRow]) -> None:
        rows = past_retention(store, today, headers)
        self.set_class(bool(rows), "-due")
        if not rows:
            self.update("")
            return
        years = store.retention_years()
        names = ", ".join(one_line(row.client.name, 24) for row in rows[:3])
        more = f" and {len(rows) - 3} more" if len(rows) > 3 else ""
        self.update(
            Text(
                f"⚠ Past your {years}-year retention: {names}{more} — R to review; del "
                "deletes the highlighted client."
            )
        )
