"""WHEN phrases of the capture bar (SPEC §4) to a day and an optional time, and back to words.

The one entry point is :func:`parse_when` (``phrase, today`` → :class:`Due`, or
:class:`WhenError` with one friendly line). The capture bar, ``/renegotiate``, ``/book``
and the end screen's booking step all use it, so a phrase means the same everywhere.

Forms, case-insensitive, extra spaces and a final full stop or comma ignored:

- ``today``, ``tonight`` (today), ``tomorrow`` (also ``tmrw``, ``tmw``)
- a weekday, full or short (``friday``, ``fri``; also ``tues``, ``thur``, ``thurs``):
  the next such day, never today — said on a Friday, ``friday`` is a week away
- ``this friday``: the Friday of this week (Monday to Sunday), today included; once
  it has passed, the next one
- ``next friday``: the Friday of the week after this one — said on a Wednesday it is
  nine days away, not two
- ``next week``: Monday of next week
- ``end of week`` (``end of the week``): this week's Friday, today included; on a
  weekend, next week's
- ``end of month`` (``end of the month``): this month's last day
- ``in N days|weeks|months`` (``in a week``, ``in one day``, ``in two weeks``)
- a day and a month, either way round, an ordinal allowed, a year optional:
  ``4 Dec``, ``Dec 4``, ``December 4th``, ``4th of December``, ``4 December 2026``,
  ``Dec 4, 2026``. Without a year, a day that has passed this year means next year.
- an ISO date, ``2026-12-04`` (single-digit month and day accepted)
- an ordinal day alone, ``the 4th``: this month's if still ahead, else the next month's
- a part of the day after a day is allowed and dropped (``friday morning``); ``noon``
  and ``midday`` are 12:00

Any of them may be followed by a time — ``friday 2pm``, ``friday 14:00``,
``friday at 2:30pm``, ``tomorrow 9.15`` — and a time alone (``2:30pm``) means today.

Dates in the past (an explicit year or ISO date) are returned as they are; whether one
is acceptable is the caller's decision. Day and month names are fixed English, not the
machine's locale.

The parser is a small hand-written grammar rather than a general library such as
``dateparser``: it reads exactly the forms above with no import or warm-up cost on the
capture path (a dated promise is as fast as a plain note), it never guesses between
day-first and month-first numbers, and it can tell a typo (``by fridya``) from ordinary
words (``by the decision``), which a general parser cannot.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, time, timedelta

from sessionpad.core.sanitize import one_line

EXAMPLES = "tomorrow, fri 2pm, 4 Dec or 2026-12-04"
#: A coaching date further ahead than this is a typo, not a plan.
MAX_YEARS_AHEAD = 10

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_WEEKDAYS: dict[str, int] = {
    **{name: index for index, name in enumerate(WEEKDAY_NAMES)},
    **{name[:3]: index for index, name in enumerate(WEEKDAY_NAMES)},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
_MONTHS: dict[str, int] = {
    **{name: index for index, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3]: index for index, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}
_COUNT_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_SAME_DAY = {"today": 0, "tonight": 0, "tomorrow": 1, "tmrw": 1, "tmw": 1}

_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_COUNT = "|".join(["-?\\d+", *_COUNT_WORDS])
_ORDINAL = r"(?P<{name}>\d{{1,2}})(?:st|nd|rd|th)?"

_RELATIVE = re.compile(rf"in (?P<count>{_COUNT}) (?P<unit>days?|weeks?|months?)")
_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
_WEEKDAY_PHRASE = re.compile(rf"(?:(?P<which>this|next) )?(?P<weekday>{_WEEKDAY})")
_END_OF = re.compile(r"end of (?:the |this )?(?P<unit>week|month)")
_WEEKEND = re.compile(r"(?:(?P<which>the|this|next) )?weekend")
_DAY_MONTH = re.compile(
    rf"(?:the )?{_ORDINAL.format(name='day')} (?:of )?(?P<month>{_MONTH})(?:,? (?P<year>\d{{4}}|\d{{2}}))?"
)
_MONTH_DAY = re.compile(
    rf"(?P<month>{_MONTH}) (?:the )?{_ORDINAL.format(name='day')}(?:,? (?P<year>\d{{4}}|\d{{2}}))?"
)
# "the 4th": an ordinal is needed, so a bare "4" stays an ordinary number.
_ORDINAL_DAY = re.compile(r"(?:the )?(?P<day>\d{1,2})(?:st|nd|rd|th)")
# "friday morning": the day is what a due date keeps; "noon" is a time.
_PART_OF_DAY = re.compile(r"(?:^|\s)(?:in the )?(?:morning|afternoon|evening|night)$")
_NOON = re.compile(r"(?:^|(?<=\s))(?:at )?(?:noon|midday)$")
# A time at the end of the phrase: 14:00, 9.15, 14h30, 2pm, 2 pm, 2:30pm, at 2pm.
_CLOCK = r"(?P<hour>\d{1,2})(?:(?P<sep>[:.h])(?P<minute>\d{2}))?\s?(?P<meridiem>[ap]\.?m\.?)?"
_TIME = re.compile(rf"(?:^|\s)(?:at\s)?{_CLOCK}$")
# ... or at its start, before the day: "2pm friday", "at 14:00 on friday".
_LEADING_TIME = re.compile(rf"(?:at\s)?{_CLOCK}\s(?:on\s)?(?=\S)")

# Words a typo is most likely aimed at, for "did you mean …?" and for telling a
# mistyped date (``by fridya``) from ordinary words (``by the decision``).
_VOCABULARY = ("today", "tomorrow", "tonight", *WEEKDAY_NAMES, *MONTH_NAMES)
_LEADING_WORDS = frozenset({"this", "next", "end", "in"})
# Nouns that make "next …", "this …" or "end of …" a date nobody can put in a calendar.
_PERIODS = frozenset({"week", "month", "year", "weekend", "quarter", "term", "time"})
# A count with more digits than this is beyond any date a calendar holds.
_MAX_COUNT_DIGITS = 7
_TRAILING_PUNCTUATION = ".,;:!"
_CLOCK_WORD = re.compile(r"\d{1,2}(?::\d{2})?[ap]\.?m\.?|\d{1,2}:\d{2}")

#: Words that name a time without naming a day: refused after ``by`` so the coach can
#: pick a date, rather than silently kept as part of the promise.
_VAGUE_TIMES = frozenset(
    [
        "soon",
        "later",
        "asap",
        "eod",
        "eow",
        "eom",
        "cob",
        "morning",
        "afternoon",
        "evening",
        "midnight",
        "monthend",
        "nextweek",
    ]
)


class WhenError(ValueError):
    """A phrase that is not a date we can read; ``message`` is one friendly line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Due:
    """A day, and the time on it when one was named (``friday 2pm``)."""

    day: date
    time: time | None = None


