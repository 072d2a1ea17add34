"""Quitting mid-session on purpose: end it, leave it for later, or stay."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from sessionpad.core.models import Client, Session
from sessionpad.core.sanitize import one_line


class Leaving(StrEnum):
    END = "end"
    LATER = "later"
    STAY = "stay"


class LeaveScreen(ModalScreen[Leaving]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "answer('end')", "end the session"),
        Binding("l", "answer('later')", "leave for later"),
        Binding("s,escape", "answer('stay')", "stay", key_display="esc"),
    ]

    def __init__(self, session: Session, client: Client, minutes: int) -> None:
        super().__init__()
        self.session = session
        self.client = client
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        name = one_line(self.client.name, 60)
        with Vertical(classes="dialog", id="leave-dialog"):
            yield Static(Text("Leave the session?", style="bold"), classes="dialog-title")
            yield Static(
                Text(
                    f"Session {self.session.number} with {name} is running "
                    f"({self.minutes} min so far). End it now, or leave it "
                    "for later: everything captured is saved and it can be resumed."
                )
            )
            yield Static(
                Text("e  end it    l  leave for later    esc  stay", style="dim"),
                classes="dialog-keys",
            )
        yield Footer(compact=True)

    def action_answer(self, answer: str) -> None:
        self.dismiss(Leaving(answer))
