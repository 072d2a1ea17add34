"""How every screen reports a storage failure: one sanitised line, long enough to read."""

from __future__ import annotations

from textual.dom import DOMNode

from sessionpad.core.sanitize import one_line
from sessionpad.storage.store import StorageError


def notify_storage_error(node: DOMNode, error: StorageError, title: str = "Not saved") -> None:
    node.notify(one_line(error.message), title=title, severity="error", timeout=15, markup=False)
