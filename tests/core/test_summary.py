"""The end-of-session summary: what each audience sees, and user text that stays text."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from sessionpad.core.models import (
    AllianceItem,
    AllianceState,
    Audience,
    Client,
    Entry,
    EntryKind,
    Owner,
    Phase,
    Promise,
    PromiseStatus,
    Renegotiation,
    Session,
    SessionStatus,
)
from sessionpad.core.sanitize import clean_text
from sessionpad.core.summary import (
    SummaryContext,
    escape_markdown,
    render_markdown,
    summary_filename,
)

TZ = timezone(timedelta(hours=1))
SESSION_ID = "sess4"
PRIVATE_MARKER = "PRIVATE-7f3a seemed tired"
PRIVATE_TAG = "privatetheme"
RESOLUTION_NOTE = "NOTE-91c2 it went fine in the end"

HOSTILE = (
    "# not a heading | a | b | `code` [ ] fake *bold* _em_ <b>html</b> "
    "\x1b[31mred\x1b[0m \x1b]52;c;aGk=\x07 ![img](http://x.test/i.png) [link](http://x.test) "
    "&amp; ~~strike~~ \\ end #"
)
HOSTILE_LINES = (
    "> quoted\n1. first\n2) second\n- dash\n+ plus\n* star\n===\n---\n"
    "    indented\n```\nfence\n<div>block</div>\n| a | b |\n|---|---|\n[ref]: http://x.test"
)
MULTILINE_NOTE = "first line\n# not a heading\n- not a list\n\n> not a quote\nlast line"


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=TZ)


def build_context(*, hostile: bool = False) -> SummaryContext:
    """Session 4 with Dana on Fri 27 Nov 2026, 14:00–15:02 (UTC+1), with a bit of everything."""
    client = Client("Dana Reyes", preferred_name="Dana", pronouns="she/her", id="client1")
    insight = HOSTILE if hostile else "The deadline is self-imposed."
    client_promise = HOSTILE_LINES if hostile else "Draft the delegation plan"
    entries = [
        Entry(1, EntryKind.PHASE, "Check-in", at(27, 14, 0), data={"phase": "Check-in"}),
        Entry(2, EntryKind.NOTE, "Arrived energised", at(27, 14, 1), tags=["energy"]),
        Entry(
            3,
            EntryKind.ALLIANCE,
            "agreed: Confidentiality and its limits",
            at(27, 14, 4),
            data={"item_key": "conf", "state": "agreed"},
        ),
        Entry(4, EntryKind.QUESTION, "What would make this hour worth it?", at(27, 14, 6)),
        Entry(5, EntryKind.QUESTION, "Why didn't you finish the plan?", at(27, 14, 7)),
        Entry(
            6,
            EntryKind.PROMISE_MADE,
            client_promise,
            at(27, 14, 9),
            data={"promise_id": "p-client", "owner": "client", "due": "2026-12-04"},
        ),
        Entry(
            7,
            EntryKind.PROMISE_MADE,
            "Send the calendar invite",
            at(27, 14, 10),
            data={"promise_id": "p-coach", "owner": "coach", "due": "2026-11-27"},
        ),
        Entry(8, EntryKind.INSIGHT, insight, at(27, 14, 11), tags=["deadlines"]),
        Entry(9, EntryKind.PRIVATE, PRIVATE_MARKER, at(27, 14, 12), tags=[PRIVATE_TAG]),
        Entry(10, EntryKind.NOTE, MULTILINE_NOTE, at(27, 14, 13)),
        Entry(
            11,
            EntryKind.PITSTOP,
            "pit-stop 7/10",
            at(27, 14, 30),
            data={
                "rating": 7,
                "working": "the pace feels right",
                "change": "more room for silence",
                "prompts": ["How is this conversation landing for you?"],
            },
        ),
        Entry(
            12,
            EntryKind.PROMISE_RESOLVED,
            "Talk to Sam about the reorg",
            at(27, 14, 40),
            data={"promise_id": "p-kept", "status": "kept", "owner": "client"},
        ),
        Entry(
            13,
            EntryKind.ALLIANCE,
            "to revisit: Style and permissions",
            at(27, 14, 45),
            data={"item_key": "style", "state": "revisit"},
        ),
        Entry(14, EntryKind.QUESTION, "Don't you think it's self-imposed?", at(27, 14, 50)),
    ]
    session = Session(
        client_id=client.id,
        planned_minutes=60,
        started=at(27, 14, 0),
        phases=[Phase("Check-in", 5), Phase("Explore", 40), Phase("Close", 15)],
        number=4,
        status=SessionStatus.ENDED,
        ended=at(27, 15, 2),
        next_session=at(4, 14, 0, month=12),
        next_session_minutes=60,
        entries=entries,
        id=SESSION_ID,
    )
    promises = [
        Promise(
            client.id,
            Owner.CLIENT,
            client_promise,
            at(27, 14, 9),
            made_in=SESSION_ID,
            due=date(2026, 12, 4),
            id="p-client",
        ),
        Promise(
            client.id,
            Owner.COACH,
            "Send the calendar invite",
            at(27, 14, 10),
            made_in=SESSION_ID,
            due=date(2026, 11, 27),
            id="p-coach",
        ),
        Promise(
            client.id,
            Owner.CLIENT,
            "Talk to Sam about the reorg",
            at(20, 14, 20),
            made_in="sess3",
            status=PromiseStatus.KEPT,
            resolved_in=SESSION_ID,
            resolved_at=at(27, 14, 40),
            resolution_note=RESOLUTION_NOTE,
            id="p-kept",
        ),
        Promise(
            client.id,
            Owner.COACH,
            "Share the article on delegation",
            at(20, 14, 30),
            made_in="sess3",
            due=date(2026, 12, 11),
            status=PromiseStatus.RENEGOTIATED,
            resolved_in=SESSION_ID,
            renegotiations=[
                Renegotiation(at(27, 14, 41), date(2026, 11, 24), date(2026, 12, 11), SESSION_ID)
            ],
            id="p-moved",
        ),
        Promise(
            client.id,
            Owner.CLIENT,
            "Book the offsite venue",
            at(13, 14, 30),
            made_in="sess2",
            due=date(2026, 11, 20),
            id="p-carried",
        ),
    ]
    alliance = [
        AllianceItem("conf", "Confidentiality and its limits", AllianceState.AGREED),
        AllianceItem("style", "Style and permissions", AllianceState.REVISIT),
        AllianceItem("fees", "Cancellations and fees"),
    ]
    return SummaryContext(client, session, promises, alliance)


# ── reading the Markdown back ─────────────────────────────────────────────────

PARSERS = {
    "commonmark": MarkdownIt("commonmark"),
    "commonmark+gfm": MarkdownIt("commonmark").enable(["table", "strikethrough"]),
}
STRUCTURE_FROM_USER_TEXT = {
    "blockquote_open",
    "code_inline",
    "code_block",
    "fence",
    "em_open",
    "strong_open",
    "s_open",
    "html_block",
    "html_inline",
    "link_open",
    "image",
    "table_open",
    "hr",
    "ordered_list_open",
}


def all_tokens(tokens: list[Token]) -> list[Token]:
    flat = []
    for token in tokens:
        flat.append(token)
        flat.extend(all_tokens(token.children or []))
    return flat


def headings(tokens: list[Token]) -> list[tuple[str, str]]:
    return [
        (token.tag, tokens[index + 1].content)
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def inline_text(token: Token) -> str:
    """What a reader sees in an inline token: its text, with line breaks as newlines."""
    parts = []
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        else:
            parts.append(child.content)
    return "".join(parts)


def section_items(tokens: list[Token], title: str) -> list[str]:
    """The visible text of each top-level list item in the ``## title`` section."""
    start = next(
        index
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h2" and tokens[index + 1].content == title
    )
    items: list[str] = []
    current: list[str] | None = None
    depth = 0
    for token in tokens[start + 3 :]:
        if token.type == "heading_open" and token.tag == "h2":
            break
        if token.type == "list_item_open":
            depth += 1
            if depth == 1:
                current = []
        elif token.type == "list_item_close":
            depth -= 1
            if depth == 0 and current is not None:
                items.append("\n\n".join(current))
                current = None
        elif token.type == "inline" and current is not None and depth == 1:
            current.append(inline_text(token))
    return items


