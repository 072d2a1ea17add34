"""The end-of-session summary: rendered Markdown, audience switch, save, copy, invite."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from sessionpad.clipboard import copy_text
from sessionpad.core.models import Audience
from sessionpad.core.reports import context_for_session
from sessionpad.core.sanitize import one_line
from sessionpad.core.summary import SummaryContext, render_markdown, summary_filename
from sessionpad.storage.exports import exports_dir, write_export
from sessionpad.storage.store import StorageError
from sessionpad.ui import messages
from sessionpad.ui.commands import PaletteCommand


class SummaryScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "switch_audience", "audience"),
        Binding("s", "save", "save"),
        Binding("c", "copy", "copy"),
        Binding("i", "invite", "invite .ics"),
        Binding("t", "correct", "correct"),
        Binding("escape,enter", "done", "done"),
    ]

    def __init__(
        self,
        session_id: str,
        audience: Audience = Audience.CLIENT,
        *,
        mid_session: bool = False,
    ) -> None:
        super().__init__()
        self.session_id = session_id
        self.audience = audience
        # Opened with /export during a session: "done" goes back to it, not to Home.
        self.mid_session = mid_session
        self.context: SummaryContext | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="summary-header")
        with VerticalScroll(id="summary-scroll"):
            yield Markdown(id="summary-body")
        yield Static(id="summary-status")
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.context = context_for_session(self.app.store, self.session_id)
        except (StorageError, ValueError) as error:
            self._say(getattr(error, "message", str(error)), error=True)
            return
        self._show_document()
        self.query_one("#summary-scroll").focus()

    @property
    def document(self) -> str:
        assert self.context is not None
        return render_markdown(self.context, self.audience)

    def _show_document(self) -> None:
        header = Text("Summary so far for " if self.mid_session else "Summary for ", style="bold")
        header.append("the client" if self.audience is Audience.CLIENT else "your own record")
        if self.audience is Audience.CLIENT:
            header.append(" · private notes left out", style="dim")
        self.query_one("#summary-header", Static).update(header)
        self.query_one("#summary-body", Markdown).update(self.document)

    def _say(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#summary-status", Static)
        status.set_class(error, "error")
        status.update(Text(one_line(message)))

    def _save(self, text: str, extension: str = "md") -> str | None:
        assert self.context is not None
        name = summary_filename(self.context, self.audience, extension)
        try:
            return str(write_export(exports_dir(self.app.store.data_dir) / name, text))
        except (OSError, StorageError) as error:
            self._say(f"couldn't save: {getattr(error, 'strerror', None) or error}", error=True)
            return None

    def action_switch_audience(self) -> None:
        if self.context is None:
            return
        self.audience = Audience.COACH if self.audience is Audience.CLIENT else Audience.CLIENT
        self._show_document()
        self._say(f"showing the {self.audience.value} summary")

    def action_save(self) -> None:
        if self.context is None:
            return
        path = self._save(self.document)
        if path:
            self._say(f"saved to {path}")

    def action_copy(self) -> None:
        if self.context is None:
            return
        document = self.document
        path = self._save(document)
        if path is None:
            return
        result = copy_text(document, self.app.copy_to_clipboard)
        self._say(result.describe(path))

    def action_invite(self) -> None:
        if self.context is None:
            return
        from sessionpad.core.exporting import next_session_ics

        try:
            invite = next_session_ics(self.context)
        except ValueError as error:
            self._say(str(error), error=True)
            return
        path = self._save(invite, "ics")
        if path:
            self._say(f"invite saved to {path} — open it to add it to your calendar")

    def action_correct(self) -> None:
        """The session's timeline with the corrections of the live room; the summary is
        rendered again from what is stored when it closes."""
        if self.context is None:
            return
        if self.mid_session:
            self._say("during the session, correct it in the room: F2, /edit N, /undo")
            return
        from sessionpad.core.past_session import PastSession
        from sessionpad.ui.screens.corrections import CorrectionsScreen

        try:
            past = PastSession.open(self.app.store, self.session_id, clock=self.app.clock)
        except (StorageError, ValueError) as error:
            self._say(getattr(error, "message", str(error)), error=True)
            return
        self.app.push_screen(CorrectionsScreen(past), self._corrected)

    def _corrected(self, _result: object = None) -> None:
        try:
            self.context = context_for_session(self.app.store, self.session_id)
        except (StorageError, ValueError) as error:
            self._say(getattr(error, "message", str(error)), error=True)
            return
        self._show_document()
        self._say("summary rendered again from the corrected record")
        self.query_one("#summary-scroll").focus()

    def action_done(self) -> None:
        if self.mid_session:
            self.dismiss()
        else:
            self.post_message(messages.GoHome())

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand(
            "Switch audience", "client summary ↔ coach record", self.action_switch_audience
        )
        yield PaletteCommand("Save summary", "write the Markdown file", self.action_save)
        yield PaletteCommand("Copy summary", "save, then copy to the clipboard", self.action_copy)
        yield PaletteCommand(
            "Export invite", "save the next session as an .ics file", self.action_invite
        )
        yield PaletteCommand(
            "Correct the record",
            "the session's timeline: edit, delete, make private (t)",
            self.action_correct,
        )
        yield PaletteCommand(
            "Done",
            "back to the session" if self.mid_session else "back to your clients",
            self.action_done,
        )
