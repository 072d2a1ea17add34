"""Drawing question cards during a session: one category at a time, one card showing.

A card asked this session is not drawn again until every card of its category has been
asked (then the category cycles, and ``exhausted`` says so). Cards asked with this
client in earlier sessions come after the ones they have never heard, and favourites
come before both. Retired cards are never drawn.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sessionpad.core.models import Prompt
from sessionpad.core.prompts import CATEGORIES


class Deck:
    """The deck for one session with one client.

    ``toggle_favourite`` flips the flag on the Prompt objects it was given, so pass it
    copies (``prompts.builtin_prompts()`` plus the coach's own) rather than the shared
    ``BUILTIN_PROMPTS``.
    """

    def __init__(
        self,
        prompts: Sequence[Prompt],
        *,
        asked_with_client: Collection[str] = (),
        favourites_first: bool = True,
        category: str | None = None,
    ) -> None:
        self._prompts: list[Prompt] = list(prompts)
        self._asked_before = frozenset(asked_with_client)
        self._favourites_first = favourites_first
        self._asked: list[str] = []
        self._order: list[Prompt] = []
        # What was shown in this category, oldest first; ``_cursor`` points at the current.
        self._shown: list[Prompt] = []
        self._cursor = -1
        self.set_category(category if category is not None else self._first_category())

    # -- reading -----------------------------------------------------------------------

    @property
    def category(self) -> str:
        return self._category

    @property
    def current(self) -> Prompt | None:
        return self._shown[self._cursor] if self._shown else None

    @property
    def position(self) -> tuple[int, int]:
        """(1-based place of the current card in the category, cards in it): "exploring 3/9"."""
        current = self.current
        if current is None:
            return (0, len(self._order))
        return (self._index_of(current) + 1, len(self._order))

    @property
    def asked_this_session(self) -> tuple[str, ...]:
        """Prompt ids asked this session, each once, in the order first asked."""
        return tuple(self._asked)

    @property
    def exhausted(self) -> bool:
        """Every card of this category has been asked this session: cards now repeat."""
        return bool(self._order) and all(prompt.id in self._asked for prompt in self._order)

    @property
    def can_go_back(self) -> bool:
        return self._cursor > 0

    @property
    def categories(self) -> tuple[str, ...]:
        """Category keys holding at least one card that can be drawn, built-in order first."""
        present = [prompt.category for prompt in self._prompts if not prompt.retired]
        known = [category.key for category in CATEGORIES if category.key in present]
        custom = [key for key in dict.fromkeys(present) if key not in known]
        return (*known, *custom)

    # -- moving ------------------------------------------------------------------------

    def set_category(self, key: str) -> None:
        """Show ``key``'s first card not yet asked this session; history starts afresh."""
        self._category = key
        self._order = self._ordered(key)
        self._shown = []
        self._cursor = -1
        first = self._draw_after(None)
        if first is not None:
            self._show(first)

    def next(self) -> Prompt | None:
        """Forward through what ``prev`` walked back over, else draw the next card."""
        if self._cursor + 1 < len(self._shown):
            self._cursor += 1
            return self.current
        card = self._draw_after(self.current)
        if card is not None and card is not self.current:
            self._show(card)
        return self.current

    def prev(self) -> Prompt | None:
        """Back to the card shown before this one; at the first card, stays there."""
        if self._cursor > 0:
            self._cursor -= 1
        return self.current

    def mark_asked(self) -> Prompt | None:
        """Record the current card as asked this session and move to the next unasked one.

        Returns the card that was asked (None when the category is empty), so the caller
        can log it; ``current`` is then the next card.
        """
        asked = self.current
        if asked is None:
            return None
        if asked.id not in self._asked:
            self._asked.append(asked.id)
        # Drop the forward history: the next card is a fresh draw, not a replay.
        del self._shown[self._cursor + 1 :]
        card = self._draw_after(asked)
        if card is not None and card is not asked:
            self._show(card)
        return asked

    def unmark_asked(self, prompt_id: str) -> None:
        """A card logged as asked by mistake (the entry was taken back): not asked after all."""
        if prompt_id in self._asked:
            self._asked.remove(prompt_id)

    def toggle_favourite(self) -> Prompt | None:
        """Flip the current card's favourite mark and return it for the caller to save.

        The order is left alone until the category is opened again, so the card under
        the coach's eyes doesn't jump.
        """
        card = self.current
        if card is not None:
            card.favourite = not card.favourite
        return card

    def replace_prompts(self, prompts: Sequence[Prompt]) -> None:
        """Take an edited prompt list (a custom card added or retired mid-session).

        What was asked this session is kept; the category reopens at its next card, or
        stays on the current card when it is still drawable.
        """
        current = self.current
        self._prompts = list(prompts)
        self._order = self._ordered(self._category)
        self._shown = []
        self._cursor = -1
        still_there = None
        if current is not None:
            still_there = next((p for p in self._order if p.id == current.id), None)
        card = still_there if still_there is not None else self._draw_after(None)
        if card is not None:
            self._show(card)

    # -- inside ------------------------------------------------------------------------

    def _first_category(self) -> str:
        categories = self.categories
        return categories[0] if categories else CATEGORIES[0].key

    def _ordered(self, key: str) -> list[Prompt]:
        cards = [
            prompt for prompt in self._prompts if prompt.category == key and not prompt.retired
        ]

        def rank(indexed: tuple[int, Prompt]) -> tuple[bool, bool, int]:
            index, prompt = indexed
            later_for_favour = self._favourites_first and not prompt.favourite
            return (later_for_favour, prompt.id in self._asked_before, index)

        return [prompt for _, prompt in sorted(enumerate(cards), key=rank)]

    def _index_of(self, card: Prompt) -> int:
        return next(index for index, prompt in enumerate(self._order) if prompt is card)

    def _draw_after(self, card: Prompt | None) -> Prompt | None:
        """The next card in order after ``card`` (wrapping) not yet asked this session.

        When the whole category has been asked, every card is eligible again.
        """
        if not self._order:
            return None
        start = 0 if card is None else self._index_of(card) + 1
        size = len(self._order)
        rotated = [self._order[(start + step) % size] for step in range(size)]
        unasked = [prompt for prompt in rotated if prompt.id not in self._asked]
        return (unasked or rotated)[0]

    def _show(self, card: Prompt) -> None:
        self._shown.append(card)
        self._cursor = len(self._shown) - 1