def visible(text: str) -> str:
    """User text as the summary should show it: cleaned, lines trimmed, no blank runs."""
    lines = [line.strip() for line in clean_text(text).split("\n")]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip("\n")


# ── audiences ─────────────────────────────────────────────────────────────────


def test_client_summary_title_and_sections_in_order() -> None:
    markdown = render_markdown(build_context(), Audience.CLIENT)
    tokens = PARSERS["commonmark"].parse(markdown)
    assert headings(tokens) == [
        ("h1", "Session with Dana — Fri 27 Nov 2026, 14:00–15:02"),
        ("h2", "What we agreed"),
        ("h2", "Themes"),
        ("h2", "Insights"),
        ("h2", "Promises"),
        ("h3", "Dana"),
        ("h3", "Coach"),
        ("h2", "Follow-ups from last time"),
        ("h2", "Pit-stop"),
        ("h2", "Next session"),
    ]
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")


def test_private_note_only_in_the_coach_summary() -> None:
    context = build_context()
    client_md = render_markdown(context, Audience.CLIENT)
    coach_md = render_markdown(context, Audience.COACH)
    assert "PRIVATE-7f3a" not in client_md
    assert PRIVATE_TAG not in client_md
    assert RESOLUTION_NOTE not in client_md
    timeline = section_items(PARSERS["commonmark"].parse(coach_md), "Timeline")
    assert f"14:12 · private note: {PRIVATE_MARKER}" in timeline
    assert PRIVATE_TAG in coach_md
    assert RESOLUTION_NOTE in coach_md


