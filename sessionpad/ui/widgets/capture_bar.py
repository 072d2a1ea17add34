"""The capture bar: an Input that keeps a multi-line paste whole.

Textual's Input keeps only the first line of a paste. Here each line break of a paste is
shown as ``↵`` (visible and editable in one line) and turned back into a newline on submit.
Pasted text is sanitised first, because Input passes escape sequences to the terminal raw.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from sessionpad.core.sanitize import clean_text

LINE_BREAK = "↵"


class CaptureBar(Input):
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

    @staticmethod
    def restore_line_breaks(value: str) -> str:
        """What the coach means: a submitted value with pasted line breaks restored."""
        return value.replace(LINE_BREAK, "\n")

    def take_submitted(self, submitted: str) -> None:
        """Clear what was saved, keeping anything typed after enter was pressed."""
        rest = self.value[len(submitted) :] if self.value.startswith(submitted) else ""
        self.value = rest.lstrip()
        self.cursor_position = len(self.value)
