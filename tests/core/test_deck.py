from __future__ import annotations

import re

import pytest

from sessionpad.core.deck import Deck
from sessionpad.core.models import Prompt, PromptSource
from sessionpad.core.prompts import (
    BUILTIN_PROMPTS,
    CATEGORIES,
    PITSTOP,
    PITSTOP_PROMPTS,
    builtin_prompt,
    builtin_prompts,
    category_label,
    match_category,
)

# -- the built-in deck ---------------------------------------------------------------------


def test_there_are_nine_categories_of_at_least_nine_prompts() -> None:
    main = [category for category in CATEGORIES if category != PITSTOP]
    assert len(main) >= 9
    for category in main:
        count = sum(prompt.category == category.key for prompt in BUILTIN_PROMPTS)
        assert count >= 9, category.key


def test_the_pitstop_deck_covers_its_ground() -> None:
    assert len(PITSTOP_PROMPTS) >= 14
    assert all(prompt.category == PITSTOP.key for prompt in PITSTOP_PROMPTS)
    texts = " ".join(prompt.text.casefold() for prompt in PITSTOP_PROMPTS)
    for topic in ("goal", "theme", "me", "pace", "remaining time", "1 to 10"):
        assert topic in texts, topic


def test_ids_are_unique_and_look_stable() -> None:
    ids = [prompt.id for prompt in BUILTIN_PROMPTS]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z]+-\d{2}", prompt_id) for prompt_id in ids)
    assert all(prompt.source is PromptSource.BUILTIN for prompt in BUILTIN_PROMPTS)
    for category in CATEGORIES:
        numbers = sorted(
            int(prompt.id.rsplit("-", 1)[1])
            for prompt in BUILTIN_PROMPTS
            if prompt.category == category.key
        )
        assert numbers == list(range(1, len(numbers) + 1)), category.key


def test_ids_stored_by_earlier_releases_still_resolve() -> None:
    # Stored on disk with clients' histories: removing or moving one breaks them.
    for prompt_id, key in [("open-01", "opening"), ("goal-03", "goal"), ("pit-07", "pitstop")]:
        prompt = builtin_prompt(prompt_id)
        assert prompt is not None and prompt.category == key
    assert builtin_prompt("goal-99") is None


def test_builtin_prompt_hands_out_a_copy() -> None:
    prompt = builtin_prompt("goal-01")
    assert prompt is not None
    prompt.favourite = True
    assert builtin_prompt("goal-01").favourite is False
    assert all(not prompt.favourite for prompt in builtin_prompts())


def test_no_prompt_asks_why() -> None:
    assert not [p.id for p in BUILTIN_PROMPTS if re.search(r"\bwhy\b", p.text, re.IGNORECASE)]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("goal", "goal"),
        ("GO", "goal"),
        ("explo", "exploring"),
        ("values and", "values"),
        ("feel", "feelings"),
        ("check-in", "opening"),
        ("Pit stop", "pitstop"),
        ("persp", "perspective"),
        ("cl", "closing"),
    ],
)
def test_match_category_by_prefix(name: str, key: str) -> None:
    assert match_category(name).key == key


@pytest.mark.parametrize("name", ["zebra", "", "   "])
def test_an_unknown_category_lists_the_candidates(name: str) -> None:
    with pytest.raises(ValueError) as caught:
        match_category(name)
    message = str(caught.value)
    assert "\n" not in message and "exploring" in message and "closing" in message


def test_an_ambiguous_category_lists_only_its_candidates() -> None:
    with pytest.raises(ValueError) as caught:
        match_category("p")
    message = str(caught.value)
    assert "perspective" in message and "pitstop" in message and "values" not in message


def test_category_label() -> None:
    assert category_label("perspective") == "perspective, culture and identity"
    assert category_label("my-own") == "my-own"


# -- drawing cards -------------------------------------------------------------------------


def cards(count: int, category: str = "exploring", prefix: str = "c") -> list[Prompt]:
    return [
        Prompt(id=f"{prefix}{n}", text=f"What about card {n}?", category=category)
        for n in range(1, count + 1)
    ]


def ids(prompts: list[Prompt | None]) -> list[str | None]:
    return [None if prompt is None else prompt.id for prompt in prompts]


def test_next_walks_the_category_in_order_and_position_follows() -> None:
    deck = Deck(cards(4), category="exploring")
    assert deck.category == "exploring"
    assert ids([deck.current]) == ["c1"]
    assert deck.position == (1, 4)
    assert ids([deck.next(), deck.next()]) == ["c2", "c3"]
    assert deck.position == (3, 4)


def test_no_repeat_within_a_session_until_the_category_is_exhausted() -> None:
    deck = Deck(cards(5))
    seen = []
    for _ in range(5):
        assert not deck.exhausted
        seen.append(deck.mark_asked().id)
    assert sorted(seen) == ["c1", "c2", "c3", "c4", "c5"]
    assert deck.asked_this_session == tuple(seen)
    assert deck.exhausted
    assert deck.current is not None  # the category cycles again rather than going blank


