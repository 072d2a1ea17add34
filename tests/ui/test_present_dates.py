"""How due dates read on the live room's timeline (ui/present.py)."""

from __future__ import annotations

from rich.console import Console

from sessionpad.core.models import Client, Entry, EntryKind
from sessionpad.ui.present import entry_line
from tests.conftest import FIXED_NOW

DANA = Client("Dana Reyes", preferred_name="Dana")


def rendered(entry: Entry) -> str:
    console = Console(width=120, record=True, color_system=None)
    console.print(entry_line(entry, FIXED_NOW, DANA))
    return " ".join(console.export_text().split())


def test_a_promise_shows_its_due_time() -> None:
    data = {"promise_id": "p1", "owner": "client", "due": "2026-12-04", "due_time": "14:00"}
    entry = Entry(1, EntryKind.PROMISE_MADE, "talk to Sam", FIXED_NOW, data=data)
    assert "Dana: talk to Sam · due Fri 4 Dec, 14:00" in rendered(entry)


def test_a_renegotiation_shows_the_new_date() -> None:
    data = {"promise_id": "p1", "owner": "client", "status": "renegotiated", "due": "2026-12-04"}
    entry = Entry(2, EntryKind.PROMISE_RESOLVED, "talk to Sam", FIXED_NOW, data=data)
    assert "renegotiated: talk to Sam · now due Fri 4 Dec" in rendered(entry)


def test_a_damaged_stored_date_costs_the_date_not_the_timeline() -> None:
    data = {"owner": "client", "status": "renegotiated", "due": "not a date", "due_time": 7}
    entry = Entry(3, EntryKind.PROMISE_RESOLVED, "talk to Sam", FIXED_NOW, data=data)
    assert "renegotiated: talk to Sam" in rendered(entry)
