"""Offer to resume a session that was interrupted (terminal closed, process killed)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from sessionpad.core.models import Session


class ResumeScreen(ModalScreen[bool | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "resume it"),
        Binding("n", "answer(False)", "start a new session"),
        Binding("escape", "answer(None)", "cancel"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        started = self.session.started
        with Vertical(classes="dialog", id="resume-dialog"):
            yield Static(
                Text("An unfinished session is waiting", style="bold"), classes="dialog-title"
            )
            yield Static(
                f"Session {self.session.number}, started {started:%a} {started.day} {started:%b at %H:%M}, "
                "did not end properly. Everything confirmed in it is safe."
            )
            yield Static(
                Text(
                    "y / enter  resume it    n  end it there and start fresh    esc  cancel",
                    style="dim",
                ),
                classes="dialog-keys",
            )

    def action_answer(self, answer: bool | None) -> None:
        self.dismiss(answer)
