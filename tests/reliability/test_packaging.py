"""The wheel carries the stylesheets: `pip install .` (not only editable) must paint."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_wheel_ships_every_stylesheet_and_the_console_script(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("sessionpad-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {name.rsplit("/", 1)[-1] for name in names if name.startswith("sessionpad/styles/")}
    assert shipped == {path.name for path in (ROOT / "styles").glob("*.tcss")}
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    assert "sessionpad = sessionpad.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
