"""Property: no text typed into the capture bar makes the parser raise anything but
CaptureError (a one-line message for the bar), whatever the day."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from sessionpad.core.capture import CaptureError, parse_capture

SETTINGS = settings(max_examples=300, deadline=None)

PREFIXES = ["", "! ", "!me ", "? ", "* ", "~ ", "/", "/kept ", "/renegotiate ", "/agree ", "!", "#"]
WORDS = [
    "draft",
    "the",
    "plan",
    "by",
    "in",
    "next",
    "this",
    "friday",
    "fri",
    "fridya",
    "31",
    "Feb",
    "2026-12-04",
    "9999-12-31",
    "0001-01-01",
    "2pm",
    "14:00",
    "25:99",
    "3",
    "-1",
    "999999999999",
    "days",
    "weeks",
    "end",
    "of",
    "month",
    "week",
    "tomorrow",
    "today",
    "#tag",
    "/",
    "?",
    "!",
    "\x1b[2J",
    "\u202e",
    "\ud800",
    "\x00",
    "\n",
    "Zoë",
    "日本",
]
# Each phrase is something a coach (or a bad paste) could type: grammar-shaped text,
# then anything at all.
phrases = st.one_of(
    st.builds(
        lambda prefix, words: prefix + " ".join(words),
        st.sampled_from(PREFIXES),
        st.lists(st.sampled_from(WORDS), max_size=8),
    ),
    st.text(max_size=200),
    st.builds(lambda prefix, rest: prefix + rest, st.sampled_from(PREFIXES), st.text(max_size=60)),
)
days = st.dates(min_value=date(1901, 1, 1), max_value=date(2199, 12, 31))


@SETTINGS
@given(phrases, days)
def test_parse_capture_raises_only_its_own_error(text: str, today: date) -> None:
    try:
        parse_capture(text, today)
    except CaptureError as error:
        assert "\n" not in str(error), "a capture error is one line"
