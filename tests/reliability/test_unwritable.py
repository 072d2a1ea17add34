"""A read-only data dir and a full disk: one clear line, and nothing already saved is lost.

Tests run as root here, where chmod stops nothing; ``helpers.unwritable_ways`` picks what
really refuses writes on this machine (a read-only bind mount in a private mount
namespace, the immutable attribute, or chmod for an ordinary user). The full disk is a
file-size limit (always available) and, where mount namespaces work, a tiny tmpfs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessionpad.storage.errors import DataDirUnusable
from sessionpad.storage.store import Store

from .helpers import (
    Unwritable,
    json_lines,
    last_report,
    run,
    tmpfs_of,
    unwritable_ways,
    worker_argv,
)

LOCKED_OUT = 3


def _ways(tmp_path_factory: pytest.TempPathFactory) -> list[Unwritable]:
    return unwritable_ways(tmp_path_factory.mktemp("probe"))


@pytest.fixture(scope="module")
def ways(tmp_path_factory: pytest.TempPathFactory) -> list[Unwritable]:
    found = _ways(tmp_path_factory)
    if not found:
        pytest.skip("no way to make a folder unwritable here (no unshare, chattr or non-root)")
    return found


def _seed(data_dir: Path) -> dict:
    result = run(worker_argv("everything", data_dir))
    assert result.returncode == 0, result.stderr
    return last_report(run(worker_argv("report", data_dir)))


@pytest.mark.slow
def test_read_only_data_dir_one_clear_line_and_read_only_mode_works(
    ways: list[Unwritable], tmp_path: Path
) -> None:
    for number, way in enumerate(ways):
        data_dir = tmp_path / f"data{number}"
        before = _seed(data_dir)
        way.before(data_dir)
        try:
            refused = run(way.wrap(worker_argv("report", data_dir), data_dir, True))
            reader = run(way.wrap(worker_argv("report", data_dir, "--read-only"), data_dir, True))
        finally:
            way.undo(data_dir)
        assert refused.returncode == LOCKED_OUT, (way.name, refused.stdout, refused.stderr)
        message = refused.stderr.strip()
        assert "\n" not in message and "Traceback" not in message, way.name
        assert message.startswith(f"can't write to {data_dir}"), (way.name, message)
        assert way.reason_words in message.lower(), (way.name, message)
        assert "--data-dir" in message
        listed = last_report(reader)
        assert listed["clients"] == before["clients"], way.name
        assert listed["entries"] == before["entries"], way.name
        with Store.open(data_dir) as store:  # writable again: nothing was lost
            assert store.problems == []
            assert [c.name for c in store.clients()] == before["clients"]


@pytest.mark.slow
def test_data_dir_turning_read_only_mid_session(ways: list[Unwritable], tmp_path: Path) -> None:
    for number, way in enumerate(ways):
        data_dir = tmp_path / f"data{number}"
        _seed(data_dir)
        make_read_only = json.dumps(way.make_now(data_dir))
        argv = worker_argv("fill", data_dir, "--make-read-only", make_read_only)
        try:
            result = run(way.wrap(argv, data_dir, False))
        finally:
            way.undo(data_dir)
        assert result.returncode == 0, (way.name, result.stderr)
        lines = json_lines(result.stdout)
        outcome = lines[-1]
        acknowledged = [line["entry"] for line in lines if "entry" in line]
        assert acknowledged == [1, 2, 3, 4, 5], way.name
        assert len(outcome["failures"]) == 2, way.name  # the entry and the promise
        for failure in outcome["failures"]:
            assert "\n" not in failure
            assert failure.startswith("couldn't save "), failure
            assert way.reason_words in failure, (way.name, failure)
            assert "this change was not saved" in failure
        assert outcome["in_process"] == acknowledged  # memory did not run ahead of disk
        assert outcome["reread"] == acknowledged
        assert outcome["temp_files"] == []
        with Store.open(data_dir) as store:
            assert store.problems == []
            assert [e.seq for e in store.load_session("trialsession").entries] == acknowledged


@pytest.mark.slow
def test_file_size_limit_mid_write_keeps_everything_earlier(tmp_path: Path) -> None:
    """RLIMIT_FSIZE cuts a write short the way a full disk does (EFBIG instead of ENOSPC)."""
    data_dir = tmp_path / "data"
    _seed(data_dir)
    argv = worker_argv("fill", data_dir, "--fsize-limit", "40000", "--entry-bytes", "300")
    result = run(argv)
    assert result.returncode == 0, result.stderr
    lines = json_lines(result.stdout)
    outcome = lines[-1]
    acknowledged = [line["entry"] for line in lines if "entry" in line]
    assert len(acknowledged) > 20  # the limit was reached mid-session, not at once
    [entry_failure, *_] = outcome["failures"]
    assert "size limit" in entry_failure and "this change was not saved" in entry_failure
    assert outcome["in_process"] == acknowledged
    assert outcome["reread"] == acknowledged
    assert outcome["problems"] == []
    assert outcome["temp_files"] == []  # the half-written temp file was removed
    with Store.open(data_dir) as store:
        assert [e.seq for e in store.load_session("trialsession").entries] == acknowledged
        assert store.clients()[0].name == "Dana Reyes"  # earlier data intact


@pytest.mark.slow
def test_real_full_disk_keeps_everything_earlier(tmp_path: Path) -> None:
    wrap = tmpfs_of("256k")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    probe = run(wrap(["true"], data_dir)) if wrap else None
    if probe is None or probe.returncode != 0:
        pytest.skip("mount namespaces are not available here; the size-limit test covers this")
    argv = worker_argv("fill", data_dir, "--entry-bytes", "1000")
    result = run(wrap(argv, data_dir))
    assert result.returncode == 0, result.stderr
    lines = json_lines(result.stdout)
    outcome = lines[-1]
    acknowledged = [line["entry"] for line in lines if "entry" in line]
    assert len(acknowledged) > 20
    assert outcome["failures"], outcome
    assert "the disk is full" in outcome["failures"][0]
    # Checked inside the namespace, by a fresh Store: the tmpfs is gone afterwards.
    assert outcome["in_process"] == acknowledged
    assert outcome["reread"] == acknowledged
    assert outcome["problems"] == []
    assert outcome["temp_files"] == []


def test_a_file_where_the_data_dir_should_be(tmp_path: Path) -> None:
    in_the_way = tmp_path / "data"
    in_the_way.write_text("not a folder")
    for read_only in (False, True):
        with pytest.raises(DataDirUnusable) as refused:
            Store.open(in_the_way, read_only=read_only)
        assert "\n" not in refused.value.message
        assert str(in_the_way) in refused.value.message
        assert "not a folder" in refused.value.message
    assert in_the_way.read_text() == "not a folder"


def test_a_file_where_the_sessions_folder_should_be(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "sessions").write_text("oops")
    with pytest.raises(DataDirUnusable) as refused:
        Store.open(data_dir)
    assert refused.value.message.startswith(f"can't write to {data_dir / 'sessions'}")
    assert "--data-dir" in refused.value.message
    (data_dir / "sessions").unlink()
    with Store.open(data_dir):  # the refusal released the lock
        pass
