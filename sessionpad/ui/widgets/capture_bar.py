"""The capture bar: an Input that keeps a multi-line paste whole and takes each line once.

Textual's Input keeps only the first line of a paste. Here each line break of a paste is
shown as ``↵`` (visible and editable in one line) and turned back into a newline on submit.
Pasted text is sanitised first, because Input passes escape sequences to the terminal raw.

Enter takes the line out of the bar in the bar's own key handling. Textual runs the
``enter`` binding only after the key has bubbled up to the App, and keys that arrived in the
same read are typed into the bar before that (PITFALLS.md): lines sent together would merge.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input

from sessionpad.core.sanitize import clean_text
from sessionpad.ui.widgets.line_cells import EvenCells, LineCells

LINE_BREAK = "↵"
#: Drawn for every character while the bar is veiled (the privacy curtain is down).
VEIL = "•"
#: From this length on the bar measures and draws only what it must (line_cells.py); shorter
#: lines keep Textual's own drawing, which is cheap there.
LONG_LINE = 256


class CaptureBar(Input):
    # Only in an empty bar: with text in it these keys do nothing, so no typing is lost.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+z", "undo_last", "undo", show=False),
        Binding("up", "recall_last", "edit last", show=False),
    ]

    class Captured(Message):
        """A line the coach entered, already taken out of the bar."""

        def __init__(self, bar: CaptureBar, text: str) -> None:
            super().__init__()
            self.bar = bar
            self.text = text

        @property
        def control(self) -> CaptureBar:
            return self.bar

    class UndoRequested(Message):
        """ctrl+z in an empty bar: take back the last entry."""

    class RecallRequested(Message):
        """up in an empty bar: bring the last entry back to edit it in place."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(
            placeholder="note · ! promise · !me mine · ? question · * insight · ~ private · /help",
            **kwargs,  # type: ignore[arg-type]
        )
        self._line_cells: LineCells | None = None
        self._veiled = False

    @property
    def veiled(self) -> bool:
        """True while the text is drawn as dots: typing goes on, nothing readable shows."""
        return self._veiled

    @veiled.setter
    def veiled(self, veiled: bool) -> None:
        self._veiled = veiled
        self.refresh()

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self._restart_blink()  # as Input does for every key: the cursor shows solid
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
        """A refused line returns, in front of whatever was typed since it was taken.

        The cursor stays where the typing is: keys still on their way land after it, not in
        the middle of the returned line.
        """
        typed_since, cursor = self.value, self.cursor_position
        if not typed_since:
            self.value = text
            self.cursor_position = len(text)
            return
        self.value = f"{text} {typed_since}"
        self.cursor_position = len(text) + 1 + cursor

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

    # ── long lines: per key, measure and draw only what changed or shows ───────

    def _measured(self) -> LineCells | EvenCells | None:
        """Cell offsets of a long or veiled value; None where Textual's own way is right."""
        value = self.value
        if self._veiled and value:
            return EvenCells(len(value))
        if len(value) < LONG_LINE or "\t" in value or self.password or self.suggester:
            return None
        cells = self._line_cells
        if cells is None or cells.line is not value:
            cells = self._line_cells = LineCells(value)
        return cells

    def _position_to_cell(self, position: int) -> int:
        cells = self._measured()
        if cells is None:
            return super()._position_to_cell(position)
        return cells.cells_before(position)

    @property
    def content_width(self) -> int:
        cells = self._measured()
        if cells is None:
            return super().content_width
        return cells.total + 1

    def render_line(self, y: int) -> Strip:
        cells = self._measured() if y == 0 else None
        if cells is None or (self.highlighter is not None and not self._veiled):
            return super().render_line(y)
        return self._render_visible_part(cells)

    def _render_visible_part(self, cells: LineCells | EvenCells) -> Strip:
        """Input.render_line for a value, on only the characters in view (plus one each side,
        for a wide character cut by an edge)."""
        value = self.value
        width = self.scrollable_content_region.width
        scroll_x = self.scroll_offset.x
        first = max(0, cells.position_at(scroll_x) - 1)
        last = min(len(value), cells.position_at(scroll_x + width + 1) + 2)
        shown = VEIL * (last - first) if self._veiled else value[first:last]
        part = Text(shown, no_wrap=True, overflow="ignore", end="")
        if self.has_focus:
            if not self.selection.is_empty:
                start, end = sorted(self.selection)
                start, end = max(start, first) - first, min(end, last) - first
                if start < end:
                    part.stylize_before(
                        self.get_component_rich_style("input--selection"), start, end
                    )
            cursor = self.cursor_position - first
            # Out of view (scrolled away): rich would read a negative index from the end.
            if self._cursor_visible and 0 <= cursor <= len(part):
                if self.cursor_at_end:
                    part.pad_right(1)
                part.stylize(self.get_component_rich_style("input--cursor"), cursor, cursor + 1)
        console = self.app.console
        options = self.app.console_options.update_width(part.cell_len + 1)
        strip = Strip(list(console.render(part, options)))
        left = scroll_x - cells.cells_before(first)
        strip = strip.crop(left, left + width + 1).extend_cell_length(width + 1)
        return strip.apply_style(self.rich_style)
