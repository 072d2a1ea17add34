"""Correcting from a screen: the capture bar in edit mode and the timeline redrawn.

The live room and a finished session's corrections screen share it, so ``up``, ``ctrl+z``,
``/edit N`` and the timeline keys behave the same in both.
"""

from __future__ import annotations

from collections.abc import Iterable

from sessionpad.core import capture as cap
from sessionpad.core.live import Action, Outcome
from sessionpad.core.models import Entry
from sessionpad.ui.widgets.capture_bar import CaptureBar
from sessionpad.ui.widgets.timeline import TimelineList


class Correcting:
    """Which entry, if any, the bar is editing in place; and what a correction redraws.

    Edit mode lasts until enter saves or esc cancels: clearing the bar to retype the
    entry (ctrl+u) is part of editing it, not a way out.
    """

    def __init__(self, timeline: TimelineList, bar: CaptureBar) -> None:
        self.timeline = timeline
        self.bar = bar
        self.editing: int | None = None

    def command_for(self, text: str) -> cap.Capture | None:
        """In edit mode, what enter saves: the bar's text over the entry being edited.

        A command typed meanwhile (``/undo``; ``//`` starts a note) is carried out as a
        command instead, and ends the edit.
        """
        if self.editing is None:
            return None
        if text.lstrip().startswith("/") and not text.lstrip().startswith("//"):
            self.stop()
            return None
        return cap.EditEntry(self.editing, text)

    def apply(self, outcome: Outcome, entries: Iterable[Entry]) -> None:
        """Show what a correction did: the bar takes the text, the timeline is redrawn."""
        if outcome.error:
            return
        if outcome.action is Action.RECALL and outcome.editing is not None:
            self.editing = outcome.editing
            self.bar.add_class("editing")
            self.bar.border_title = f"editing #{self.editing}"
            self.bar.offer(outcome.argument or "")
            self.bar.focus()
        elif outcome.action is Action.CORRECTED:
            self.stop()
            self.timeline.show_entries(entries)
            if outcome.argument and not self.bar.value:
                self.bar.offer(outcome.argument)

    def stop(self) -> None:
        self.editing = None
        self.bar.remove_class("editing")
        self.bar.border_title = None

    def cancel(self) -> bool:
        """Leave the entry as it was; False when nothing was being edited."""
        if self.editing is None:
            return False
        self.stop()
        self.bar.value = ""
        return True
