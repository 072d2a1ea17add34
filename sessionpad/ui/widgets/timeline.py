"""The session timeline: numbered entries, and a focusable list to correct them from.

It takes the focus only when asked (a key on the screen), so the capture bar keeps it the
rest of the time; arrows then select a line and ``e``/``d``/``p`` ask for a correction,
which goes up as a message carrying the same typed command the bar would make.

It follows the newest entry unless the coach has scrolled up. A scroll made while it is
hidden (behind the privacy curtain) or before a resize has re-wrapped the lines lands on a
stale bottom, so the bottom is sought again whenever it is shown or resized.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sessionpad.core import capture as cap
from sessionpad.core.models import Client, Entry
from sessionpad.ui.present import entry_line


class TimelineList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e,enter", "correct('edit')", "edit", key_display="e"),
        Binding("d", "correct('delete')", "delete"),
        Binding("p", "correct('private')", "private"),
        Binding("escape", "leave", "back to the bar"),
    ]

    class Correction(Message):
        """The coach asked for a correction of the selected line."""

        def __init__(self, command: cap.Correction) -> None:
            super().__init__()
            self.command = command

    class Left(Message):
        """The coach is done with the timeline: the capture bar takes the focus back."""

    class Following(Message):
        """Whether the newest entry is on show; ``unseen`` entries came since it was not."""

        def __init__(self, following: bool, unseen: int) -> None:
            super().__init__()
            self.following = following
            self.unseen = unseen

    def __init__(self, started: datetime, client: Client, **kwargs: str) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.started = started
        self.client = client
        self.can_focus = False
        self._number_width = 1
        self._following = True
        self._unseen = 0

    def show_entries(self, entries: Iterable[Entry]) -> None:
        """Draw every entry again (after a correction), keeping the selection near."""
        entries = list(entries)
        selected = self.selected_seq
        following, top = self._following, self.scroll_y
        self._number_width = len(str(entries[-1].seq)) if entries else 1
        self.clear_options()
        self.add_options([self._option(entry) for entry in entries])
        if self.has_focus and entries:
            self.highlighted = self._index_near(entries, selected)
            return
        self.highlighted = None
        # Emptying the list scrolled it to the top, which is no scroll of the coach's.
        self._following = following
        if following:
            self.scroll_end(animate=False)
        else:
            self.scroll_to(y=top, animate=False)

    def append_entry(self, entry: Entry) -> None:
        if len(str(entry.seq)) > self._number_width:
            self._number_width = len(str(entry.seq))
        self.add_option(self._option(entry))
        if self._following:
            self.scroll_end(animate=False)
        else:
            self._unseen += 1
            self.post_message(self.Following(False, self._unseen))

    @property
    def following(self) -> bool:
        """True while the timeline keeps the newest entry on show."""
        return self._following

    def follow(self) -> None:
        """Back to the newest entry, and keep to it."""
        self._set_following(True)
        self.scroll_end(animate=False)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.option_count and self.size.height:
            self._set_following(round(new_value) >= self.max_scroll_y)

    @on(events.Resize)
    @on(events.Show)
    def _seek_the_bottom_again(self) -> None:
        if self._following:
            self.scroll_end(animate=False)

    def _set_following(self, following: bool) -> None:
        if following == self._following:
            return
        self._following = following
        self._unseen = 0
        self.post_message(self.Following(following, 0))

    @property
    def selected_seq(self) -> int | None:
        if self.highlighted is None or not self.option_count:
            return None
        option_id = self.get_option_at_index(self.highlighted).id
        return int(option_id) if option_id else None

    def take_focus(self) -> bool:
        """Focus the timeline with its last line selected; False when there is nothing."""
        if not self.option_count:
            return False
        self.can_focus = True
        self.focus()
        self.highlighted = self.option_count - 1
        return True

    def on_blur(self, event: events.Blur) -> None:
        # Never reachable by tab or a click between uses: the bar owns the focus.
        self.can_focus = False
        self.highlighted = None
        self.follow()

    def action_correct(self, what: str) -> None:
        seq = self.selected_seq
        if seq is None:
            return
        commands: dict[str, cap.Correction] = {
            "edit": cap.EditEntry(seq),
            "delete": cap.DeleteEntry(seq),
            "private": cap.MakePrivate(seq),
        }
        self.post_message(self.Correction(commands[what]))

    def action_leave(self) -> None:
        self.post_message(self.Left())

    def _option(self, entry: Entry) -> Option:
        line = entry_line(entry, self.started, self.client, number_width=self._number_width)
        return Option(line, id=str(entry.seq))

    def _index_near(self, entries: list[Entry], seq: int | None) -> int:
        if seq is None:
            return len(entries) - 1
        for index, entry in enumerate(entries):
            if entry.seq >= seq:
                return index
        return len(entries) - 1
