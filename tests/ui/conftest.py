"""UI fixtures: the app on a seeded store with a frozen clock, no signal handlers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sessionpad.storage.store import Store
from sessionpad.ui.app import SessionpadApp
from tests.conftest import FakeClock


@pytest.fixture
def make_app(clock: FakeClock) -> Callable[..., SessionpadApp]:
    def factory(store: Store, **kwargs: Any) -> SessionpadApp:
        return SessionpadApp(store, handle_signals=False, clock=clock, **kwargs)

    return factory
