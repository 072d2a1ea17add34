"""The end-of-session summary: audience, Markdown or plain text, edit, save, copy, invite.

What is saved or copied is what is on show: the coach's edited text when there is one
(kept with the session), else the rendering. An edit made before a later correction is
never discarded without asking.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from sessionpad.clipboard import copy_text
from sessionpad.core.models import Audience
from sessionpad.core.plaintext import render_text
from sessionpad.core.reports import context_for_session
from sessionpad.core.sanitize import clean_text, one_line
from sessionpad.core.summary import SummaryContext, render_markdown, summary_filename
from sessionpad.core.summary_edit import (
    EditState,
    SummaryEdit,
    SummaryFormat,
    cleaned_edit,
    edit_state,
)
from sessionpad.storage.exports import exports_dir, write_export
from sessionpad.storage.store import StorageError
from sessionpad.ui import messages
from sessionpad.ui.commands import PaletteCommand
from sessionpad.ui.typed_app import OnSessionpadApp

COACH_COPY_QUESTION = "Your own record holds private notes — copy anyway?"


class SummaryScreen(OnSessionpadApp, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "switch_audience", "audience"),
        Binding("t", "switch_format", "text/md"),
        Binding("e", "edit", "edit"),
        Binding("s", "save", "save"),
        Binding("c", "copy", "copy"),
        Binding("i", "invite", "invite"),
        Binding("r", "correct", "fix"),
        Binding("comma", "settings", "settings", key_display=",", show=False),
        Binding("escape,enter", "done", "done"),
    ]

    def __init__(
        self,
        session_id: str,
        audience: Audience = Audience.CLIENT,
        *,
        mid_session: bool = False,
        text_format: SummaryFormat = SummaryFormat.MARKDOWN,
        from_history: bool = False,
    ) -> None:
        super().__init__()
        self.session_id = session_id
        self.audience = audience
        self.text_format = text_format
        # Opened with /export during a session: "done" goes back to it, not to Home.
        self.mid_session = mid_session
        # Opened from a session's page in the history: "done" goes back to that page.
        self.from_history = from_history
        self.context: SummaryContext | None = None
        self.edit: SummaryEdit | None = None
        self.coach_copy_confirmed = False

    def compose(self) -> ComposeResult:
        yield Static(id="summary-header")
        with VerticalScroll(id="summary-scroll"):
            yield Markdown(id="summary-body")
            yield Static(id="summary-text")
        yield Static(id="summary-status")
        yield Footer(compact=True)  # eight keys and the palette at 80 columns

    def on_mount(self) -> None:
        try:
            self.context = context_for_session(self.app.store, self.session_id)
        except (StorageError, ValueError) as error:
            self._say(getattr(error, "message", str(error)), error=True)
            return
        self._load_view()
        self.query_one("#summary-scroll").focus()

    # ── what is on show ────────────────────────────────────────────────────────

    def rendered(self) -> str:
        """The summary as the app renders it now, before any edit."""
        assert self.context is not None
        if self.text_format is SummaryFormat.TEXT:
            return render_text(self.context, self.audience, self.app.store.settings())
        return render_markdown(self.context, self.audience)

    @property
    def document(self) -> str:
        """What save and copy take: the coach's edit when kept, else the rendering."""
        if self.edit is not None:
            return self.edit.text
        return self.rendered()

    def _load_view(self) -> None:
        """Show the current audience and format, asking about an edit a correction outdated."""
        try:
            self.edit = self.app.store.summary_edit(
                self.session_id, self.audience, self.text_format
            )
        except StorageError as error:
            self.edit = None
            self._say(f"couldn't read your edited text: {error.message}", error=True)
        rendered = self.rendered()
        if edit_state(self.edit, rendered) is EditState.STALE:
            self._show_document()
            self._ask_about_stale_edit(rendered)
            return
        self._show_document()

    def _ask_about_stale_edit(self, rendered: str) -> None:
        from sessionpad.ui.screens.confirm import ConfirmScreen

        def answered(keep: bool | None) -> None:
            if self.edit is None:
                return
            try:
                if keep:
                    kept = SummaryEdit(
                        self.edit.audience,
                        self.edit.format,
                        self.edit.text,
                        rendered,
                        self.app.clock(),
                    )
                    self.app.store.save_summary_edit(self.session_id, kept)
                    self.edit = kept
                    self._say("kept your edited text")
                else:
                    self.app.store.discard_summary_edit(
                        self.session_id, self.audience, self.text_format
                    )
                    self.edit = None
                    self._say("showing the summary as it reads now")
            except StorageError as error:
                self._say(f"not saved — {error.message}", error=True)
            self._show_document()

        self.app.push_screen(
            ConfirmScreen(
                "The summary changed after you edited it",
                "A correction changed this summary since you edited it. Keep your edited "
                "text as it is, or discard it for the summary as it reads now?",
                yes=("k", "keep my edit"),
                no=("d", "discard it"),
            ),
            answered,
        )

    def _show_document(self) -> None:
        header = Text("Summary so far for " if self.mid_session else "Summary for ", style="bold")
        header.append("the client" if self.audience is Audience.CLIENT else "your own record")
        header.append(
            " · plain text" if self.text_format is SummaryFormat.TEXT else " · Markdown",
            style="dim",
        )
        if self.edit is not None:
            header.append(" · edited", style="bold")
        if self.audience is Audience.CLIENT:
            header.append(" · private notes left out", style="dim")
        self.query_one("#summary-header", Static).update(header)
        markdown = self.query_one("#summary-body", Markdown)
        text = self.query_one("#summary-text", Static)
        as_text = self.text_format is SummaryFormat.TEXT
        markdown.display = not as_text
        text.display = as_text
        if as_text:
            text.update(Text(clean_text(self.document)))
        else:
            markdown.update(clean_text(self.document))

    def _say(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#summary-status", Static)
        status.set_class(error, "error")
        status.update(Text(one_line(message)))

    def _save(self, text: str, extension: str) -> str | None:
        assert self.context is not None
        name = summary_filename(self.context, self.audience, extension)
        try:
            data_dir = self.app.store.data_dir
            return str(write_export(exports_dir(data_dir) / name, text, data_dir=data_dir))
        except (OSError, StorageError) as error:
            self._say(f"couldn't save: {getattr(error, 'strerror', None) or error}", error=True)
            return None

    # ── keys ───────────────────────────────────────────────────────────────────

    def action_switch_audience(self) -> None:
        if self.context is None:
            return
        self.audience = Audience.COACH if self.audience is Audience.CLIENT else Audience.CLIENT
        self._load_view()
        self._say(f"showing the {self.audience.value} summary")

    def action_switch_format(self) -> None:
        if self.context is None:
            return
        as_text = self.text_format is SummaryFormat.MARKDOWN
        self.text_format = SummaryFormat.TEXT if as_text else SummaryFormat.MARKDOWN
        self._load_view()
        self._say("plain text, for an e-mail body" if as_text else "Markdown")

    def action_save(self) -> None:
        if self.context is None:
            return
        path = self._save(self.document, self.text_format.value)
        if path:
            self._say(f"saved to {path}")

    def action_copy(self) -> None:
        if self.context is None:
            return
        if self.audience is Audience.COACH and not self.coach_copy_confirmed:
            from sessionpad.ui.screens.confirm import ConfirmScreen

            def answered(copy_anyway: bool | None) -> None:
                if copy_anyway:
                    self.coach_copy_confirmed = True
                    self._copy()
                else:
                    self._say("not copied")

            self.app.push_screen(
                ConfirmScreen("Copy your own record?", COACH_COPY_QUESTION), answered
            )
            return
        self._copy()

    def _copy(self) -> None:
        document = self.document
        path = self._save(document, self.text_format.value)
        if path is None:
            return
        result = copy_text(document, self.app.copy_to_clipboard)
        self._say(result.describe(path))

    def action_edit(self) -> None:
        """Edit what is on show: in $EDITOR when there is one and a terminal to lend it,
        else in the app's own editor."""
        if self.context is None:
            return
        from sessionpad.editor import EditorError, edit_text, editor_command

        based_on = self.rendered()
        before = self.document
        argv = editor_command()
        if argv is not None:
            failure: EditorError | None = None
            try:
                with self.app.suspend():
                    # Textual takes the terminal back only when this block ends normally:
                    # an error escaping it would leave the app blank and deaf to keys.
                    try:
                        edited = edit_text(argv, before, f".{self.text_format.value}")
                    except EditorError as error:
                        failure = error
            except SuspendNotSupported:
                pass  # no terminal to lend (e.g. a web or test driver): the app's editor
            else:
                if failure is not None:
                    self._say(str(failure), error=True)
                else:
                    self._keep_edit(edited, before, based_on)
                return
        from sessionpad.ui.screens.text_editor import TextEditorScreen

        def done(edited: str | None) -> None:
            if edited is None:
                self._say("edit cancelled — nothing changed")
                return
            self._keep_edit(edited, before, based_on)

        what = "client summary" if self.audience is Audience.CLIENT else "your record"
        self.app.push_screen(TextEditorScreen(f"Edit the {what}", before), done)

    def _keep_edit(self, edited: str, before: str, based_on: str) -> None:
        text = cleaned_edit(edited)
        if text == cleaned_edit(before):
            self._say("no changes")
            return
        edit = SummaryEdit(self.audience, self.text_format, text, based_on, self.app.clock())
        try:
            self.app.store.save_summary_edit(self.session_id, edit)
        except StorageError as error:
            self._say(f"not saved — {error.message}. Your text is still on screen.", error=True)
            self.edit = edit
            self._show_document()
            return
        self.edit = edit
        self._show_document()
        self._say("edited text kept with the session — save and copy use it")

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
        self._load_view()  # asks first when the coach's edited text predates the correction
        self._say("summary rendered again from the corrected record")
        self.query_one("#summary-scroll").focus()

    def action_settings(self) -> None:
        from sessionpad.ui.screens.settings import SettingsScreen

        def saved(settings: object) -> None:
            if settings is not None and self.context is not None:
                self._load_view()
                self._say("settings saved")

        self.app.push_screen(SettingsScreen(), saved)

    def action_done(self) -> None:
        if self.mid_session or self.from_history:
            self.dismiss()
        else:
            self.post_message(messages.GoHome())

    def palette_commands(self) -> Iterable[PaletteCommand]:
        commands: list[tuple[str, str, Callable[[], None]]] = [
            ("Switch audience", "client summary ↔ coach record", self.action_switch_audience),
            ("Plain text or Markdown", "an e-mail body, or Markdown", self.action_switch_format),
            ("Edit summary", "in $EDITOR, else in the app", self.action_edit),
            ("Save summary", "write the file on show", self.action_save),
            ("Copy summary", "save, then copy to the clipboard", self.action_copy),
            ("Export invite", "save the next session as an .ics file", self.action_invite),
            ("Settings", "your name, greeting and sign-off", self.action_settings),
            (
                "Correct the record",
                "the timeline: edit, delete, make private (r)",
                self.action_correct,
            ),
            (
                "Done",
                "back to the session"
                if self.mid_session or self.from_history
                else "back to your clients",
                self.action_done,
            ),
        ]
        for name, help_text, action in commands:
            yield PaletteCommand(name, help_text, action)
