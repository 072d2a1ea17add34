"""``sessionpad prompts …`` in-process: output, exit codes, one-line errors, data on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionpad.cli import main
from sessionpad.core import prompt_library as library
from sessionpad.core.models import Prompt, PromptSource
from sessionpad.core.prompts import BUILTIN_PROMPTS, builtin_prompt
from sessionpad.storage.store import Store


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--data-dir", str(data_dir), "prompts", *args])
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {err!r}"
    assert "Traceback" not in err
    return lines[0]


def on_disk(data_dir: Path, prompt_id: str) -> Prompt:
    with Store.open(data_dir, read_only=True) as store:
        return library.find_prompt(store, prompt_id)


def custom_prompts(data_dir: Path) -> list[Prompt]:
    with Store.open(data_dir, read_only=True) as store:
        return [p for p in store.prompt_overrides() if p.source is PromptSource.CUSTOM]


# ── list ─────────────────────────────────────────────────────────────────────


def test_list_shows_every_active_prompt_with_a_header(capsys, data_dir):
    code, out, err = run(capsys, data_dir, "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["id", "category", "★", "source", "text"]
    assert len(lines) == 1 + len(BUILTIN_PROMPTS)
    goal = next(line for line in lines if line.startswith("goal-01 "))
    assert "goal" in goal and "built-in" in goal and builtin_prompt("goal-01").text in goal


def test_list_filters_by_category_and_hides_retired_unless_all(capsys, data_dir):
    run(capsys, data_dir, "retire", "goal-02")
    run(capsys, data_dir, "fav", "goal-03")
    code, out, _ = run(capsys, data_dir, "list", "--category", "goal")
    assert code == 0
    ids = [line.split()[0] for line in out.splitlines()[1:]]
    assert ids and all(prompt_id.startswith("goal-") for prompt_id in ids)
    assert "goal-02" not in ids
    starred = next(line for line in out.splitlines() if line.startswith("goal-03"))
    assert "★" in starred
    _, out_all, _ = run(capsys, data_dir, "list", "--category", "goal for", "--all")
    retired = next(line for line in out_all.splitlines() if line.startswith("goal-02"))
    assert "retired" in retired


def test_list_of_an_unknown_category_is_one_line_exit_1(capsys, data_dir):
    code, out, err = run(capsys, data_dir, "list", "--category", "astrology")
    assert (code, out) == (1, "")
    line = one_line(err)
    assert "astrology" in line and "exploring" in line


# ── add ──────────────────────────────────────────────────────────────────────


def test_add_prints_the_new_id_and_saves_it(capsys, data_dir):
    code, out, err = run(capsys, data_dir, "add", "What would you try first?", "--category", "act")
    assert (code, err) == (0, "")
    new_id = out.strip()
    assert new_id.startswith(library.CUSTOM_ID_PREFIX)
    saved = on_disk(data_dir, new_id)
    assert (saved.text, saved.category, saved.source) == (
        "What would you try first?",
        "action",
        PromptSource.CUSTOM,
    )
    _, listed, _ = run(capsys, data_dir, "list", "--category", "action")
    assert any(line.startswith(new_id) and "custom" in line for line in listed.splitlines())


def test_add_warns_once_per_flag_and_still_saves(capsys, data_dir):
    code, out, err = run(
        capsys, data_dir, "add", "Why didn't you just ask her?", "--category", "setbacks"
    )
    assert code == 0
    notes = err.strip().splitlines()
    assert len(notes) == 2
    assert all(note.startswith("note: ") and " — " in note for note in notes)
    assert "defend a failure" in notes[0] and "what got in the way" in notes[0]
    assert '"just"' in notes[1]
    assert on_disk(data_dir, out.strip()).text == "Why didn't you just ask her?"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("", "--category", "goal"), "needs some words"),
        (("x" * 301, "--category", "goal"), "at most 300"),
        (("What now?", "--category", "nowhere"), "nowhere"),
        (("What else is true?", "--category", "goal"), "explore-03"),
    ],
)
def test_bad_add_is_one_line_exit_1_and_saves_nothing(capsys, data_dir, args, fragment):
    code, out, err = run(capsys, data_dir, "add", *args)
    assert (code, out) == (1, "")
    assert fragment in one_line(err)
    assert custom_prompts(data_dir) == []


@pytest.mark.parametrize(
    "args",
    [
        (),  # no action
        ("add", "What now?"),  # --category is required
        ("frobnicate",),
        ("edit",),
        ("retire",),
        ("list", "--bogus"),
    ],
)
def test_usage_errors_are_one_line_exit_2(capsys, data_dir, args):
    code, out, err = run(capsys, data_dir, *args)
    assert (code, out) == (2, "")
    assert "sessionpad" in one_line(err)


# ── edit ─────────────────────────────────────────────────────────────────────


def test_edit_rewords_and_moves_a_custom_prompt_with_a_note(capsys, data_dir):
    _, out, _ = run(capsys, data_dir, "add", "What went well?", "--category", "opening")
    new_id = out.strip()
    code, out, err = run(
        capsys,
        data_dir,
        "edit",
        new_id[:9],
        "--text",
        "Have you tried resting?",
        "--category",
        "set",
    )
    assert code == 0
    assert new_id in out and "setbacks" in out
    assert one_line(err).startswith("note: Advice dressed up as a question.")
    saved = on_disk(data_dir, new_id)
    assert (saved.text, saved.category) == ("Have you tried resting?", "setbacks")


def test_editing_a_built_in_is_refused(capsys, data_dir):
    code, out, err = run(capsys, data_dir, "edit", "goal-01", "--text", "Anything else?")
    assert (code, out) == (1, "")
    assert "built-in prompts can be hidden (retire), not edited" in one_line(err)
    assert on_disk(data_dir, "goal-01").text == builtin_prompt("goal-01").text


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("nope-1", "--text", "What now?"), "nope-1"),
        (("open-0", "--text", "What now?"), "more of the id"),
    ],
)
def test_unknown_or_ambiguous_ids_are_one_line_exit_1(capsys, data_dir, args, fragment):
    code, _, err = run(capsys, data_dir, "edit", *args)
    assert code == 1
    assert fragment in one_line(err)


def test_edit_with_nothing_to_change(capsys, data_dir):
    _, out, _ = run(capsys, data_dir, "add", "What went well?", "--category", "opening")
    code, _, err = run(capsys, data_dir, "edit", out.strip())
    assert code == 1
    assert "nothing to change" in one_line(err)


# ── retire, restore, fav, unfav ──────────────────────────────────────────────


def test_retire_and_restore(capsys, data_dir):
    code, out, _ = run(capsys, data_dir, "retire", "explore-02")
    assert code == 0 and out.startswith("retired explore-02")
    assert on_disk(data_dir, "explore-02").retired
    code, out, _ = run(capsys, data_dir, "retire", "explore-02")
    assert code == 0 and "already retired" in out
    code, out, _ = run(capsys, data_dir, "restore", "explore-02")
    assert code == 0 and out.startswith("restored explore-02")
    assert not on_disk(data_dir, "explore-02").retired


def test_fav_and_unfav(capsys, data_dir):
    code, out, _ = run(capsys, data_dir, "fav", "close-01")
    assert code == 0 and out.startswith("★ close-01")
    assert on_disk(data_dir, "close-01").favourite
    code, out, _ = run(capsys, data_dir, "unfav", "close-01")
    assert code == 0 and "close-01" in out
    assert not on_disk(data_dir, "close-01").favourite


def test_changes_wait_for_the_running_app(capsys, data_dir):
    """The app holds the one-writer lock: the CLI says so in one line and changes nothing."""
    with Store.open(data_dir):
        code, _, err = run(capsys, data_dir, "retire", "goal-01")
    assert code == 1
    assert "sessionpad" in one_line(err)
    assert not on_disk(data_dir, "goal-01").retired
