"""The command line, in-process: output, exit codes, one-line errors, and the data on disk."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sessionpad.cli import main
from sessionpad.core.models import Owner, PromiseStatus
from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        seed_demo(store, now=FIXED_NOW)
    return data_dir


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {err!r}"
    assert "Traceback" not in err
    return lines[0]


def test_clients_lists_open_promises(capsys, seeded):
    code, out, _ = run(capsys, "--data-dir", str(seeded), "clients")
    assert code == 0
    dana = next(line for line in out.splitlines() if line.startswith("Dana Reyes"))
    assert "she/her" in dana and " 3 " in dana


def test_promises_filters_by_owner_and_open(capsys, seeded):
    code, out, _ = run(
        capsys,
        "--data-dir",
        str(seeded),
        "promises",
        "--client",
        "dana",
        "--open",
        "--owner",
        "coach",
    )
    assert code == 0
    rows = out.strip().splitlines()[1:]
    assert rows == [row for row in rows if " coach " in row and " open " in row]
    assert any("Send the calendar invite" in row for row in rows)
    with Store.open(seeded, read_only=True) as store:
        dana = store.find_client("dana")
        expected = [
            p
            for p in store.promises(dana.id)
            if p.owner is Owner.COACH and p.status is PromiseStatus.OPEN
        ]
    assert len(rows) == len(expected)


def test_unknown_client_is_one_line_exit_1(capsys, seeded):
    code, _, err = run(capsys, "--data-dir", str(seeded), "promises", "--client", "nobody")
    assert code == 1
    assert "nobody" in one_line_error(err)


@pytest.mark.parametrize(
    "args",
    [
        ("--bogus",),
        ("start",),
        ("export",),
        ("export", "last", "--format", "pdf"),
        ("start", "Dana", "--minutes", "lots"),
    ],
)
def test_usage_errors_are_one_line_exit_2(capsys, seeded, args):
    code, _, err = run(capsys, "--data-dir", str(seeded), *args)
    assert code == 2
    one_line_error(err)


def test_export_markdown_to_a_private_file(capsys, seeded, tmp_path):
    out_file = tmp_path / "out" / "summary.md"
    code, _, err = run(
        capsys,
        "--data-dir",
        str(seeded),
        "export",
        "last",
        "--client",
        "Dana",
        "--out",
        str(out_file),
    )
    assert code == 0
    text = out_file.read_text()
    assert text.startswith("# Session with Dana")
    assert "go gently" not in text
    assert oct(out_file.stat().st_mode & 0o777) == "0o600"
    assert str(out_file) in err


def test_coach_export_keeps_private_notes(capsys, seeded):
    code, out, _ = run(
        capsys,
        "--data-dir",
        str(seeded),
        "export",
        "last",
        "--client",
        "Dana",
        "--audience",
        "coach",
    )
    assert code == 0
    assert "## Timeline" in out


def test_json_round_trip_through_import(capsys, seeded, tmp_path):
    first = tmp_path / "first.json"
    assert (
        run(
            capsys,
            "--data-dir",
            str(seeded),
            "export",
            "last",
            "--format",
            "json",
            "--out",
            str(first),
        )[0]
        == 0
    )
    fresh = tmp_path / "fresh"
    code, out, _ = run(capsys, "--data-dir", str(fresh), "import", str(first))
    assert code == 0 and "imported" in out
    second = tmp_path / "second.json"
    session_id = json.loads(first.read_text())["session"]["id"]
    assert (
        run(
            capsys,
            "--data-dir",
            str(fresh),
            "export",
            session_id,
            "--format",
            "json",
            "--out",
            str(second),
        )[0]
        == 0
    )
    assert second.read_text() == first.read_text()
    code, _, err = run(capsys, "--data-dir", str(fresh), "import", str(first))
    assert code == 1 and "already" in one_line_error(err)


def test_import_of_a_bad_file_is_one_line(capsys, seeded, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    code, _, err = run(capsys, "--data-dir", str(seeded), "import", str(bad))
    assert code == 1
    assert "bad.json" in one_line_error(err)
    code, _, err = run(capsys, "--data-dir", str(seeded), "import", str(tmp_path / "missing.json"))
    assert code == 1
    one_line_error(err)


def test_ics_export_and_no_booking(capsys, seeded):
    code, out, _ = run(
        capsys, "--data-dir", str(seeded), "export", "last", "--client", "Dana", "--format", "ics"
    )
    assert code == 0 and "BEGIN:VEVENT" in out


def test_doctor_reports_and_quarantines_damage(capsys, seeded):
    code, out, _ = run(capsys, "--data-dir", str(seeded), "doctor")
    assert code == 0 and "readable" in out
    victim = next((seeded / "sessions").glob("*.json"))
    victim.write_text('{"header": {"1": ')
    code, out, _ = run(capsys, "--data-dir", str(seeded), "doctor")
    assert code == 1
    assert victim.name in out
    assert not victim.exists()
    assert list((seeded / "sessions").glob(f"{victim.name}.corrupt-*"))


def test_data_dir_that_is_a_file_is_one_line(tmp_path):
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    result = subprocess.run(
        [sys.executable, "-m", "sessionpad", "--data-dir", str(not_a_dir), "clients"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_start_with_an_ambiguous_name_is_one_line(capsys, data_dir):
    with Store.open(data_dir) as store:
        from sessionpad.core.models import Client

        store.save_client(Client(name="Sam Okafor"))
        store.save_client(Client(name="Samira Haddad"))
    code, _, err = run(capsys, "--data-dir", str(data_dir), "start", "sam")
    assert code == 1
    line = one_line_error(err)
    assert "Sam Okafor" in line and "Samira Haddad" in line


def test_a_name_close_to_a_known_client_asks_for_new(capsys, seeded):
    code, _, err = run(capsys, "--data-dir", str(seeded), "start", "Dnaa Reyes")
    assert code == 1
    assert "did you mean 'Dana Reyes'" in one_line_error(err) and "--new" in err
    with Store.open(seeded, read_only=True) as store:
        assert store.find_client("Dnaa Reyes") is None


def test_start_with_a_title_greets_the_given_name(capsys, data_dir, monkeypatch):
    """Issue 8: 'sessionpad start "Dr. Maria Lopez"' must not call her "Dr."."""
    started: dict[str, object] = {}

    def fake_run_app(store: Store, **kwargs: object) -> int:
        started.update(kwargs)
        return 0

    monkeypatch.setattr("sessionpad.ui.run.run_app", fake_run_app)
    monkeypatch.setattr("sessionpad.cli_io.missing_terminal", lambda: "")  # pytest has none
    code, _, _ = run(capsys, "--data-dir", str(data_dir), "start", "Dr. Maria Lopez")
    assert code == 0
    with Store.open(data_dir, read_only=True) as store:
        client = store.client(str(started["start_client"]))
    assert client is not None
    assert (client.name, client.display_name) == ("Dr. Maria Lopez", "Maria")
