"""The built-in prompt deck: nine categories of open questions plus the pit-stop deck.

Every question here is our own wording. Ids are written out by hand rather than numbered
by position, because they are stored on disk (favourites, retired cards, what was asked
with each client): a prompt may be added at the end of a category or retired, but an id
is never reused or renumbered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sessionpad.core.models import Prompt, PromptSource


@dataclass(frozen=True)
class Category:
    """A deck category: ``key`` is what prompts store, ``label`` is what the coach reads."""

    key: str
    label: str


CATEGORIES: tuple[Category, ...] = (
    Category("opening", "opening / check-in"),
    Category("goal", "goal for today"),
    Category("exploring", "exploring"),
    Category("values", "values and meaning"),
    Category("feelings", "feelings and vulnerability"),
    Category("setbacks", "setbacks"),
    Category("perspective", "perspective, culture and identity"),
    Category("action", "action and commitment"),
    Category("closing", "closing"),
    Category("pitstop", "pit-stop"),
)

PITSTOP: Category = CATEGORIES[-1]
"""The pit-stop deck, drawn from by the pit-stop screen; also reachable as a deck category."""

# (id, text) per category key. Append only: see the module docstring.
_DECK: dict[str, tuple[tuple[str, str], ...]] = {
    "opening": (
        ("open-01", "What's on your mind as we start today?"),
        ("open-02", "How are you arriving today?"),
        ("open-03", "What has shifted since we last met?"),
        ("open-04", "What has gone well since our last session?"),
        ("open-05", "What would you like me to know before we begin?"),
        ("open-06", "How much energy are you bringing into this hour?"),
        ("open-07", "What happened with the commitments you made last time?"),
        ("open-08", "What are you carrying into this conversation?"),
        ("open-09", "What did you notice about yourself this week?"),
        ("open-10", "How would you sum up your week in a few words?"),
    ),
    "goal": (
        ("goal-01", "What would make this hour worth your time?"),
        ("goal-02", "What do you want to walk away with today?"),
        ("goal-03", "How will you know this session has been useful?"),
        ("goal-04", "What matters most about this topic for you right now?"),
        ("goal-05", "What would a good outcome look like by the end of our time?"),
        ("goal-06", "What makes this the right topic for today?"),
        ("goal-07", "How does today's topic connect to your bigger goals?"),
        ("goal-08", "What would you like to be different when we finish?"),
        ("goal-09", "Which part of this feels most important to work on first?"),
        ("goal-10", "How would you know you've got what you came for?"),
    ),
    "exploring": (
        ("explore-01", "What's going on for you with this?"),
        ("explore-02", "What are you assuming here?"),
        ("explore-03", "What else is true?"),
        ("explore-04", "What have you tried so far?"),
        ("explore-05", "Who else has a stake in this?"),
        ("explore-06", "What's getting in the way?"),
        ("explore-07", "What patterns do you notice here?"),
        ("explore-08", "How have you handled something like this before?"),
        ("explore-09", "What's the part you haven't said out loud yet?"),
        ("explore-10", "What would someone who knows you well notice about this?"),
        ("explore-11", "What do you see when you step back from this?"),
    ),
    "values": (
        ("values-01", "What matters most to you in this?"),
        ("values-02", "What does success mean to you here?"),
        ("values-03", "Which of your values is being tested right now?"),
        ("values-04", "What are you unwilling to give up?"),
        ("values-05", "What would you be proud of when you look back on this?"),
        ("values-06", "How does this fit with the person you want to be?"),
        ("values-07", "What gives this work meaning for you?"),
        ("values-08", "What would honouring what you care about look like here?"),
        ("values-09", "Who do you want to be in this situation?"),
    ),
    "feelings": (
        ("feel-01", "What are you feeling as you talk about this?"),
        ("feel-02", "Where do you notice that in your body?"),
        ("feel-03", "What feels risky about saying this?"),
        ("feel-04", "What would it take to be fully honest with yourself here?"),
        ("feel-05", "What's underneath that feeling?"),
        ("feel-06", "How do you want to feel when this is behind you?"),
        ("feel-07", "What are you afraid might happen?"),
        ("feel-08", "What would you say if you knew nobody would judge you?"),
        ("feel-09", "What support would help you right now?"),
        ("feel-10", "How is it to say that out loud?"),
    ),
    "setbacks": (
        ("setback-01", "What did you learn from how it went?"),
        ("setback-02", "What got in the way?"),
        ("setback-03", "What's within your control now?"),
        ("setback-04", "How have you bounced back from a hard patch before?"),
        ("setback-05", "What would you do differently next time?"),
        ("setback-06", "Who could support you as you get back on track?"),
        ("setback-07", "What's the smallest step that would bring back some momentum?"),
        ("setback-08", "What is this teaching you about your goal?"),
        ("setback-09", "How would you talk to a friend in the same spot?"),
        ("setback-10", "What still holds true for you, despite this?"),
    ),
    "perspective": (
        ("persp-01", "How might someone you respect see this differently?"),
        ("persp-02", "What part of your background shapes how you see this?"),
        ("persp-03", "How does your culture influence what feels possible here?"),
        ("persp-04", "What would this look like from the other person's side?"),
        ("persp-05", "Which parts of who you are feel present in this situation?"),
        ("persp-06", "Whose expectations are you carrying into this?"),
        ("persp-07", "How will this look to you a year from now?"),
        ("persp-08", "What words would you use to describe this in your own terms?"),
        ("persp-09", "Whose voice is loudest in your head about this?"),
        ("persp-10", "What would change if you gave yourself the benefit of the doubt?"),
    ),
    "action": (
        ("action-01", "What will you do next?"),
        ("action-02", "When will you take the first step?"),
        ("action-03", "How would you like to be held to account for this?"),
        ("action-04", "What might get in the way of this plan?"),
        ("action-05", "Who needs to know about your plan?"),
        ("action-06", "How committed are you to this, on a scale of 1 to 10?"),
        ("action-07", "What support would make this easier to follow through on?"),
        ("action-08", "How would you like me to follow up with you on this?"),
        ("action-09", "What options do you see?"),
        ("action-10", "Which of these options draws you most?"),
        ("action-11", "What will be different once it's done?"),
    ),
    "closing": (
        ("close-01", "What are you taking away from today?"),
        ("close-02", "What stood out for you in this conversation?"),
        ("close-03", "How was this session for you?"),
        ("close-04", "What do you want to remember from today?"),
        ("close-05", "What would make our next session even more useful?"),
        ("close-06", "What insight will you carry into this week?"),
        ("close-07", "How are you feeling as we wrap up?"),
        ("close-08", "What shifted for you during our time together?"),
        ("close-09", "What will you tell yourself when the week gets busy?"),
        ("close-10", "What did you value in how we worked today?"),
    ),
    PITSTOP.key: (
        # progress toward today's goal
        ("pit-01", "How close are we to what you wanted from today?"),
        ("pit-02", "What progress have you made toward today's goal so far?"),
        # how the goal has shifted
        ("pit-03", "How has your goal for today changed since we started?"),
        ("pit-04", "What do you want from the rest of our time now?"),
        # emerging themes
        ("pit-05", "What themes are you noticing as we talk?"),
        ("pit-06", "What's emerging that we haven't named yet?"),
        ("pit-07", "What has come up that surprised you?"),
        # the relationship
        ("pit-08", "How is my coaching style landing for you today?"),
        ("pit-09", "What would you like more of from me?"),
        ("pit-10", "What would you like less of from me?"),
        ("pit-11", "How direct would you like me to be for the rest of this session?"),
        # the process
        ("pit-12", "How is the pace working for you?"),
        ("pit-13", "What would be the best use of our remaining time?"),
        ("pit-14", "How would you rate this session so far, from 1 to 10?"),
        ("pit-15", "What would move that number one point higher?"),
        ("pit-16", "What's working well in how we're doing this?"),
        ("pit-17", "What would you change about how we're spending this time?"),
    ),
}

BUILTIN_PROMPTS: tuple[Prompt, ...] = tuple(
    Prompt(id=prompt_id, text=text, category=key, source=PromptSource.BUILTIN)
    for key, cards in _DECK.items()
    for prompt_id, text in cards
)

PITSTOP_PROMPTS: tuple[Prompt, ...] = tuple(
    prompt for prompt in BUILTIN_PROMPTS if prompt.category == PITSTOP.key
)

_BY_ID: dict[str, Prompt] = {prompt.id: prompt for prompt in BUILTIN_PROMPTS}


def builtin_prompt(prompt_id: str) -> Prompt | None:
    """The built-in prompt with this id, or None. Callers get a copy they may mark."""
    prompt = _BY_ID.get(prompt_id)
    return None if prompt is None else Prompt.from_dict(prompt.to_dict())


def builtin_prompts() -> list[Prompt]:
    """Fresh copies of every built-in prompt, so favouriting one never alters the module's."""
    return [Prompt.from_dict(prompt.to_dict()) for prompt in BUILTIN_PROMPTS]


