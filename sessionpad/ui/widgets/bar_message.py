"""The line above the capture bar that says what just happened, never cut short.

A message wraps onto a second line. One that needs more than two shows them with a hint at
the end, and ``open_in_full()`` (a key on the screen) opens it in full until the next message: a
candidate list cut at one line ("…; The client's") told the coach nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Static

from sessionpad.core.sanitize import one_line

#: Lines a message may take before it asks for a key to show the rest.
SHOWN_LINES = 2


class BarMessage(Static):
    def __init__(self, *, more_hint: str = "… F3 all", **kwargs: str) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._message = ""
        self._more_hint = more_hint

    @property
    def message(self) -> str:
        """The whole message, however much of it is on show."""
        return self._message

    @property
    def is_cut(self) -> bool:
        """True while part of the message waits for ``open_in_full()``."""
        return not self.has_class("full") and len(self._wrapped(self._width())) > SHOWN_LINES

    def say(self, message: str, *, error: bool = False, warning: bool = False) -> None:
        self._message = one_line(message)
        self.set_class(error, "error")
        self.set_class(warning and not error, "warning")
        self.remove_class("full")
        self._show()

    def open_in_full(self) -> bool:
        """Show the whole message; False when there was nothing more to show."""
        if not self.is_cut:
            return False
        self.add_class("full")
        self._show()
        return True

    def on_resize(self, event: events.Resize) -> None:
        self._show()

    def _show(self) -> None:
        width = self._width()
        lines = self._wrapped(width)
        if self.has_class("full") or len(lines) <= SHOWN_LINES:
            self.update(Text(self._message))
            return
        hint = self._more_hint
        second = lines[SHOWN_LINES - 1]
        room = max(0, width - len(hint))
        kept = Text(str(lines[0]).rstrip() + " ")
        kept.append(one_line(str(second), room).rstrip("…").rstrip())
        kept.append(hint, style="bold")
        self.update(kept)

    def _width(self) -> int:
        return max(1, self.content_region.width or self.app.size.width - 2)

    def _wrapped(self, width: int) -> list[Text]:
        return list(Text(self._message).wrap(self.app.console, width))
