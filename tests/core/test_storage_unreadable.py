"""A data file the OS won't let us read, in the Store itself (the CLI side, as a real
``nobody``, is in tests/reliability/test_unreadable_files.py): named, never moved or
replaced, and only its client is set aside — even when the store is open for writing."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from sessionpad.core.models import Owner, Promise
from sessionpad.core.overview import UNREADABLE_LABEL, client_rows
from sessionpad.demo import seed_demo
from sessionpad.storage import atomic
from sessionpad.storage.errors import StorageError, UnreadableFile
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        seed_demo(store, now=FIXED_NOW)
    return data_dir


@pytest.fixture
def shut(monkeypatch: pytest.MonkeyPatch) -> set[Path]:
    """Paths that read as 'permission denied' (root reads anything, whatever its mode)."""
    denied: set[Path] = set()
    real_read = atomic.read_bytes_no_follow

    def read(path: Path) -> bytes:
        if Path(path) in denied:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(atomic, "read_bytes_no_follow", read)
    return denied


def _ids(data_dir: Path) -> tuple[str, str]:
    with Store.open(data_dir, read_only=True) as store:
        dana, sam = store.find_client("Dana"), store.find_client("Sam")
        assert dana is not None and sam is not None
        return dana.id, sam.id


def test_an_unreadable_client_file_sets_aside_that_client_only(seeded: Path, shut) -> None:
    dana, sam = _ids(seeded)
    victim = seeded / "clients" / f"{dana}.json"
    before = victim.read_bytes()
    shut.add(victim)
    with Store.open(seeded) as store:
        assert any(f"can't read clients/{victim.name}" in line for line in store.problems)
        assert store.unreadable_clients() == {dana}
        assert store.stopped_clients() == {dana}
        rows = {row[0]: row for row in client_rows(store, FIXED_NOW.date())}
        assert rows["Dana Reyes"][3] == UNREADABLE_LABEL
        assert rows["Sam Okafor"][3] != UNREADABLE_LABEL
        store.save_promise(
            Promise(client_id=sam, owner=Owner.CLIENT, text="still works", made_at=FIXED_NOW)
        )
        with pytest.raises(UnreadableFile):
            store.save_promise(
                Promise(client_id=dana, owner=Owner.CLIENT, text="never", made_at=FIXED_NOW)
            )
    assert victim.read_bytes() == before  # never replaced by a fresh file
    assert not list(victim.parent.glob(f"{victim.name}.corrupt-*"))


def test_check_all_names_an_unreadable_session_and_goes_on(seeded: Path, shut) -> None:
    sessions = sorted((seeded / "sessions").glob("*.json"))
    shut.add(sessions[0])
    with Store.open(seeded) as store:
        findings = store.check_all()
    assert findings == [
        f"can't read sessions/{sessions[0].name} (permission denied); it was left as it is "
        "and that session can't be opened — make it readable by you (chmod 600) and run "
        "sessionpad again"
    ]
    assert sessions[0].exists()


def test_an_unreadable_core_file_stops_the_opening_and_stays(seeded: Path, shut) -> None:
    core = seeded / "core.json"
    before = core.read_bytes()
    shut.add(core)
    with pytest.raises(StorageError, match="it holds your clients"):
        Store.open(seeded)
    assert core.read_bytes() == before
