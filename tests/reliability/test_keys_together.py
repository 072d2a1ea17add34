"""Keys that arrive together in a real terminal become exactly the lines typed, each once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.tmux import (
    TmuxWindow,
    entry_texts,
    last_session,
    needs_tmux,
    sessionpad_argv,
    wait_until,
)

pytestmark = [pytest.mark.slow, needs_tmux]


def _open_live_room(data_dir: Path) -> TmuxWindow:
    window = TmuxWindow(sessionpad_argv(data_dir, "start", "Dana Reyes"))
    started = wait_until(lambda: last_session(data_dir) is not None, 30)
    assert started, f"the live session never started; screen:\n{window.screen()}"
    assert wait_until(lambda: "note · ! promise" in window.screen(), 15), window.screen()
    return window


def _burst(lines: list[str]) -> list[str]:
    keys: list[str] = []
    for line in lines:
        keys += [line, "Enter"]
    return keys


def test_two_pairs_of_lines_in_one_call_are_four_entries(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    lines = ["alpha one", "beta two", "delta four", "epsilon five"]
    with _open_live_room(data_dir) as window:
        window.send(*_burst(lines[:2]))
        window.send(*_burst(lines[2:]))
        assert wait_until(lambda: len(entry_texts(data_dir)) >= len(lines), 30)
        window.send("C-q")
    assert entry_texts(data_dir) == lines


def test_two_hundred_lines_in_one_call_are_two_hundred_entries_in_order(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    lines = [f"line {number:03d} of the burst #t{number % 5}" for number in range(200)]
    with _open_live_room(data_dir) as window:
        window.send(*_burst(lines))
        assert wait_until(lambda: len(entry_texts(data_dir)) >= len(lines), 90, step=0.5), (
            f"{len(entry_texts(data_dir))} of {len(lines)} saved; screen:\n{window.screen()}"
        )
        window.send("C-q")
    session = last_session(data_dir)
    assert [entry.text for entry in session.entries] == lines
    assert [entry.tags for entry in session.entries] == [[f"t{n % 5}"] for n in range(200)]


def test_a_big_paste_then_enter_and_a_word_are_two_entries(tmp_path: Path) -> None:
    """Before: a 5 MB paste + Enter + marker + Enter saved the paste twice."""
    data_dir = tmp_path / "data"
    words = ["café", "plan", "日本", "she", "said", "#tag", "trip"]
    pasted = "\n".join(
        " ".join(words[(row * 7 + column) % len(words)] for column in range(12))
        for row in range(5_000)
    )
    paste_file = tmp_path / "paste.txt"
    paste_file.write_text(pasted, encoding="utf-8")
    with _open_live_room(data_dir) as window:
        window.paste(paste_file)
        window.send("Enter", "marker", "Enter")
        assert wait_until(lambda: len(entry_texts(data_dir)) >= 2, 90, step=0.5), window.screen()
        window.send("C-q")
    assert entry_texts(data_dir) == [pasted, "marker"]