def category_label(key: str) -> str:
    """The label for a category key; an unknown (custom) key is shown as itself."""
    for category in CATEGORIES:
        if category.key == key:
            return category.label
    return key


def _squash(text: str) -> str:
    # "pit stop", "Pit-Stop" and "pitstop" all name the same category.
    return re.sub(r"[^a-z0-9]+", "", text.casefold())


def _names(category: Category) -> list[str]:
    """Key, label, and each half of a two-part label ("check-in" finds the opening)."""
    names = [category.key, category.label]
    names.extend(part.strip() for part in category.label.split("/") if "/" in category.label)
    return [_squash(name) for name in names]


def match_category(name: str, categories: tuple[Category, ...] = CATEGORIES) -> Category:
    """The category whose key or label starts with ``name`` (case-insensitive).

    An exact key or label wins over prefixes. Raises ``ValueError`` with a one-line
    message listing the candidates when nothing or more than one category matches.
    """
    wanted = _squash(name)
    everything = ", ".join(category.key for category in categories)
    if not wanted:
        raise ValueError(f"Which category? Choose one of: {everything}")
    exact = [category for category in categories if wanted in _names(category)]
    if len(exact) == 1:
        return exact[0]
    found = [
        category
        for category in categories
        if any(candidate.startswith(wanted) for candidate in _names(category))
    ]
    if len(found) == 1:
        return found[0]
    if not found:
        raise ValueError(f"No category starts with {name.strip()!r}. Choose one of: {everything}")
    listed = ", ".join(category.key for category in found)
    raise ValueError(f"{name.strip()!r} could be {listed}: type a little more")
