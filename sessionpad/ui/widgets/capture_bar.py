"""The capture bar: an Input that keeps a multi-line paste whole.

Textual's Input keeps only the first line of a paste. Here each line break of a paste is
shown as ``↵`` (visible and editable in one line) and turned back into a newline on submit.
Pasted text is sanitised first, because Input passes escape sequences to the terminal raw.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

from sessionpad.core.sanitize import clean_text

LINE_BREAK = "↵"


class CaptureBar(Input):
    # Only in an empty bar: with text in it these keys do nothing, so no typing is lost.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+z", "undo_last", "undo", show=False),
        Binding("up", "recall_last", "edit last", show=False),
    ]

    class UndoRequested(Message):
        """ctrl+z in an empty bar: take back the last entry."""

    class RecallRequested(Message):
        """up in an empty bar: bring the last entry back to edit it in place."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(
            placeholder="note · ! promise · !me mine · ? question · * insight · ~ private · /help",
            **kwargs,  # type: ignore[arg-type]
        )

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        text = clean_text(event.text).strip("\n").replace("\n", LINE_BREAK)
        if not text:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)

    def action_undo_last(self) -> None:
        if not self.value:
            self.post_message(self.UndoRequested())

    def action_recall_last(self) -> None:
        if not self.value:
            self.post_message(self.RecallRequested())

    def offer(self, text: str) -> None:
        """Put an entry's text in the bar to retype or edit, line breaks shown as ``↵``."""
        self.value = clean_text(text).replace("\n", LINE_BREAK)
        self.cursor_position = len(self.value)

    @staticmethod
    def restore_line_breaks(value: str) -> str:
        """What the coach means: a submitted value with pasted line breaks restored."""
        return value.replace(LINE_BREAK, "\n")

    def take_submitted(self, submitted: str) -> None:
        """Clear what was saved, keeping anything typed after enter was pressed."""
        rest = self.value[len(submitted) :] if self.value.startswith(submitted) else ""
        self.value = rest.lstrip()
        self.cursor_position = len(self.value)
