"""SIGKILL while a real process corrects the record: an edit in place is all or nothing.

The worker edits entry 2 of a live session again and again through ``/edit`` (and now
and then types an entry 4 and takes it back with ``/undo``), printing each acknowledgement
once the change is on disk. After each kill the session file must parse, open without
being set aside, and hold entry 2 with its last acknowledged text or the one in flight —
never an older one, never none — with entries 1 and 3 untouched.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from sessionpad.storage.store import Store

from .helpers import json_lines, worker_argv, worker_env
from .test_kill_durability import _every_file_parses

TRIALS = 30
MAX_DELAY = 0.200


def _kill_mid_correction(data_dir: Path, rng: random.Random) -> tuple[str, list[dict]]:
    child = subprocess.Popen(
        worker_argv("correct", data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=worker_env(),
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    if not first:
        child.wait(timeout=10)
        raise AssertionError(f"worker died before it was ready: {child.stderr.read()}")
    ready = json.loads(first)
    time.sleep(rng.uniform(0, MAX_DELAY))
    os.kill(child.pid, signal.SIGKILL)
    rest, _ = child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL
    return ready["session"], json_lines(rest)


def _last(lines: list[dict], key: str) -> int:
    return max((line[key] for line in lines if key in line), default=0)


def _check(data_dir: Path, session_id: str, lines: list[dict]) -> int:
    _every_file_parses(data_dir)
    acked = _last(lines, "edit")
    with Store.open(data_dir) as store:
        assert store.problems == []
        session = store.load_session(session_id)
    by_seq = {entry.seq: entry.text for entry in session.entries}
    assert 2 in by_seq, "entry 2 is gone: neither its old text nor its new one"
    assert by_seq.get(1) == "first" and by_seq.get(3) == "third"
    version = int(by_seq[2].split("|")[0].removeprefix("v"))
    assert version in (acked, acked + 1), f"entry 2 is v{version}, acknowledged v{acked}"
    assert by_seq[2] == (f"v{version}|" + "x" * (version * 53 % 700) if version else "v0|")
    # Entry 4 is there only if typed and not yet taken back; either write may be the one
    # in flight (landed, not acknowledged).
    typed, undone = _last(lines, "fourth"), _last(lines, "undone")
    in_flight_undo = bool(lines) and "fourth" in lines[-1]
    if 4 in by_seq:
        number = int(by_seq[4].split()[1])
        assert number >= typed and number > undone
    else:
        assert typed == undone or in_flight_undo
    assert set(by_seq) <= {1, 2, 3, 4}
    return acked


@pytest.mark.slow
def test_sigkill_mid_edit_leaves_the_old_text_or_the_new(tmp_path: Path) -> None:
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    edits = 0
    for trial in range(TRIALS):
        data_dir = tmp_path / f"trial{trial}"
        session_id, lines = _kill_mid_correction(data_dir, rng)
        edits += _check(data_dir, session_id, lines)
    assert edits > TRIALS * 3, f"seed {seed}: only {edits} edits acknowledged"
    print(f"seed {seed}: {TRIALS} kills mid-correction, {edits} acknowledged edits, none torn")