def test_client_summary_leaves_out_working_notes_and_questions() -> None:
    client_md = render_markdown(build_context(), Audience.CLIENT)
    assert "Arrived energised" not in client_md
    assert "worth it" not in client_md
    assert "first line" not in client_md
    assert "How is this conversation landing" not in client_md  # pit-stop prompts: coach only


def test_client_summary_content() -> None:
    tokens = PARSERS["commonmark"].parse(render_markdown(build_context(), Audience.CLIENT))
    assert section_items(tokens, "What we agreed") == [
        "Confidentiality and its limits",
        "Style and permissions — to revisit",
    ]
    themes = [
        inline_text(tokens[i + 1])
        for i, token in enumerate(tokens)
        if token.type == "paragraph_open" and "energy" in tokens[i + 1].content
    ]
    assert themes == ["energy · deadlines"]
    assert section_items(tokens, "Insights") == ["The deadline is self-imposed."]
    assert section_items(tokens, "Promises") == [
        "[ ] Draft the delegation plan — by Fri 4 Dec",
        "[ ] Book the offsite venue — by Fri 20 Nov, overdue, from an earlier session",
        "[ ] Send the calendar invite — by Fri 27 Nov",
    ]
    assert section_items(tokens, "Follow-ups from last time") == [
        "Dana: Talk to Sam about the reorg — done",
        "Coach: Share the article on delegation — new date: Fri 11 Dec",
    ]
    assert section_items(tokens, "Pit-stop") == [
        "Working well: the pace feels right",
        "What we'll change: more room for silence",
    ]
    paragraphs = [t.content for t in tokens if t.type == "inline"]
    assert "At 14:30 we paused to check how the session was going: 7/10." in paragraphs
    assert paragraphs[-1] == "Fri 4 Dec, 14:00 (60 min)"


def test_kept_promise_is_a_checked_task() -> None:
    context = build_context()
    context.promises[0].status = PromiseStatus.KEPT
    tokens = PARSERS["commonmark"].parse(render_markdown(context, Audience.CLIENT))
    assert section_items(tokens, "Promises")[0] == "[x] Draft the delegation plan — by Fri 4 Dec"


def test_coach_summary_adds_header_questions_and_timeline() -> None:
    context = build_context()
    markdown = render_markdown(context, Audience.COACH)
    tokens = PARSERS["commonmark"].parse(markdown)
    h2 = [text for tag, text in headings(tokens) if tag == "h2"]
    assert h2[-2:] == ["Questions asked", "Timeline"]
    inlines = [t.content for t in tokens if t.type == "inline"]
    assert "Session 4 with Dana Reyes (she/her) · 62 min of 60 planned" in inlines
    assert "3 asked · 2 open (67%)" in inlines
    # one verdict for the count and the lists: 3 asked − 2 open = 1 closed listed
    assert "Closed (1):" in inlines
    assert "Open, worth another look (1):" in inlines
    flagged = section_items(tokens, "Questions asked")
    assert flagged == [
        "14:50 · Don't you think it's self-imposed?",
        "14:07 · Why didn't you finish the plan?",
    ]
    assert "Asks the client to defend a failure. Instead: try" in markdown
    timeline = section_items(tokens, "Timeline")
    assert len(timeline) == len(context.session.entries)
    assert timeline[0] == "14:00 · phase: Check-in"
    assert timeline[5] == "14:09 · promise (Dana): Draft the delegation plan — by Fri 4 Dec"
    assert timeline[11] == "14:40 · follow-up (Dana): Talk to Sam about the reorg — kept"


