"""The terminal driver: Textual's Linux/macOS driver reading input with the paste guard.

Textual's ``LinuxDriver.run_input_thread`` builds its ``XTermParser`` inline, with no
hook to choose another parser, so the loop below is that loop (Textual 8.2.8), restated with
one change: the parser is :class:`~sessionpad.ui.paste_guard.PasteGuardParser`. Why the
guard exists is in that module. ``tests/ui/test_paste_guard.py`` fingerprints Textual's
loop, so a Textual upgrade that changes it fails a test instead of silently diverging.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual._loop import loop_last
from textual._parser import ParseError
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver

from sessionpad.shutdown import guard
from sessionpad.ui.paste_guard import PasteGuardParser

# sha256 of ``inspect.getsource(LinuxDriver.run_input_thread)`` in Textual 8.2.8, the
# loop copied below.
COPIED_INPUT_LOOP_SHA256 = "d796af6d69db337d6fa6bd463984f7d17188d991dbb22f60efb92a8a9619507c"


class PasteGuardDriver(LinuxDriver):
    """``LinuxDriver`` whose input parser never turns a paste into key presses."""

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = PasteGuardParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode

        def process_selector_events(
            selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False
        ) -> None:
            for last, (_selector_key, mask) in loop_last(selector_events):
                if mask & selectors.EVENT_READ:
                    unicode_data = decode(os.read(fileno, 1024 * 4), final=final and last)
                    if not unicode_data:
                        guard.input_closed()  # sessionpad: the terminal is gone; end the app
                        break  # stdin is a pipe that was closed
                    for event in parser.feed(unicode_data):
                        self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process_selector_events(selector.select(0.1))
            selector.unregister(self.fileno)
            process_selector_events(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass


def guarded(driver_class: type[Driver]) -> type[Driver]:
    """The driver to run with: ours in place of Textual's terminal driver, else unchanged.

    Only the exact ``LinuxDriver`` is replaced: on Windows, in a browser, or with a driver
    chosen through ``TEXTUAL_DRIVER``, Textual's choice stands.
    """
    return PasteGuardDriver if driver_class is LinuxDriver else driver_class
