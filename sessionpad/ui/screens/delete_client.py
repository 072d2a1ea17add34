"""Deleting a client for good: the coach types the client's full name to confirm."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from sessionpad.core.models import Client
from sessionpad.core.records import confirms_deletion
from sessionpad.core.sanitize import one_line


class DeleteClientScreen(ModalScreen[bool]):
    """Dismisses with True once the typed name matches; False on esc."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, client: Client, sessions: int) -> None:
        super().__init__()
        self.client = client
        self.sessions = sessions

    def compose(self) -> ComposeResult:
        name = one_line(self.client.name, 40)
        with Vertical(classes="dialog", id="delete-dialog"):
            yield Static(Text(f"Delete {name}?", style="bold"), classes="dialog-title")
            yield Static(
                Text(
                    f"Everything of theirs in the data dir goes, for good: {self.sessions} "
                    "session(s), promises, alliance, saved summaries and invites, and their "
                    "upgrade backups and set-aside copies. Files that only mention them are "
                    "kept and named (backup zips you made elsewhere are yours to replace). "
                    "This can't be undone — to keep their records but take them off Home, "
                    "archive them instead (a)."
                ),
                id="delete-explain",
            )
            yield Static(Text(f"Type their full name — {name} — to confirm:"), id="delete-ask")
            yield Input(id="delete-name", placeholder=name)
            yield Static(id="delete-status")
            yield Static(
                Text("enter  delete for good    esc  cancel", style="dim"), classes="dialog-keys"
            )
        yield Footer(compact=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if confirms_deletion(self.client, event.value):
            self.dismiss(True)
            return
        status = self.query_one("#delete-status", Static)
        status.add_class("error")
        status.update(Text("That isn't their full name — nothing was deleted."))

    def action_cancel(self) -> None:
        self.dismiss(False)