def test_no_empty_sections() -> None:
    context = build_context()
    context.session.entries = []
    context.promises = []
    context.session.next_session = None
    markdown = render_markdown(context, Audience.CLIENT)
    assert headings(PARSERS["commonmark"].parse(markdown)) == [
        ("h1", "Session with Dana — Fri 27 Nov 2026, 14:00–15:02")
    ]


# ── user text stays text ──────────────────────────────────────────────────────


@pytest.mark.parametrize("parser", PARSERS.values(), ids=PARSERS.keys())
@pytest.mark.parametrize("audience", list(Audience))
def test_hostile_user_text_stays_inert(parser: MarkdownIt, audience: Audience) -> None:
    context = build_context(hostile=True)
    context.session.entries[1].tags = ["# tag | `x`", "energy"]
    markdown = render_markdown(context, audience)
    assert "\x1b" not in markdown and "\x07" not in markdown
    assert "52;c;aGk=" not in markdown and "[31m" not in markdown

    tokens = parser.parse(markdown)
    expected_h2 = [
        "What we agreed",
        "Themes",
        "Insights",
        "Promises",
        "Follow-ups from last time",
        "Pit-stop",
        "Next session",
    ]
    if audience is Audience.COACH:
        expected_h2 += ["Questions asked", "Timeline"]
    found = headings(tokens)
    assert [text for tag, text in found if tag == "h1"] == [
        "Session with Dana — Fri 27 Nov 2026, 14:00–15:02"
    ]
    assert [text for tag, text in found if tag == "h2"] == expected_h2
    assert [text for tag, text in found if tag == "h3"] == ["Dana", "Coach"]
    made_by_user = {token.type for token in all_tokens(tokens)} & STRUCTURE_FROM_USER_TEXT
    assert made_by_user == set()

    assert section_items(tokens, "Insights") == [visible(HOSTILE)]
    promises = section_items(tokens, "Promises")
    assert promises[0] == "[ ] " + visible(HOSTILE_LINES) + " — by Fri 4 Dec"
    assert all(item.startswith("[ ] ") for item in promises)
    themes = [t for t in tokens if t.type == "inline" and "energy" in t.content]
    private_theme = " · " + PRIVATE_TAG if audience is Audience.COACH else ""
    assert inline_text(themes[0]) == "tag | `x` · energy · deadlines" + private_theme


def test_multiline_note_stays_in_one_list_item() -> None:
    context = build_context()
    tokens = PARSERS["commonmark"].parse(render_markdown(context, Audience.COACH))
    timeline = section_items(tokens, "Timeline")
    assert len(timeline) == len(context.session.entries)
    note = next(item for item in timeline if "first line" in item)
    assert note == "14:13 · " + visible(MULTILINE_NOTE)
    assert not {t.type for t in tokens} & {"blockquote_open", "ordered_list_open"}


def test_hostile_client_name_in_headings() -> None:
    context = build_context()
    context.client.preferred_name = "#Dana *the* [boss] ##"
    markdown = render_markdown(context, Audience.CLIENT)
    found = headings(PARSERS["commonmark"].parse(markdown))
    assert found[0][0] == "h1"
    tokens = PARSERS["commonmark"].parse(markdown)
    h1_inline = tokens[1]
    assert inline_text(h1_inline).startswith("Session with #Dana *the* [boss] ## — Fri")
    assert ("h3", "Dana") not in found
    assert not {t.type for t in all_tokens(tokens)} & STRUCTURE_FROM_USER_TEXT


