"""SIGKILL at random moments while a real process writes: nothing acknowledged is lost.

The worker prints each entry's seq right after ``append_entry`` returns — the moment the
capture bar would clear — and likewise for promise and header updates. After each kill
every file must still parse (no quarantine), every acknowledged write must be on disk,
and at most the one write in flight may have landed without its acknowledgement.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from sessionpad.storage.atomic import is_temp_name
from sessionpad.storage.store import Store

from .helpers import json_lines, worker_argv, worker_env

TRIALS_PER_LANE = 30
LANES = 2  # two data dirs killed side by side: 60 trials on 2 cores
MAX_DELAY = 0.150


def _kill_at_random(data_dir: Path, trial: int, rng: random.Random) -> list[dict]:
    argv = worker_argv(
        "write",
        data_dir,
        "--session",
        f"trial{trial:04d}",
        "--promise",
        f"promise{trial:04d}",
    )
    child = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=worker_env()
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    if not first:
        child.wait(timeout=10)
        raise AssertionError(f"worker died before it was ready: {child.stderr.read()}")
    assert json.loads(first) == {"ready": True}
    time.sleep(rng.uniform(0, MAX_DELAY))
    os.kill(child.pid, signal.SIGKILL)
    rest, _ = child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL
    return json_lines(rest)


def _acknowledged(lines: list[dict], key: str) -> int:
    return max((line[key] for line in lines if key in line), default=0)


def _every_file_parses(data_dir: Path) -> int:
    """Assert every data file is whole JSON; return how many stray temp files there were."""
    strays = 0
    for path in data_dir.rglob("*"):
        if path.is_dir() or path.name == "sessionpad.lock":
            continue
        if is_temp_name(path.name):
            strays += 1
            continue
        json.loads(path.read_bytes())  # raises on a torn file
    return strays


def _check_trial(data_dir: Path, trial: int, lines: list[dict]) -> int:
    strays = _every_file_parses(data_dir)
    acked_entries = _acknowledged(lines, "entry")
    acked_promise = _acknowledged(lines, "promise")
    acked_header = _acknowledged(lines, "header")
    with Store.open(data_dir) as store:
        assert store.problems == [], f"trial {trial}: {store.problems}"
        session = store.load_session(f"trial{trial:04d}")
        seqs = [entry.seq for entry in session.entries]
        # Contiguous from 1, every acknowledged one there, at most one more (in flight).
        assert seqs == list(range(1, len(seqs) + 1)), f"trial {trial}: gap in {seqs}"
        assert acked_entries <= len(seqs) <= acked_entries + 1, f"trial {trial}"
        version = 0
        for promise in store.promises("trialclient1"):
            if promise.id == f"promise{trial:04d}":
                version = int(promise.text.split("|")[0].removeprefix("v"))
        assert acked_promise <= version <= acked_promise + 1, f"trial {trial}"
        [header] = [s for s in store.session_headers() if s.id == session.id]
        assert acked_header <= session.planned_minutes - 60 <= acked_header + 1
        # The index row may lag the session file only by the write in flight.
        assert header.planned_minutes in (session.planned_minutes, session.planned_minutes - 1)
    assert not [p for p in data_dir.rglob("*") if is_temp_name(p.name)], "temp files not cleaned"
    return strays


def _lane(data_dir: Path, first_trial: int, seed: int) -> tuple[int, int, int]:
    rng = random.Random(seed)
    acknowledged = strays = 0
    for trial in range(first_trial, first_trial + TRIALS_PER_LANE):
        lines = _kill_at_random(data_dir, trial, rng)
        acknowledged += _acknowledged(lines, "entry")
        strays += _check_trial(data_dir, trial, lines)
    return TRIALS_PER_LANE, acknowledged, strays


@pytest.mark.slow
def test_random_sigkill_loses_nothing_acknowledged(tmp_path: Path) -> None:
    seed = random.randrange(1_000_000)
    lanes = [(tmp_path / f"lane{i}", i * TRIALS_PER_LANE, seed + i) for i in range(LANES)]
    with ThreadPoolExecutor(max_workers=LANES) as pool:
        results = list(pool.map(lambda lane: _lane(*lane), lanes))
    trials = sum(r[0] for r in results)
    acknowledged = sum(r[1] for r in results)
    assert trials >= 50
    # The kills must land mid-stream, or this test proves nothing.
    assert acknowledged > trials * 5, f"seed {seed}: only {acknowledged} entries written"
    print(f"seed {seed}: {trials} kills, {acknowledged} acknowledged entries, none lost")
