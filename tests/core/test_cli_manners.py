"""The CLI as a Unix citizen: text from disk printed safely, --data-dir anywhere, careful --out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessionpad.core.models import Client, Owner, Promise, Prompt, PromptSource
from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW

from .test_cli import one_line_error, run

OSC52_AND_CLEAR = "\x1b]52;c;ZXZpbA==\x07\x1b[2J"
EVIL_NAME = f"Eve {OSC52_AND_CLEAR}Mallory \u202eredloF"


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        seed_demo(store, now=FIXED_NOW)
    return data_dir


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """``start`` must be refused before the app; if it were not, fail fast instead of hanging."""

    def refuse(*args: object, **kwargs: object) -> int:
        raise AssertionError("the app was opened")

    monkeypatch.setattr("sessionpad.ui.run.run_app", refuse)


@pytest.fixture
def evil(seeded: Path) -> Path:
    """A data dir whose files hold escape sequences (an import, or a file edited by hand)."""
    with Store.open(seeded) as store:
        client = Client(name=EVIL_NAME, pronouns=f"she{OSC52_AND_CLEAR}/her")
        store.save_client(client)
        store.save_promise(
            Promise(
                client_id=client.id,
                owner=Owner.CLIENT,
                text=f"call {OSC52_AND_CLEAR}\u202ethe bank",
                made_at=FIXED_NOW,
            )
        )
        store.save_prompt(
            Prompt(
                id="custom-evil",
                text=f"What now?{OSC52_AND_CLEAR}\u202e",
                category="goal",
                source=PromptSource.CUSTOM,
            )
        )
    return seeded


def _terminal_safe(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text, repr(text)


@pytest.mark.parametrize(
    "args",
    [
        ("clients",),
        ("promises",),
        ("promises", "--open"),
        ("prompts", "list", "--category", "goal"),
    ],
)
def test_text_from_disk_never_reaches_the_terminal_raw(capsys, evil: Path, args) -> None:
    code, out, err = run(capsys, "--data-dir", str(evil), *args)
    assert code == 0, err
    _terminal_safe(out + err)
    assert "⟨U+202E⟩" in out  # shown, not acting
    assert "Mallory" in out or "What now?" in out


def test_an_imported_name_is_printed_sanitised(capsys, evil: Path, tmp_path: Path) -> None:
    with Store.open(evil, read_only=True) as store:
        dana = store.find_client("Dana Reyes")
        assert dana is not None
    exported = tmp_path / "dana.json"
    code, _, err = run(capsys, "--data-dir", str(evil), "export", "last", "--client", "Dana")
    assert code == 0, err
    code, out, err = run(
        capsys, "--data-dir", str(evil), "export", "last", "--client", "Dana", "--format", "json"
    )
    document = json.loads(out)
    document["client"]["name"] = EVIL_NAME
    exported.write_text(json.dumps(document))
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "fresh"), "import", str(exported))
    assert code == 0, err
    _terminal_safe(out + err)
    assert "Mallory ⟨U+202E⟩redloF" in out


def test_tabs_and_newlines_in_names_keep_the_table_aligned(capsys, data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.save_client(Client(name="Ann\tTab", pronouns="she/her"))
        store.save_client(Client(name="Bob\nTwo Lines", pronouns="he/him"))
        store.save_client(Client(name="Chloé 陈", pronouns="they/them"))
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "clients")
    assert code == 0
    lines = out.rstrip("\n").splitlines()
    assert len(lines) == 4, out  # a header and one row per client: no broken rows
    assert "\t" not in out
    header, *rows = lines
    column = header.index("pronouns")
    for row, pronouns in zip(rows, ("she/her", "he/him", "they/them"), strict=True):
        start = row.index(pronouns)
        # terminal cells before the pronouns: a wide character counts two
        from sessionpad.core.sanitize import display_width

        assert display_width(row[:start]) == column, row


# ── --data-dir ────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "args",
    [
        ("clients", "--data-dir", "{dir}"),
        ("promises", "--open", "--data-dir", "{dir}"),
        ("prompts", "list", "--data-dir", "{dir}"),
        ("export", "last", "--data-dir", "{dir}", "--client", "Dana"),
        ("doctor", "--data-dir", "{dir}"),
    ],
)
def test_data_dir_is_accepted_after_the_subcommand(capsys, seeded: Path, args) -> None:
    code, out, err = run(capsys, *(a.replace("{dir}", str(seeded)) for a in args))
    assert code == 0, err
    assert out


def test_data_dir_after_the_subcommand_is_the_one_used(
    capsys, seeded: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "clients", "--data-dir", str(seeded))
    assert code == 0 and "Dana Reyes" in out
    code, out, _ = run(
        capsys, "--data-dir", str(tmp_path / "other"), "clients", "--data-dir", str(seeded)
    )
    assert code == 0 and "Dana Reyes" in out


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_data_dir_is_an_error_not_the_default(
    capsys, monkeypatch, tmp_path: Path, where: str, value: str
) -> None:
    default = tmp_path / "default-home"
    monkeypatch.setenv("SESSIONPAD_HOME", str(default))
    args = (
        ["--data-dir", value, "clients"] if where == "before" else ["clients", "--data-dir", value]
    )
    code, out, err = run(capsys, *args)
    assert code == 2
    assert "--data-dir" in one_line_error(err)
    assert out == ""
    assert not default.exists()


# ── --out ─────────────────────────────────────────────────────────────────────


def _export(capsys, data_dir: Path, *extra: str) -> tuple[int, str, str]:
    return run(capsys, "--data-dir", str(data_dir), "export", "last", "--client", "Dana", *extra)


def test_out_refuses_to_overwrite_without_force(capsys, seeded: Path, tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("my edited copy")
    code, _, err = _export(capsys, seeded, "--out", str(target))
    assert code == 1
    line = one_line_error(err)
    assert "already exists" in line and "--force" in line
    assert target.read_text() == "my edited copy"
    code, _, err = _export(capsys, seeded, "--out", str(target), "--force")
    assert code == 0, err
    assert target.read_text().startswith("# Session with")


def test_out_creates_every_missing_folder_private(capsys, seeded: Path, tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "summary.md"
    code, _, err = _export(capsys, seeded, "--out", str(target))
    assert code == 0, err
    for folder in (tmp_path / "new", tmp_path / "new" / "deeper"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    assert target.stat().st_mode & 0o777 == 0o600


def test_out_empty_is_a_plain_message(capsys, seeded: Path) -> None:
    code, out, err = _export(capsys, seeded, "--out", "")
    assert code == 1
    assert "--out needs a file name" in one_line_error(err)
    assert out == ""


def test_out_below_a_file_is_a_plain_message(capsys, seeded: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "notes.md"
    blocker.write_text("x")
    code, _, err = _export(capsys, seeded, "--out", str(blocker / "sub"))
    assert code == 1
    assert f"{blocker} is a file, not a folder" in one_line_error(err)
    assert blocker.read_text() == "x"


def test_out_naming_a_folder_is_a_plain_message(capsys, seeded: Path, tmp_path: Path) -> None:
    code, _, err = _export(capsys, seeded, "--out", str(tmp_path))
    assert code == 1
    assert "is a folder" in one_line_error(err)


# ── sessions and names ────────────────────────────────────────────────────────


@pytest.mark.parametrize("session", ["", " "])
def test_an_empty_session_id_is_an_error_not_any_session(capsys, seeded: Path, session) -> None:
    code, out, err = run(capsys, "--data-dir", str(seeded), "export", session, "--client", "Sam")
    assert code == 1
    assert "session id" in one_line_error(err)
    assert out == ""


@pytest.mark.parametrize(
    ("known", "typed"),
    [
        # short names: one accent is too big a share of them for a typo check alone
        ("Zoë", "Zoe"),
        ("Zoe", "Zoë"),
        ("Zoë", "ZOE"),
        ("Zoë Martin", "ZOE MARTIN"),
        ("Al", "\u200bA\u200dl\u2060"),
        ("Dana Reyes", "Dana\u200b Reyes"),
    ],
)
def test_accents_case_and_invisible_characters_are_near_misses(
    capsys, data_dir: Path, no_app: None, known: str, typed: str
) -> None:
    with Store.open(data_dir) as store:
        store.save_client(Client(name=known))
    code, _, err = run(capsys, "--data-dir", str(data_dir), "start", typed)
    assert code == 1
    line = one_line_error(err)
    assert f"did you mean '{known}'" in line and "--new" in line
    with Store.open(data_dir, read_only=True) as store:
        assert [c.name for c in store.clients()] == [known]


@pytest.mark.parametrize("typed", ["\u200b", "\u200b\u200d \u2060", "\u3164", "\u202e"])
def test_a_name_of_invisible_characters_is_no_name(
    capsys, data_dir: Path, no_app: None, typed: str
) -> None:
    code, _, err = run(capsys, "--data-dir", str(data_dir), "start", typed)
    assert code == 1
    assert "needs a name" in one_line_error(err)
    with Store.open(data_dir, read_only=True) as store:
        assert store.clients() == []


def test_a_usage_error_quoting_what_was_typed_is_sanitised(capsys, seeded: Path) -> None:
    code, out, err = run(capsys, "--data-dir", str(seeded), "clients", f"x{OSC52_AND_CLEAR}\ny")
    assert code == 2
    _terminal_safe(one_line_error(err))
    assert out == ""


def test_an_edited_summary_from_disk_is_written_out_cleaned(capsys, seeded: Path) -> None:
    from sessionpad.core.models import Audience
    from sessionpad.core.summary_edit import SummaryEdit, SummaryFormat

    with Store.open(seeded) as store:
        dana = store.find_client("Dana Reyes")
        assert dana is not None
        last = store.session_headers(dana.id)[-1]
        edit = SummaryEdit(
            audience=Audience.CLIENT,
            format=SummaryFormat.MARKDOWN,
            text=f"# Hello Dana\n\ttabbed {OSC52_AND_CLEAR}line\u202e\n",
            based_on="",
            edited_at=FIXED_NOW,
        )
        store.save_summary_edit(last.id, edit)
    code, out, err = _export(capsys, seeded)
    assert code == 0, err
    _terminal_safe(out + err)
    assert out.startswith("# Hello Dana\n\ttabbed line⟨U+202E⟩")


def test_settings_take_data_dir_after_the_command_and_print_sanitised(capsys, seeded: Path) -> None:
    from dataclasses import replace

    with Store.open(seeded) as store:
        store.save_settings(replace(store.settings(), coach_name=f"Kim{OSC52_AND_CLEAR}\u202e"))
    code, out, err = run(capsys, "settings", "--data-dir", str(seeded))
    assert code == 0, err
    _terminal_safe(out)
    assert "Kim⟨U+202E⟩" in out
