"""Names compared as a person reads them: case, accents and invisible characters aside."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sessionpad.core.name_match import has_visible_text, name_key, near_miss

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u3164", "\u202e"]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Zoë", "Zoe"),
        ("ZOË", "zoe"),
        ("Zoe\u0308", "Zoë"),  # a combining diaeresis, not the precomposed letter
        ("José  Núñez", "jose nunez"),
        ("Da\u200bna", "Dana"),
        ("\u2060Dana\ufeff", "dana"),
        ("Ｚｏｅ", "Zoe"),  # full-width letters
    ],
)
def test_names_a_person_reads_as_the_same_share_a_key(one: str, other: str) -> None:
    assert name_key(one) == name_key(other)


def test_different_names_keep_different_keys() -> None:
    assert name_key("Sam") != name_key("Pam")
    assert name_key("Li Wei") != name_key("LiWei")


@given(st.text(max_size=40))
@example("𝞐")  # math bold alpha: folded before NFKD, its key changed when taken again
def test_the_key_is_stable(text: str) -> None:
    assert name_key(name_key(text)) == name_key(text)


@given(st.lists(st.sampled_from([*INVISIBLE, " ", "\t"]), max_size=10))
def test_invisible_characters_alone_are_no_text(chars: list[str]) -> None:
    assert not has_visible_text("".join(chars))


@pytest.mark.parametrize("text", ["a", "陈", "·", "0", "\u200bZ"])
def test_anything_that_draws_is_visible(text: str) -> None:
    assert has_visible_text(text)


def test_near_miss_finds_the_same_key_first_then_a_typo() -> None:
    known = ["Zoë", "Dana Reyes", "Sam Okafor"]
    assert near_miss("Zoe", known) == "Zoë"
    assert near_miss("Dnaa Reyes", known) == "Dana Reyes"
    assert near_miss("Priya", known) is None
    assert near_miss("Zoe", []) is None
