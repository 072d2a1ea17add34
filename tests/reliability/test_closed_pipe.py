"""``sessionpad … | head`` exits quietly: no BrokenPipeError, nothing on stderr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sessionpad.core.models import Owner, Promise
from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW

from .helpers import TIMEOUT, run, worker_env

CLOSED_PIPE = 141


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        seed_demo(store, now=FIXED_NOW)
        dana = store.find_client("Dana Reyes")
        assert dana is not None
        # More than a pipe holds (64 KiB), so the writer is still writing when head leaves.
        for number in range(4):
            text = f"promise {number} " + "word " * 8000
            store.save_promise(
                Promise(client_id=dana.id, owner=Owner.CLIENT, text=text, made_at=FIXED_NOW)
            )
    return data_dir


def _sessionpad(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "sessionpad", "--data-dir", str(data_dir), *args]


@pytest.mark.parametrize(
    "args",
    [
        ("clients",),
        ("promises",),
        ("prompts", "list"),
        ("export", "last", "--client", "Dana"),
        ("doctor",),
    ],
)
def test_a_pipe_closed_before_any_output_ends_quietly(seeded: Path, args) -> None:
    process = subprocess.Popen(
        _sessionpad(seeded, *args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=worker_env(),
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first byte is written
    _, err = process.communicate(timeout=TIMEOUT)
    assert err.decode() == ""
    assert process.returncode == CLOSED_PIPE


def test_head_reading_one_line_of_a_long_listing(seeded: Path, tmp_path: Path) -> None:
    errors = tmp_path / "stderr.txt"
    command = " ".join(f"'{part}'" for part in _sessionpad(seeded, "promises"))
    script = f'{command} 2>"{errors}" | head -n 1; echo "exit ${{PIPESTATUS[0]}}"'
    result = run(["bash", "-c", script])
    first, status = result.stdout.strip().splitlines()
    assert first.startswith("client")
    assert errors.read_text() == ""
    assert status == f"exit {CLOSED_PIPE}"
