"""The in-app editor for a summary, for when there is no $EDITOR (or no terminal to lend it)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea


class TextEditorScreen(ModalScreen[str | None]):
    """Dismisses with the edited text on ctrl+s, None on esc (nothing changes)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "keep this text", priority=True),
        Binding("escape", "cancel", "cancel"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="editor-dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield TextArea(self.text, id="editor-text", soft_wrap=True, show_line_numbers=False)
            yield Static(
                Text("ctrl+s keep this text · esc cancel (nothing changes)", style="dim"),
                classes="dialog-keys",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#editor-text", TextArea).focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one("#editor-text", TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
