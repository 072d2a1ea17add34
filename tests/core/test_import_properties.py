"""Properties of the import validator: nothing makes it raise anything but its own error,
and a document it lets through can be stored, summarised and exported without raising."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st

from sessionpad.core.exporting import (
    ImportFormatError,
    next_session_ics,
    session_from_json,
    session_to_json,
)
from sessionpad.core.models import Audience
from sessionpad.core.summary import render_markdown
from sessionpad.core.validate import InvalidRecord, check_session_export
from tests.core.test_summary import build_context
from tests.strategies import EDGES, any_text, json_values

SETTINGS = settings(max_examples=300, deadline=None)

# A value of the type already there, so more damaged documents pass and are then used.
SAME_TYPE: dict[type, st.SearchStrategy[Any]] = {
    str: st.one_of(
        st.text(max_size=20), any_text, st.sampled_from([e for e in EDGES if isinstance(e, str)])
    ),
    int: st.one_of(st.integers(-3, 1500), st.integers()),
    float: st.floats(),
    bool: st.booleans(),
}


def _valid_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(session_to_json(build_context(hostile=True)))
    for promise in document["promises"]:  # the fixture's ids are not all plain ones
        promise["client_id"] = document["client"]["id"]
    return document


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


@st.composite
def damaged_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid export with a few places replaced, deleted or duplicated."""
    document = _valid_document()
    for _ in range(draw(st.integers(1, 2))):
        paths = [path for path in _paths(document) if path]
        path = draw(st.sampled_from(paths))
        parent: Any = document
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["same type", "same type", "replace", "delete", "copy"]))
        old = parent[path[-1]]
        if action == "same type" and type(old) in SAME_TYPE:
            parent[path[-1]] = draw(SAME_TYPE[type(old)])
        elif action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "copy" and isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[path[-1]])))
        else:
            parent[path[-1]] = draw(json_values)
    return document


def test_the_valid_document_is_valid() -> None:
    check_session_export(_valid_document())


@SETTINGS
@given(
    st.one_of(
        json_values,
        st.fixed_dictionaries(
            {name: json_values for name in ("client", "session", "promises", "alliance")}
        ),
    )
)
def test_the_validator_raises_only_its_own_error(value: Any) -> None:
    with contextlib.suppress(InvalidRecord):
        check_session_export(value)


@SETTINGS
@given(st.text(st.characters(exclude_categories=()), max_size=300))
def test_reading_any_text_raises_only_import_format_error(text: str) -> None:
    try:
        session_from_json(text)
    except ImportFormatError as error:
        assert "\n" not in str(error)


@SETTINGS
@given(damaged_documents())
def test_what_passes_can_be_used_and_what_fails_says_where(document: dict[str, Any]) -> None:
    text = json.dumps(document, ensure_ascii=True, allow_nan=True)
    try:
        context = session_from_json(text)
    except ImportFormatError as error:
        assert "\n" not in str(error)
        event("refused")
        return
    event("accepted")
    exported = session_to_json(context)
    exported.encode("utf-8")
    assert session_to_json(session_from_json(exported)) == exported
    for audience in Audience:
        render_markdown(context, audience)
    if context.session.next_session is not None:
        next_session_ics(context)
