"""A finished session's timeline on its page: the same numbered lines as the live room's,
drawn as pre-wrapped Content rather than a Rich table per line.

A Rich table costs about a millisecond to measure and the option list measures every line
(twice, as the scrollbar comes and goes): 500 entries took ~600 ms to first paint. Wrapped
here once for the width, the page opens within its budget. Wrapped lines still hang under
the text, as in the room.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets.option_list import Option

from sessionpad.core.models import Entry
from sessionpad.ui.present import entry_cells
from sessionpad.ui.widgets.timeline import TimelineList

#: Border, padding and the scrollbar (styles/history.tcss) around the lines, until the
#: widget knows its own width.
CHROME = 5
NARROWEST = 20


class PageTimeline(TimelineList):
    """The page's own keys show in the Footer; esc leaves the page (there is no bar)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e,enter", "correct('edit')", "edit", show=False),
        Binding("d", "correct('delete')", "delete", show=False),
        Binding("p", "correct('private')", "private", show=False),
        Binding("escape", "leave", "back", show=False),
    ]

    def __init__(self, *args: object, **kwargs: str) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._entries: list[Entry] = []
        self._wrap_width = 0
        # A finished session doesn't grow: its page keeps the line the coach is reading in
        # view, never seeks a newest entry (the room's timeline does).
        self._following = False

    def _set_following(self, following: bool) -> None:
        super()._set_following(False)

    def show_entries(self, entries: Iterable[Entry]) -> None:
        self._entries = list(entries)
        if not self._wrap_width:
            self._wrap_width = max(NARROWEST, self.app.size.width - CHROME)
        super().show_entries(self._entries)

    def on_resize(self, event: events.Resize) -> None:
        width = max(NARROWEST, self.scrollable_content_region.width)
        if width != self._wrap_width and self._entries:
            self._wrap_width = width
            highlighted = self.highlighted
            super().show_entries(self._entries)
            self.highlighted = highlighted
            self.call_after_refresh(self.scroll_to_highlight)

    def _option(self, entry: Entry) -> Option:
        elapsed, mark, body = entry_cells(entry, self.started, self.client)
        prefix = Content.assemble(
            (str(entry.seq).rjust(self._number_width), "dim"),
            " ",
            (elapsed, "dim"),
            " ",
            (mark, "bold"),
            " ",
        )
        indent = prefix.cell_length
        text = Content.from_rich_text(body)
        room = max(10, self._wrap_width - indent)
        if text.cell_length <= room and "\n" not in text.plain:
            return Option(prefix + text, id=str(entry.seq))  # most lines: nothing to wrap
        lines = text.wrap(room)
        hanging = Content(" " * indent)
        shown = Content("\n").join([prefix + lines[0], *(hanging + line for line in lines[1:])])
        return Option(shown, id=str(entry.seq))
