"""UI fixtures: the app on a seeded store with a frozen clock, no signal handlers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest
from textual.pilot import Pilot

from sessionpad.storage.store import Store
from sessionpad.ui.app import SessionpadApp
from sessionpad.ui.screens.live import LiveScreen
from tests.conftest import FakeClock


@pytest.fixture
def make_app(clock: FakeClock) -> Callable[..., SessionpadApp]:
    def factory(store: Store, **kwargs: Any) -> SessionpadApp:
        return SessionpadApp(store, handle_signals=False, clock=clock, **kwargs)

    return factory


@asynccontextmanager
async def live_room(
    app: SessionpadApp, size: tuple[int, int] = (80, 24)
) -> AsyncIterator[tuple[Pilot, LiveScreen]]:
    """Run ``app`` (started on a client) until its live room is on screen."""
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        yield pilot, app.screen
