"""A finished session's timeline, to correct after the fact (SPEC §4a).

The same bar and keys as the live room — ``/edit N``, ``/delete N``, ``/private N``,
``/kind N``, ``/undo``, ``up`` and ``ctrl+z`` in an empty bar, the timeline on F2 — but
only corrections apply. Closing it hands back to the summary, which renders again from
what is stored.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from sessionpad.core import capture as cap
from sessionpad.core.live import Outcome
from sessionpad.core.past_session import PastSession
from sessionpad.core.sanitize import one_line
from sessionpad.core.when import short_day
from sessionpad.storage.store import StorageError
from sessionpad.ui.correcting import Correcting, set_aside_message
from sessionpad.ui.present import client_heading
from sessionpad.ui.widgets.capture_bar import CaptureBar
from sessionpad.ui.widgets.timeline import TimelineList


class CorrectionsScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2,ctrl+y", "focus_timeline", "timeline", key_display="F2"),
        Binding("escape", "back", "done"),
    ]

    def __init__(self, past: PastSession, *, back_to: str = "the summary") -> None:
        super().__init__()
        self.past = past
        # Where esc goes: the summary, or the session's page in the history.
        self.back_to = back_to
        self._last_refusal = ""

    def compose(self) -> ComposeResult:
        yield Static(id="corrections-header")
        yield TimelineList(self.past.session.started, self.past.client, id="timeline")
        yield Static(id="bar-message")
        yield CaptureBar(id="capture")
        yield Footer()

    def on_mount(self) -> None:
        session = self.past.session
        header = client_heading(self.past.client)
        header.append(f" · session {session.number}, {short_day(session.started.date())}")
        header.append(" · correcting the record", style="dim")
        self.query_one("#corrections-header", Static).update(header)
        timeline = self.query_one(TimelineList)
        timeline.show_entries(session.entries)
        bar = self.query_one(CaptureBar)
        bar.placeholder = "/edit N · /delete N · /private N · /kind N insight · /undo"
        self._correcting = Correcting(timeline, bar)
        self._say(f"F2 selects a line · up edits the last one · esc back to {self.back_to}")
        bar.focus()

    @on(CaptureBar.Captured, "#capture")
    def _captured(self, event: CaptureBar.Captured) -> None:
        # The bar has already let go of the text (keys sent together never merge into it);
        # a refused line goes back into the bar.
        text = CaptureBar.restore_line_breaks(event.text)
        edit = self._correcting.command_for(text, event.editing)
        try:
            outcome = self.past.execute(edit) if edit is not None else self.past.capture(text)
        except StorageError as error:
            self._say(f"not saved — {error.message} (your text is still here)", error=True)
            event.bar.give_back(event)
            return
        if outcome.error:
            if event.bar.give_back(event):
                outcome = replace(outcome, message=set_aside_message(event.text, outcome.message))
            self._last_refusal = outcome.message
        self._show(outcome)

    def _run(self, command: cap.Capture) -> None:
        try:
            self._show(self.past.execute(command))
        except StorageError as error:
            self._say(f"not saved — {error.message}", error=True)

    def _show(self, outcome: Outcome) -> None:
        outcome = self._correcting.accepts(outcome)
        self._say(outcome.message, error=outcome.error)
        self._correcting.apply(outcome, self.past.session.entries)

    def _say(self, message: str, *, error: bool = False) -> None:
        bar_message = self.query_one("#bar-message", Static)
        bar_message.set_class(error, "error")
        bar_message.update(Text(one_line(message)))

    def action_focus_timeline(self) -> None:
        if self.query_one(TimelineList).take_focus():
            self._say("↑↓ select · e edit · d delete · p private · esc back to the bar")
        else:
            self._say("this session has no entries")

    def action_back(self) -> None:
        if self._correcting.cancel():
            self._say("left as it was")
            return
        self.dismiss(None)

    @on(CaptureBar.SetAside)
    def _set_aside(self, event: CaptureBar.SetAside) -> None:
        self._say(set_aside_message(event.text, self._last_refusal), error=True)

    @on(CaptureBar.UndoRequested)
    def _undo(self) -> None:
        self._run(cap.Undo())

    @on(CaptureBar.RecallRequested)
    def _recall(self) -> None:
        self._run(cap.Recall())

    @on(TimelineList.Correction)
    def _timeline_correction(self, message: TimelineList.Correction) -> None:
        self._run(message.command)

    @on(TimelineList.Left)
    def _timeline_left(self) -> None:
        self.query_one(CaptureBar).focus()
