from __future__ import annotations

import contextlib
from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sessionpad.core.when import (
    Due,
    WhenError,
    describe_due,
    looks_like_a_date_attempt,
    looks_like_when,
    parse_day,
    parse_when,
)

FRIDAY = date(2026, 11, 27)
MONDAY = date(2026, 11, 30)
SUNDAY = date(2026, 11, 29)
NEW_YEARS_EVE = date(2026, 12, 31)  # a Thursday


def test_the_fixed_days_are_the_weekdays_the_tests_assume() -> None:
    assert [FRIDAY.weekday(), MONDAY.weekday(), SUNDAY.weekday()] == [4, 0, 6]
    assert NEW_YEARS_EVE.weekday() == 3


@pytest.mark.parametrize(
    ("phrase", "today", "expected"),
    [
        ("today", FRIDAY, FRIDAY),
        ("tomorrow", FRIDAY, date(2026, 11, 28)),
        ("tomorrow", NEW_YEARS_EVE, date(2027, 1, 1)),
        # SPEC §4: Monday of next week (on a Sunday that is tomorrow)
        ("next week", FRIDAY, date(2026, 11, 30)),
        ("next week", SUNDAY, date(2026, 11, 30)),
        ("next week", MONDAY, date(2026, 12, 7)),
        ("in 3 days", FRIDAY, date(2026, 11, 30)),
        ("in 1 day", FRIDAY, date(2026, 11, 28)),
        ("in 0 days", FRIDAY, FRIDAY),
        ("in 2 weeks", FRIDAY, date(2026, 12, 11)),
        ("in 1 week", FRIDAY, date(2026, 12, 4)),
        ("in a week", FRIDAY, date(2026, 12, 4)),
        ("in one week", FRIDAY, date(2026, 12, 4)),
        ("in a day", FRIDAY, date(2026, 11, 28)),
        ("in 40 days", NEW_YEARS_EVE, date(2027, 2, 9)),
        ("2026-12-04", FRIDAY, date(2026, 12, 4)),
        ("2027-1-5", FRIDAY, date(2027, 1, 5)),
        ("2024-02-29", FRIDAY, date(2024, 2, 29)),  # past dates are the caller's business
        # case, surrounding and inner whitespace
        ("  Tomorrow ", FRIDAY, date(2026, 11, 28)),
        ("NEXT   WEEK", FRIDAY, date(2026, 11, 30)),
        ("In 3 Days", FRIDAY, date(2026, 11, 30)),
        ("\tFRI\n", MONDAY, date(2026, 12, 4)),
    ],
)
def test_phrases(phrase: str, today: date, expected: date) -> None:
    assert parse_day(phrase, today) == expected
    assert looks_like_when(phrase)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # From a Friday: every weekday is within the next 7 days, Friday itself a week on.
        ("saturday", date(2026, 11, 28)),
        ("sunday", date(2026, 11, 29)),
        ("monday", date(2026, 11, 30)),
        ("tuesday", date(2026, 12, 1)),
        ("wednesday", date(2026, 12, 2)),
        ("thursday", date(2026, 12, 3)),
        ("friday", date(2026, 12, 4)),
        ("sat", date(2026, 11, 28)),
        ("sun", date(2026, 11, 29)),
        ("mon", date(2026, 11, 30)),
        ("tue", date(2026, 12, 1)),
        ("tues", date(2026, 12, 1)),
        ("wed", date(2026, 12, 2)),
        ("thu", date(2026, 12, 3)),
        ("thur", date(2026, 12, 3)),
        ("thurs", date(2026, 12, 3)),
        ("fri", date(2026, 12, 4)),
        ("Friday", date(2026, 12, 4)),
    ],
)
def test_weekdays_from_a_friday(phrase: str, expected: date) -> None:
    assert parse_day(phrase, FRIDAY) == expected


@pytest.mark.parametrize("today", [FRIDAY + timedelta(days=offset) for offset in range(7)])
@pytest.mark.parametrize("index", range(7))
def test_a_weekday_is_always_the_next_one_and_never_today(today: date, index: int) -> None:
    name = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")[index]
    day = parse_day(name, today)
    assert day.weekday() == index
    assert 1 <= (day - today).days <= 7


