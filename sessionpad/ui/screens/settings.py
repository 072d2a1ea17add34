"""The coach's settings: their name, and how a summary e-mail opens and closes."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from sessionpad.core.sanitize import clean_text, one_line
from sessionpad.core.settings import CoachSettings
from sessionpad.storage.store import StorageError
from sessionpad.ui.typed_app import OnSessionpadApp

PREVIEW_CLIENT = "Dana"


class SettingsScreen(OnSessionpadApp, ModalScreen[CoachSettings | None]):
    """Saves on ctrl+s (or enter in the last field) and dismisses with what was saved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "save", priority=True),
        Binding("escape", "cancel", "cancel"),
    ]

    def compose(self) -> ComposeResult:
        settings = self.app.store.settings()
        with Vertical(classes="dialog", id="settings-dialog"):
            yield Static(Text("Your settings", style="bold"), classes="dialog-title")
            yield Label("Your name (under the sign-off)")
            yield Input(settings.coach_name, id="settings-name", placeholder="e.g. Sam Okafor")
            yield Label("Greeting — {name} is the client's name; empty: none")
            yield Input(settings.greeting, id="settings-greeting", placeholder="Hi {name},")
            yield Label("Sign-off — empty: none")
            yield Input(settings.sign_off, id="settings-sign-off", placeholder="Warm wishes,")
            yield Static(id="settings-preview")
            yield Static(id="settings-message")
            yield Static(
                Text("ctrl+s save · esc cancel · tab next field", style="dim"),
                classes="dialog-keys",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._preview()
        self.query_one("#settings-name", Input).focus()

    def _typed(self) -> CoachSettings:
        def value(field: str) -> str:
            return clean_text(self.query_one(f"#settings-{field}", Input).value).strip()

        return CoachSettings(value("name"), value("greeting"), value("sign-off"))

    @on(Input.Changed)
    def _preview(self) -> None:
        settings = self._typed()
        opening = settings.greeting_for(PREVIEW_CLIENT) or "(no greeting)"
        closing = settings.closing().replace("\n", " / ") or "(no sign-off)"
        preview = Text("A summary for Dana opens ", style="dim")
        preview.append(one_line(opening, 40), style="bold")
        preview.append(" and ends ", style="dim")
        preview.append(one_line(closing, 40), style="bold")
        self.query_one("#settings-preview", Static).update(preview)

    @on(Input.Submitted, "#settings-sign-off")
    def action_save(self) -> None:
        settings = self._typed()
        try:
            self.app.store.save_settings(settings)
        except StorageError as error:
            message = self.query_one("#settings-message", Static)
            message.add_class("error")
            message.update(Text(one_line(f"not saved — {error.message}")))
            return
        self.dismiss(settings)

    @on(Input.Submitted, "#settings-name, #settings-greeting")
    def _next_field(self) -> None:
        self.focus_next()

    def action_cancel(self) -> None:
        self.dismiss(None)
