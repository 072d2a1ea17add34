from __future__ import annotations

import pytest

from sessionpad.core.checker import CODES, Flag, check_question, is_open_question
from sessionpad.core.prompts import BUILTIN_PROMPTS
from tests.core.question_set import FINE, FLAGGED, QUESTIONS


def codes(text: str) -> set[str]:
    return {flag.code for flag in check_question(text)}


# -- the labelled set ----------------------------------------------------------------------


def test_the_labelled_set_is_big_and_balanced() -> None:
    assert len(QUESTIONS) >= 70
    assert len(FINE) >= 30 and len(FLAGGED) >= 30
    texts = [text for text, _ in QUESTIONS]
    assert len(set(texts)) == len(texts), "a question is listed twice"
    assert {code for _, code in FLAGGED} >= set(CODES), "every pattern has an example"


def test_precision_and_recall_of_flagging_on_the_labelled_set() -> None:
    true_pos = false_pos = false_neg = 0
    for text, expected in QUESTIONS:
        flagged = bool(check_question(text))
        if flagged and expected is not None:
            true_pos += 1
        elif flagged:
            false_pos += 1
        elif expected is not None:
            false_neg += 1
    precision = true_pos / max(true_pos + false_pos, 1)
    recall = true_pos / max(true_pos + false_neg, 1)
    assert precision >= 0.9, f"precision {precision:.2f}"
    assert recall >= 0.9, f"recall {recall:.2f}"


def test_flagged_questions_mostly_carry_the_expected_code() -> None:
    hits = [expected in codes(text) for text, expected in FLAGGED]
    assert sum(hits) / len(hits) >= 0.9


# -- one pattern at a time -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Why didn't you call her back?", "why-failure"),
        ("Why didn’t you call her back?", "why-failure"),
        ("WHY HAVEN'T YOU STARTED", "why-failure"),
        ("why won't you delegate it", "why-failure"),
        ("Why did you not say so?", "why-failure"),
        ("Why do you want that role?", "why"),
        ("How come the launch slipped?", "why"),
        ("So, why this job?", "why"),
        ("Don’t you think it's time?", "leading"),
        ("Isn't it obvious to you?", "leading"),
        ("Wouldn't it be easier to stay?", "leading"),
        ("Should you be doing that?", "should"),
        ("You ought to tell him, so when will you?", "should"),
        ("You must be exhausted. What helps?", "should"),
        ("What do you need to do, and you have to do it when?", "should"),
        ("Have you ever tried saying no?", "advice"),
        ("Did you think about asking for help?", "advice"),
        ("Given the deadline, have you considered pushing back?", "advice"),
        ("What if you started smaller?", "proposal"),
        ("How about a trial run?", "proposal"),
        ("Why not ask her?", "proposal"),
        ("Does that make sense?", "closed"),
        ("Could it work?", "closed"),
        ("Have they agreed", "closed"),
        ("What do you want? What stops you?", "stacked"),
        ("What did you try, and how did it go?", "stacked"),
        ("Did you decide or are you still thinking?", "either-or"),
        ("Would you rather stay, or go?", "either-or"),
        ("That felt good, right?", "tag"),
        ("That went well, didn’t it?", "tag"),
        ("Can't you just tell them?", "minimiser"),
        ("What would it take to simply start?", "minimiser"),
        ("It's clearly the better option — what holds you back?", "minimiser"),
        ("Why are you always late?", "label"),
        ("What's behind the excuses?", "label"),
        ("How do you stop being lazy about it?", "label"),
        (" ".join(["What"] + ["really"] * 24 + ["matters?"]), "long"),
    ],
)
def test_each_pattern_is_flagged(text: str, code: str) -> None:
    assert code in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "May I offer an observation?",
        "Can I offer a different angle?",
        "Would it help if I shared an example?",
        "Is it ok if I challenge you on that?",
        "Is it okay if I interrupt?",
        "Would you like me to check in on this next week?",
        "Would you like to explore that?",  # issue 8: permission questions pass
        "Would you care to say more?",
        "On a scale of 1 to 10, how ready are you?",
        "From one to ten, where are you with this?",
        "How would you rate the session so far, 1-10?",
        "How would you know you've succeeded?",
        "What would 'done' look like?",
        "What would ‘done’ look like?",
        "What just happened for you?",
        "What would you never trade away?",
        "What don't you want to lose?",
        "What do you need to feel ready?",
        "what matters here",
        "",
    ],
)
def test_fine_questions_are_left_alone(text: str) -> None:
    assert check_question(text) == ()


def test_a_question_between_two_and_twenty_five_words_is_not_long() -> None:
    text = " ".join(["What"] + ["really"] * 23 + ["matters?"])
    assert len(text.split()) == 25
    assert "long" not in codes(text)


def test_case_quotes_and_contractions_give_the_same_verdict() -> None:
    variants = [
        "Why didn't you ask?",
        "why didn’t you ask",
        "WHY DIDNT YOU ASK?",
        "Why did you not ask?",
    ]
    assert all(codes(text) == {"why-failure"} for text in variants)


def test_permission_and_scale_questions_escape_only_the_closed_rule() -> None:
    assert codes("May I share something that's obviously hard to hear?") == {"minimiser"}
    assert "long" in codes("On a scale of 1 to 10, " + "very " * 25 + "how sure are you?")


def test_a_flag_is_one_short_line_of_reason_and_an_open_rewrite() -> None:
    every_flag: dict[str, Flag] = {}
    for text, _ in FLAGGED:
        for flag in check_question(text):
            every_flag.setdefault(flag.code, flag)
    assert set(every_flag) == set(CODES)
    for flag in every_flag.values():
        for line in (flag.reason, flag.rewrite):
            assert line.strip() and "\n" not in line and len(line) <= 80


def test_flags_follow_the_order_of_the_domain_table() -> None:
    found = [flag.code for flag in check_question("Why do you never just ask? Is it fear?")]
    assert found == sorted(found, key=CODES.index)
    assert len(found) >= 3


# -- open or closed, for the coach summary -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "is_open"),
    [
        ("What do you want from today?", True),
        ("Why does that matter to you?", True),  # open, if uncomfortable
        ("May I share an idea?", True),
        ("On a scale of 1 to 10, how is this going?", True),
        ("Is this working?", False),
        ("Do you want A or B?", False),
        ("Don't you agree?", False),
        ("That was fun, right?", False),
        ("Have you tried a list?", False),
        ("What if you asked?", False),
        ("", False),
    ],
)
def test_is_open_question(text: str, is_open: bool) -> None:
    assert is_open_question(text) is is_open


# -- the built-in deck passes its own coach ------------------------------------------------


@pytest.mark.parametrize("prompt", BUILTIN_PROMPTS, ids=lambda prompt: prompt.id)
def test_every_builtin_prompt_passes_the_checker(prompt) -> None:
    assert check_question(prompt.text) == ()
    assert is_open_question(prompt.text)
