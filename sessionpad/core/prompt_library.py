"""The coach's prompt library: the built-in deck plus their own cards, over a Store.

Built-in prompts can be starred and retired (hidden), never edited: their wording ships
with sessionpad and may be improved in a later version, so only the coach's marks are
stored for them. The coach's own prompts can also be edited. Either kind is stored by id
(``Store.save_prompt``) and a retired prompt can always be restored.

Decisions:
- A custom prompt is one line: control characters go (``clean_text``), any run of
  whitespace becomes one space, and it holds at most ``MAX_PROMPT_CHARS`` characters —
  a card longer than that is no longer one question.
- Custom prompts use the built-in categories only, so every card has a place in the
  deck's order and in a category the coach can ``/cat`` to.
- The same question twice (ignoring case, spacing and punctuation) is refused, naming
  the card that already asks it, so the deck never shows a duplicate.
- Every error is a ``PromptLibraryError`` (a ValueError) with a one-line message.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from sessionpad.core.checker import Flag, analyse_question
from sessionpad.core.models import Prompt, PromptSource, new_id
from sessionpad.core.prompts import BUILTIN_PROMPTS, CATEGORIES, PITSTOP, Category, match_category
from sessionpad.core.sanitize import clean_text, one_line

if TYPE_CHECKING:
    from sessionpad.storage.store import Store

MAX_PROMPT_CHARS = 300
CUSTOM_ID_PREFIX = "my-"
BUILTIN_NOT_EDITABLE = "built-in prompts can be hidden (retire), not edited"


class PromptLibraryError(ValueError):
    """A prompt can't be found, written or changed as asked; the message is one line."""


# ── reading ─────────────────────────────────────────────────────────────────────


def merged_prompts(overrides: list[Prompt]) -> list[Prompt]:
    """Built-in cards with the coach's favourites/retirements applied, then custom cards."""
    by_id = {prompt.id: prompt for prompt in overrides}
    merged = [
        replace(builtin, favourite=by_id[builtin.id].favourite, retired=by_id[builtin.id].retired)
        if builtin.id in by_id
        else replace(builtin)
        for builtin in BUILTIN_PROMPTS
    ]
    builtin_ids = {prompt.id for prompt in BUILTIN_PROMPTS}
    merged.extend(prompt for prompt in overrides if prompt.id not in builtin_ids)
    return merged


def all_prompts(store: Store) -> list[Prompt]:
    """Every prompt, retired ones included: fresh copies the caller may change."""
    return merged_prompts(store.prompt_overrides())


def deck_prompts(store: Store) -> list[Prompt]:
    """What the live deck draws from: everything but the pit-stop deck (the pit-stop
    screen has its own)."""
    return [prompt for prompt in all_prompts(store) if prompt.category != PITSTOP.key]


def by_category(prompts: list[Prompt]) -> list[Prompt]:
    """Prompts in deck order: category by category, built-ins before the coach's own."""
    order = {category.key: index for index, category in enumerate(CATEGORIES)}
    ranked = sorted(
        enumerate(prompts),
        key=lambda item: (
            order.get(item[1].category, len(order)),
            item[1].category,
            item[1].source is PromptSource.CUSTOM,
            item[0],
        ),
    )
    return [prompt for _, prompt in ranked]


def find_prompt(store: Store, wanted: str) -> Prompt:
    """The prompt whose id is ``wanted``, else the only one whose id starts with it."""
    return _find(all_prompts(store), wanted)


def _find(prompts: list[Prompt], wanted: str) -> Prompt:
    needle = one_line(wanted).strip().casefold()
    if not needle:
        raise PromptLibraryError("which prompt? give its id (the list shows them)")
    exact = [prompt for prompt in prompts if prompt.id.casefold() == needle]
    if exact:
        return exact[0]
    found = [prompt for prompt in prompts if prompt.id.casefold().startswith(needle)]
    if len(found) == 1:
        return found[0]
    shown = one_line(wanted.strip(), 40)
    if not found:
        raise PromptLibraryError(f"no prompt has the id {shown!r} — the list shows every id")
    listed = ", ".join(prompt.id for prompt in found[:5])
    more = f" and {len(found) - 5} more" if len(found) > 5 else ""
    raise PromptLibraryError(f"{shown!r} could be {listed}{more} — give more of the id")