def _normalise(phrase: str) -> str:
    # Compatibility forms (full-width ｆｒｉ, superscript ⁴) read as the letters they show.
    plain = unicodedata.normalize("NFKC", phrase)
    return " ".join(plain.lower().split()).rstrip(_TRAILING_PUNCTUATION).rstrip()


def _split_time(words: str) -> tuple[str, re.Match[str] | None]:
    """The day part and the time of ``words``, if it ends (or starts) with one."""
    words = _NOON.sub("12:00", words)
    if (part := _PART_OF_DAY.search(words)) and part.start() > 0:
        words = words[: part.start()]
    found = _TIME.search(words)
    if found is not None and _is_a_time(found, day_words=words[: found.start()].strip()):
        return words[: found.start()].strip(), found
    leading = _LEADING_TIME.match(words)
    if leading is not None and _is_a_time(leading, day_words=words[leading.end() :]):
        return words[leading.end() :], leading  # "2pm friday"
    return words, None


def _is_a_time(found: re.Match[str], day_words: str) -> bool:
    if found["meridiem"] is not None or found["sep"] == ":":
        return True
    if found["sep"] is None:
        return False  # "4" in "dec 4" is a day, not four o'clock
    # 9.15 or 9h15 is a time after "at" or a day; alone, "4.12" may well be a date.
    return bool(day_words) or found.group().strip().startswith("at")


def looks_like_when(phrase: str) -> bool:
    """True when ``phrase`` has the shape of a WHEN form, even if no such date exists.

    ``2026-13-40`` and ``31 Feb`` look like one (and :func:`parse_when` then says what
    is wrong with them); ``fridya`` and ``the decision`` do not.
    """
    words, clock = _split_time(_normalise(phrase))
    if not words:
        return clock is not None
    return any(
        form.fullmatch(words) is not None
        for form in (
            _RELATIVE,
            _ISO,
            _WEEKDAY_PHRASE,
            _END_OF,
            _WEEKEND,
            _DAY_MONTH,
            _MONTH_DAY,
            _ORDINAL_DAY,
        )
    ) or words in (*_SAME_DAY, "next week")


