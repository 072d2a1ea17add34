"""Snapshots of the delete confirmation (issue 9 item 3), at 80×24 and 120×40."""

from __future__ import annotations

import pytest

from sessionpad.storage.store import Store
from tests.ui.test_snapshots_home_brief import LARGE, SMALL, seeded, snapshot_app

__all__ = ["seeded"]


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_delete_confirmation(snap_compare, seeded: Store, size: tuple[int, int]) -> None:
    assert snap_compare(
        snapshot_app(seeded), terminal_size=size, press=["delete", *"Dana", "enter"]
    )
