"""The designed-alliance template (DOMAIN.md) and how the coach names an item.

Each client gets their own copy of the template; items are matched by short key or by a
case-insensitive prefix of the title (``/agree conf``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sessionpad.core.models import AllianceItem, AllianceState

TEMPLATE: tuple[tuple[str, str], ...] = (
    ("scope", "What coaching is and isn't here"),
    ("conf", "Confidentiality and its limits"),
    ("sponsor", "Sponsor and third parties"),
    ("records", "Notes and records"),
    ("logistics", "Session logistics"),
    ("fees", "Cancellations and fees"),
    ("contact", "Contact between sessions"),
    ("goals", "Goals and signs of progress"),
    ("client", "The client's responsibilities"),
    ("coach", "The coach's responsibilities"),
    ("style", "Style and permissions"),
    ("feedback", "Feedback and revisiting the alliance"),
    ("missed", "Missed commitments"),
    ("ending", "Pausing and ending well"),
)

#: An agreement older than this is worth revisiting in the brief.
REVISIT_AFTER_DAYS = 180


def template_items() -> list[AllianceItem]:
    return [AllianceItem(key=key, title=title) for key, title in TEMPLATE]


class AllianceMatchError(ValueError):
    """An ITEM that names no alliance item, or more than one."""


def match_item(items: list[AllianceItem], wanted: str) -> AllianceItem:
    needle = wanted.strip().casefold()
    if not needle:
        raise AllianceMatchError("which item? e.g. /agree conf — " + _keys(items))
    for item in items:
        if item.key.casefold() == needle or item.title.casefold() == needle:
            return item
    hits = [
        item
        for item in items
        if item.title.casefold().startswith(needle) or item.key.casefold().startswith(needle)
    ]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise AllianceMatchError(f'"{wanted}" could be: ' + "; ".join(item.title for item in hits))
    words = [item for item in items if any(w.startswith(needle) for w in _words(item.title))]
    if len(words) == 1:
        return words[0]
    candidates = words or items
    raise AllianceMatchError(
        f'no alliance item "{wanted}" — try: ' + ", ".join(item.key for item in candidates)
    )


def _words(title: str) -> list[str]:
    return [word.strip("'’,") for word in title.casefold().split()]


def _keys(items: list[AllianceItem]) -> str:
    return ", ".join(item.key for item in items)


def with_state(item: AllianceItem, state: AllianceState, today: date) -> AllianceItem:
    if state is AllianceState.AGREED:
        return replace(item, state=state, last_agreed=today)
    return replace(item, state=state)


def needs_attention(item: AllianceItem, today: date) -> bool:
    """Never agreed, marked for revisiting, or agreed so long ago it is worth a look."""
    if item.state is not AllianceState.AGREED or item.last_agreed is None:
        return True
    return (today - item.last_agreed).days > REVISIT_AFTER_DAYS


def agreed_count(items: list[AllianceItem]) -> int:
    return sum(item.state is AllianceState.AGREED for item in items)
