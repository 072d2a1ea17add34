"""The client brief: what to pick up before a session starts, and the key that starts it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import partial
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from sessionpad.core.alliance import agreed_count, needs_attention
from sessionpad.core.lengths import last_ended, lasted_minutes
from sessionpad.core.models import (
    AllianceItem,
    AllianceState,
    Client,
    EntryKind,
    Owner,
    Promise,
    PromiseStatus,
    SessionStatus,
)
from sessionpad.core.promises import FollowUp, PromiseStateError, reopen, resolve
from sessionpad.core.reports import ClientBrief, client_brief
from sessionpad.core.sanitize import clean_text, one_line
from sessionpad.core.summary import SummaryContext
from sessionpad.core.when import describe_due, short_day
from sessionpad.storage.store import StorageError
from sessionpad.ui import messages
from sessionpad.ui.commands import PaletteCommand
from sessionpad.ui.feedback import notify_storage_error
from sessionpad.ui.typed_app import OnSessionpadApp
from sessionpad.ui.widgets.coach_record import coach_word_subtitle, log_facts
from sessionpad.ui.widgets.sparkline_text import sparkline, trend_label

MUTED = "$foreground-muted"
ATTENTION = "$text-warning"
#: The trend shows this many of the latest sessions; older ones add nothing before a session.
TREND_SESSIONS = 20
#: "client" plus a gap: the promise texts line up after it.
OWNER_WIDTH = 8


# ── pure formatting: brief → Content ─────────────────────────────────────────


def title_line(brief: ClientBrief, today: date) -> Content:
    """``Dana Reyes (she/her) · before session 4 · last: Fri 20 Nov, 60 min``."""
    client = brief.client
    parts: list[str | tuple[str, str] | Content] = [(one_line(client.name, 40), "bold")]
    if client.pronouns:
        parts.append(f" ({one_line(client.pronouns, 16)})")
    if brief.interrupted is not None:
        parts.append((f" · session {brief.interrupted.number} unfinished", MUTED))
    else:
        parts.append((f" · before session {brief.next_number}", MUTED))
    last = last_ended(brief.sessions)
    if last is not None:
        when = short_day(last.started.date(), today)
        parts.append((f" · last: {when}, {lasted_minutes(last)} min", MUTED))
    elif not brief.sessions:
        parts.append((" · first session", MUTED))
    return Content.assemble(*parts)


def follow_up_details(follow_up: FollowUp, numbers: dict[str, int], today: date) -> Content:
    """``due Sat 21 Nov · overdue · from session 3``; overdue stands out."""
    promise = follow_up.promise
    details: list[Content] = []
    if promise.due is not None:
        when = describe_due(promise.due, today, promise.due_time)
        details.append(Content.styled(f"due {when}", MUTED))
    if follow_up.overdue:
        details.append(Content.styled("overdue", "$text-error bold"))
    if promise.status is PromiseStatus.RENEGOTIATED:
        details.append(Content.styled("renegotiated", MUTED))
    number = numbers.get(promise.made_in or "")
    if number is not None:
        details.append(Content.styled(f"from session {number}", MUTED))
    return Content.styled(" · ", MUTED).join(details)


def follow_up_prompt(
    follow_up: FollowUp, numbers: dict[str, int], today: date, *, width: int
) -> Content:
    """One follow-up in ``width`` cells: owner, text, and its details aligned right.

    A text too long to share its row keeps every word: the details move to a second
    line rather than the text being cut.
    """
    promise = follow_up.promise
    coach = promise.owner is Owner.COACH
    owner = Content.styled(
        ("coach" if coach else "client").ljust(OWNER_WIDTH),
        ("$text-accent" if coach else "$text-primary") + " bold",
    )
    text = one_line(promise.text)
    details = follow_up_details(follow_up, numbers, today)
    gap = width - OWNER_WIDTH - cell_len(text) - details.cell_length
    if gap >= 2:
        return Content.assemble(owner, text, " " * gap, details)
    indent = max(OWNER_WIDTH, width - details.cell_length)
    return Content.assemble(owner, text, "\n", " " * indent, details)


class AllianceRow(NamedTuple):
    mark: str
    title: str
    tail: str
    attention: bool


def alliance_rows(items: list[AllianceItem], today: date) -> list[AllianceRow]:
    """Items to look at first (to revisit, agreed long ago, never agreed), then the agreed."""

    def rank(item: AllianceItem) -> int:
        if item.state is AllianceState.REVISIT:
            return 0
        if needs_attention(item, today) and item.state is AllianceState.AGREED:
            return 1
        return 2 if needs_attention(item, today) else 3

    rows: list[AllianceRow] = []
    for item in sorted(items, key=rank):  # sorted is stable: template order within a group
        attention = needs_attention(item, today)
        if item.state is AllianceState.REVISIT:
            rows.append(AllianceRow("↻", item.title, "revisit", True))
        elif item.state is AllianceState.AGREED and attention:
            agreed = short_day(item.last_agreed, today) if item.last_agreed else "long ago"
            rows.append(AllianceRow("↻", item.title, f"old: {agreed}", True))
        elif item.state is AllianceState.AGREED:
            agreed = short_day(item.last_agreed, today) if item.last_agreed else "agreed"
            rows.append(AllianceRow("✓", item.title, agreed, False))
        else:
            rows.append(AllianceRow("·", item.title, "never", True))
    return rows


def alliance_title(items: list[AllianceItem]) -> str:
    revisit = sum(item.state is AllianceState.REVISIT for item in items)
    title = f"Alliance · {agreed_count(items)}/{len(items)} agreed"
    return title + (f" · {revisit} to revisit" if revisit else "")


def trend_content(ratings: list[int]) -> Content:
    if not ratings:
        return Content.styled("No pit-stop ratings yet.", MUTED)
    count = len(ratings)
    return Content.assemble(
        (sparkline(ratings, width=TREND_SESSIONS), "$text-accent"),
        "  ",
        (trend_label(ratings), "bold"),
        (f"  · {count} session{'s' if count != 1 else ''}", MUTED),
    )


def last_session_content(summary: SummaryContext | None, today: date) -> Content:
    """The last session in a few lines: themes, insights, pit-stop, next booking, and the
    coach's own private notes from it ("your notes from last time") to read before the call.
    """
    if summary is None:
        return Content.styled("No finished session yet.", MUTED)
    session = summary.session
    lines: list[Content] = []
    themes: list[str] = []
    for entry in session.entries:
        if entry.kind is EntryKind.PRIVATE:
            continue
        for tag in entry.tags:
            if tag not in themes:
                themes.append(tag)
    if themes:
        shown = " · ".join(one_line(tag, 30) for tag in themes)
        lines.append(Content.assemble(("Themes ", MUTED), shown))
    for entry in session.entries:
        if entry.kind is EntryKind.INSIGHT:
            lines.append(Content.assemble(("* ", "$text-accent"), one_line(entry.text)))
    for entry in session.entries:
        if entry.kind is EntryKind.PITSTOP:
            rating = entry.data.get("rating")
            working = one_line(str(entry.data.get("working") or ""))
            change = one_line(str(entry.data.get("change") or ""))
            parts: list[str | tuple[str, str]] = [("Pit-stop ", MUTED)]
            if rating is not None:
                parts.append((f"{rating}/10", "bold"))
            if working:
                parts += [(" · working: ", MUTED), working]
            if change:
                parts += [(" · change: ", MUTED), change]
            lines.append(Content.assemble(*parts))
    if session.next_session is not None:
        booked = session.next_session
        lines.append(
            Content.assemble(
                ("Next booked ", MUTED), f"{short_day(booked.date(), today)} {booked:%H:%M}"
            )
        )
    private = [entry for entry in session.entries if entry.kind is EntryKind.PRIVATE]
    if private:
        lines.append(Content.styled("Your notes from last time", "bold"))
        lines.extend(
            Content.assemble(("~ ", "$text-accent"), one_line(entry.text)) for entry in private
        )
    if not lines:
        return Content.styled("No themes, insights or pit-stop were captured.", MUTED)
    return Content("\n").join(lines)


def profile_content(client: Client) -> Content:
    facts = []
    if client.preferred_name:
        facts.append(f"goes by {one_line(client.preferred_name, 30)}")
    if client.pronouns:
        facts.append(one_line(client.pronouns, 20))
    if client.language:
        facts.append(one_line(client.language, 20))
    facts.extend(log_facts(client))
    context = clean_text(client.context).strip()
    if not facts and not context:
        return Content.styled("Nothing noted yet — e adds pronouns, language and context.", MUTED)
    lines = []
    if facts:
        lines.append(Content(" · ".join(facts)))
    if context:
        lines.append(Content.styled(context, MUTED))
    return Content("\n").join(lines)


# ── widgets ──────────────────────────────────────────────────────────────────


class AllianceLines(Widget):
    """Alliance items, one per row: title cut to fit, the state or date aligned right."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[AllianceRow] = []

    def set_rows(self, rows: list[AllianceRow]) -> None:
        self._rows = rows
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._rows)

    def render(self) -> Content:
        width = self.content_size.width
        lines = []
        for mark, title, tail, attention in self._rows:
            room = width - 2 - cell_len(tail) - 1
            if room < 8:  # too narrow for both: the title matters more
                tail, room = "", width - 2
            shown = one_line(title, max(room, 0))
            gap = max(1, width - 2 - cell_len(shown) - cell_len(tail))
            lines.append(
                Content.assemble(
                    (f"{mark} ", ATTENTION if attention else "$text-success"),
                    (shown, ATTENTION if attention else ""),
                    " " * gap,
                    (tail, ATTENTION if attention else MUTED),
                )
            )
        return Content("\n").join(lines)


