"""The CLI where its streams are not what a person at a terminal has: no terminal for the
app, a closed or full standard output, ``--out`` naming a stream (issue 7 follow-ups A–C)."""

from __future__ import annotations

import os
import pty
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW

from .helpers import TIMEOUT, run, worker_env

NO_TERMINAL = "sessionpad needs a terminal"


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        seed_demo(store, now=FIXED_NOW)
    return data_dir


def _sessionpad(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "sessionpad", "--data-dir", str(data_dir), *args]


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "unexpected error" not in err, err
    return lines[0]


# ── A: the app needs a terminal ───────────────────────────────────────────────

APP_COMMANDS = [(), ("start", "Zed Newman"), ("demo",)]


@pytest.mark.parametrize("args", APP_COMMANDS, ids=["home", "start", "demo"])
def test_the_app_refuses_stdin_that_is_not_a_terminal(seeded: Path, args) -> None:
    process = subprocess.run(
        _sessionpad(seeded, *args),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT,
        env=worker_env(),
        check=False,
    )
    err = process.stderr.decode()
    assert process.returncode == 1, err
    assert _one_line(err).startswith(NO_TERMINAL)
    assert "the other commands work anywhere" in err
    assert b"\x1b" not in process.stdout + process.stderr  # no terminal modes switched
    _assert_no_new_client(seeded)


@pytest.mark.parametrize("args", APP_COMMANDS, ids=["home", "start", "demo"])
def test_the_app_refuses_a_piped_stdout(seeded: Path, args) -> None:
    controller, terminal = pty.openpty()
    try:
        process = subprocess.run(
            _sessionpad(seeded, *args),
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=terminal,
            timeout=TIMEOUT,
            env=worker_env(),
            check=False,
        )
        os.set_blocking(controller, False)
        try:
            shown = os.read(controller, 65536).decode()
        except BlockingIOError:
            shown = ""
    finally:
        os.close(terminal)
        os.close(controller)
    assert process.returncode == 1, shown
    assert _one_line(shown).startswith(NO_TERMINAL)
    assert "standard output" in shown
    assert "\x1b" not in shown and process.stdout == b""
    _assert_no_new_client(seeded)


def test_the_refusal_comes_before_textual_is_imported(seeded: Path) -> None:
    script = (
        "import sys\n"
        "from sessionpad.cli import main\n"
        "try:\n"
        f"    main(['--data-dir', {str(seeded)!r}, 'start', 'Dana'])\n"
        "except SystemExit as exit_:\n"
        "    print(exit_.code, 'textual' in sys.modules, file=sys.stderr)\n"
    )
    result = run([sys.executable, "-c", script], stdin=subprocess.DEVNULL)
    assert result.stderr.strip().splitlines()[-1] == "1 False", result.stderr


def _assert_no_new_client(data_dir: Path) -> None:
    with Store.open(data_dir, read_only=True) as store:
        assert store.find_client("Zed Newman") is None


# ── C: a closed or full standard output ───────────────────────────────────────

LISTINGS = [("clients",), ("promises",), ("export", "last", "--out", "-"), ("doctor",)]


def _shell(data_dir: Path, args: tuple[str, ...], redirect: str) -> subprocess.CompletedProcess:
    command = shlex.join(_sessionpad(data_dir, *args))
    return run(["bash", "-c", f"{command} {redirect}"])


@pytest.mark.parametrize("args", LISTINGS, ids=lambda args: args[0])
def test_a_closed_stdout_is_one_line_not_a_traceback(seeded: Path, args) -> None:
    result = _shell(seeded, args, ">&-")
    assert result.returncode == 1, result.stderr
    assert _one_line(result.stderr) == (
        "sessionpad: can't write the output: standard output is closed"
    )


@pytest.mark.parametrize("args", LISTINGS, ids=lambda args: args[0])
def test_a_full_disk_on_stdout_is_one_line(seeded: Path, args) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    result = _shell(seeded, args, ">/dev/full")
    assert result.returncode == 1, result.stderr
    assert _one_line(result.stderr) == "sessionpad: can't write the output: the disk is full"


def test_closed_stdout_and_stderr_exit_1_silently(seeded: Path) -> None:
    result = _shell(seeded, ("clients",), ">&- 2>&-")
    assert result.returncode == 1
    assert result.stdout == "" and result.stderr == ""


def test_a_closed_stdout_does_not_stop_a_file_export(seeded: Path, tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    result = _shell(seeded, ("export", "last", "--out", str(target)), ">&-")
    assert result.returncode == 0, result.stderr
    assert target.read_text().startswith("# Session with")
    assert target.stat().st_mode & 0o777 == 0o600


# ── B: --out naming this process's own stream ─────────────────────────────────


def test_out_dev_stdout_into_a_pipe_just_works(seeded: Path) -> None:
    result = run(_sessionpad(seeded, "export", "last", "--out", "/dev/stdout"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Session with")
    assert result.stderr == ""


def test_out_dev_stdout_redirected_to_a_file_writes_that_file(seeded: Path, tmp_path: Path) -> None:
    target = tmp_path / "redirected.md"
    before = os.lstat("/dev/stdout")
    result = _shell(seeded, ("export", "last", "--out", "/dev/stdout"), f"> {target}")
    assert result.returncode == 0, result.stderr
    assert target.read_text().startswith("# Session with")
    after = os.lstat("/dev/stdout")  # left as it was: never replaced by a file
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