def test_skipped_cards_come_back_before_asked_ones() -> None:
    deck = Deck(cards(4))
    deck.mark_asked()  # c1
    deck.mark_asked()  # c2
    assert deck.current.id == "c3"
    shown = ids([deck.next(), deck.next(), deck.next(), deck.next()])
    assert shown == ["c4", "c3", "c4", "c3"]  # c1 and c2 stay out of the way


def test_asked_cards_stay_out_when_the_category_is_reopened() -> None:
    deck = Deck([*cards(3), *cards(2, category="closing", prefix="z")])
    deck.mark_asked()
    deck.set_category("closing")
    assert deck.current.id == "z1"
    deck.set_category("exploring")
    assert deck.current.id == "c2"
    assert deck.asked_this_session == ("c1",)


def test_per_client_memory_across_sessions() -> None:
    first = Deck(cards(6))
    first.mark_asked()
    first.next()
    first.mark_asked()
    asked_last_time = first.asked_this_session
    assert asked_last_time == ("c1", "c3")

    second = Deck(cards(6), asked_with_client=asked_last_time)
    order = [second.current.id]
    for _ in range(5):
        order.append(second.next().id)
    assert order == ["c2", "c4", "c5", "c6", "c1", "c3"]

    someone_else = Deck(cards(6))
    assert someone_else.current.id == "c1"


def test_favourites_come_first_when_asked_for() -> None:
    prompts = cards(4)
    prompts[2].favourite = True  # c3
    prompts[3].favourite = True  # c4
    deck = Deck(prompts, asked_with_client={"c4"})
    order = [deck.current.id, *(deck.next().id for _ in range(3))]
    assert order == ["c3", "c4", "c1", "c2"]
    plain = Deck(prompts, favourites_first=False)
    assert plain.current.id == "c1"


def test_retired_cards_are_never_drawn() -> None:
    prompts = cards(4)
    prompts[1].retired = True
    deck = Deck(prompts)
    seen = {deck.current.id, *(deck.next().id for _ in range(10))}
    for _ in range(10):
        seen.add(deck.mark_asked().id)
    assert "c2" not in seen
    assert deck.position[1] == 3


def test_prev_walks_back_through_what_was_shown_and_next_replays_it() -> None:
    deck = Deck(cards(5))
    deck.next()
    deck.next()  # c1 c2 c3 shown
    assert ids([deck.prev(), deck.prev()]) == ["c2", "c1"]
    assert deck.prev().id == "c1" and not deck.can_go_back
    assert ids([deck.next(), deck.next(), deck.next()]) == ["c2", "c3", "c4"]


def test_mark_asked_returns_the_asked_card_and_moves_on() -> None:
    deck = Deck(cards(3))
    asked = deck.mark_asked()
    assert asked.id == "c1"
    assert deck.current.id == "c2"


def test_toggle_favourite_flips_the_current_card() -> None:
    prompts = cards(2)
    deck = Deck(prompts)
    assert deck.toggle_favourite() is prompts[0]
    assert prompts[0].favourite
    assert deck.current is prompts[0]  # nothing jumps under the coach's eyes
    deck.toggle_favourite()
    assert not prompts[0].favourite


def test_an_empty_category_shows_nothing_and_does_not_crash() -> None:
    deck = Deck(cards(2), category="values")
    assert deck.current is None
    assert deck.next() is None and deck.prev() is None and deck.mark_asked() is None
    assert deck.toggle_favourite() is None
    assert deck.position == (0, 0) and not deck.exhausted
    empty = Deck([])
    assert empty.current is None and empty.category == CATEGORIES[0].key


def test_a_one_card_category_repeats_once_asked() -> None:
    deck = Deck(cards(1))
    assert deck.next().id == "c1"
    assert deck.mark_asked().id == "c1"
    assert deck.exhausted and deck.current.id == "c1"


def test_the_default_category_is_the_first_with_cards() -> None:
    deck = Deck(builtin_prompts())
    assert deck.category == "opening"
    assert deck.categories[: len(CATEGORIES)] == tuple(c.key for c in CATEGORIES)
    custom = Deck(cards(2, category="my questions"))
    assert custom.category == "my questions"


def test_replace_prompts_keeps_the_session_and_the_current_card() -> None:
    prompts = cards(3)
    deck = Deck(prompts)
    deck.mark_asked()  # c1; now on c2
    extra = Prompt(id="mine", text="What else?", category="exploring", source=PromptSource.CUSTOM)
    deck.replace_prompts([*prompts, extra])
    assert deck.current.id == "c2"
    assert deck.position == (2, 4)
    assert deck.asked_this_session == ("c1",)
    prompts[1].retired = True
    deck.replace_prompts([*prompts, extra])
    assert deck.current.id == "c3"


def test_a_real_session_over_the_builtin_deck() -> None:
    deck = Deck(builtin_prompts(), category=match_category("explor").key)
    size = deck.position[1]
    asked = [deck.mark_asked().id for _ in range(size)]
    assert len(set(asked)) == size and deck.exhausted
