"""Keystroke → screen in the capture bar, against a bare Textual Input (SPEC §9: ≤ 1.5×).

Both apps run headless in this process at 80×24; each key is pressed through the Pilot and
waited on until the screen has processed it. The live session has 300 entries on its
timeline. Prints per-key medians and the ratio; exit 1 when over budget.

    python benchmarks/keystroke_latency.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sessionpad.core.live import LiveSession
from sessionpad.core.models import Client
from sessionpad.storage.store import Store
from sessionpad.ui.app import SessionpadApp

KEYS = list("the deadline is self imposed and she knows it ") * 3
BUDGET = 1.5


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Input()
        yield Footer()


async def per_key_ms(app: App, ready) -> list[float]:
    timings = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await ready(app, pilot)
        for key in KEYS:
            start = time.perf_counter()
            await pilot.press(key)
            timings.append((time.perf_counter() - start) * 1000)
    return timings


async def _bare_ready(app: App, pilot) -> None:
    app.query_one(Input).focus()
    await pilot.pause()


async def main() -> int:
    with tempfile.TemporaryDirectory() as scratch, Store.open(Path(scratch)) as store:
        client = Client(name="Bench Client")
        store.save_client(client)
        live = LiveSession.start(store, client, 60)
        for number in range(300):
            live.capture(f"note number {number} #theme{number % 7}")
        store.save_session_header(live.session)
        live.mark_interrupted()
        session_id = live.session.id

        async def live_ready(app: SessionpadApp, pilot) -> None:
            from sessionpad.ui.screens.resume import ResumeScreen

            await pilot.pause()
            if isinstance(app.screen, ResumeScreen):
                await pilot.press("y")
                await pilot.pause()
            assert app.live is not None and app.live.session.id == session_id

        rounds = []
        for _ in range(3):
            bare = await per_key_ms(BareApp(), _bare_ready)
            ours = await per_key_ms(
                SessionpadApp(store, start_client=client.id, handle_signals=False), live_ready
            )
            rounds.append((statistics.median(bare), statistics.median(ours)))
    bare_ms = statistics.median(r[0] for r in rounds)
    ours_ms = statistics.median(r[1] for r in rounds)
    ratio = ours_ms / bare_ms
    print(f"bare Input      median {bare_ms:6.2f} ms/key")
    print(f"live, 300 ents  median {ours_ms:6.2f} ms/key")
    print(f"ratio {ratio:.2f}× (budget ≤ {BUDGET}×)")
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