def test_weekday_over_a_year_end() -> None:
    assert parse_day("friday", NEW_YEARS_EVE) == date(2027, 1, 1)
    assert parse_day("thursday", NEW_YEARS_EVE) == date(2027, 1, 7)


@pytest.mark.parametrize(
    ("phrase", "fragment"),
    [
        ("2026-13-40", "2026-13-40 isn't a real date"),
        ("2026-02-30", "2026-02-30 isn't a real date"),
        ("2025-02-29", "2025-02-29 isn't a real date"),
        ("0000-01-01", "0000-01-01 isn't a real date"),
        ("in 999999999 days", "further ahead"),
        ("in 9999999 weeks", "further ahead"),
    ],
)
def test_impossible_dates_look_like_dates_but_fail_clearly(phrase: str, fragment: str) -> None:
    assert looks_like_when(phrase)
    with pytest.raises(WhenError) as caught:
        parse_when(phrase, FRIDAY)
    assert fragment in caught.value.message
    assert "\n" not in caught.value.message


@pytest.mark.parametrize(
    ("phrase", "guess"),
    [
        ("fridya", "friday"),
        ("tomorow", "tomorrow"),
        ("tomorrw", "tomorrow"),
        ("wendsday", "wednesday"),
        ("tody", "today"),
    ],
)
def test_a_typo_names_the_word_and_the_likely_meaning(phrase: str, guess: str) -> None:
    assert not looks_like_when(phrase)
    with pytest.raises(WhenError) as caught:
        parse_when(phrase, FRIDAY)
    assert f'"{phrase}"' in caught.value.message
    assert f"did you mean {guess}?" in caught.value.message


@pytest.mark.parametrize("phrase", ["the decision", "whenever you can", "12/04", "in three hours"])
def test_other_phrases_are_not_dates_and_the_message_shows_the_forms(phrase: str) -> None:
    assert not looks_like_when(phrase)
    with pytest.raises(WhenError) as caught:
        parse_when(phrase, FRIDAY)
    message = caught.value.message
    assert f'"{phrase}"' in message
    assert "tomorrow" in message and "2026-12-04" in message


@pytest.mark.parametrize("phrase", ["", "   ", "\n"])
def test_an_empty_phrase_is_an_error(phrase: str) -> None:
    assert not looks_like_when(phrase)
    with pytest.raises(WhenError, match="missing"):
        parse_when(phrase, FRIDAY)


def test_when_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_when("whenever", FRIDAY)


def test_a_quoted_phrase_in_a_message_is_one_clean_line() -> None:
    with pytest.raises(WhenError) as caught:
        parse_when("\x1b[2Jnot\na date " + "x" * 500, FRIDAY)
    message = caught.value.message
    assert "\x1b" not in message and "\n" not in message
    assert len(message) < 120


@pytest.mark.parametrize(
    ("due", "today", "expected"),
    [
        (FRIDAY, FRIDAY, "today"),
        (date(2026, 11, 28), FRIDAY, "tomorrow"),
        (date(2027, 1, 1), NEW_YEARS_EVE, "tomorrow"),
        (date(2026, 12, 4), FRIDAY, "Fri 4 Dec"),
        (date(2026, 11, 20), FRIDAY, "Fri 20 Nov"),  # overdue shows as a plain date
        (date(2026, 11, 26), FRIDAY, "Thu 26 Nov"),
        (date(2027, 12, 4), FRIDAY, "Sat 4 Dec 2027"),
        (date(2025, 3, 1), FRIDAY, "Sat 1 Mar 2025"),
        (date(2027, 1, 4), NEW_YEARS_EVE, "Mon 4 Jan 2027"),
    ],
)
def test_describe_due(due: date, today: date, expected: str) -> None:
    assert describe_due(due, today) == expected


# ── every WHEN form of SPEC §4 (issue 8) ─────────────────────────────────────

