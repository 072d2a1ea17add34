"""Shared fixtures: a fixed clock and stores seeded through the domain API."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from sessionpad.storage.store import Store

#: Friday 27 Nov 2026, 14:00 at UTC+1: every test and snapshot sees the same "now".
FIXED_NOW = datetime(2026, 11, 27, 14, 0, tzinfo=timezone(timedelta(hours=1)))


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, start: datetime = FIXED_NOW) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, minutes: float = 0, seconds: float = 0) -> None:
        self.moment += timedelta(minutes=minutes, seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir) as opened:
        yield opened


@pytest.fixture
def demo_store(data_dir: Path) -> Iterator[Store]:
    from sessionpad.demo import seed_demo

    with Store.open(data_dir) as opened:
        seed_demo(opened, now=FIXED_NOW)
        yield opened
