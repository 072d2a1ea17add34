"""The headless core must import without Textual, and the CLI's quick paths without it too."""

from __future__ import annotations

import functools
import subprocess
import sys

import pytest

HEADLESS_MODULES = (
    "sessionpad.core.models",
    "sessionpad.core.sanitize",
    "sessionpad.core.when",
    "sessionpad.core.name_match",
    "sessionpad.core.capture",
    "sessionpad.core.timeline",
    "sessionpad.core.alliance",
    "sessionpad.core.promises",
    "sessionpad.core.prompts",
    "sessionpad.core.deck",
    "sessionpad.core.checker",
    "sessionpad.core.summary",
    "sessionpad.core.exporting",
    "sessionpad.core.live",
    "sessionpad.core.reports",
    "sessionpad.storage.store",
    "sessionpad.storage.nofollow",
    "sessionpad.demo",
    "sessionpad.cli",
)


def _modules_after(statement: str) -> set[str]:
    probe = f"{statement}; import sys; print(' '.join(sorted(name for name in sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


@functools.cache
def _loaded_by_the_interpreter() -> frozenset[str]:
    # What site and .pth hooks load before any of ours (e.g. setuptools' distutils hack
    # brings in zipfile on some installs): not ours to keep off the start path.
    return frozenset(_modules_after("pass"))


def _loaded_after_import(module: str) -> set[str]:
    """The modules that importing ``module`` in a fresh interpreter adds."""
    return _modules_after(f"import {module}") - _loaded_by_the_interpreter()


@pytest.mark.parametrize("module", HEADLESS_MODULES)
def test_headless_module_does_not_load_textual(module: str) -> None:
    loaded = _loaded_after_import(module)
    assert "textual" not in loaded
    assert "rich" not in loaded


@pytest.mark.parametrize("module", ["sessionpad.core.live", "sessionpad.cli"])
def test_slow_imports_stay_off_the_start_path(module: str) -> None:
    loaded = _loaded_after_import(module)
    for heavy in ("icalendar", "pyperclip", "markdown_it"):
        assert heavy not in loaded, f"{heavy} should be imported where it is used"
