"""Hypothesis strategies shared by the property tests: JSON values with edges in them."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

# Values that sit on an edge somewhere: types, ranges, calendars, ids, Unicode.
EDGES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1,
    2.5,
    11,
    1441,
    10**30,
    float("nan"),
    float("inf"),
    "",
    " ",
    "7",
    "../x",
    "a/b",
    "\ud800",
    "\x1b[2J",
    "note",
    "foo",
    "9999-12-31",
    "0001-01-01",
    "2026-02-31",
    "2026-12-04",
    {"utc": "9999-12-31T23:59:59.999999Z", "offset_minutes": 1080},
    {"utc": "1900-01-01T00:00:00.000000Z", "offset_minutes": -1080},
    {"utc": "2026-11-27T13:00:00.000000Z", "offset_minutes": "60"},
    {"utc": "2026-11-27T13:00:00+05:00"},
    [],
    {},
    [1, 2],
    {"a": None},
    {"line\nbreak": float("nan")},
]
any_text = st.text(st.characters(exclude_categories=()), max_size=20)
leaves = st.one_of(
    st.sampled_from(EDGES),
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    any_text,
)
json_values = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(any_text, children, max_size=4)
    ),
    max_leaves=12,
)
