"""The garbage collector waits for the first paint.

A cold start allocates a large, long-lived heap (Textual's classes and styles, the store's
files) and the collector walked it again and again before anything was on screen: about
30 ms of a ~330 ms start with 1,000 past sessions (measured with gc.callbacks). Paused
until the first paint, that work comes after the coach can see the screen.
"""

from __future__ import annotations

import gc


def hold() -> None:
    gc.disable()


def release() -> None:
    gc.enable()
