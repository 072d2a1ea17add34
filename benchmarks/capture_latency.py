"""Capture → durable on disk, with no history and with 1,000 past sessions (SPEC §9).

Budgets: with 1,000 past sessions × 50 entries on disk, ``append_entry`` p50 ≤ 5 ms and
p99 ≤ 25 ms, and its p50 within 1.5× of the same with no history. The two stores are
measured in alternating blocks so drift on the machine (other jobs, the page cache) falls
on both alike. Also printed, for information: opening each store, and the other writes a
live session makes (a promise into a client file, a header change into the index).

Dated promises (SPEC §9: "! … by next friday" → durable, the first one of the session
included, within the capture budget) go through the whole capture path —
``LiveSession.capture``: parse, WHEN, promise file, session file — in a fresh
interpreter on the history store, so the first one pays whatever a cold start costs.
They are compared with plain notes through the same path, in alternating blocks.

    python benchmarks/capture_latency.py        # exit 1 when over budget
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sessionpad.core.models import (
    Client,
    Entry,
    EntryKind,
    Owner,
    Phase,
    Promise,
    PromiseStatus,
    Session,
    SessionStatus,
)
from sessionpad.storage.atomic import AtomicJSONStorage
from sessionpad.storage.migrations import META_TABLE, meta_table
from sessionpad.storage.store import Store

PAST_SESSIONS = 1_000
ENTRIES_PER_SESSION = 50
CLIENTS = 20
PROMISES_PER_SESSION = 3
CAPTURES = 500
BLOCK = 50
P50_BUDGET_MS = 5.0
P99_BUDGET_MS = 25.0
RATIO_BUDGET = 1.5

START = datetime(2024, 1, 8, 9, 0, tzinfo=timezone(timedelta(hours=1)))
PHASES = [Phase("check-in", 5), Phase("agenda", 5), Phase("explore", 35), Phase("close", 15)]
KINDS = [EntryKind.NOTE, EntryKind.INSIGHT, EntryKind.QUESTION, EntryKind.PRIVATE]


def _entry(seq: int, at: datetime) -> Entry:
    return Entry(
        seq=seq,
        kind=KINDS[seq % len(KINDS)],
        text=f"a note of ordinary length about what the client said, number {seq}",
        at=at + timedelta(seconds=40 * seq),
        tags=["energy"] if seq % 5 == 0 else [],
    )


def _past_session(client_id: str, number: int, started: datetime) -> Session:
    session = Session(
        client_id=client_id,
        planned_minutes=60,
        started=started,
        phases=list(PHASES),
        number=number,
        status=SessionStatus.ENDED,
        ended=started + timedelta(minutes=60),
        pit_stop_rating=number % 10 + 1,
    )
    session.entries = [_entry(seq, started) for seq in range(1, ENTRIES_PER_SESSION + 1)]
    return session


def _write_client_files(data_dir: Path, clients: list[Client], sessions: list[Session]) -> None:
    """Each client's file holds its promises from every past session: one write per file."""
    (data_dir / "clients").mkdir(parents=True, exist_ok=True, mode=0o700)
    for client in clients:
        promises = {}
        mine = [s for s in sessions if s.client_id == client.id]
        for session in mine:
            for n in range(PROMISES_PER_SESSION):
                promise = Promise(
                    client_id=client.id,
                    owner=Owner.CLIENT if n % 2 else Owner.COACH,
                    text=f"follow up on item {n} from session {session.number}",
                    made_at=session.started,
                    made_in=session.id,
                    status=PromiseStatus.KEPT if session.number < len(mine) else PromiseStatus.OPEN,
                )
                promises[str(len(promises) + 1)] = promise.to_dict()
        storage = AtomicJSONStorage(data_dir / "clients" / f"{client.id}.json")
        storage.write(
            {
                META_TABLE: meta_table("client"),
                "client": {"1": client.to_dict()},
                "promises": promises,
            }
        )


def build_history(
    data_dir: Path, *, past_sessions: int = PAST_SESSIONS, client_count: int = CLIENTS
) -> list[Client]:
    """A data dir with ``past_sessions`` ended sessions spread over ``client_count`` clients."""
    clients = [Client(name=f"Client {n:02d}") for n in range(client_count)]
    sessions = [
        _past_session(
            clients[n % client_count].id, n // client_count + 1, START + timedelta(days=n)
        )
        for n in range(past_sessions)
    ]
    _write_client_files(data_dir, clients, sessions)
    with Store.open(data_dir) as store:
        for client in clients:
            store.save_client(client)
        store.add_sessions(sessions)  # one write per session file, one for the index
    return clients


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


