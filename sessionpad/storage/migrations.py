"""Schema versions of the data files and the steps that carry an old file forward.

Every file holds a ``meta`` table with one record ``{"schema": N, "kind": ...}``. A step
works on the raw JSON (the TinyDB tables as a dict), before any model sees it, so a step
can rename or reshape anything. Schema 0 is the pre-release form: the same tables
without the ``meta`` table.

To change the on-disk form: bump ``models.SCHEMA_VERSION`` to N+1 and register
``MIGRATIONS[N]`` here, with a v-N fixture test in tests/core/test_migrations.py.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sessionpad.core.models import SCHEMA_VERSION
from sessionpad.storage.errors import DamagedFile, SchemaTooNew, StorageError

Raw = dict[str, Any]
Step = Callable[[Raw], Raw]

META_TABLE = "meta"
META_DOC_ID = "1"


def _v0_to_v1(raw: Raw) -> Raw:
    # v1 only added the meta table, which ``migrate`` writes after every step.
    return raw


MIGRATIONS: dict[int, Step] = {0: _v0_to_v1}


def schema_of(path: Path, raw: Raw) -> int:
    meta = raw.get(META_TABLE)
    if meta is None:
        return 0
    record = meta.get(META_DOC_ID)
    version = record.get("schema") if isinstance(record, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise DamagedFile(path, "its schema version is unreadable")
    return version


def meta_table(kind: str, version: int = SCHEMA_VERSION) -> dict[str, Any]:
    return {META_DOC_ID: {"schema": version, "kind": kind}}


def migrate(
    path: Path,
    raw: Raw,
    kind: str,
    *,
    target: int = SCHEMA_VERSION,
    steps: Mapping[int, Step] = MIGRATIONS,
) -> tuple[Raw, int]:
    """``raw`` carried to ``target`` and the version it started at; ``raw`` is not changed.

    A file newer than ``target`` raises SchemaTooNew: it is left for a newer sessionpad.
    """
    found = schema_of(path, raw)
    if found > target:
        raise SchemaTooNew(path, found, target)
    if found == target:
        return raw, found
    current = copy.deepcopy(raw)
    for version in range(found, target):
        step = steps.get(version)
        if step is None:
            raise StorageError(f"{path} has schema {version} and no upgrade from it is known")
        current = step(current)
        existing = current.get(META_TABLE, {}).get(META_DOC_ID, {})
        current[META_TABLE] = meta_table(existing.get("kind", kind), version + 1)
    return current, found
