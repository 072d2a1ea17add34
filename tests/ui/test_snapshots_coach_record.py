"""Snapshots of Home with the coach's promise record and hours, at 80×24 and 120×40.

A practice of its own (kept on time, late, missed, overdue, a pro bono client), so the
record shows every part. Update with ``--snapshot-update`` and look at the SVGs first.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sessionpad.storage.store import Store
from tests.ui.test_coach_log_ui import _seed_record
from tests.ui.test_snapshots_home_brief import LARGE, SMALL, snapshot_app


@pytest.fixture
def practice(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "data") as store:
        _seed_record(store)
        yield store


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_home_with_the_coachs_record(snap_compare, practice: Store, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_app(practice), terminal_size=size)


def test_brief_with_the_coachs_word(snap_compare, practice: Store) -> None:
    assert snap_compare(snapshot_app(practice), terminal_size=SMALL, press=["enter"])