def looks_like_a_date_attempt(phrase: str) -> bool:
    """True for a short phrase after ``by`` that was meant as a date but isn't one.

    ``fridya``, ``next fridya``, ``tmorrow``, ``soon``, ``eod`` and ``12/4`` are;
    ``card``, ``the decision``, ``3 cheques`` and ``me`` (``! pay by card``, ``! stand
    by me``) are ordinary words and stay in the text.
    """
    words = _split_time(_normalise(phrase))[0].split()
    if not words or len(words) > 4:
        return False
    if any(_names_a_day(word) or _CLOCK_WORD.fullmatch(word) for word in words):
        return True  # "4 dec 0", "4 dec at 2", "1 jan 10000": a date, however mistyped
    if len(words) > 3:
        return False
    if len(words) == 1:
        word = words[0]
        if any(char.isdigit() for char in word) or word in _VAGUE_TIMES:
            return True
    if words[0] in _VAGUE_TIMES or _names_a_day(words[0]):
        return True  # "friday first thing", "tomorrow-ish": starts like a date
    close = [word for word in words if _near_a_date_word(word)]
    if close and (len(words) == 1 or words[0] in _LEADING_WORDS or words[0].isdigit()):
        return True
    return bool(
        words[0] in _LEADING_WORDS - {"in"} and (words[-1] in _PERIODS or words[-1] in _MONTHS)
    )


def _names_a_day(word: str) -> bool:
    return word in _WEEKDAYS or word in _SAME_DAY or word in _MONTHS


def _near_a_date_word(word: str) -> bool:
    if word.endswith("'s") or len(word) < 3:
        return False
    return bool(difflib.get_close_matches(word, _VOCABULARY, n=1, cutoff=0.75))


def parse_when(phrase: str, today: date) -> Due:
    """The day (and time) ``phrase`` names, counted from ``today``; :class:`WhenError` if none."""
    words, clock = _split_time(_normalise(phrase))
    at = _clock_time(clock, phrase) if clock is not None else None
    if not words:
        if at is None:
            raise WhenError(f"a date is missing — try {EXAMPLES}")
        return Due(today, at)
    try:
        day = _day(words, today, phrase)
    except OverflowError:
        raise WhenError(f'"{one_line(phrase, 30)}" is further ahead than a calendar goes') from None
    if day.year > today.year + MAX_YEARS_AHEAD:
        raise WhenError(
            f'"{one_line(phrase, 30)}" is more than {MAX_YEARS_AHEAD} years away — is that meant?'
        )
    return Due(day, at)


def parse_day(phrase: str, today: date) -> date:
    """Just the day of :func:`parse_when`, for callers that keep no time."""
    return parse_when(phrase, today).day


def _day(words: str, today: date, phrase: str) -> date:
    if words in _SAME_DAY:
        return today + timedelta(days=_SAME_DAY[words])
    if words == "next week":
        return _next_monday(today)
    if weekday := _WEEKDAY_PHRASE.fullmatch(words):
        return _weekday(_WEEKDAYS[weekday["weekday"]], weekday["which"], today)
    if end := _END_OF.fullmatch(words):
        return _end_of(end["unit"], today)
    if weekend := _WEEKEND.fullmatch(words):
        return _weekend(weekend["which"], today)
    if relative := _RELATIVE.fullmatch(words):
        return _in_future(relative, today, phrase)
    if iso := _ISO.fullmatch(words):
        return _real_date(int(iso["year"]), int(iso["month"]), int(iso["day"]), words)
    if named := _DAY_MONTH.fullmatch(words) or _MONTH_DAY.fullmatch(words):
        return _named_day(named, today, words)
    if ordinal := _ORDINAL_DAY.fullmatch(words):
        return _next_day_of_month(int(ordinal["day"]), today, words)
    raise WhenError(_unknown_message(words))


def _next_monday(today: date) -> date:
    return today + timedelta(days=7 - today.weekday())


def _weekday(wanted: int, which: str | None, today: date) -> date:
    if which == "next":
        return _next_monday(today) + timedelta(days=wanted)
    if which == "this" and wanted >= today.weekday():
        return today + timedelta(days=wanted - today.weekday())
    return today + timedelta(days=(wanted - today.weekday() - 1) % 7 + 1)


def _weekend(which: str | None, today: date) -> date:
    """This week's Saturday (on a weekend, today); ``next weekend``: next week's Saturday."""
    if which == "next":
        return _next_monday(today) + timedelta(days=5)
    return today + timedelta(days=max(5 - today.weekday(), 0))


def _end_of(unit: str, today: date) -> date:
    if unit == "month":
        return today.replace(day=_days_in(today.year, today.month))
    friday = today + timedelta(days=4 - today.weekday())
    return friday if friday >= today else friday + timedelta(weeks=1)


def _in_future(relative: re.Match[str], today: date, phrase: str) -> date:
    count_text = relative["count"]
    too_far = WhenError(f'"{one_line(phrase, 40)}" is further ahead than a calendar goes')
    if count_text.startswith("-"):
        raise WhenError(f'"{one_line(phrase, 40)}" lies in the past — pick today or a later day')
    if not count_text.isdigit():
        count = _COUNT_WORDS[count_text]
    elif len(count_text) > _MAX_COUNT_DIGITS:
        raise too_far
    else:
        count = int(count_text)
    unit = relative["unit"]
    try:
        if unit.startswith("month"):
            return _add_months(today, count)
        return today + timedelta(days=count * 7 if unit.startswith("week") else count)
    except (OverflowError, ValueError):
        raise too_far from None


