"""Copy text: the system clipboard through pyperclip, else the terminal's OSC 52.

pyperclip raises on machines with no clipboard backend (SSH, headless Linux), and OSC 52
gets no confirmation, so the caller always writes the file first and the result says
honestly which route was taken.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CopyResult:
    copied: bool
    route: str

    def describe(self, saved_to: str) -> str:
        if self.route == "system":
            return f"copied to the clipboard · also saved to {saved_to}"
        if self.route == "osc52":
            return (
                "sent to the terminal's clipboard (OSC 52; some terminals ignore it)"
                f" · saved to {saved_to}"
            )
        return f"no clipboard here — the summary is saved to {saved_to}"


def copy_text(text: str, osc52: Callable[[str], None] | None = None) -> CopyResult:
    try:
        import pyperclip

        pyperclip.copy(text)
    except Exception:  # pyperclip raises its own RuntimeError subclass, or worse, per platform
        if osc52 is None:
            return CopyResult(False, "none")
        try:
            osc52(text)
        except Exception:
            return CopyResult(False, "none")
        return CopyResult(True, "osc52")
    return CopyResult(True, "system")
