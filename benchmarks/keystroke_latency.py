"""Keystroke → screen in the capture bar (SPEC §9).

1. Against a bare Textual Input (budget ≤ 1.5×). Both apps run headless in this process at
   80×24; each key is pressed through the Pilot and waited on until the screen has processed
   it. The live session has 300 entries on its timeline.
2. In a long line: the CPU time one key costs in a bar already holding 5,000 characters,
   against the same with 1,000 (budget ≤ 2×). CPU time, not wall time: Pilot's waits for
   the screen to go idle would hide the work. The text mixes accents, a wide script and
   the ↵ of a pasted line break, as a coach's notes do.

Prints per-key medians and the ratios; exit 1 when over either budget.

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
LONG_LINE_BUDGET = 2.0
LINE_TEXT = "she said the café felt like home ↵ 日本 trip in spring · "


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


async def cpu_ms_per_key_in_line(app: SessionpadApp, length: int) -> list[float]:
    """CPU time of each key typed at the end of a line already ``length`` characters long."""
    timings = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        from sessionpad.ui.widgets.capture_bar import CaptureBar

        bar = app.screen.query_one(CaptureBar)
        bar.value = (LINE_TEXT * (length // len(LINE_TEXT) + 1))[:length]
        bar.cursor_position = 0
        bar.cursor_position = length
        await pilot.pause()
        for key in KEYS[:60]:
            start = time.process_time()
            await pilot.press(key)
            timings.append((time.process_time() - start) * 1000)
    return timings


async def long_line_ratio(store: Store) -> float:
    rounds = []
    for round_number in range(3):
        medians = []
        for length in (1_000, 5_000):
            # A client of its own per run: no interrupted session to offer to resume.
            client = Client(name=f"Long line {round_number} {length}")
            store.save_client(client)
            app = SessionpadApp(store, start_client=client.id, handle_signals=False)
            medians.append(statistics.median(await cpu_ms_per_key_in_line(app, length)))
        rounds.append(medians)
    short_ms = statistics.median(r[0] for r in rounds)
    long_ms = statistics.median(r[1] for r in rounds)
    ratio = long_ms / short_ms
    print(f"line of 1,000   median {short_ms:6.2f} ms CPU/key")
    print(f"line of 5,000   median {long_ms:6.2f} ms CPU/key")
    print(f"ratio {ratio:.2f}× (budget ≤ {LONG_LINE_BUDGET}×)")
    return ratio


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
        long_ratio = await long_line_ratio(store)
    bare_ms = statistics.median(r[0] for r in rounds)
    ours_ms = statistics.median(r[1] for r in rounds)
    ratio = ours_ms / bare_ms
    print(f"bare Input      median {bare_ms:6.2f} ms/key")
    print(f"live, 300 ents  median {ours_ms:6.2f} ms/key")
    print(f"ratio {ratio:.2f}× (budget ≤ {BUDGET}×)")
    return 0 if ratio <= BUDGET and long_ratio <= LONG_LINE_BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
