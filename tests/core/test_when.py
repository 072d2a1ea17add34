from __future__ import annotations

from datetime import date, timedelta

import pytest

from sessionpad.core.when import WhenError, describe_due, looks_like_when, parse_when

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
        ("next week", FRIDAY, date(2026, 12, 4)),
        ("next week", SUNDAY, date(2026, 12, 6)),  # a week, not "tomorrow is Monday"
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
        ("NEXT   WEEK", FRIDAY, date(2026, 12, 4)),
        ("In 3 Days", FRIDAY, date(2026, 11, 30)),
        ("\tFRI\n", MONDAY, date(2026, 12, 4)),
    ],
)
def test_phrases(phrase: str, today: date, expected: date) -> None:
    assert parse_when(phrase, today) == expected
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
    assert parse_when(phrase, FRIDAY) == expected


@pytest.mark.parametrize("today", [FRIDAY + timedelta(days=offset) for offset in range(7)])
@pytest.mark.parametrize("index", range(7))
def test_a_weekday_is_always_the_next_one_and_never_today(today: date, index: int) -> None:
    name = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")[index]
    day = parse_when(name, today)
    assert day.weekday() == index
    assert 1 <= (day - today).days <= 7


def test_weekday_over_a_year_end() -> None:
    assert parse_when("friday", NEW_YEARS_EVE) == date(2027, 1, 1)
    assert parse_when("thursday", NEW_YEARS_EVE) == date(2027, 1, 7)


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
        ("tmrw", "tomorrow"),
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


@pytest.mark.parametrize(
    "phrase", ["the decision", "soon", "next friday", "in three days", "12/04", "eod"]
)
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
