"""Whatever names a hostile backup holds, restoring it writes inside the target or nowhere."""

from __future__ import annotations

import io
import os
import stat
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sessionpad.storage.backup import MANIFEST, BackupError, restore_backup

_PARTS = st.sampled_from(
    ["..", ".", "", "core.json", "sessions", "clients", "index", "exports", "abc.json", "x", "/"]
)
names = (
    st.lists(_PARTS, min_size=1, max_size=5).map("/".join)
    | st.text(alphabet="./\\abcj:~-_sn", min_size=1, max_size=30)
).filter(bool)  # a zip can't hold a member without a name


def _backup(extra: list[tuple[str, bool]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(MANIFEST, "{}")
        archive.writestr("core.json", '{"meta": {"1": {"schema": 1, "kind": "core"}}}')
        for name, link in extra:
            info = zipfile.ZipInfo(name)
            info.external_attr = ((stat.S_IFLNK if link else stat.S_IFREG) | 0o777) << 16
            archive.writestr(info, "/etc/passwd" if link else "{}")
    return buffer.getvalue()


@pytest.mark.filterwarnings("ignore:Duplicate name")  # a member twice is one of the cases
@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(names, st.booleans()), min_size=1, max_size=4))
def test_restore_never_writes_outside_its_target(members: list[tuple[str, bool]]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        archive = root / "backup.zip"
        archive.write_bytes(_backup(members))
        work = root / "work"
        work.mkdir()
        target = work / "restored"
        try:
            restore_backup(archive, target, lambda folder: [])
        except BackupError:
            assert not target.exists()
        outside = {
            str(Path(folder, name).relative_to(root))
            for folder, _dirs, files in os.walk(root)
            for name in files
            if not Path(folder, name).is_relative_to(target)
        }
        assert outside == {"backup.zip"}
        if target.exists():
            for path in target.rglob("*"):
                assert not path.is_symlink()
