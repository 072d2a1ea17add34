"""The records modules are headless too, and the CLI still starts without them loading
anything slow (the handlers import what they use)."""

from __future__ import annotations

import pytest

from tests.core.test_import_hygiene import _loaded_after_import

RECORDS_MODULES = (
    "sessionpad.core.records",
    "sessionpad.core.retention",
    "sessionpad.core.client_record",
    "sessionpad.storage.erase",
    "sessionpad.storage.backup",
    "sessionpad.records_cli",
)


@pytest.mark.parametrize("module", RECORDS_MODULES)
def test_records_module_does_not_load_textual(module: str) -> None:
    loaded = _loaded_after_import(module)
    assert "textual" not in loaded and "rich" not in loaded


def test_the_cli_loads_no_records_machinery_until_asked() -> None:
    loaded = _loaded_after_import("sessionpad.cli")
    for module in ("zipfile", "sessionpad.storage.backup", "sessionpad.core.client_record"):
        assert module not in loaded
