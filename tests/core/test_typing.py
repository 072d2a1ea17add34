"""mypy checks the whole package, screens included (they see the app typed: ui/typed_app.py)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_is_clean_on_the_package(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "sessionpad"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_mypy_after_ruff():
    steps = (ROOT / ".ci" / "run").read_text().splitlines()
    assert ".venv/bin/mypy sessionpad" in steps
    assert steps.index(".venv/bin/mypy sessionpad") > steps.index(".venv/bin/ruff check .")
