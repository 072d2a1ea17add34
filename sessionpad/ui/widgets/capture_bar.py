"""The capture bar: an Input that keeps a multi-line paste whole and takes each line once.

Textual's Input keeps only the first line of a paste. Here each line break of a paste is
shown as ``↵`` (visible and editable in one line) and turned back into a newline on submit.
Pasted text is sanitised first, because Input passes escape sequences to the terminal raw.

Enter takes the line out of the bar in the bar's own key handling. Textual runs the
``enter`` binding only after the key has bubbled up to the App, and keys that arrived in the
same read are typed into the bar before that (PITFALLS.md): lines sent together would merge.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input

from sessionpad.core.sanitize import clean_text

LINE_BREAK = "↵"


class CaptureBar(Input):
    class Captured(Message):
        """A line the coach entered, already taken out of the bar."""

        def __init__(self, bar: CaptureBar, text: str) -> None:
            super().__init__()
            self.bar = bar
            self.text = text

        @property
        def control(self) -> CaptureBar:
            return self.bar

    def __init__(self, **kwargs: object) -> None:
        super().__init__(
            placeholder="note · ! promise · !me mine · ? question · * insight · ~ private · /help",
            **kwargs,  # type: ignore[arg-type]
        )

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.take_line()
            return
        await super()._on_key(event)

    async def action_submit(self) -> None:
        self.take_line()

    def take_line(self) -> None:
        """Empty the bar now and hand its text on; blank lines are left where they are."""
        text = self.value
        if not text.strip():
            return
        self.value = ""
        self.cursor_position = 0
        self.post_message(self.Captured(self, text))

    def give_back(self, text: str) -> None:
        """A refused line returns, in front of whatever was typed since it was taken."""
        typed_since = self.value.lstrip()
        self.value = f"{text} {typed_since}" if typed_since else text
        self.cursor_position = len(text)

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
