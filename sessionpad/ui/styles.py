"""Where the .tcss files live: inside the package when installed, beside it when editable."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def styles_dir() -> Path:
    installed = _PACKAGE_DIR / "styles"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "styles"


def stylesheet(name: str) -> Path:
    return styles_dir() / name
