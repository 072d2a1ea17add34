"""Ask how many minutes the session will run, for a length the brief has no key for."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from sessionpad.core.sanitize import one_line
from sessionpad.core.session_length import LONGEST, SHORTEST, LengthError, parse_minutes


class SessionLengthScreen(ModalScreen[int | None]):
    """Dismisses with the minutes typed, or None on esc; a bad number is said and kept."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="length-dialog"):
            yield Static(Text("Session length", style="bold"), classes="dialog-title")
            yield Static(
                Text(
                    "Type the minutes: 30, 45, 60, 90 or any other. On the brief itself, "
                    "3 starts 30, 4 starts 45, enter 60 and 9 starts 90 minutes."
                ),
                id="length-offer",
            )
            yield Input(placeholder="minutes, e.g. 50", id="length-minutes")
            yield Static(id="length-message")
            keys = f"enter  start ({SHORTEST}–{LONGEST} min)    esc  cancel"
            yield Static(Text(keys, style="dim"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#length-minutes", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            minutes = parse_minutes(event.value)
        except LengthError as error:
            message = self.query_one("#length-message", Static)
            message.set_class(True, "error")
            message.update(Text(one_line(str(error))))
            return
        self.dismiss(minutes)

    def action_cancel(self) -> None:
        self.dismiss(None)
