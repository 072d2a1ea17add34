"""How domain objects read on screen: one place for marks, clocks and line formats.

Everything returns ``rich.text.Text`` built from sanitised text, never markup, so user text
such as ``[bold]`` or an escape sequence stays inert.
"""

from __future__ import annotations

from datetime import date, datetime, time

from rich.table import Table
from rich.text import Text

from sessionpad.core.models import (
    AllianceItem,
    AllianceState,
    Client,
    Entry,
    EntryKind,
    Owner,
    Promise,
    PromiseStatus,
    load_clock,
)
from sessionpad.core.sanitize import clean_text
from sessionpad.core.when import describe_due

#: Longest stretch of one entry shown in the timeline; the record itself is always whole.
DISPLAY_LIMIT = 600

ENTRY_MARKS: dict[EntryKind, tuple[str, str]] = {
    EntryKind.NOTE: ("·", ""),
    EntryKind.INSIGHT: ("*", "bold"),
    EntryKind.QUESTION: ("?", "italic"),
    EntryKind.PRIVATE: ("~", "dim italic"),
    EntryKind.ALLIANCE: ("✓", ""),
    EntryKind.PITSTOP: ("◆", "bold"),
    EntryKind.PROMISE_MADE: ("!", "bold"),
    EntryKind.PROMISE_RESOLVED: ("✔", ""),
    EntryKind.PHASE: ("▸", "dim"),
    EntryKind.UNKNOWN: ("◌", "dim"),
}

STATUS_MARKS: dict[PromiseStatus, str] = {
    PromiseStatus.OPEN: "○",
    PromiseStatus.KEPT: "✔",
    PromiseStatus.MISSED: "✗",
    PromiseStatus.RENEGOTIATED: "↻",
    PromiseStatus.RELEASED: "–",
}

ALLIANCE_MARKS: dict[AllianceState, str] = {
    AllianceState.AGREED: "✓",
    AllianceState.REVISIT: "↻",
    AllianceState.NOT_DISCUSSED: "·",
}


def clock(minutes: float) -> str:
    """``mm:ss`` for an elapsed time in minutes (``h:mm:ss`` past an hour and a half)."""
    seconds = int(max(0.0, minutes) * 60)
    hours, rest = divmod(seconds, 3600)
    if hours and seconds >= 90 * 60:
        return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def short_minutes(minutes: float) -> str:
    whole = max(0, round(minutes))
    return f"{whole}m" if whole < 60 else f"{whole // 60}h{whole % 60:02d}"


def display(text: str, limit: int = DISPLAY_LIMIT) -> str:
    """Sanitised text for the screen, long pastes shortened for display only."""
    cleaned = clean_text(text)
    if len(cleaned) <= limit:
        return cleaned
    return f"{cleaned[:limit]}… (+{len(cleaned) - limit:,} characters kept in the record)"


def client_heading(client: Client) -> Text:
    heading = Text()
    heading.append(clean_text(client.display_name, keep_newlines=False), style="bold")
    if client.pronouns:
        heading.append(f" ({clean_text(client.pronouns, keep_newlines=False)})")
    return heading


def owner_label(owner: Owner, client: Client) -> str:
    return "coach" if owner is Owner.COACH else clean_text(client.display_name, keep_newlines=False)


def entry_line(entry: Entry, started: datetime, client: Client, *, number_width: int = 0) -> Table:
    """``12:04 ! Dana: draft the plan · due Fri 4 Dec``, wrapped lines hanging under the text.

    With ``number_width``, the line starts with the entry's number (its seq), right-aligned
    in that many columns: the N of ``/edit N``, ``/delete N``.
    """
    elapsed_clock, mark, body = entry_cells(entry, started, client)
    line = Table.grid(padding=(0, 1, 0, 0))
    cells: list[str | Text] = []
    if number_width:
        line.add_column(no_wrap=True, justify="right", min_width=number_width, style="dim")
        cells.append(str(entry.seq))
    line.add_column(no_wrap=True, style="dim")
    line.add_column(no_wrap=True, style="bold")
    line.add_column(ratio=1)
    line.add_row(*cells, elapsed_clock, mark, body)
    return line


