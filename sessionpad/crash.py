"""When something unexpected breaks: a private crash report instead of a traceback on screen.

The report holds the traceback only (no local variables, which could hold client notes),
in the data dir beside the data it concerns, private like the rest.
"""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

from sessionpad import __version__
from sessionpad.storage.errors import StorageError
from sessionpad.storage.exports import write_export

CRASH_DIR = "crash-reports"


def write_crash_report(data_dir: Path, error: BaseException) -> Path | None:
    """Write the report and return its path, or None when even that is not possible."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    text = "".join(
        [
            f"sessionpad {__version__} crash report, {stamp}\n\n",
            *traceback.format_exception(type(error), error, error.__traceback__),
        ]
    )
    try:
        return write_export(data_dir / CRASH_DIR / f"crash-{stamp}.txt", text, data_dir=data_dir)
    except (OSError, StorageError):
        return None


def crash_message(report: Path | None) -> str:
    where = f"details in {report}" if report else "no report could be written"
    return f"sessionpad stopped on an unexpected error — everything you confirmed is saved; {where}"
