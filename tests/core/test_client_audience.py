"""What the client may see: one filter, every format (SPEC §7, issue 8 items 3 and 5).

A session holding every entry kind, with a marker in every coach-only place, goes
through every client-audience format; no marker may come out.
"""

from __future__ import annotations

import json

import pytest

from sessionpad.core.audience import untagged, visible_to
from sessionpad.core.exporting import next_session_ics, session_to_json
from sessionpad.core.models import Audience, Entry, EntryKind, Owner, Promise, PromiseStatus
from sessionpad.core.plaintext import render_text
from sessionpad.core.settings import CoachSettings
from sessionpad.core.summary import render_markdown
from tests.core.test_summary import SESSION_ID, at, build_context

CONTEXT_NOTE = "CTX-55e1 going through a divorce"
WORKING_NOTE = "Arrived energised"
QUESTION = "What would make this hour worth it?"
PIT_STOP_PROMPT = "How is this conversation landing for you?"
ALLIANCE_NOTE = "ALLY-0b7d she wants me to push harder"
RELEASED = "RELEASED-3c4d pay by card"
PHASE = "PHASE-77aa Explore"
CARRIED_RELEASED = "CARRIED-9a1b visit the old office"
COACH_ONLY = [
    CARRIED_RELEASED,  # released today, made in an earlier session
    "questiontheme",  # the tag of a question asked
    "releasedtheme",  # the tag of a promise released today
    "PRIVATE-7f3a",
    "privatetheme",
    "NOTE-91c2",
    CONTEXT_NOTE,
    WORKING_NOTE,
    QUESTION,
    PIT_STOP_PROMPT,
    ALLIANCE_NOTE,
    RELEASED,
    PHASE,
    "first line",  # the multi-line working note
    "UNKNOWN-5e6f",  # an entry of a kind a newer sessionpad wrote
    "futuretheme",
]


def every_kind_context():
    context = build_context()
    context.client.context = CONTEXT_NOTE
    context.alliance[0].note = ALLIANCE_NOTE
    released = Promise(
        context.client.id,
        Owner.CLIENT,
        RELEASED,
        at(27, 14, 20),
        made_in=SESSION_ID,
        status=PromiseStatus.RELEASED,
        resolved_in=SESSION_ID,
        id="p-released",
    )
    context.promises.append(released)
    context.promises.append(
        Promise(
            context.client.id,
            Owner.CLIENT,
            CARRIED_RELEASED,
            at(20, 14, 20),
            made_in="s-earlier",
            status=PromiseStatus.RELEASED,
            resolved_in=SESSION_ID,
            id="p-carried-released",
        )
    )
    entries = context.session.entries
    for entry in entries:
        if entry.kind is EntryKind.QUESTION:
            entry.tags.append("questiontheme")
    entries.append(
        Entry(
            entries[-1].seq + 1,
            EntryKind.PROMISE_MADE,
            RELEASED,
            at(27, 14, 20),
            tags=["releasedtheme"],
            data={"promise_id": "p-released", "owner": "client"},
        )
    )
    entries.append(
        Entry(
            entries[-1].seq + 1,
            EntryKind.PROMISE_RESOLVED,
            RELEASED,
            at(27, 14, 55),
            data={"promise_id": "p-released", "owner": "client", "status": "released"},
        )
    )
    entries.append(
        Entry(
            entries[-1].seq + 1,
            EntryKind.PROMISE_RESOLVED,
            CARRIED_RELEASED,
            at(27, 14, 55),
            data={"promise_id": "p-carried-released", "owner": "client", "status": "released"},
        )
    )
    entries.append(Entry(entries[-1].seq + 1, EntryKind.PHASE, PHASE, at(27, 14, 56)))
    entries.append(
        Entry(
            entries[-1].seq + 1,
            EntryKind.UNKNOWN,
            "UNKNOWN-5e6f",
            at(27, 14, 57),
            tags=["futuretheme"],
            unknown_kind="foo",
        )
    )
    assert {entry.kind for entry in entries} == set(EntryKind)
    return context


def client_outputs(context) -> dict[str, str]:
    settings = CoachSettings(coach_name="Sam", greeting="Hi {name},", sign_off="Best,")
    return {
        "markdown": render_markdown(context, Audience.CLIENT),
        "text": render_text(context, Audience.CLIENT, settings),
        "json": session_to_json(context, Audience.CLIENT),
        "ics": next_session_ics(context),
    }


@pytest.mark.parametrize("fmt", ["markdown", "text", "json", "ics"])
def test_no_coach_only_text_reaches_any_client_format(fmt: str) -> None:
    output = client_outputs(every_kind_context())[fmt]
    leaked = [marker for marker in COACH_ONLY if marker.casefold() in output.casefold()]
    assert leaked == []


def test_the_coach_record_keeps_all_of_it() -> None:
    context = every_kind_context()
    coach = render_markdown(context, Audience.COACH) + session_to_json(context)
    for marker in COACH_ONLY:
        if marker in (CONTEXT_NOTE, ALLIANCE_NOTE):
            assert marker in session_to_json(context)  # the Markdown never showed these
        else:
            assert marker.casefold() in coach.casefold(), marker


