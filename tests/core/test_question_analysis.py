"""``analyse_question``: one pass that agrees with the two older entry points, and a summary
that analyses each question asked exactly once."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest

from sessionpad.core import summary
from sessionpad.core.checker import (
    QuestionAnalysis,
    analyse_question,
    check_question,
    is_open_question,
)
from sessionpad.core.models import Audience, Entry, EntryKind
from tests.core.question_set import QUESTIONS
from tests.core.test_summary import build_context

EDGE_CASES = ("", "   ", "?", "#energy", "???", "— …", "1 to 10?", "Why? How? What?")


@pytest.mark.parametrize("text", [text for text, _ in QUESTIONS] + list(EDGE_CASES))
def test_one_pass_agrees_with_check_and_is_open(text: str) -> None:
    analysis = analyse_question(text)
    assert isinstance(analysis, QuestionAnalysis)
    assert analysis.flags == check_question(text)
    assert analysis.is_open == is_open_question(text)


def test_text_without_words_is_neither_flagged_nor_open() -> None:
    for text in ("", "  ", "?!", "#tag"):
        assert analyse_question(text) == QuestionAnalysis((), False)


def test_a_closed_question_is_flagged_and_not_open() -> None:
    analysis = analyse_question("Did that work?")
    assert not analysis.is_open
    assert analysis.flags[0].code == "closed"
    why = analyse_question("Why didn't you finish it?")
    assert why.is_open and why.flags[0].code == "why-failure"


def test_the_summary_analyses_each_question_once(monkeypatch: pytest.MonkeyPatch) -> None:
    context = build_context()
    start = context.session.started
    texts = [text for text, _ in QUESTIONS]
    context.session.entries = [
        Entry(
            seq,
            EntryKind.QUESTION if seq % 2 else EntryKind.NOTE,
            texts[seq % len(texts)],
            start + timedelta(seconds=7 * seq),
        )
        for seq in range(1, 501)
    ]
    calls: list[str] = []

    def counting(text: str) -> QuestionAnalysis:
        calls.append(text)
        return analyse_question(text)

    monkeypatch.setattr(summary, "analyse_question", counting)
    document = summary.render_markdown(context, Audience.COACH)
    assert len(calls) == 250
    open_count = sum(analyse_question(text).is_open for text in calls)
    assert f"250 asked · {open_count} open ({round(100 * open_count / 250)}%)" in document


def test_the_summary_lists_exactly_the_questions_it_counts_as_closed() -> None:
    """Issue 8: "14 asked · 8 open (57%)" listed 9 under one heading."""
    texts = [
        "Would you like to explore that?",
        "Why didn't you call her?",
        "Did that work?",
        "What do you just need to do?",
        "Is it fear, or something else?",
        "What matters most here?",
        "Don't you think that's risky?",
        "How come you stopped?",
        "You should rest, right?",
        "What would you like to do about it? And when?",
        "Have you tried delegating?",
        "What is a failure to you?",
        "How about asking Sam?",
        "What options do you see?",
    ]
    context = build_context()
    start = context.session.started
    entries = [
        Entry(seq, EntryKind.QUESTION, text, start) for seq, text in enumerate(texts, start=1)
    ]
    context = replace(context, session=replace(context.session, entries=entries))
    document = summary.render_markdown(context, Audience.COACH)
    counted = re.search(r"(\d+) asked · (\d+) open", document)
    assert counted is not None
    asked, open_count = int(counted[1]), int(counted[2])
    closed = re.search(r"Closed \((\d+)\):", document)
    assert asked == len(texts)
    assert closed is not None and int(closed[1]) == asked - open_count
    closed_list = document.split("Closed (")[1].split("Open, worth another look")[0]
    assert "Did that work?" in closed_list
    assert "Would you like to explore that?" not in closed_list
