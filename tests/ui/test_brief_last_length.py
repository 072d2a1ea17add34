"""The brief's header tells the last ended session's real length, not its plan."""

from __future__ import annotations

from sessionpad.core.live import LiveSession
from sessionpad.core.models import Client
from sessionpad.core.reports import client_brief
from sessionpad.storage.store import Store
from sessionpad.ui.screens.brief import title_line
from tests.conftest import FakeClock


def test_header_says_how_long_the_last_session_lasted(store: Store, clock: FakeClock) -> None:
    client = Client(name="Robin Vale")
    store.save_client(client)
    live = LiveSession.start(store, client, 60, clock=clock)
    live.capture("arrived early")
    clock.advance(minutes=4)
    live.end()

    title = title_line(client_brief(store, client.id, clock().date()), clock().date()).plain

    assert title.endswith(", 4 min")


def test_an_unfinished_session_does_not_hide_the_last_ended_one(
    store: Store, clock: FakeClock
) -> None:
    client = Client(name="Robin Vale")
    store.save_client(client)
    first = LiveSession.start(store, client, 60, clock=clock)
    first.capture("arrived early")
    clock.advance(minutes=4)
    first.end()
    clock.advance(minutes=60)
    second = LiveSession.start(store, client, 90, clock=clock)
    second.capture("a note")
    second.mark_interrupted()

    title = title_line(client_brief(store, client.id, clock().date()), clock().date()).plain

    assert "session 2 unfinished" in title
    assert title.endswith(", 4 min")
