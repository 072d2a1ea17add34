"""Retention: how long records are kept after a client's last session, and who is past it."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from sessionpad.core.retention import RetentionError, parse_retention_years, past_retention
from sessionpad.core.sanitize import one_line
from sessionpad.core.when import short_day
from sessionpad.storage.store import StorageError, Store


class RetentionScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def __init__(self, store: Store, today: date) -> None:
        super().__init__()
        self.store = store
        self.today = today

    def compose(self) -> ComposeResult:
        years = self.store.retention_years()
        with Vertical(classes="dialog", id="retention-dialog"):
            yield Static(Text("Retention", style="bold"), classes="dialog-title")
            yield Static(
                Text(
                    "Keep a client's records this many years after their last session "
                    "(e.g. 7), or off. Nothing is deleted by itself: Home names who is "
                    "past it, and you delete each one (del)."
                )
            )
            yield Input(value=str(years) if years else "off", id="retention-years")
            yield Static(id="retention-status")
            yield Static(id="retention-list")
            yield Static(Text("enter  save    esc  close", style="dim"), classes="dialog-keys")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._show_list()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        status = self.query_one("#retention-status", Static)
        try:
            years = parse_retention_years(event.value)
            self.store.save_retention_years(years)
        except RetentionError as error:
            status.add_class("error")
            status.update(Text(str(error)))
            return
        except StorageError as error:
            status.add_class("error")
            status.update(Text(one_line(error.message)))
            return
        status.remove_class("error")
        status.update(Text(f"Saved: {years} year(s)." if years else "Saved: retention is off."))
        self._show_list()

    def _show_list(self) -> None:
        listing = self.query_one("#retention-list", Static)
        years = self.store.retention_years()
        if years is None:
            listing.update(Text("Retention is off.", style="dim"))
            return
        rows = past_retention(self.store, self.today)
        if not rows:
            listing.update(Text(f"Nothing is past {years} year(s).", style="dim"))
            return
        lines = [f"Past {years} year(s) — {len(rows)} client(s):"]
        lines += [
            f"  {one_line(row.client.name, 30)}  last session {short_day(row.last_session)}, "
            f"keep until {short_day(row.keep_until)}"
            for row in rows
        ]
        listing.update(Text("\n".join(lines)))

    def action_close(self) -> None:
        self.dismiss(None)
