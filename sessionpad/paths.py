"""Where the coach's data lives: ``--data-dir``, else ``SESSIONPAD_HOME``, else the
platform's user data dir."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "SESSIONPAD_HOME"
APP_NAME = "sessionpad"


def default_data_dir() -> Path:
    """``SESSIONPAD_HOME`` when set, else the platform's user data dir for sessionpad."""
    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser().absolute()
    # Imported here: only needed when no data dir was given.
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)).absolute()


def resolve_data_dir(cli_value: str | None) -> Path:
    """The data dir to use: the ``--data-dir`` value wins over the environment and default.

    An empty value is a ValueError, never the default dir: it is usually an unset variable
    in a script, and quietly opening the coach's real data instead would surprise them.
    """
    if cli_value is None:
        return default_data_dir()
    if not cli_value.strip():
        raise ValueError("--data-dir needs a folder, not an empty string")
    return Path(cli_value).expanduser().absolute()
