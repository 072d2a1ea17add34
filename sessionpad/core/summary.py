"""The end-of-session summary as CommonMark, for the client (shareable) or the coach (full record).

Decisions:
- The client audience never sees private notes, plain notes (the coach's working notes),
  questions asked, resolution notes, or tags that appear only on private notes.
- Every piece of user text is cleaned of control characters (sanitize.clean_text) and
  escaped so it reads as text in any CommonMark renderer: it can never open a heading,
  list, quote, code span, emphasis, link, table or HTML block. Escaping is kept minimal
  (an intraword ``_`` or a ``>`` mid-line stays as is) so the raw file still reads well
  when pasted as plain text.
- Multi-line user text stays inside its list item: continuation lines are indented and
  lines end in a backslash hard break, so line structure survives rendering. Leading
  indentation of a line is dropped (Markdown would give it meaning); nothing is truncated.
- Times are shown in the offset they were recorded in; dates and weekdays are spelled
  in English without the C locale's help, so output never depends on the machine.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime

from sessionpad.core.audience import visible_to
from sessionpad.core.booking import describe_booking
from sessionpad.core.checker import analyse_question
from sessionpad.core.context import SummaryContext, themes_of
from sessionpad.core.models import (
    AllianceState,
    Audience,
    Client,
    Entry,
    EntryKind,
    Owner,
    Promise,
    PromiseStatus,
    Session,
    SessionStatus,
    load_clock,
    made_order,
)
from sessionpad.core.sanitize import clean_text
from sessionpad.core.when import short_day

COACH_LABEL = "Coach"
CLIENT_FALLBACK_LABEL = "Client"


# ── escaping ───────────────────────────────────────────────────────────────────

# Characters that mean something anywhere in a line. ``_`` runs are judged separately
# (intraword ones are inert); ``&`` only when it would start an entity reference.
_INLINE_SPECIAL = re.compile(r"[\\`*\[\]<|~]|_+|&(?=#?[0-9A-Za-z]+;)")
# What a line may not start with: ATX heading, quote, bullet, setext underline.
_LINE_START_MARK = re.compile(r"[#>+=-]")
# An ordered-list marker: up to nine digits then "." or ")".
_ORDERED_MARK = re.compile(r"(\d+)([.)])")
# A run of "#" that would be read as a heading's closing sequence.
_CLOSING_HASHES = re.compile(r"(?<=[ \t])#+(?=[ \t]*$)")


def _escape_inline_match(match: re.Match[str]) -> str:
    found = match.group()
    if found[0] == "_":
        line = match.string
        before = line[match.start() - 1] if match.start() > 0 else ""
        after = line[match.end()] if match.end() < len(line) else ""
        if before.isalnum() and after.isalnum():
            return found
        return "\\_" * len(found)
    return "\\" + found


def _escape_line(line: str) -> str:
    line = line.strip()
    line = _INLINE_SPECIAL.sub(_escape_inline_match, line)
    line = _CLOSING_HASHES.sub(lambda match: "\\#" * len(match.group()), line)
    if _LINE_START_MARK.match(line):
        return "\\" + line
    ordered = _ORDERED_MARK.match(line)
    if ordered:
        return f"{ordered.group(1)}\\{ordered.group(2)}{line[ordered.end() :]}"
    return line


def _escape_cleaned(text: str) -> str:
    return "\n".join(_escape_line(line) for line in text.split("\n"))


def escape_markdown(text: str) -> str:
    """``text`` cleaned of control characters and escaped to stay literal text in CommonMark.

    Every line is safe on its own at the start of a Markdown line or after other text;
    lines keep their breaks (callers decide how to lay them out). Leading and trailing
    spaces of each line are dropped.
    """
    return _escape_cleaned(clean_text(text))


def _inline(text: str) -> str:
    """User text for one line of our own (a heading, a label): breaks become spaces."""
    return _escape_cleaned(clean_text(text, keep_newlines=False).replace("\n", " "))


def _text_lines(text: str) -> list[str]:
    """Escaped lines of ``text``, with runs of blank lines collapsed and ends trimmed."""
    lines: list[str] = []
    for line in escape_markdown(text).split("\n"):
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _list_item(lead: str, text: str, tail: str = "", *, indent: str = "") -> str:
    """One ``- `` item: our ``lead`` + escaped user ``text`` + our ``tail``, all inside it.

    Continuation lines are indented under the item and joined by hard breaks, so a
    multi-line note neither ends the list nor renders as one run-on line.
    """
    lines = _text_lines(text) or [""]
    lines[0] = lead + lines[0]
    lines[-1] = lines[-1] + tail
    if not lines[0].strip():
        lines[0] = "(no text)"
    continuation = indent + "  "
    out: list[str] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not line:
            out.append("")
            continue
        hard_break = "\\" if following else ""
        prefix = indent + "- " if index == 0 else continuation
        out.append(prefix + line + hard_break)
    return "\n".join(out)


# ── dates and times ────────────────────────────────────────────────────────────


def _clock(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _when_held(session: Session) -> str:
    start = session.started
    text = f"{short_day(start.date())}, {_clock(start)}"
    if session.ended is None:
        return text
    end = session.ended.astimezone(start.tzinfo)
    if end.date() != start.date():
        return f"{text}–{short_day(end.date(), end.date())} {_clock(end)}"
    return f"{text}–{_clock(end)}"


def _minutes_between(start: datetime, end: datetime) -> int:
    return round((end - start).total_seconds() / 60)


# ── building blocks ────────────────────────────────────────────────────────────


class _Document:
    def __init__(self) -> None:
        self.blocks: list[str] = []

    def add(self, block: str) -> None:
        self.blocks.append(block)

    def section(self, title: str, blocks: Iterable[str]) -> None:
        """A ``##`` section, left out entirely when it has nothing to say."""
        body = [block for block in blocks if block]
        if body:
            self.blocks.append(f"## {title}")
            self.blocks.extend(body)

    def text(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


def _client_label(ctx: SummaryContext) -> str:
    return _inline(ctx.client.display_name).strip() or CLIENT_FALLBACK_LABEL


def _owner_label(ctx: SummaryContext, owner: Owner) -> str:
    return _client_label(ctx) if owner is Owner.CLIENT else COACH_LABEL


def _alliance_changes(ctx: SummaryContext) -> list[tuple[str, AllianceState]]:
    """Each item changed this session, in its final state, in the order last touched."""
    titles = {item.key: item.title for item in ctx.alliance}
    latest: dict[str, tuple[int, str, AllianceState]] = {}
    for entry in ctx.session.entries:
        if entry.kind is not EntryKind.ALLIANCE:
            continue
        key = str(entry.data.get("item_key", entry.text))
        try:
            state = AllianceState(entry.data.get("state", AllianceState.AGREED))
        except ValueError:
            continue
        latest[key] = (entry.seq, titles.get(key, entry.text or key), state)
    ordered = sorted(latest.values(), key=lambda change: change[0])
    return [
        (title, state) for _, title, state in ordered if state is not AllianceState.NOT_DISCUSSED
    ]


def _agreed_section(ctx: SummaryContext) -> str:
    items = []
    for title, state in _alliance_changes(ctx):
        tail = " — to revisit" if state is AllianceState.REVISIT else ""
        items.append(_list_item("", title, tail))
    return "\n".join(items)


def _themes(ctx: SummaryContext, audience: Audience) -> str:
    themes = ctx.themes
    if themes is None:
        themes = themes_of(ctx.session.entries, with_private=audience is Audience.COACH)
    return " · ".join(_inline(name) for name in themes)


def _entries_of(ctx: SummaryContext, kind: EntryKind) -> list[Entry]:
    return [entry for entry in ctx.session.entries if entry.kind is kind]


def _insights(ctx: SummaryContext) -> str:
    return "\n".join(_list_item("", entry.text) for entry in _entries_of(ctx, EntryKind.INSIGHT))


def _touched_here(promise: Promise, session_id: str) -> bool:
    """Resolved or renegotiated in this session (but made earlier)."""
    if promise.made_in == session_id:
        return False
    return promise.resolved_in == session_id or any(
        item.session_id == session_id for item in promise.renegotiations
    )


def _due_parts(promise: Promise, ctx: SummaryContext) -> list[str]:
    parts = []
    if promise.due is not None:
        at = f", {promise.due_time:%H:%M}" if promise.due_time else ""
        parts.append(f"by {short_day(promise.due, ctx.session.started.date())}{at}")
    if promise.is_overdue(ctx.as_of):
        parts.append("overdue")
    return parts


_BOXES = {
    PromiseStatus.KEPT: "[x] ",
    PromiseStatus.OPEN: "[ ] ",
    PromiseStatus.RENEGOTIATED: "[ ] ",
}
_CLOSED_HERE_WORDS = {PromiseStatus.MISSED: "missed", PromiseStatus.RELEASED: "released"}


def _promise_item(promise: Promise, ctx: SummaryContext, *, carried: bool) -> str:
    # Only a task still to do gets an empty box: a missed or released promise is closed.
    box = _BOXES.get(promise.status, "")
    parts = _due_parts(promise, ctx)
    if promise.status in _CLOSED_HERE_WORDS:
        parts.append(_CLOSED_HERE_WORDS[promise.status])
    if carried:
        parts.append("from an earlier session")
    tail = " — " + ", ".join(parts) if parts else ""
    return _list_item(box, promise.text, tail)


def _promises_section(ctx: SummaryContext) -> list[str]:
    session_id = ctx.session.id
    made_here = sorted((p for p in ctx.promises if p.made_in == session_id), key=made_order)
    carried = sorted(
        (
            p
            for p in ctx.promises
            if p.made_in != session_id and p.is_open and not _touched_here(p, session_id)
        ),
        key=made_order,
    )
    blocks: list[str] = []
    for owner in (Owner.CLIENT, Owner.COACH):
        items = [_promise_item(p, ctx, carried=False) for p in made_here if p.owner is owner]
        items += [_promise_item(p, ctx, carried=True) for p in carried if p.owner is owner]
        if items:
            blocks.append(f"### {_owner_label(ctx, owner)}")
            blocks.append("\n".join(items))
    return blocks


def _follow_up_outcome(promise: Promise, ctx: SummaryContext) -> str:
    reference = ctx.session.started.date()
    match promise.status:
        case PromiseStatus.KEPT:
            return "done"
        case PromiseStatus.MISSED:
            return "not done this time"
        case PromiseStatus.RELEASED:
            return "released by agreement"
        case PromiseStatus.RENEGOTIATED:
            if promise.due is None:
                return "still open, no date for now"
            return f"new date: {short_day(promise.due, reference)}"
    return "still open"


def _follow_ups(ctx: SummaryContext, audience: Audience) -> str:
    touched = sorted(
        (p for p in ctx.promises if _touched_here(p, ctx.session.id)),
        key=made_order,
    )
    items = []
    for promise in touched:
        lead = f"{_owner_label(ctx, promise.owner)}: "
        item = _list_item(lead, promise.text, " — " + _follow_up_outcome(promise, ctx))
        if audience is Audience.COACH and promise.resolution_note.strip():
            item += "\n" + _list_item("note: ", promise.resolution_note, indent="  ")
        items.append(item)
    return "\n".join(items)


def _pit_stops(ctx: SummaryContext, audience: Audience) -> list[str]:
    blocks = []
    for entry in _entries_of(ctx, EntryKind.PITSTOP):
        rating = entry.data.get("rating")
        score = f": {_inline(str(rating))}/10" if rating not in (None, "") else ""
        blocks.append(f"At {_clock(entry.at)} we paused to check how the session was going{score}.")
        items = []
        working = str(entry.data.get("working") or "")
        change = str(entry.data.get("change") or "")
        if working.strip():
            items.append(_list_item("Working well: ", working))
        if change.strip():
            items.append(_list_item("What we'll change: ", change))
        prompts = entry.data.get("prompts") or []
        if audience is Audience.COACH and isinstance(prompts, list):
            items.extend(_list_item("Prompt: ", str(prompt)) for prompt in prompts)
        if not items and "rating" not in entry.data and entry.text.strip():
            items.append(_list_item("", entry.text))
        if items:
            blocks.append("\n".join(items))
    return blocks


def _next_session(ctx: SummaryContext) -> str:
    if ctx.session.next_session is None:
        return ""
    return describe_booking(ctx.session)


# ── the coach's extras ─────────────────────────────────────────────────────────


def _coach_header(ctx: SummaryContext) -> str:
    session = ctx.session
    who = _inline(ctx.client.name).strip() or _client_label(ctx)
    if ctx.client.pronouns.strip():
        who += f" ({_inline(ctx.client.pronouns)})"
    planned = session.planned_minutes
    if session.ended is not None:
        length = f"{_minutes_between(session.started, session.ended)} min of {planned} planned"
    elif session.status is SessionStatus.INTERRUPTED:
        length = f"interrupted, {planned} min planned"
    else:
        length = f"not ended yet, {planned} min planned"
    return f"Session {session.number} with {who} · {length}"


def _questions(ctx: SummaryContext) -> list[str]:
    asked = _entries_of(ctx, EntryKind.QUESTION)
    if not asked:
        return []
    # One checker pass per question: it is the costliest part of a long session's summary.
    analysed = [(entry, analyse_question(entry.text)) for entry in asked]
    open_count = sum(1 for _, analysis in analysed if analysis.is_open)
    share = round(100 * open_count / len(asked))
    blocks = [f"{len(asked)} asked · {open_count} open ({share}%)"]
    # The lists use the same verdict as the count: every closed question is listed under
    # "Closed", so its length is always asked minus open; flagged open ones come apart.
    closed: list[str] = []
    open_flagged: list[str] = []
    for entry, analysis in analysed:
        flags = analysis.flags
        if analysis.is_open and not flags:
            continue
        lines = [_list_item(f"{_clock(entry.at)} · ", entry.text)]
        lines.extend(
            _list_item("", f"{flag.reason} Instead: {flag.rewrite}", indent="  ") for flag in flags
        )
        (open_flagged if analysis.is_open else closed).append("\n".join(lines))
    if closed:
        blocks.append(f"Closed ({len(closed)}):")
        blocks.append("\n".join(closed))
    if open_flagged:
        blocks.append(f"Open, worth another look ({len(open_flagged)}):")
        blocks.append("\n".join(open_flagged))
    return blocks


def _timeline_lead(ctx: SummaryContext, entry: Entry) -> str:
    data = entry.data
    match entry.kind:
        case EntryKind.NOTE:
            return ""
        case EntryKind.INSIGHT:
            return "insight: "
        case EntryKind.QUESTION:
            return "question: "
        case EntryKind.PRIVATE:
            return "private note: "
        case EntryKind.ALLIANCE | EntryKind.PITSTOP:
            return ""  # their text already says what they are ("agreed: …", "pit-stop 7/10")
        case EntryKind.PHASE:
            return "phase: "
        case EntryKind.UNKNOWN:
            return f"{_inline(entry.unknown_label)} "
        case EntryKind.PROMISE_MADE | EntryKind.PROMISE_RESOLVED:
            verb = "promise" if entry.kind is EntryKind.PROMISE_MADE else "follow-up"
            try:
                owner = Owner(data.get("owner", Owner.CLIENT))
            except ValueError:
                return f"{verb}: "
            return f"{verb} ({_owner_label(ctx, owner)}): "
    return ""


def _timeline_tail(ctx: SummaryContext, entry: Entry) -> str:
    data = entry.data
    parts: list[str] = []
    if entry.kind in (EntryKind.PROMISE_MADE, EntryKind.PROMISE_RESOLVED):
        if entry.kind is EntryKind.PROMISE_RESOLVED and data.get("status"):
            parts.append(_inline(str(data["status"])))
        if data.get("due"):
            try:
                due = date.fromisoformat(str(data["due"]))
                at = load_clock(data.get("due_time"))
                clock = f", {at:%H:%M}" if at else ""
                parts.append(f"by {short_day(due, ctx.session.started.date())}{clock}")
            except ValueError:
                parts.append(f"by {_inline(str(data['due']))}")
    return " — " + ", ".join(parts) if parts else ""


def _timeline_text(entry: Entry) -> str:
    if entry.kind is EntryKind.PITSTOP:
        pieces = [entry.text]
        for label, key in (("working well", "working"), ("to change", "change")):
            value = str(entry.data.get(key) or "")
            if value.strip():
                pieces.append(f"{label}: {value}")
        return "\n".join(pieces)
    return entry.text


def _timeline(ctx: SummaryContext) -> str:
    return "\n".join(
        _list_item(
            f"{_clock(entry.at)} · {_timeline_lead(ctx, entry)}",
            _timeline_text(entry),
            _timeline_tail(ctx, entry),
        )
        for entry in ctx.session.entries
    )


# ── public API ─────────────────────────────────────────────────────────────────


def render_markdown(ctx: SummaryContext, audience: Audience) -> str:
    """The summary for ``audience`` as CommonMark text ending in a newline."""
    coach = audience is Audience.COACH
    ctx = visible_to(ctx, audience)
    doc = _Document()
    doc.add(f"# Session with {_client_label(ctx)} — {_when_held(ctx.session)}")
    if coach:
        doc.add(_coach_header(ctx))
    doc.section("What we agreed", [_agreed_section(ctx)])
    doc.section("Themes", [_themes(ctx, audience)])
    doc.section("Insights", [_insights(ctx)])
    doc.section("Promises", _promises_section(ctx))
    doc.section("Follow-ups from last time", [_follow_ups(ctx, audience)])
    doc.section("Pit-stop", _pit_stops(ctx, audience))
    doc.section("Next session", [_next_session(ctx)])
    if coach:
        doc.section("Questions asked", _questions(ctx))
        doc.section("Timeline", [_timeline(ctx)])
    return doc.text()


_UNSAFE_IN_NAME = re.compile(r"[^a-z0-9]+")


def _slug(text: str, fallback: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _UNSAFE_IN_NAME.sub("-", ascii_text.lower()).strip("-")[:40].strip("-")
    return slug or fallback


def summary_filename(ctx: SummaryContext, audience: Audience, ext: str = "md") -> str:
    """A file name made of safe characters only, e.g. ``2026-11-27-dana-session-4-client.md``."""
    suffix = _slug(ext, "md")
    return f"{summary_file_stem(ctx.client, ctx.session)}-{audience.value}.{suffix}"


def summary_file_stem(client: Client, session: Session) -> str:
    """What every file saved from one session's summary starts with (deleting a client
    finds their saved exports by it)."""
    day = session.started.date().isoformat()
    return f"{day}-{_slug(client.display_name, 'client')}-session-{session.number}"