def entry_cells(entry: Entry, started: datetime, client: Client) -> tuple[str, str, Text]:
    """An entry's parts as a timeline shows them: the clock, its mark and its text."""
    mark, style = ENTRY_MARKS[entry.kind]
    if entry.kind is EntryKind.ALLIANCE and entry.data.get("state") == AllianceState.REVISIT:
        mark = "↻"
    if entry.kind is EntryKind.PROMISE_RESOLVED:
        mark = STATUS_MARKS.get(PromiseStatus(entry.data.get("status", "kept")), mark)
    elapsed = (entry.at - started).total_seconds() / 60
    return clock(elapsed), mark, _entry_body(entry, client, style)


def _entry_body(entry: Entry, client: Client, style: str) -> Text:
    text = display(entry.text)
    if entry.kind is EntryKind.PROMISE_MADE:
        owner = Owner(entry.data.get("owner", Owner.CLIENT))
        body = Text()
        body.append(f"{owner_label(owner, client)}: ", style="bold")
        body.append(text)
        if entry.data.get("due"):
            due = date.fromisoformat(entry.data["due"])
            at = _clock_or_none(entry.data.get("due_time"))
            body.append(f" · due {describe_due(due, entry.at.date(), at)}", style="dim")
        return body
    if entry.kind is EntryKind.PROMISE_RESOLVED:
        body = Text(f"{entry.data.get('status', '')}: {text}", style="dim")
        if entry.data.get("status") == PromiseStatus.RENEGOTIATED and entry.data.get("due"):
            new_due = _date_or_none(entry.data["due"])
            if new_due is not None:
                at = _clock_or_none(entry.data.get("due_time"))
                body.append(f" · now due {describe_due(new_due, entry.at.date(), at)}", style="dim")
        return body
    if entry.kind is EntryKind.PRIVATE:
        return Text(f"(private) {text}", style=style)
    if entry.kind is EntryKind.PHASE:
        return Text(f"phase: {text}", style=style)
    if entry.kind is EntryKind.UNKNOWN:
        return Text(f"{display(entry.unknown_label, 80)} {text}", style=style)
    if entry.kind is EntryKind.PITSTOP:
        body = Text()
        body.append(text, style=style)
        for label, key in (("working", "working"), ("change", "change")):
            if entry.data.get(key):
                body.append(f" · {label}: {display(entry.data[key], 120)}", style="")
        return body
    return Text(text, style=style)


def promise_line(number: int, promise: Promise, client: Client, today: date) -> Text:
    line = Text()
    line.append(f"{number:>2} ", style="bold")
    line.append(f"{STATUS_MARKS[promise.status]} ")
    line.append(f"{owner_label(promise.owner, client)}: ", style="bold")
    line.append(display(promise.text, 200), style="" if promise.is_open else "dim strike")
    if promise.due and promise.is_open:
        overdue = promise.is_overdue(today)
        line.append(
            f" · {'overdue ' if overdue else ''}{describe_due(promise.due, today, promise.due_time)}",
            style="bold red" if overdue else "dim",
        )
    elif not promise.is_open:
        line.append(f" · {promise.status.value}", style="dim")
    return line


def alliance_line(item: AllianceItem) -> Table:
    """Mark, title, then the short id the coach types (``/agree conf``); the title wraps
    under itself: a title cut at a narrow panel's edge ("Confidentiality…") says too little.
    """
    style = {"agreed": "", "revisit": "bold", "not_discussed": "dim"}[item.state.value]
    words = Text(item.title, style=style)
    words.append(f"  {item.key}", style="dim")
    row = Table.grid(padding=(0, 1, 0, 0))
    row.add_column(no_wrap=True)
    row.add_column(ratio=1, overflow="fold")
    row.add_row(Text(ALLIANCE_MARKS[item.state], style="bold"), words)
    return row


def _clock_or_none(raw: object) -> time | None:
    # A damaged time on an old entry costs the time on screen, never the timeline.
    try:
        return load_clock(raw)
    except ValueError:
        return None


def _date_or_none(raw: object) -> date | None:
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        return None
