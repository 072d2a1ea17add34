"""WHEN phrases of the capture bar (SPEC §4) to dates, and due dates back to short words.

Forms, case-insensitive, extra spaces ignored:

- ``today``, ``tomorrow``
- a weekday, full or short (``friday``, ``fri``; also ``tues``, ``thur``, ``thurs``):
  the next such day, never today — said on a Friday, ``friday`` is a week away
- ``next week``: seven days from today. Not "the coming Monday": on a Sunday that
  would mean tomorrow, which is not what anyone promising "by next week" means.
- ``in N days`` / ``in N weeks`` (``in a week``, ``in one day``, singular or plural)
- an ISO date, ``2026-12-04`` (single-digit month and day accepted)

Dates in the past are returned as they are; whether one is acceptable is the caller's
decision. Day and month names are fixed English, not the machine's locale.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, timedelta

from sessionpad.core.sanitize import one_line

EXAMPLES = "friday, tomorrow, in 3 days or 2026-12-04"

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_WEEKDAYS: dict[str, int] = {
    **{name: index for index, name in enumerate(WEEKDAY_NAMES)},
    **{name[:3]: index for index, name in enumerate(WEEKDAY_NAMES)},
    "tues": 1,
    "thur": 3,
    "thurs": 3,
}
_RELATIVE = re.compile(r"in (?P<count>\d+|an?|one) (?P<unit>days?|weeks?)")
_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
# Words a typo is most likely aimed at, for "did you mean …?".
_VOCABULARY = ("today", "tomorrow", *WEEKDAY_NAMES)
# A count with more digits than this is beyond any date a calendar holds.
_MAX_COUNT_DIGITS = 7


class WhenError(ValueError):
    """A phrase that is not a date we can read; ``message`` is one friendly line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _normalise(phrase: str) -> str:
    return " ".join(phrase.lower().split())


#: Words that name a time without naming a day: refused after ``by`` so the coach can
#: pick a date, rather than silently kept as part of the promise.
_VAGUE_TIMES = frozenset(
    [
        "soon",
        "later",
        "asap",
        "eod",
        "eow",
        "cob",
        "tonight",
        "morning",
        "afternoon",
        "evening",
        "noon",
        "midnight",
        "weekend",
        "monthend",
        "nextweek",
        "tmrw",
        "tmw",
    ]
)


def looks_like_a_date_attempt(word: str) -> bool:
    """True for a single word after ``by`` that was meant as a date but isn't one.

    ``fridya``, ``tmorrow``, ``soon`` and ``12/4`` are; ``card``, ``bus`` and ``me``
    (``! pay by card``, ``! stand by me``) are ordinary words and stay in the text.
    """
    words = _normalise(word)
    if any(char.isdigit() for char in words) or words in _VAGUE_TIMES:
        return True
    return bool(difflib.get_close_matches(words, _VOCABULARY, n=1, cutoff=0.75))


def looks_like_when(phrase: str) -> bool:
    """True when ``phrase`` has the shape of a WHEN form, even if no such date exists.

    ``2026-13-40`` looks like one (and :func:`parse_when` then says what is wrong with
    it); ``fridya`` and ``the decision`` do not.
    """
    words = _normalise(phrase)
    return (
        words in ("today", "tomorrow", "next week")
        or words in _WEEKDAYS
        or _RELATIVE.fullmatch(words) is not None
        or _ISO.fullmatch(words) is not None
    )


def parse_when(phrase: str, today: date) -> date:
    """The date ``phrase`` names, counted from ``today``; :class:`WhenError` if none."""
    words = _normalise(phrase)
    if not words:
        raise WhenError(f"a date is missing — try {EXAMPLES}")
    if words == "today":
        return today
    if words == "tomorrow":
        return today + timedelta(days=1)
    if words == "next week":
        return today + timedelta(weeks=1)
    if words in _WEEKDAYS:
        days_ahead = (_WEEKDAYS[words] - today.weekday() - 1) % 7 + 1
        return today + timedelta(days=days_ahead)
    if relative := _RELATIVE.fullmatch(words):
        return _in_future(relative, today, phrase)
    if iso := _ISO.fullmatch(words):
        try:
            return date(int(iso["year"]), int(iso["month"]), int(iso["day"]))
        except ValueError:
            raise WhenError(
                f"{words} isn't a real date — the form is year-month-day, e.g. 2026-12-04"
            ) from None
    raise WhenError(_unknown_message(words))


def _in_future(relative: re.Match[str], today: date, phrase: str) -> date:
    count_text = relative["count"]
    too_far = WhenError(f'"{one_line(phrase, 40)}" is further ahead than a calendar goes')
    if not count_text.isdigit():
        count = 1  # "a", "an", "one"
    elif len(count_text) > _MAX_COUNT_DIGITS:
        raise too_far
    else:
        count = int(count_text)
    days = count * 7 if relative["unit"].startswith("week") else count
    try:
        return today + timedelta(days=days)
    except OverflowError:
        raise too_far from None


def _unknown_message(words: str) -> str:
    shown = one_line(words, 40)
    if " " not in words:
        guess = difflib.get_close_matches(words, _VOCABULARY, n=1, cutoff=0.6)
        if guess:
            return f'"{shown}" isn\'t a date I know — did you mean {guess[0]}?'
    return f'"{shown}" isn\'t a date I know — try {EXAMPLES}'


def describe_due(due: date, today: date) -> str:
    """A due date as a coach reads it at a glance: ``today``, ``tomorrow``, ``Fri 4 Dec``.

    The year is added only when it is not this year's (``Fri 4 Dec 2027``).
    """
    if due == today:
        return "today"
    if due == today + timedelta(days=1):
        return "tomorrow"
    return short_day(due, today)


def short_day(day: date, reference: date | None = None) -> str:
    """``Fri 4 Dec``: the year is added when it is not ``reference``'s, or always without one.

    Spelled out by hand rather than with ``%a``/``%b``, which follow the machine's locale.
    """
    text = f"{_SHORT_DAYS[day.weekday()]} {day.day} {_SHORT_MONTHS[day.month - 1]}"
    return text if reference is not None and day.year == reference.year else f"{text} {day.year}"
