"""How every screen reports a storage failure: one sanitised line, long enough to read."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widget import Widget

from sessionpad.core.sanitize import one_line
from sessionpad.storage.store import StorageError


def notify_storage_error(
    node: Widget | App[Any], error: StorageError, title: str = "Not saved"
) -> None:
    node.notify(one_line(error.message), title=title, severity="error", timeout=15, markup=False)