def test_client_json_is_still_a_session_document() -> None:
    document = json.loads(session_to_json(every_kind_context(), Audience.CLIENT))
    assert document["audience"] == "client"
    assert document["client"]["context"] == ""
    kinds = {entry["kind"] for entry in document["session"]["entries"]}
    assert kinds == {"insight", "alliance", "pitstop", "promise_made", "promise_resolved"}
    pit_stop = next(e for e in document["session"]["entries"] if e["kind"] == "pitstop")
    assert "prompts" not in pit_stop["data"]
    assert all(p["resolution_note"] == "" for p in document["promises"])
    assert document["themes"] == ["energy", "deadlines"]


# ── released promises: the coach's record, never the client's task list ──────


def test_released_promise_is_no_open_task_for_the_client() -> None:
    context = every_kind_context()
    assert "pay by card" not in render_markdown(context, Audience.CLIENT)
    coach = render_markdown(context, Audience.COACH)
    assert f"- {RELEASED} — released" in coach
    assert f"[ ] {RELEASED}" not in coach


def test_missed_promise_has_no_empty_box() -> None:
    context = build_context()
    context.promises[0].status = PromiseStatus.MISSED
    markdown = render_markdown(context, Audience.CLIENT)
    assert "- Draft the delegation plan — by Fri 4 Dec, missed" in markdown
    assert "[ ] Draft the delegation plan" not in markdown


# ── tags are themes ───────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("typed", "reads"),
    [
        ("the deadline is self-imposed #deadlines", "the deadline is self-imposed"),
        ("the deadline is self-imposed #deadlines.", "the deadline is self-imposed."),
        ("felt #stuck all week #energy #mood", "felt stuck all week"),
        ("item #3 is C# code", "item #3 is C# code"),
        ("#energy high today", "energy high today"),
    ],
)
def test_tags_read_as_words(typed: str, reads: str) -> None:
    assert untagged(typed) == reads


def test_client_summary_shows_tags_as_themes_not_hashes() -> None:
    context = build_context()
    context.session.entries[7].text = "The deadline is self-imposed #deadlines"
    context.promises[0].text = "Draft the #delegation plan"
    markdown = render_markdown(context, Audience.CLIENT)
    body = [line for line in markdown.splitlines() if not line.startswith("#")]
    assert not [line for line in body if "#" in line]
    assert "- The deadline is self-imposed\n" in markdown
    assert "[ ] Draft the delegation plan" in markdown
    assert "energy · deadlines" in markdown
    assert "#deadlines" in render_markdown(context, Audience.COACH)  # the record as typed


def test_filter_leaves_the_original_untouched() -> None:
    context = every_kind_context()
    before = session_to_json(context)
    visible_to(context, Audience.CLIENT)
    assert session_to_json(context) == before


# ── no invented next session ─────────────────────────────────────────────────


def test_no_next_session_unless_booked() -> None:
    context = build_context()
    context.session.next_session = None
    for output in (
        render_markdown(context, Audience.CLIENT),
        render_text(context, Audience.CLIENT, CoachSettings()),
    ):
        assert "Next session" not in output
    with pytest.raises(ValueError, match="nothing to invite"):
        next_session_ics(context)


# ── plain text ready to send ──────────────────────────────────────────────────


def test_plain_text_has_no_markdown_and_is_framed_by_the_coach() -> None:
    settings = CoachSettings(coach_name="Sam Okafor", greeting="Dear {name},", sign_off="Best,")
    text = render_text(build_context(hostile=True), Audience.CLIENT, settings)
    assert text.startswith("Dear Dana,\n\nSession with Dana — Fri 27 Nov 2026, 14:00–15:02\n===")
    assert text.endswith("Best,\nSam Okafor\n")
    assert "##" not in text and "- [" not in text
    assert "• Draft the delegation plan" not in text  # hostile text instead:
    assert "• > quoted\n  1. first\n" in text  # user text kept as typed, no escapes
    assert "`code` [ ] fake *bold* _em_" in text
    assert "\x1b" not in text and "\\" not in text.replace("\\ end", "")


def test_plain_text_marks_done_and_to_do() -> None:
    context = build_context()
    context.promises[1].status = PromiseStatus.KEPT
    text = render_text(context, Audience.CLIENT)
    assert "• Draft the delegation plan — by Fri 4 Dec" in text
    assert "✓ Send the calendar invite — by Fri 27 Nov" in text
    assert "Next session\n------------\n\nFri 4 Dec, 14:00 (60 min)\n" in text


def test_greeting_and_sign_off_are_optional_and_braces_are_text() -> None:
    bare = render_text(build_context(), Audience.CLIENT, CoachSettings(greeting="", sign_off=""))
    assert bare.startswith("Session with Dana")
    odd = CoachSettings(greeting="Hello {name} {0} {", sign_off="")
    assert render_text(build_context(), Audience.CLIENT, odd).startswith("Hello Dana {0} {\n")


def test_coach_text_has_no_greeting() -> None:
    settings = CoachSettings(coach_name="Sam")
    text = render_text(build_context(), Audience.COACH, settings)
    assert text.startswith("Session with Dana") and "Timeline\n--------" in text


def test_the_client_json_holds_none_of_the_coachs_facts_about_them() -> None:
    context = every_kind_context()
    context.client.pro_bono = True
    context.client.may_be_named = False
    client = json.loads(session_to_json(context, Audience.CLIENT))["client"]
    assert not {"pro_bono", "group_size", "may_be_named", "archived"} & set(client)
    assert client["context"] == ""
    assert client["name"] == context.client.name
