"""Correcting from a screen: the capture bar in edit mode and the timeline redrawn.

The live room and a finished session's corrections screen share it, so ``up``, ``ctrl+z``,
``/edit N`` and the timeline keys behave the same in both.
"""

from __future__ import annotations

from collections.abc import Iterable

from sessionpad.core import capture as cap
from sessionpad.core.live import Action, Outcome
from sessionpad.core.models import Entry
from sessionpad.core.sanitize import one_line
from sessionpad.ui.widgets.capture_bar import CaptureBar
from sessionpad.ui.widgets.timeline import TimelineList


def set_aside_message(text: str, reason: str) -> str:
    """What the bar says of a refused line it set aside rather than merge into the next."""
    why = f"{reason} — " if reason else ""
    return f"{why}set aside: {one_line(text, 30)} (up brings it back)"


class Correcting:
    """Which entry, if any, the bar is editing in place; and what a correction redraws.

    Edit mode lasts until enter saves or esc cancels: clearing the bar to retype the
    entry (ctrl+u) is part of editing it, not a way out.
    """

    def __init__(self, timeline: TimelineList, bar: CaptureBar) -> None:
        self.timeline = timeline
        self.bar = bar

    @staticmethod
    def command_for(text: str, editing: int | None) -> cap.Capture | None:
        """What enter saves when the bar was ``editing`` an entry: the text over that entry.

        A command typed meanwhile (``/undo``; ``//`` starts a note) is carried out as a
        command instead, and ends the edit.
        """
        if editing is None:
            return None
        if text.lstrip().startswith("/") and not text.lstrip().startswith("//"):
            return None
        return cap.EditEntry(editing, text)

    def accepts(self, outcome: Outcome) -> Outcome:
        """``outcome``, unless it would put an entry into a bar that is in use."""
        if outcome.action is Action.RECALL and not outcome.error and self.bar.value:
            # Keys sent with "/edit N" are already in the bar: never swap them for N's text.
            return Outcome(
                "the bar has text in it — enter or clear it, then edit again", error=True
            )
        return outcome

    def apply(self, outcome: Outcome, entries: Iterable[Entry]) -> None:
        """Show what a correction did: the bar takes the text, the timeline is redrawn."""
        if outcome.error:
            return
        if outcome.action is Action.RECALL and outcome.editing is not None:
            self.bar.begin_edit(outcome.editing)
            self.bar.offer(outcome.argument or "")
            self.bar.focus()
        elif outcome.action is Action.CORRECTED:
            self.bar.end_edit()
            self.timeline.show_entries(entries)
            if outcome.argument and not self.bar.value:
                self.bar.offer(outcome.argument)

    def cancel(self) -> bool:
        """Leave the entry as it was; False when nothing was being edited."""
        if self.bar.editing is None:
            return False
        self.bar.end_edit()
        self.bar.value = ""
        return True
