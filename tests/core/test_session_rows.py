"""Home's quick read of the session index: the same rows as the checked headers, and a
row that doesn't fit sends the read through the full path, which rebuilds and reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessionpad.core.session_row import SessionRow
from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        seed_demo(store, now=FIXED_NOW)
    return data_dir


def _index_of(data_dir: Path, name: str) -> Path:
    with Store.open(data_dir) as store:
        client_id = store.find_client(name).id
    return data_dir / "index" / f"{client_id}.json"


def _edit_first_row(path: Path, field: str, value: object) -> None:
    raw = json.loads(path.read_text())
    next(iter(raw["sessions"].values()))[field] = value
    path.write_text(json.dumps(raw))


def test_rows_match_the_checked_headers(seeded: Path) -> None:
    with Store.open(seeded) as store:
        expected = [SessionRow.of(header) for header in store.session_headers()]
    with Store.open(seeded) as store:
        assert store.session_rows() == expected
        assert len(expected) == 4
        assert store.problems == []


def test_rows_are_read_without_checking_every_header_whole(seeded: Path, monkeypatch) -> None:
    def refuse(*_args, **_kwargs):
        raise AssertionError("the whole headers were read")

    with Store.open(seeded) as store:
        monkeypatch.setattr(store, "session_headers", refuse)
        assert len(store.session_rows()) == 4


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("started", {"utc": "yesterday-ish"}),
        ("number", "3"),
        ("number", True),
        ("status", "paused-forever"),
        ("client_id", "someone0else"),
        ("ended", 7),
    ],
)
def test_a_row_that_does_not_fit_rebuilds_the_index(seeded: Path, field, value) -> None:
    index = _index_of(seeded, "Dana")
    with Store.open(seeded) as store:
        expected = [SessionRow.of(header) for header in store.session_headers()]
    _edit_first_row(index, field, value)
    with Store.open(seeded) as store:
        assert store.session_rows() == expected
        [line] = store.problems
        assert f"index/{index.stem}.json" in line
        assert "rebuilt from" in line