@pytest.mark.parametrize(
    "text",
    [
        "# heading",
        "## two",
        "   ### indented heading",
        "> quote",
        "- dash",
        "+ plus",
        "* star",
        "1. one",
        "12) twelve",
        "===",
        "---",
        "***",
        "_ _ _",
        "| a | b |",
        "`code` and ``more``",
        "*em* **strong** _em_ __strong__",
        "snake_case_name stays readable",
        "[ ] task",
        "[x] done",
        "<b>bold</b> <http://x.test> <!-- c -->",
        "![alt](http://x.test/i.png)",
        "[link](http://x.test) [ref][1]",
        "&amp; &#35; &copy;",
        "back\\slash\\",
        "~~strike~~",
        "ends with hashes ##",
        "    four spaces",
        "\ttab start",
        "\x1b[2Jclear\x9b31mc1\x1b]0;title\x07",
        "\u202eevil",
    ],
)
def test_escape_markdown_keeps_text_literal(text: str) -> None:
    parser = PARSERS["commonmark+gfm"]
    escaped = escape_markdown(text)
    for source in (escaped, f"- {escaped}", f"# x {escaped}"):
        tokens = parser.parse(source)
        inline = [t for t in tokens if t.type == "inline"]
        assert len(inline) == 1, source
        assert not {t.type for t in all_tokens(tokens)} & STRUCTURE_FROM_USER_TEXT, source
    (paragraph,) = [t for t in parser.parse(escaped) if t.type == "inline"]
    assert inline_text(paragraph) == clean_text(text).strip()
    assert "\x1b" not in escaped and "\x9b" not in escaped and "\u202e" not in escaped


def test_escape_markdown_leaves_plain_text_alone() -> None:
    plain = "The deadline is self-imposed, isn't it? 3 options: a, b or c."
    assert escape_markdown(plain) == plain
    assert escape_markdown("q3_plan.docx") == "q3_plan.docx"


def test_full_text_never_truncated() -> None:
    context = build_context()
    long_text = " ".join(f"word{n}" for n in range(3000))
    context.session.entries[7].text = long_text
    tokens = PARSERS["commonmark"].parse(render_markdown(context, Audience.CLIENT))
    assert section_items(tokens, "Insights") == [long_text]


# ── file names and size ───────────────────────────────────────────────────────


def test_summary_filename() -> None:
    context = build_context()
    # The piece of the session id keeps two clients' same-day summaries apart.
    assert summary_filename(context, Audience.CLIENT) == "2026-11-27-dana-session-4-sess4-client.md"
    assert summary_filename(context, Audience.COACH, "json") == (
        "2026-11-27-dana-session-4-sess4-coach.json"
    )
    context.client.preferred_name = "../../etc/Zoë \x1b[2J O'Brien"
    name = summary_filename(context, Audience.CLIENT, "../md")
    assert re.fullmatch(r"[a-z0-9.-]+", name), name
    assert name == "2026-11-27-etc-zoe-2j-o-brien-session-4-sess4-client.md"
    context.client.preferred_name = "李"
    assert summary_filename(context, Audience.CLIENT).startswith("2026-11-27-client-session-4")


def test_500_entry_session_renders() -> None:
    context = build_context()
    kinds = [EntryKind.NOTE, EntryKind.INSIGHT, EntryKind.QUESTION, EntryKind.PRIVATE]
    start = context.session.started
    context.session.entries = [
        Entry(
            seq,
            kinds[seq % len(kinds)],
            f"entry {seq} about *this* and `that`\nsecond line {seq}",
            start + timedelta(seconds=7 * seq),
            tags=[f"theme{seq % 7}"],
        )
        for seq in range(1, 501)
    ]
    coach = PARSERS["commonmark"].parse(render_markdown(context, Audience.COACH))
    timeline = section_items(coach, "Timeline")
    assert len(timeline) == 500
    assert timeline[-1].endswith("entry 500 about *this* and `that`\nsecond line 500")
    client = render_markdown(context, Audience.CLIENT)
    insights = section_items(PARSERS["commonmark"].parse(client), "Insights")
    assert len(insights) == 125
    assert "entry 4 about" not in client  # a private note


def test_a_due_time_reaches_the_summary_and_its_timeline() -> None:
    """Issue 8: "by friday 2pm" keeps its time wherever the promise is shown."""
    ctx = build_context()
    promise = next(p for p in ctx.promises if p.text == "Draft the delegation plan")
    promise.due_time = time(14, 0)
    made = next(e for e in ctx.session.entries if e.data.get("promise_id") == promise.id)
    made.data["due_time"] = "14:00"
    client = render_markdown(ctx, Audience.CLIENT)
    coach = render_markdown(ctx, Audience.COACH)
    assert "Draft the delegation plan — by Fri 4 Dec, 14:00" in client
    assert "promise (Dana): Draft the delegation plan — by Fri 4 Dec, 14:00" in coach