WEDNESDAY = date(2026, 11, 25)
SATURDAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("phrase", "today", "expected"),
    [
        ("tonight", FRIDAY, FRIDAY),
        ("tmrw", FRIDAY, date(2026, 11, 28)),
        # "this friday": this week's, today included; once passed, the next one
        ("this friday", WEDNESDAY, date(2026, 11, 27)),
        ("this friday", FRIDAY, FRIDAY),
        ("this friday", SATURDAY, date(2026, 12, 4)),
        ("this fri", MONDAY, date(2026, 12, 4)),
        # "next friday": the one in the week after this one
        ("next friday", WEDNESDAY, date(2026, 12, 4)),
        ("next friday", FRIDAY, date(2026, 12, 4)),
        ("next friday", SUNDAY, date(2026, 12, 4)),
        ("next friday", MONDAY, date(2026, 12, 11)),
        ("next mon", FRIDAY, date(2026, 11, 30)),
        ("end of week", WEDNESDAY, date(2026, 11, 27)),
        ("end of the week", FRIDAY, FRIDAY),
        ("end of week", SATURDAY, date(2026, 12, 4)),
        ("end of month", FRIDAY, date(2026, 11, 30)),
        ("end of the month", NEW_YEARS_EVE, NEW_YEARS_EVE),
        ("end of month", date(2028, 2, 3), date(2028, 2, 29)),
        ("in two weeks", FRIDAY, date(2026, 12, 11)),
        ("in 1 month", date(2027, 1, 31), date(2027, 2, 28)),
        ("4 Dec", FRIDAY, date(2026, 12, 4)),
        ("Dec 4", FRIDAY, date(2026, 12, 4)),
        ("December 4th", FRIDAY, date(2026, 12, 4)),
        ("the 4th of December", FRIDAY, date(2026, 12, 4)),
        ("4 December 2026", FRIDAY, date(2026, 12, 4)),
        ("Dec 4, 2027", FRIDAY, date(2027, 12, 4)),
        ("1st jan", FRIDAY, date(2027, 1, 1)),
        ("sept 2nd", FRIDAY, date(2027, 9, 2)),
        # a date that has passed this year means next year; today is today
        ("26 Nov", FRIDAY, date(2027, 11, 26)),
        ("27 Nov", FRIDAY, FRIDAY),
        ("29 Feb", FRIDAY, date(2028, 2, 29)),
    ],
)
def test_every_spec_form(phrase: str, today: date, expected: date) -> None:
    due = parse_when(phrase, today)
    assert due.day == expected
    assert due.time is None
    assert looks_like_when(phrase)


@pytest.mark.parametrize(
    ("phrase", "day", "at"),
    [
        ("friday 2pm", date(2026, 12, 4), time(14, 0)),
        ("friday 14:00", date(2026, 12, 4), time(14, 0)),
        ("friday at 2:30pm", date(2026, 12, 4), time(14, 30)),
        ("next friday 9am", date(2026, 12, 4), time(9, 0)),
        ("tomorrow 9.15", date(2026, 11, 28), time(9, 15)),
        ("4 Dec 14h30", date(2026, 12, 4), time(14, 30)),
        ("2026-12-04 16:45", date(2026, 12, 4), time(16, 45)),
        ("Dec 4 12am", date(2026, 12, 4), time(0, 0)),
        ("Dec 4 12pm", date(2026, 12, 4), time(12, 0)),
        ("friday 2 p.m.", date(2026, 12, 4), time(14, 0)),
        ("2:30pm", FRIDAY, time(14, 30)),  # a time alone is today
        ("14:00", FRIDAY, time(14, 0)),
    ],
)
def test_a_time_may_follow(phrase: str, day: date, at: time) -> None:
    assert parse_when(phrase, FRIDAY) == Due(day, at)
    assert looks_like_when(phrase)


@pytest.mark.parametrize(
    ("phrase", "fragment"),
    [
        ("31 Feb", "31 feb isn't a real date — Feb has 28 days"),
        ("31 April 2027", "Apr has 30 days"),
        ("friday 25:00", '"25:00" isn\'t a time'),
        ("friday 13pm", '"13pm" isn\'t a time'),
        ("friday 14:75", "isn't a time"),
    ],
)
def test_a_date_shape_that_is_no_date_says_what_is_wrong(phrase: str, fragment: str) -> None:
    assert looks_like_when(phrase)
    with pytest.raises(WhenError) as caught:
        parse_when(phrase, FRIDAY)
    assert fragment in caught.value.message


