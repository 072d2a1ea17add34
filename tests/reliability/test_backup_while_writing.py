"""`sessionpad backup` while another process writes (issue 9 item 6): every backup taken
mid-write opens cleanly and holds a prefix of what was written — at least everything
acknowledged before it began, nothing that was never written."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

from sessionpad.storage.store import Store

from .helpers import TIMEOUT, run, worker_argv, worker_env

BACKUPS = 4


class _Acknowledged:
    """The writer's highest acknowledged entry, read from its stdout as it goes."""

    def __init__(self, child: subprocess.Popen[str]) -> None:
        self.highest = 0
        self.ready = threading.Event()
        self.moved = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(child,), daemon=True)
        self._thread.start()

    def _read(self, child: subprocess.Popen[str]) -> None:
        assert child.stdout is not None
        for line in child.stdout:
            message = json.loads(line)
            if message.get("ready"):
                self.ready.set()
            if "entry" in message:
                with self.moved:
                    self.highest = message["entry"]
                    self.moved.notify_all()

    def wait_beyond(self, count: int) -> None:
        with self.moved:
            assert self.moved.wait_for(lambda: self.highest > count, timeout=TIMEOUT)


def test_backups_taken_while_a_writer_appends_hold_a_prefix(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    child = subprocess.Popen(
        worker_argv("write", data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=worker_env(),
    )
    try:
        acknowledged = _Acknowledged(child)
        assert acknowledged.ready.wait(TIMEOUT), "the writer never started"
        results = []
        for number in range(BACKUPS):
            acknowledged.wait_beyond(acknowledged.highest + 20)
            before = acknowledged.highest
            target = tmp_path / f"backup-{number}.zip"
            done = run(
                [
                    sys.executable,
                    "-m",
                    "sessionpad",
                    "--data-dir",
                    str(data_dir),
                    "backup",
                    str(target),
                ]
            )
            assert done.returncode == 0, done.stderr
            after = acknowledged.highest
            results.append((target, before, after))
        assert child.poll() is None, "the writer stopped during the backups"
    finally:
        child.kill()
        child.wait(timeout=TIMEOUT)
        assert child.stdout is not None and child.stderr is not None
        child.stdout.close()
        child.stderr.close()

    for target, before, after in results:
        restored = tmp_path / f"restored-{target.stem}"
        done = run(
            [
                sys.executable,
                "-m",
                "sessionpad",
                "--data-dir",
                str(restored),
                "restore-backup",
                str(target),
            ]
        )
        assert done.returncode == 0, done.stderr
        with Store.open(restored, read_only=True) as store:
            entries = store.load_session("trialsession").entries
            assert store.problems == [] and store.check_all() == []
        seqs = [entry.seq for entry in entries]
        assert seqs == list(range(1, len(seqs) + 1)), "not a prefix: a gap or a reorder"
        assert [entry.text for entry in entries] == [f"note {n}" for n in seqs]
        # +1: the writer may have written an entry it had not yet said it had.
        assert before <= len(seqs) <= after + 1, (before, len(seqs), after)