# ── checking what the coach wrote ───────────────────────────────────────────────


def clean_prompt_text(text: str) -> str:
    """``text`` as a card holds it: one line, sanitised; raises when empty or too long."""
    cleaned = " ".join(clean_text(text, keep_newlines=False).split())
    if not cleaned:
        raise PromptLibraryError("a prompt needs some words")
    if len(cleaned) > MAX_PROMPT_CHARS:
        raise PromptLibraryError(
            f"a prompt holds at most {MAX_PROMPT_CHARS} characters; this one has "
            f"{len(cleaned)} — one question per card"
        )
    return cleaned


def prompt_category(name: str) -> Category:
    """The built-in category called ``name`` (key, label or a prefix of either)."""
    try:
        return match_category(name)
    except ValueError as error:
        raise PromptLibraryError(one_line(str(error))) from None


def check_prompt(text: str) -> tuple[Flag, ...]:
    """The question coach's findings on a prompt's wording (empty means it reads as open)."""
    return analyse_question(text).flags


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _refuse_duplicate(prompts: list[Prompt], text: str, *, other_than: str | None = None) -> None:
    wanted = _squash(text)
    for prompt in prompts:
        if prompt.id != other_than and _squash(prompt.text) == wanted:
            state = "; it is retired — restore it instead" if prompt.retired else ""
            raise PromptLibraryError(f"that question is already in the deck as {prompt.id}{state}")


# ── changing ────────────────────────────────────────────────────────────────────


def add_prompt(store: Store, text: str, category: str) -> tuple[Prompt, tuple[Flag, ...]]:
    """Save a new custom prompt; returns it with the checker's findings (a note, never a
    reason to refuse)."""
    cleaned = clean_prompt_text(text)
    key = prompt_category(category).key
    _refuse_duplicate(all_prompts(store), cleaned)
    prompt = Prompt(
        text=cleaned, category=key, source=PromptSource.CUSTOM, id=CUSTOM_ID_PREFIX + new_id()
    )
    store.save_prompt(prompt)
    return prompt, check_prompt(cleaned)


def edit_prompt(
    store: Store, wanted: str, text: str | None = None, category: str | None = None
) -> tuple[Prompt, tuple[Flag, ...]]:
    """Change a custom prompt's wording and/or category; returns it with the checker's
    findings on its (new) wording."""
    prompts = all_prompts(store)
    prompt = _find(prompts, wanted)
    if prompt.source is not PromptSource.CUSTOM:
        raise PromptLibraryError(BUILTIN_NOT_EDITABLE)
    if text is None and category is None:
        raise PromptLibraryError("nothing to change: give a new text, a new category or both")
    new_text = prompt.text
    if text is not None:
        new_text = clean_prompt_text(text)
        _refuse_duplicate(prompts, new_text, other_than=prompt.id)
    new_category = prompt.category if category is None else prompt_category(category).key
    updated = replace(prompt, text=new_text, category=new_category)
    store.save_prompt(updated)
    return updated, check_prompt(updated.text)


def retire_prompt(store: Store, wanted: str) -> Prompt:
    """Hide a prompt from every deck; it stays in the library and can be restored."""
    return _mark(store, wanted, retired=True)


def restore_prompt(store: Store, wanted: str) -> Prompt:
    """Bring a retired prompt back into the deck."""
    return _mark(store, wanted, retired=False)


def favourite_prompt(store: Store, wanted: str, on: bool | None = None) -> Prompt:
    """Star (``on=True``), unstar (``False``) or flip (``None``) a prompt."""
    prompt = find_prompt(store, wanted)
    favourite = not prompt.favourite if on is None else on
    return _save_if_changed(store, prompt, replace(prompt, favourite=favourite))


def _mark(store: Store, wanted: str, *, retired: bool) -> Prompt:
    prompt = find_prompt(store, wanted)
    return _save_if_changed(store, prompt, replace(prompt, retired=retired))


def _save_if_changed(store: Store, prompt: Prompt, updated: Prompt) -> Prompt:
    if updated != prompt:
        store.save_prompt(updated)
    return updated