def open_ms(data_dir: Path, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        Store.open(data_dir).close()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


class LiveCapture:
    """A store with a live session for the first client, captured into one entry at a time."""

    def __init__(self, data_dir: Path) -> None:
        self.store = Store.open(data_dir)
        clients = self.store.clients()
        if not clients:
            self.store.save_client(Client(name="Client 00"))
            clients = self.store.clients()
        self.client = clients[0]
        self.session = Session(
            client_id=self.client.id,
            planned_minutes=60,
            started=datetime.now(UTC).astimezone(),
            phases=list(PHASES),
        )
        self.store.create_session(self.session)
        self.seq = 0
        self.capture_ms: list[float] = []
        self.promise_ms: list[float] = []
        self.header_ms: list[float] = []

    def capture_block(self, count: int) -> None:
        for _ in range(count):
            self.seq += 1
            entry = _entry(self.seq, self.session.started)
            self.capture_ms.append(
                timed(lambda e=entry: self.store.append_entry(self.session.id, e))
            )

    def other_writes(self, count: int) -> None:
        for n in range(count):
            promise = Promise(
                client_id=self.client.id,
                owner=Owner.CLIENT,
                text=f"today's promise {n}",
                made_at=self.session.started,
                made_in=self.session.id,
            )
            self.promise_ms.append(timed(lambda p=promise: self.store.save_promise(p)))
            self.session.pit_stop_rating = n % 10 + 1
            self.header_ms.append(timed(lambda: self.store.save_session_header(self.session)))


DATED_ROUNDS = 4
DATED_BLOCK = 25


def dated_child(data_dir: Path) -> None:
    """In a fresh interpreter: the first dated promise of a session, then blocks of both."""
    from sessionpad.core.live import LiveSession

    store = Store.open(data_dir)
    try:
        live = LiveSession.start(store, store.clients()[0])
        first = timed(lambda: live.capture("! talk to Sam by next friday"))
        dated: list[float] = [first]
        plain: list[float] = []
        for round_ in range(DATED_ROUNDS):
            for n in range(DATED_BLOCK):
                text = f"a plain note of ordinary length, number {round_}-{n}"
                plain.append(timed(lambda t=text: live.capture(t)))
            for n in range(DATED_BLOCK):
                text = f"! talk to Sam about item {round_}-{n} by next friday 2pm"
                dated.append(timed(lambda t=text: live.capture(t)))
        assert all(p.due is not None for p in live.made_today)
    finally:
        store.close()
    print(json.dumps({"first": first, "dated": dated, "plain": plain}))


def dated_promises(data_dir: Path) -> dict[str, list[float] | float]:
    script = Path(__file__).resolve()
    done = subprocess.run(
        [sys.executable, str(script), "--dated-child", str(data_dir)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        empty_dir = Path(scratch) / "empty"
        history_dir = Path(scratch) / "history"
        began = time.perf_counter()
        build_history(history_dir)
        built_s = time.perf_counter() - began
        Store.open(empty_dir).close()
        print(
            f"history: {PAST_SESSIONS} past sessions × {ENTRIES_PER_SESSION} entries, "
            f"{CLIENTS} clients, {PAST_SESSIONS * PROMISES_PER_SESSION} promises "
            f"(built in {built_s:.1f} s)"
        )
        open_empty, open_history = open_ms(empty_dir), open_ms(history_dir)

        empty, history = LiveCapture(empty_dir), LiveCapture(history_dir)
        try:
            for _ in range(CAPTURES // BLOCK):
                empty.capture_block(BLOCK)
                history.capture_block(BLOCK)
            empty.other_writes(20)
            history.other_writes(20)
        finally:
            empty.store.close()
            history.store.close()
        dated = dated_promises(history_dir)

    print(f"store open        empty {open_empty:7.2f} ms   history {open_history:7.2f} ms")
    rows = [
        ("capture p50", empty.capture_ms, history.capture_ms, 0.50),
        ("capture p99", empty.capture_ms, history.capture_ms, 0.99),
        ("promise p50", empty.promise_ms, history.promise_ms, 0.50),
        ("header  p50", empty.header_ms, history.header_ms, 0.50),
    ]
    figures = {}
    for label, without, with_history, share in rows:
        a, b = percentile(without, share), percentile(with_history, share)
        figures[label] = (a, b)
        print(f"{label:<17} empty {a:7.2f} ms   history {b:7.2f} ms   ratio {b / a:4.2f}")

    plain_p50 = percentile(dated["plain"], 0.50)
    dated_p50 = percentile(dated["dated"], 0.50)
    dated_worst = max(dated["dated"])
    print(
        f"through LiveSession.capture, history: note p50 {plain_p50:6.2f} ms   "
        f"dated promise p50 {dated_p50:6.2f} ms   ratio {dated_p50 / plain_p50:4.2f}"
    )
    print(
        f"first dated promise of the session {dated['first']:6.2f} ms   "
        f"(ratio to the note p50 {dated['first'] / plain_p50:4.2f}); "
        f"worst dated {dated_worst:6.2f} ms"
    )

    p50_empty, p50_history = figures["capture p50"]
    p99_history = figures["capture p99"][1]
    ratio = p50_history / p50_empty
    checks = [
        (f"capture p50 with history ≤ {P50_BUDGET_MS} ms", p50_history <= P50_BUDGET_MS),
        (f"capture p99 with history ≤ {P99_BUDGET_MS} ms", p99_history <= P99_BUDGET_MS),
        (f"capture p50 ratio history/empty ≤ {RATIO_BUDGET}", ratio <= RATIO_BUDGET),
        (f"dated promise p50 with history ≤ {P50_BUDGET_MS} ms", dated_p50 <= P50_BUDGET_MS),
        (
            f"first dated promise of the session ≤ {P99_BUDGET_MS} ms",
            dated["first"] <= P99_BUDGET_MS,
        ),
    ]
    for text, ok in checks:
        print(f"{'ok  ' if ok else 'OVER'} {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--dated-child"]:
        dated_child(Path(sys.argv[2]))
        sys.exit(0)
    sys.exit(main())
