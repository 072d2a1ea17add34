"""Offer to resume a session that was interrupted (terminal closed, process killed, left)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from sessionpad.core.lengths import minutes_so_far
from sessionpad.core.models import Client, Session
from sessionpad.core.sanitize import one_line


class ResumeScreen(ModalScreen[bool | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "resume it", key_display="y"),
        Binding("n", "answer(False)", "end it, start fresh"),
        Binding("escape", "answer(None)", "cancel"),
    ]

    def __init__(self, session: Session, client: Client | None = None) -> None:
        super().__init__()
        self.session = session
        self.client = client

    def compose(self) -> ComposeResult:
        session = self.session
        started = session.started
        who = f" with {one_line(self.client.name, 60)}" if self.client is not None else ""
        if session.entries:
            so_far = f"{minutes_so_far(session)} min so far, {_entries(len(session.entries))}"
        else:
            so_far = "nothing captured yet"
        with Vertical(classes="dialog", id="resume-dialog"):
            yield Static(
                Text("An unfinished session is waiting", style="bold"), classes="dialog-title"
            )
            yield Static(
                Text(
                    f"Session {session.number}{who}, started {started:%a} {started.day} "
                    f"{started:%b at %H:%M} ({so_far}), did not end. "
                    "Everything confirmed in it is safe."
                )
            )
            yield Static(
                Text(
                    "y / enter  resume it    n  end it there and start fresh    esc  cancel",
                    style="dim",
                ),
                classes="dialog-keys",
            )
        yield Footer(compact=True)

    def action_answer(self, answer: bool | None) -> None:
        self.dismiss(answer)


def _entries(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"