def _add_months(today: date, count: int) -> date:
    """``count`` months on, the day clamped to the month's length (31 Jan + 1 → 28 Feb)."""
    index = today.month - 1 + count
    year, month = today.year + index // 12, index % 12 + 1
    return date(year, month, min(today.day, _days_in(year, month)))


# By hand rather than with the calendar module, which costs start-up time to import.
def _days_in(year: int, month: int) -> int:
    if month == 12:
        return 31
    first_of_next = date(year, month + 1, 1)
    return (first_of_next - timedelta(days=1)).day


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _named_day(named: re.Match[str], today: date, words: str) -> date:
    day, month = int(named["day"]), _MONTHS[named["month"]]
    if named["year"] is not None:
        year = int(named["year"])
        return _real_date(year + 2000 if year < 100 else year, month, day, words)
    if day == 29 and month == 2:
        # The next 29 February, not a refusal in the three years out of four without one.
        year = next(y for y in range(today.year, today.year + 8) if _is_leap(y))
        candidate = _real_date(year, month, day, words)
        return candidate if candidate >= today else _real_date(year + 4, month, day, words)
    candidate = _real_date(today.year, month, day, words)
    return candidate if candidate >= today else _real_date(today.year + 1, month, day, words)


def _next_day_of_month(day: int, today: date, words: str) -> date:
    """ "the 4th": this month's if it is still ahead (or today), else the next month's."""
    if not 1 <= day <= 31:
        raise WhenError(f"{one_line(words, 30)} isn't a day of any month")
    year, month = today.year, today.month
    while (year, month, day) < (today.year, today.month, today.day) or day > _days_in(year, month):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return _real_date(year, month, day, words)


def _real_date(year: int, month: int, day: int, words: str) -> date:
    if year > date.max.year:
        raise OverflowError(year)  # "next year" from the calendar's last one
    try:
        return date(year, month, day)
    except ValueError:
        if _ISO.fullmatch(words):
            hint = "the form is year-month-day, e.g. 2026-12-04"
        else:
            hint = f"{_SHORT_MONTHS[month - 1]} has {_longest(month)}"
        raise WhenError(f"{one_line(words, 40)} isn't a real date — {hint}") from None


def _longest(month: int) -> str:
    return "28 days (29 in a leap year)" if month == 2 else f"{_days_in(2025, month)} days"


def _clock_time(found: re.Match[str], phrase: str) -> time:
    hour = int(found["hour"])
    minute = int(found["minute"] or 0)
    meridiem = (found["meridiem"] or "").replace(".", "")
    bad = WhenError(
        f'"{one_line(found.group().strip(), 20)}" isn\'t a time — try 14:00, 2pm or 2:30pm'
    )
    if meridiem:
        if not 1 <= hour <= 12:
            raise bad
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59:
        raise bad
    return time(hour, minute)


def _unknown_message(words: str) -> str:
    shown = one_line(words, 30)
    if words in _MONTHS:
        month = _SHORT_MONTHS[_MONTHS[words] - 1]
        return f'"{shown}" needs a day too — e.g. 4 {month}, or end of month'
    last = words.split()[-1]
    guess = difflib.get_close_matches(last, _VOCABULARY, n=1, cutoff=0.6)
    if guess and len(words.split()) <= 2:
        head = words.split()[0] if " " in words else ""
        suggestion = f"{head} {guess[0]}".strip() if head in _LEADING_WORDS else guess[0]
        return f'"{shown}" isn\'t a date I know — did you mean {suggestion}?'
    return f'"{shown}" isn\'t a date I know — try {EXAMPLES}'


def describe_due(due: date, today: date, at: time | None = None) -> str:
    """A due date as a coach reads it at a glance: ``today``, ``tomorrow``, ``Fri 4 Dec``.

    The year is added only when it is not this year's (``Fri 4 Dec 2027``); a time,
    when there is one, follows after a comma (``Fri 4 Dec, 14:00``).
    """
    if due == today:
        text = "today"
    elif due == today + timedelta(days=1):
        text = "tomorrow"
    else:
        text = short_day(due, today)
    return f"{text}, {at:%H:%M}" if at is not None else text


def short_day(day: date, reference: date | None = None) -> str:
    """``Fri 4 Dec``: the year is added when it is not ``reference``'s, or always without one.

    Spelled out by hand rather than with ``%a``/``%b``, which follow the machine's locale.
    """
    text = f"{_SHORT_DAYS[day.weekday()]} {day.day} {_SHORT_MONTHS[day.month - 1]}"
    return text if reference is not None and day.year == reference.year else f"{text} {day.year}"
