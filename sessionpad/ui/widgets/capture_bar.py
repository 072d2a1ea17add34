"""The capture bar: an Input that keeps a multi-line paste whole and takes each line once.

Textual's Input keeps only the first line of a paste. Here each line break of a paste is
shown as ``↵`` (visible and editable in one line) and turned back into a newline on submit.
Pasted text is sanitised first, because Input passes escape sequences to the terminal raw.

Keys that arrive together (a fast typist over ssh, ``tmux send-keys "a" Enter "b" Enter``)
must give exactly the lines typed. Textual types a character into an Input at once but runs
its bindings (enter, backspace, arrows, ours) only after the key has bubbled up to the App,
when the keys that came with it are already in the bar (PITFALLS.md): lines merged and a
backspace landed after the text that followed it. So the bar runs its own bindings in its
key handler, in the order the keys came, and enter takes the line out of the bar at once.

A refused line comes back into the bar only when nothing was sent with it: a key that
arrived within :data:`SENT_TOGETHER` of its enter, typing since, or a later line taken
means the coach was already on the next line, and the refused one is set aside instead
(``up`` in an empty bar brings it back) rather than merged into what follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual._time import get_time
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
#: Keys this close to an enter were sent with it; nobody reads a refusal and types this fast.
SENT_TOGETHER = 0.05


@dataclass(frozen=True)
class _Returned:
    """A refused line just put back into the bar, and when its enter was pressed."""

    text: str
    pressed_at: float


class CaptureBar(Input):
    # Only in an empty bar: with text in it these keys do nothing, so no typing is lost.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+z", "undo_last", "undo", show=False),
        Binding("up", "recall_last", "edit last", show=False),
    ]

    class Captured(Message):
        """A line the coach entered, already taken out of the bar.

        ``editing`` is the entry the bar was editing in place when enter was pressed (None
        for a new line): decided then, not when the message is handled, since a line typed
        after ``/edit N`` in the same burst is a line of its own.
        """

        def __init__(
            self, bar: CaptureBar, text: str, *, pressed_at: float, editing: int | None, take: int
        ) -> None:
            super().__init__()
            self.bar = bar
            self.text = text
            self.pressed_at = pressed_at
            self.editing = editing
            self.take = take  # how many lines the bar had taken, this one included

        @property
        def control(self) -> CaptureBar:
            return self.bar

    class UndoRequested(Message):
        """ctrl+z in an empty bar: take back the last entry."""

    class RecallRequested(Message):
        """up in an empty bar: bring the last entry back to edit it in place."""

    class SetAside(Message):
        """A refused line was set aside, not merged into the lines sent after it."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, **kwargs: object) -> None:
        super().__init__(
            placeholder="note · ! promise · !me mine · ? question · * insight · ~ private · /help",
            **kwargs,  # type: ignore[arg-type]
        )
        self._line_cells: LineCells | None = None
        #: The entry being edited in place, if any (``up``, ``/edit N``).
        self.editing: int | None = None
        self.set_aside: list[str] = []
        self._returned: _Returned | None = None
        self._typed_since_take = False
        self._takes = 0
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
        self._note_input(event.time)
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self._restart_blink()  # as Input does for every key: the cursor shows solid
            self.take_line(event.time)
            return
        action = self._own_action(event)
        if action is not None:
            event.stop()
            event.prevent_default()
            self._restart_blink()
            self._typed_since_take = True
            await self.run_action(action)
            return
        if event.is_printable:
            self._typed_since_take = True
        await super()._on_key(event)

    def _own_action(self, event: events.Key) -> str | None:
        """The action of one of the bar's own bindings for this key (Input's and ours)."""
        for key in event.aliases:
            for binding in self._bindings.key_to_bindings.get(key, ()):
                return binding.action
        return None

    def _note_input(self, arrived: float) -> None:
        """A key or paste sent together with a refused line's enter sets that line aside."""
        returned, self._returned = self._returned, None
        if returned is None or arrived - returned.pressed_at >= SENT_TOGETHER:
            return
        if self.value == returned.text:
            self.value = ""
            self.cursor_position = 0
            self.end_edit()
            self._keep_aside(returned.text)

    async def action_submit(self) -> None:
        self.take_line(get_time())

    def take_line(self, pressed_at: float) -> None:
        """Empty the bar now and hand its text on; blank lines are left where they are."""
        text = self.value
        if not text.strip():
            return
        editing = self.editing
        self.end_edit()
        self.value = ""
        self.cursor_position = 0
        self._typed_since_take = False
        self._takes += 1
        self.post_message(
            self.Captured(self, text, pressed_at=pressed_at, editing=editing, take=self._takes)
        )

    def give_back(self, captured: CaptureBar.Captured) -> bool:
        """A refused line returns to the bar, or is set aside (True) if the coach typed on.

        Never in front of or behind other typing: lines sent together stay apart.
        """
        if self.value or self._typed_since_take or self._takes > captured.take:
            self.set_aside.append(captured.text)
            return True
        self.value = captured.text
        self.cursor_position = len(captured.text)
        if captured.editing is not None:
            self.begin_edit(captured.editing)
        self._returned = _Returned(captured.text, captured.pressed_at)
        return False

    def _keep_aside(self, text: str) -> None:
        self.set_aside.append(text)
        self.post_message(self.SetAside(text))

    def begin_edit(self, seq: int) -> None:
        self.editing = seq
        self.add_class("editing")
        self.border_title = f"editing #{seq}"

    def end_edit(self) -> None:
        self.editing = None
        self.remove_class("editing")
        self.border_title = None

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        self._note_input(event.time)
        text = clean_text(event.text).strip("\n").replace("\n", LINE_BREAK)
        if not text:
            return
        self._typed_since_take = True
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)

    def action_undo_last(self) -> None:
        if not self.value:
            self.post_message(self.UndoRequested())

    def action_recall_last(self) -> None:
        if self.value:
            return
        if self.set_aside:  # what the coach typed last: a line set aside comes first
            self.value = self.set_aside.pop()
            self.cursor_position = len(self.value)
            return
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
