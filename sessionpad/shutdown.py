"""SIGHUP (the terminal closed) or SIGTERM ends sessionpad within 2 s, whatever it is doing.

Textual's own exit needs a free event loop and a live terminal. A main thread blocked on
Textual's full output queue, a closed tty or a deadlock at start-up never gets there, and a
handler registered with the loop then never runs (PITFALLS.md): the process lived on, holding
the data-dir lock. So the signal wakes a thread of our own instead, through
``signal.set_wakeup_fd`` — the byte is written by the C-level handler, whatever the main
thread is doing. That thread asks the app to exit normally; if the process is still here
after a short grace period, it marks the session interrupted (with a time limit of its own),
puts the terminal back as far as it can without ever waiting on it, and ends the process with
``os._exit``. The kernel drops the lock's ``flock`` with the process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import termios
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: The polite exit gets this long before the process is ended from under it.
GRACE_SECONDS = 0.8
#: Marking the session interrupted may be stuck behind a write of the main thread.
INTERRUPT_SECONDS = 0.5
SHUTDOWN_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
STDIN, STDOUT, STDERR = 0, 1, 2

# Leave the alternate screen, show the cursor, stop mouse, paste, focus and kitty-key modes.
TERMINAL_RESET = (
    b"\x1b[<u\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l"
    b"\x1b[?2004l\x1b[?1004l\x1b[?7h\x1b[?1049l\x1b[?25h"
)


@dataclass
class _Hooks:
    request_exit: Callable[[], object] | None = None
    interrupt: Callable[[], None] | None = None


class ShutdownGuard:
    """Process-wide: one per process, installed from the main thread before the UI starts."""

    def __init__(self) -> None:
        self._hooks = _Hooks()
        self._terminal_attrs: list[Any] | None = None
        self._installed = False
        self._wakeup: int | None = None
        self._input_closed = False

    @property
    def installed(self) -> bool:
        return self._installed

    def install(self) -> None:
        if self._installed:
            return
        read_end, write_end = os.pipe()
        os.set_blocking(write_end, False)
        with contextlib.suppress(termios.error, OSError, ValueError):
            self._terminal_attrs = termios.tcgetattr(STDIN)
        for sig in SHUTDOWN_SIGNALS:
            # A Python-level handler makes the C handler write the wakeup byte; the work
            # itself is done by the watcher, which does not need the main thread.
            signal.signal(sig, _note_only)
        signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
        watcher = threading.Thread(
            target=self._watch, args=(read_end,), name="sessionpad-shutdown", daemon=True
        )
        watcher.start()
        self._wakeup = write_end
        self._installed = True

    def input_closed(self) -> None:
        """The terminal's input ended with no SIGHUP reaching us (a pty closed that is not
        our controlling terminal, stdin at its end): shut down as on a hang-up. Before, the
        input thread spun on the end of input while the app lived on, holding the lock."""
        if self._wakeup is None or self._input_closed:
            return
        self._input_closed = True
        with contextlib.suppress(OSError):
            os.write(self._wakeup, bytes([signal.SIGHUP]))

    def attach(self, *, request_exit: Callable[[], object], interrupt: Callable[[], None]) -> None:
        """The running app: how to ask it to exit, and how to mark the session interrupted.

        Both are called from the watcher thread: ``request_exit`` must only hand work to the
        event loop (e.g. ``loop.call_soon_threadsafe``).
        """
        self._hooks = _Hooks(request_exit, interrupt)

    def detach(self) -> None:
        self._hooks = _Hooks()

    def _watch(self, read_end: int) -> None:
        while True:
            try:
                received = os.read(read_end, 64)
            except InterruptedError:
                continue
            except OSError:
                return
            caught = [number for number in received if number in SHUTDOWN_SIGNALS]
            if caught:
                self._shut_down(caught[0])
                return

    def _shut_down(self, signum: int) -> None:
        hooks = self._hooks
        if hooks.request_exit is not None:
            with contextlib.suppress(Exception):
                hooks.request_exit()
            # A normal exit ends the process, and this thread with it, before the wait is over.
            threading.Event().wait(GRACE_SECONDS)
        if hooks.interrupt is not None:
            _call_with_time_limit(hooks.interrupt, INTERRUPT_SECONDS)
        self._reset_terminal()
        os._exit(128 + signum)

    def _reset_terminal(self) -> None:
        """Best effort and never blocking: the terminal may be gone or its queue full."""
        for fd in (STDERR, STDOUT):  # Textual draws on stderr
            with contextlib.suppress(OSError):
                if os.isatty(fd):
                    os.set_blocking(fd, False)
                    os.write(fd, TERMINAL_RESET)
                    break
        if self._terminal_attrs is not None:
            with contextlib.suppress(termios.error, OSError, ValueError):
                termios.tcsetattr(STDIN, termios.TCSANOW, self._terminal_attrs)


def _note_only(_signum: int, _frame: object) -> None:
    """The main thread's share of the signal: none; the watcher thread does the work."""


def _call_with_time_limit(work: Callable[[], None], seconds: float) -> None:
    def guarded() -> None:
        with contextlib.suppress(Exception):
            work()

    worker = threading.Thread(target=guarded, name="sessionpad-interrupt", daemon=True)
    worker.start()
    worker.join(seconds)


#: The one guard of this process.
guard = ShutdownGuard()
