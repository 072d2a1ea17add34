"""Where the coach's data lives: ``--data-dir``, else ``SESSIONPAD_HOME``, else the
platform's user data dir."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "SESSIONPAD_HOME"
APP_NAME = "sessionpad"


def default_data_dir() -> Path:
    """``SESSIONPAD_HOME`` when set, else the platform's user data dir for sessionpad.

    Set but empty is a ValueError, as an empty ``--data-dir`` is: an unset variable in a
    script must not quietly open the coach's real data.
    """
    from_env = os.environ.get(ENV_VAR)
    if from_env is not None:
        if not from_env.strip():
            raise ValueError(
                f"{ENV_VAR} is set but empty — give it a folder, or unset it for the default"
            )
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
