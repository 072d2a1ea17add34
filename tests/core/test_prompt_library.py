"""The coach's prompt library: custom cards and marks on built-ins, checked on a reopened Store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sessionpad.core import prompt_library as library
from sessionpad.core.checker import SHOULD, WHY_FAILURE
from sessionpad.core.live import Action, LiveSession
from sessionpad.core.models import Client, PromptSource
from sessionpad.core.prompt_library import PromptLibraryError
from sessionpad.core.prompts import BUILTIN_PROMPTS, PITSTOP
from sessionpad.storage.store import Store
from tests.conftest import FakeClock


def reopened(data_dir: Path) -> Store:
    """A fresh look at the disk: what the next start of sessionpad would see."""
    return Store.open(data_dir, read_only=True)


def one_line_error(call: Callable[..., object], *args: object, **kwargs: object) -> str:
    with pytest.raises(PromptLibraryError) as caught:
        call(*args, **kwargs)
    message = str(caught.value)
    assert message and "\n" not in message
    return message


# ── reading ──────────────────────────────────────────────────────────────────


def test_all_prompts_are_the_built_ins_until_the_coach_changes_something(store: Store) -> None:
    prompts = library.all_prompts(store)
    assert [p.id for p in prompts] == [p.id for p in BUILTIN_PROMPTS]
    prompts[0].favourite = True  # a copy: the shared deck is untouched
    assert not BUILTIN_PROMPTS[0].favourite
    assert all(p.category != PITSTOP.key for p in library.deck_prompts(store))
    assert any(p.category == PITSTOP.key for p in prompts)


def test_find_by_id_or_unique_prefix(store: Store) -> None:
    assert library.find_prompt(store, "goal-03").id == "goal-03"
    assert library.find_prompt(store, "  GOAL-03 ").id == "goal-03"
    ambiguous = one_line_error(library.find_prompt, store, "explore-")
    assert "explore-01" in ambiguous and "more of the id" in ambiguous
    unknown = one_line_error(library.find_prompt, store, "nope-99")
    assert "nope-99" in unknown
    assert "which prompt" in one_line_error(library.find_prompt, store, "   ")


def test_an_exact_id_wins_over_longer_ids_it_prefixes(store: Store) -> None:
    # "explore-1" is a prefix of explore-10 and explore-11 but the id of neither
    assert "could be explore-10, explore-11" in one_line_error(
        library.find_prompt, store, "explore-1"
    )
    first, _ = library.add_prompt(store, "What feels unfinished?", "explor")
    assert library.find_prompt(store, first.id).id == first.id


# ── adding ───────────────────────────────────────────────────────────────────


def test_add_saves_a_custom_prompt_that_survives_a_restart(store: Store, data_dir: Path) -> None:
    prompt, flags = library.add_prompt(
        store, "  What feels \x1b[31mmost\x1b[0m\talive?  ", "values"
    )
    assert flags == ()
    assert prompt.id.startswith(library.CUSTOM_ID_PREFIX)
    assert (prompt.text, prompt.category, prompt.source) == (
        "What feels most alive?",
        "values",
        PromptSource.CUSTOM,
    )
    with reopened(data_dir) as fresh:
        found = library.find_prompt(fresh, prompt.id)
        assert found == prompt
        assert library.all_prompts(fresh)[-1] == prompt
        assert prompt in library.deck_prompts(fresh)


def test_add_returns_the_checkers_note_but_still_saves(store: Store, data_dir: Path) -> None:
    prompt, flags = library.add_prompt(store, "Why didn't you finish it?", "setbacks")
    assert flags and flags[0].code == WHY_FAILURE
    with reopened(data_dir) as fresh:
        assert library.find_prompt(fresh, prompt.id).text == "Why didn't you finish it?"


def test_category_is_matched_by_key_label_or_prefix(store: Store) -> None:
    assert library.add_prompt(store, "What is one small step?", "Action")[0].category == "action"
    assert library.add_prompt(store, "What shifted for you?", "check-in")[0].category == "opening"
    assert library.add_prompt(store, "How is the pace?", "pit stop")[0].category == PITSTOP.key
    message = one_line_error(library.add_prompt, store, "What now?", "astrology")
    assert "astrology" in message and "exploring" in message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "needs some words"),
        ("  \n\t ", "needs some words"),
        ("\x1b[2J", "needs some words"),
        ("x" * (library.MAX_PROMPT_CHARS + 1), "at most 300"),
    ],
)
def test_bad_text_is_refused_and_nothing_saved(
    store: Store, data_dir: Path, text: str, fragment: str
) -> None:
    assert fragment in one_line_error(library.add_prompt, store, text, "goal")
    with reopened(data_dir) as fresh:
        assert fresh.prompt_overrides() == []


def test_the_longest_allowed_prompt_is_kept_whole(store: Store) -> None:
    text = "What " + "y" * (library.MAX_PROMPT_CHARS - 6) + "?"
    assert len(text) == library.MAX_PROMPT_CHARS
    assert library.add_prompt(store, text, "goal")[0].text == text


def test_a_multi_line_paste_becomes_one_line(store: Store) -> None:
    prompt, _ = library.add_prompt(store, "What would\nhelp\r\nmost?", "goal")
    assert prompt.text == "What would help most?"


def test_the_same_question_twice_is_refused(store: Store) -> None:
    message = one_line_error(library.add_prompt, store, "what ELSE is true", "values")
    assert "explore-03" in message
    mine, _ = library.add_prompt(store, "What do you want more of?", "values")
    assert mine.id in one_line_error(library.add_prompt, store, "What do you want more of", "goal")
    library.retire_prompt(store, "explore-03")
    assert "restore it" in one_line_error(library.add_prompt, store, "What else is true?", "goal")


# ── editing ──────────────────────────────────────────────────────────────────


def test_edit_a_custom_prompt(store: Store, data_dir: Path) -> None:
    prompt, _ = library.add_prompt(store, "What went well?", "opening")
    edited, flags = library.edit_prompt(store, prompt.id[:8], text="Shouldn't you rest more?")
    assert edited.id == prompt.id
    assert [flag.code for flag in flags] == [SHOULD]  # the checker reads the new wording
    moved, _ = library.edit_prompt(store, prompt.id, category="closing")
    with reopened(data_dir) as fresh:
        found = library.find_prompt(fresh, prompt.id)
        assert (found.text, found.category) == ("Shouldn't you rest more?", "closing")
        assert found == moved
        assert sum(p.id == prompt.id for p in library.all_prompts(fresh)) == 1


def test_built_in_prompts_are_never_edited(store: Store, data_dir: Path) -> None:
    message = one_line_error(library.edit_prompt, store, "goal-01", text="Anything else?")
    assert message == library.BUILTIN_NOT_EDITABLE
    with reopened(data_dir) as fresh:
        assert fresh.prompt_overrides() == []


def test_edit_needs_something_to_change_and_valid_values(store: Store) -> None:
    prompt, _ = library.add_prompt(store, "What went well?", "opening")
    assert "nothing to change" in one_line_error(library.edit_prompt, store, prompt.id)
    one_line_error(library.edit_prompt, store, prompt.id, text="   ")
    one_line_error(library.edit_prompt, store, prompt.id, category="nowhere")
    one_line_error(library.edit_prompt, store, prompt.id, text="What else is true?")
    # its own text again is not a duplicate of itself
    library.edit_prompt(store, prompt.id, text="What went WELL?")


# ── marks: retire, restore, favourite ─────────────────────────────────────────


def test_retire_and_restore_a_built_in(store: Store, data_dir: Path) -> None:
    retired = library.retire_prompt(store, "explore-02")
    assert retired.retired and retired.source is PromptSource.BUILTIN
    with reopened(data_dir) as fresh:
        assert library.find_prompt(fresh, "explore-02").retired
        assert library.find_prompt(fresh, "explore-02").text == retired.text
    library.restore_prompt(store, "explore-02")
    with reopened(data_dir) as fresh:
        assert not library.find_prompt(fresh, "explore-02").retired


def test_retire_a_custom_prompt(store: Store, data_dir: Path) -> None:
    prompt, _ = library.add_prompt(store, "What is the cost of waiting?", "action")
    library.retire_prompt(store, prompt.id)
    with reopened(data_dir) as fresh:
        assert library.find_prompt(fresh, prompt.id).retired
        assert all(p.id != prompt.id or p.retired for p in library.deck_prompts(fresh))


def test_favourite_sets_clears_and_toggles(store: Store, data_dir: Path) -> None:
    assert library.favourite_prompt(store, "goal-02", on=True).favourite
    assert library.favourite_prompt(store, "goal-02", on=True).favourite  # idempotent
    assert not library.favourite_prompt(store, "goal-02").favourite  # toggled off
    assert library.favourite_prompt(store, "goal-02").favourite
    with reopened(data_dir) as fresh:
        assert library.find_prompt(fresh, "goal-02").favourite
    assert not library.favourite_prompt(store, "goal-02", on=False).favourite
    with reopened(data_dir) as fresh:
        assert not library.find_prompt(fresh, "goal-02").favourite


def test_a_mark_that_changes_nothing_writes_nothing(store: Store, data_dir: Path) -> None:
    library.restore_prompt(store, "goal-02")
    library.favourite_prompt(store, "goal-02", on=False)
    with reopened(data_dir) as fresh:
        assert fresh.prompt_overrides() == []


def test_by_category_puts_built_ins_before_the_coachs_own(store: Store) -> None:
    mine, _ = library.add_prompt(store, "What is the first step?", "opening")
    ordered = library.by_category(library.all_prompts(store))
    opening = [p.id for p in ordered if p.category == "opening"]
    assert opening[-1] == mine.id
    assert ordered[0].category == "opening" and ordered[-1].category == PITSTOP.key


def test_the_library_imports_without_textual() -> None:
    import subprocess
    import sys

    probe = "import sys, sessionpad.core.prompt_library; print(' '.join(sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "textual" not in loaded and "rich" not in loaded


# ── in the live room: /prompt and /retire ─────────────────────────────────────


def live_session(store: Store, clock: FakeClock) -> LiveSession:
    client = Client(name="Dana Reyes")
    store.save_client(client)
    return LiveSession.start(store, client, 60, clock=clock)


def test_prompt_add_in_a_session_saves_and_shows_the_card(
    store: Store, data_dir: Path, clock: FakeClock
) -> None:
    live = live_session(store, clock)
    live.capture("/cat exploring")
    outcome = live.capture("/prompt add Why didn't you just ask?")
    assert not outcome.error
    assert outcome.flags and outcome.flags[0].code == WHY_FAILURE
    assert outcome.message.startswith("added to exploring · ")
    card = live.deck.current
    assert card is not None and card.text == "Why didn't you just ask?"
    with reopened(data_dir) as fresh:
        assert library.find_prompt(fresh, card.id).source is PromptSource.CUSTOM
    assert live.session.entries == []  # a card is not something that happened in the session


def test_retire_in_a_session_hides_the_card_for_good(
    store: Store, data_dir: Path, clock: FakeClock
) -> None:
    live = live_session(store, clock)
    before = drawn_ids(live)
    shown = live.deck.current
    assert shown is not None and shown.id in before
    outcome = live.capture("/retire")
    assert not outcome.error and "retired" in outcome.message
    assert drawn_ids(live) == before - {shown.id}
    with reopened(data_dir) as fresh:
        assert library.find_prompt(fresh, shown.id).retired
    next_session = live_session(store, clock)
    next_session.deck.set_category(shown.category)
    assert shown.id not in drawn_ids(next_session)


def drawn_ids(live: LiveSession) -> set[str]:
    """Every card the deck draws in its category, going round it twice."""
    deck = live.deck
    seen = {deck.current.id} if deck.current else set()
    for _ in range(2 * deck.position[1]):
        card = deck.next()
        if card is not None:
            seen.add(card.id)
    return seen


def test_prompt_edit_in_a_session(store: Store, clock: FakeClock) -> None:
    live = live_session(store, clock)
    refused = live.capture("/prompt edit")
    assert refused.error and "/retire" in refused.message  # the card on show is built-in
    live.capture("/prompt add What went well this week?")
    opened = live.capture("/prompt edit")
    assert (opened.error, opened.action, opened.argument) == (False, Action.PROMPT_EDITOR, "edit")
    card = live.deck.current
    outcome = live.edit_card(card.id, "What went well for you this week?", card.category)
    assert not outcome.error and live.deck.current.text == "What went well for you this week?"
    assert live.capture("/prompt").argument == "new"


def test_a_refused_prompt_in_a_session_is_a_one_line_error(store: Store, clock: FakeClock) -> None:
    live = live_session(store, clock)
    outcome = live.capture("/prompt add What else is true?")
    assert outcome.error and "explore-03" in outcome.message
