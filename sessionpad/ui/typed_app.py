"""The app as the screens see it: typed, so mypy checks ``self.app.store`` and ``self.app.clock``.

Textual types ``app`` as ``App[Any]``, which has neither. A screen lists this mixin first
among its bases. Only the type checker sees it: at run time it adds nothing, so a screen
still works inside a test's own app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from sessionpad.ui.app import SessionpadApp

    class _Base(MessagePump):
        # Textual declares ``app`` as a settable ``App[Any]``; narrowing it is the point.
        @property
        def app(self) -> SessionpadApp: ...  # type: ignore[override]
else:
    _Base = object


class OnSessionpadApp(_Base):
    pass
