"""Home at start-up reads only what it paints (SPEC §9: cold start ≤ 1.4× a bare app)."""

from __future__ import annotations

from textual.widgets import DataTable

from sessionpad.storage.store import Store
from sessionpad.ui.screens.home import HomeScreen


async def test_home_lists_sessions_without_checking_every_header_whole(
    demo_store: Store, make_app, monkeypatch
):
    # Checking and converting every header (phases and all) grew Home's start-up with the
    # coach's history; the raw index rows hold all Home shows.
    expected = len(demo_store.session_headers())
    calls = []
    real = demo_store.session_headers
    monkeypatch.setattr(demo_store, "session_headers", lambda *a: calls.append(a) or real(*a))
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#recent", DataTable).row_count == expected
        assert app.screen.query_one("#clients", DataTable).row_count == 2
    assert calls == []


FIRST_PAINT = """
import sys
from pathlib import Path
from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from sessionpad.ui.app import SessionpadApp

class FirstPaint(SessionpadApp):
    def on_mount(self):
        self.call_after_refresh(self.exit)

with Store.open(Path(sys.argv[1])) as store:
    seed_demo(store)
    FirstPaint(store, handle_signals=False).run(headless=True)
print(" ".join(sorted(sys.modules)))
"""


def test_home_paints_without_loading_what_it_does_not_show(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    loaded = set(result.stdout.split())
    assert "sessionpad.ui.screens.home" in loaded
    # A str column label is parsed as markup, which loads Rich's emoji table (~4 ms).
    assert "rich._emoji_codes" not in loaded


async def test_the_collector_waits_for_the_first_paint_and_then_runs(demo_store: Store, make_app):
    import gc

    assert gc.isenabled()
    app = make_app(demo_store)
    try:
        # Collections walked the whole start-up heap again and again before anything was
        # on screen (~30 ms of a cold start with 1,000 past sessions).
        assert not gc.isenabled()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert gc.isenabled()
    finally:
        gc.enable()
