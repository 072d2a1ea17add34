"""Summaries, JSON and invites written to files: atomically, private (0600) like the data."""

from __future__ import annotations

from pathlib import Path

from sessionpad.storage.atomic import write_bytes_atomically

EXPORTS_DIR = "exports"


def exports_dir(data_dir: Path) -> Path:
    return data_dir / EXPORTS_DIR


def write_export(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` (creating its folder) and return the absolute path."""
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_bytes_atomically(path, text.encode("utf-8"))
    return path.resolve()
