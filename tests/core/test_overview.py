"""Home's overview counts from raw records; they must agree with the promise objects."""

from __future__ import annotations

from datetime import timedelta

from sessionpad.core.overview import client_overview, client_rows
from tests.conftest import FIXED_NOW


def test_counts_match_the_promises_themselves(demo_store):
    for days_later in (0, 3, 30):
        today = FIXED_NOW.date() + timedelta(days=days_later)
        for row in client_overview(demo_store, today):
            promises = demo_store.promises(row.client.id)
            assert row.open_promises == sum(p.is_open for p in promises)
            assert row.overdue == sum(p.is_overdue(today) for p in promises)


def test_overview_rows(demo_store):
    rows = client_overview(demo_store, FIXED_NOW.date())
    assert [row.client.name for row in rows] == ["Dana Reyes", "Sam Okafor"]
    dana = rows[0]
    assert (dana.sessions, dana.open_promises, dana.overdue) == (3, 3, 1)
    assert dana.last == (FIXED_NOW - timedelta(days=7)).date()
    text = client_rows(demo_store, FIXED_NOW.date())
    assert text[0][4] == "3 (1 overdue)"
