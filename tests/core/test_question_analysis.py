"""``analyse_question``: one pass that agrees with the two older entry points, and a summary
that analyses each question asked exactly once."""

from __future__ import annotations

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