# ── the screen ───────────────────────────────────────────────────────────────


class BriefScreen(OnSessionpadApp, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority so the follow-up list's own enter doesn't take it.
        Binding("enter", "start(60)", "Start 60m", priority=True),
        # The other lengths stay one key away; the Footer names the dialog that lists them.
        Binding("3", "start(30)", "30m", show=False),
        Binding("4", "start(45)", "45m", show=False),
        Binding("9", "start(90)", "90m", show=False),
        Binding("l", "choose_length", "Length"),
        Binding("h", "history", "History"),
        Binding("k", "resolve('kept')", "Kept"),
        Binding("m", "resolve('missed')", "Missed"),
        Binding("u", "undo", "Undo", show=False),
        Binding("e", "edit_profile", "Profile"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.brief: ClientBrief | None = None
        self._last_resolved: Promise | None = None
        self._loaded_once = False

    def compose(self) -> ComposeResult:
        yield Static(id="brief-title")
        yield Static(id="brief-notice")
        with Vertical(id="followups-panel", classes="panel"):
            yield Static(
                "Nothing carried over — no open promises from earlier sessions.",
                id="followups-none",
                markup=False,
            )
            yield OptionList(id="followups")
        with Horizontal(id="brief-lower"):
            with VerticalScroll(id="alliance-panel", classes="panel"):
                yield AllianceLines(id="alliance")
            with Vertical(id="brief-side"):
                with Vertical(id="trend-panel", classes="panel"):
                    yield Static(id="trend")
                with VerticalScroll(id="last-panel", classes="panel"):
                    yield Static(id="last-summary")
                with Vertical(id="profile-panel", classes="panel"):
                    yield Static(id="profile")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#trend-panel").border_title = "Pit-stop trend"
        self.query_one("#profile-panel").border_title = "Profile"
        self.refresh_data()
        self.query_one("#followups", OptionList).focus()

    def on_screen_resume(self) -> None:
        # Back from a session or the profile form. The first resume comes with the mount,
        # which has just loaded the brief: reading every file twice would double the wait.
        if self._loaded_once:
            self.refresh_data()
        self._loaded_once = True

    def on_resize(self) -> None:
        # The follow-ups' columns are laid out for the width: redo them for the new one.
        if self.brief is not None:
            self._show_follow_ups(self.brief, self.app.clock().date())

    # ── data ──────────────────────────────────────────────────────────────────

    def refresh_data(self) -> None:
        today = self.app.clock().date()
        try:
            brief = client_brief(self.app.store, self.client_id, today)
        except StorageError as error:
            notify_storage_error(self, error, "Couldn't read")
            return
        except ValueError as error:
            self.notify(one_line(str(error)), severity="error", markup=False)
            return
        self.brief = brief
        self.query_one("#brief-title", Static).update(title_line(brief, today))
        self._show_notice(brief, today)
        self._show_follow_ups(brief, today)
        alliance_panel = self.query_one("#alliance-panel")
        alliance_panel.border_title = alliance_title(brief.alliance)
        self.query_one("#alliance", AllianceLines).set_rows(alliance_rows(brief.alliance, today))
        self.query_one("#trend", Static).update(trend_content(brief.ratings))
        last_panel = self.query_one("#last-panel")
        if brief.last_summary is not None:
            held = brief.last_summary.session
            when = short_day(held.started.date(), today)
            last_panel.border_title = f"Last session · #{held.number} {when}"
        else:
            last_panel.border_title = "Last session"
        self.query_one("#last-summary", Static).update(
            last_session_content(brief.last_summary, today)
        )
        self.query_one("#profile", Static).update(profile_content(brief.client))
        self.query_one("#followups-panel").border_subtitle = coach_word_subtitle(brief.coach_word)

    def _show_notice(self, brief: ClientBrief, today: date) -> None:
        notice = self.query_one("#brief-notice", Static)
        unfinished = brief.interrupted
        notice.display = unfinished is not None
        if unfinished is None:
            return
        what = "is still open" if unfinished.status is SessionStatus.LIVE else "was interrupted"
        started = f"{short_day(unfinished.started.date(), today)} {unfinished.started:%H:%M}"
        notice.update(
            Content.styled(
                f"⚠ Session {unfinished.number} ({started}) {what} — "
                "starting will offer to resume it.",
                ATTENTION,
            )
        )

    def _show_follow_ups(self, brief: ClientBrief, today: date) -> None:
        listing = self.query_one("#followups", OptionList)
        highlighted = listing.highlighted
        numbers = {session.id: session.number for session in brief.sessions}
        listing.clear_options()
        # Panel border and padding, and room for a scrollbar when the list overflows.
        width = self.size.width - 5
        listing.add_options(
            Option(follow_up_prompt(item, numbers, today, width=width), id=item.promise.id)
            for item in brief.follow_ups
        )
        overdue = sum(item.overdue for item in brief.follow_ups)
        panel = self.query_one("#followups-panel")
        title = f"Follow-ups · {len(brief.follow_ups)} open"
        panel.border_title = title + (f" · {overdue} overdue" if overdue else "")
        panel.set_class(not brief.follow_ups, "-none")
        if brief.follow_ups:
            keep = 0 if highlighted is None else min(highlighted, len(brief.follow_ups) - 1)
            listing.highlighted = keep

    def _highlighted_promise(self) -> Promise | None:
        if self.brief is None or not self.brief.follow_ups:
            return None
        index = self.query_one("#followups", OptionList).highlighted
        if index is None or index >= len(self.brief.follow_ups):
            return None
        return self.brief.follow_ups[index].promise

    # ── actions ───────────────────────────────────────────────────────────────

    def action_start(self, minutes: int) -> None:
        self.post_message(messages.StartSession(self.client_id, minutes))

    def action_choose_length(self) -> None:
        from sessionpad.ui.screens.session_length import SessionLengthScreen

        def chosen(minutes: int | None) -> None:
            if minutes is not None:
                self.action_start(minutes)

        self.app.push_screen(SessionLengthScreen(), chosen)

    def action_history(self) -> None:
        from sessionpad.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.client_id))

    def action_resolve(self, status: str) -> None:
        promise = self._highlighted_promise()
        if promise is None:
            self.notify("No open follow-up to mark.", severity="warning", markup=False)
            return
        outcome = PromiseStatus(status)
        try:
            resolve(promise, outcome, at=self.app.clock(), session_id=None)
            self.app.store.save_promise(promise)
        except PromiseStateError as error:
            self.notify(one_line(str(error)), severity="warning", markup=False)
        except StorageError as error:
            notify_storage_error(self, error)
        else:
            self._last_resolved = promise
            self.notify(
                f"{outcome.value.capitalize()}: {one_line(promise.text, 50)} — u undoes.",
                markup=False,
            )
        self.refresh_data()

    def action_undo(self) -> None:
        promise = self._last_resolved
        if promise is None:
            self.notify("Nothing to undo here.", severity="warning", markup=False)
            return
        reopen(promise)
        try:
            self.app.store.save_promise(promise)
        except StorageError as error:
            notify_storage_error(self, error)
        else:
            self._last_resolved = None
            self.notify(f"Open again: {one_line(promise.text, 50)}", markup=False)
        self.refresh_data()

    def action_edit_profile(self) -> None:
        from sessionpad.ui.screens.new_client import NewClientScreen

        if self.brief is None:
            return
        self.app.push_screen(NewClientScreen(self.brief.client), self._profile_edited)

    def _profile_edited(self, client: Client | None) -> None:
        if client is None:
            return
        self.notify("Profile saved.", markup=False)
        self.refresh_data()

    def action_back(self) -> None:
        self.dismiss()

    def palette_commands(self) -> Iterable[PaletteCommand]:
        for minutes in (60, 30, 45, 90):
            yield PaletteCommand(
                f"Start a {minutes}-minute session",
                "With the default timeline for that length",
                partial(self.action_start, minutes),
            )
        yield PaletteCommand(
            "Start a session of another length",
            "Type the minutes, e.g. 50 (l)",
            self.action_choose_length,
        )
        yield PaletteCommand(
            "History", "This client's sessions; enter opens one (h)", self.action_history
        )
        yield PaletteCommand(
            "Mark follow-up kept", "The highlighted one", lambda: self.action_resolve("kept")
        )
        yield PaletteCommand(
            "Mark follow-up missed", "The highlighted one", lambda: self.action_resolve("missed")
        )
        yield PaletteCommand(
            "Edit profile", "Name, pronouns, language, context", self.action_edit_profile
        )
        yield PaletteCommand("Back to home", "The list of clients", self.action_back)