@pytest.mark.parametrize(
    ("phrase", "fragment"),
    [
        ("fridya", "did you mean friday?"),
        ("next fridya", "did you mean next friday?"),
        ("eod", "isn't a date I know"),
        ("soon", "isn't a date I know"),
        ("december", "needs a day too — e.g. 4 Dec"),
        ("next month", "isn't a date I know"),
        ("4/12", "isn't a date I know"),
    ],
)
def test_phrases_meant_as_dates_are_attempts_and_refused(phrase: str, fragment: str) -> None:
    assert looks_like_a_date_attempt(phrase)
    with pytest.raises(WhenError) as caught:
        parse_when(phrase, FRIDAY)
    assert fragment in caught.value.message


@pytest.mark.parametrize(
    "phrase", ["card", "the decision", "me", "credit card", "3 cheques", "train", "my team"]
)
def test_ordinary_words_are_not_date_attempts(phrase: str) -> None:
    assert not looks_like_when(phrase)
    assert not looks_like_a_date_attempt(phrase)


def test_describe_due_with_a_time() -> None:
    assert describe_due(date(2026, 12, 4), FRIDAY, time(14, 0)) == "Fri 4 Dec, 14:00"
    assert describe_due(FRIDAY, FRIDAY, time(9, 5)) == "today, 09:05"


@settings(deadline=None, max_examples=300)
@given(st.text(), st.dates())
def test_the_parser_raises_only_its_own_error(phrase: str, today: date) -> None:
    try:
        due = parse_when(phrase, today)
    except WhenError as error:
        assert "\n" not in error.message
    else:
        assert isinstance(due.day, date)
    looks_like_when(phrase)
    looks_like_a_date_attempt(phrase)


@settings(deadline=None, max_examples=300)
@given(
    st.lists(
        st.sampled_from(
            [
                "next",
                "this",
                "friday",
                "in",
                "3",
                "days",
                "end",
                "of",
                "month",
                "4",
                "dec",
                "2pm",
                "14:00",
                "at",
                "the",
                "4th",
                "2026",
                "-",
                "31",
                "feb",
                "week",
                "a",
                ".",
            ]
        ),
        max_size=6,
    ).map(" ".join),
    st.dates(),
)
def test_date_like_word_salad_raises_only_its_own_error(phrase: str, today: date) -> None:
    with contextlib.suppress(WhenError):
        parse_when(phrase, today)


@pytest.mark.parametrize(
    "phrase",
    [
        "tomorrow",
        "friday",
        "next friday",
        "next week",
        "end of week",
        "end of month",
        "in 2 weeks",
        "in 1 month",
        "4 Dec",
        "1 Jan",
        "29 Feb",
        "this sunday",
    ],
)
def test_the_end_of_the_calendar_is_a_message_not_a_crash(phrase: str) -> None:
    try:
        due = parse_when(phrase, date.max)
    except WhenError as error:
        assert "calendar" in error.message
    else:
        assert due.day <= date.max


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # said on Friday 27 Nov 2026
        ("the 4th", Due(date(2026, 12, 4))),
        ("30th", Due(date(2026, 11, 30))),
        ("the 27th", Due(FRIDAY)),
        ("the 31st", Due(date(2026, 12, 31))),  # November has no 31st
        ("friday morning", Due(date(2026, 12, 4))),
        ("tomorrow afternoon", Due(date(2026, 11, 28))),
        ("monday at noon", Due(date(2026, 11, 30), time(12, 0))),
        ("noon", Due(FRIDAY, time(12, 0))),
    ],
)
def test_more_ways_coaches_say_a_day(phrase: str, expected: Due) -> None:
    assert parse_when(phrase, FRIDAY) == expected
    assert looks_like_when(phrase)


@pytest.mark.parametrize("phrase", ["friday first thing", "tomorrow-ish", "the 32nd"])
def test_a_phrase_that_starts_like_a_date_is_never_plain_text(phrase: str) -> None:
    assert looks_like_when(phrase) or looks_like_a_date_attempt(phrase)
    with pytest.raises(WhenError):
        parse_when(phrase, FRIDAY)
