"""Search every session's entries, private notes included; enter opens that session's page
at the entry, and ``esc`` there comes back to this search as it was left."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from sessionpad.core.models import EntryKind
from sessionpad.core.sanitize import one_line
from sessionpad.core.search import SearchHit, excerpt, search_sessions
from sessionpad.core.when import short_day
from sessionpad.storage.store import StorageError
from sessionpad.ui.commands import PaletteCommand
from sessionpad.ui.typed_app import OnSessionpadApp

#: Enough for any screen; a query that matches more should be narrowed anyway.
HIT_LIMIT = 200
#: Typing pauses this long before the search runs, so each keystroke doesn't start a scan.
DEBOUNCE_SECONDS = 0.25
MIN_QUERY = 2

KIND_LABELS = {
    EntryKind.NOTE: "note",
    EntryKind.INSIGHT: "insight",
    EntryKind.QUESTION: "question",
    EntryKind.PRIVATE: "private",
    EntryKind.ALLIANCE: "alliance",
    EntryKind.PITSTOP: "pit-stop",
    EntryKind.PROMISE_MADE: "promise",
    EntryKind.PROMISE_RESOLVED: "follow-up",
    EntryKind.PHASE: "phase",
    EntryKind.UNKNOWN: "unknown kind",
}
INDENT = 2
MUTED = "$foreground-muted"

HELP_TEXT = "Type at least two letters. Private notes are searched too — this stays on your screen."


class SearchScreen(OnSessionpadApp, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("down", "to_results", "Results", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._hits: list[SearchHit] = []
        self._debounce: Timer | None = None
        self._query = ""

    def compose(self) -> ComposeResult:
        yield Static("Search all sessions", id="search-title", markup=False)
        yield Input(placeholder="words, a name, #tag…", id="search-query")
        yield Static(HELP_TEXT, id="search-status", markup=False)
        yield OptionList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search-query", Input).focus()

    # ── searching ─────────────────────────────────────────────────────────────

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, lambda: self._start(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._debounce is not None:
            self._debounce.stop()
        if event.value.strip() != self._query:
            self._start(event.value)
        elif self._hits:
            self.action_to_results()

    def _start(self, query: str) -> None:
        query = query.strip()
        self._query = query
        if len(query) < MIN_QUERY:
            self._hits = []
            self.query_one("#search-results", OptionList).clear_options()
            self._status(HELP_TEXT)
            return
        self._status("Searching…")
        self._search(query)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        # Reading every session file may take a moment with a long history: off the UI thread.
        worker = get_current_worker()
        try:
            hits = search_sessions(self.app.store, query, limit=HIT_LIMIT)
        except StorageError as error:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, error.message)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, query, hits)

    def _failed(self, message: str) -> None:
        self._status("The search stopped at a file it couldn't read.")
        self.notify(
            one_line(message), title="Couldn't search", severity="error", timeout=15, markup=False
        )

    def _show(self, query: str, hits: list[SearchHit]) -> None:
        if query != self._query:
            return  # the coach has typed on; a newer search is coming
        self._hits = hits
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        # Margins, border, padding and a scrollbar.
        width = max(20, self.size.width - 7)
        results.add_options(self._option(index, hit, width) for index, hit in enumerate(hits))
        if hits:
            results.highlighted = 0
        sessions = len({hit.session_id for hit in hits})
        if not hits:
            self._status(f"Nothing matches “{one_line(query, 40)}”.")
        else:
            more = " (first 200 — add a word to narrow it)" if len(hits) >= HIT_LIMIT else ""
            self._status(
                f"{len(hits)} match{'es' if len(hits) != 1 else ''} in {sessions} "
                f"session{'s' if sessions != 1 else ''}{more} · ↓ to the list, enter opens the session"
            )

    def _option(self, index: int, hit: SearchHit, width: int) -> Option:
        """Two rows: where it was said, then the words around the match."""
        today = self.app.clock().date()
        kind = KIND_LABELS.get(hit.kind, hit.kind.value)
        kind_style = "$text-warning bold" if hit.kind is EntryKind.PRIVATE else MUTED
        where = Content.assemble(
            (one_line(hit.client_name, 32), "bold"),
            (f" · session {hit.session_number} · {short_day(hit.started.date(), today)} · ", MUTED),
            (kind, kind_style),
        )
        row, start, end = excerpt(hit.text, self._query, max(10, width - INDENT))
        words = Content(row)
        if end > start:
            words = words.stylize("bold reverse", start, end)
        return Option(Content.assemble(where, "\n", " " * INDENT, words), id=str(index))

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(Content(text))

    # ── moving on ─────────────────────────────────────────────────────────────

    def action_to_results(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.option_count:
            # At once, not after the queued keys (what focus() does): "down enter" typed
            # together must open the hit, not send enter to the query field.
            self.set_focus(results)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        from sessionpad.ui.screens.session_page import SessionPageScreen

        hit = self._hits[int(event.option.id or 0)]
        # Pushed over the search, not instead of it: esc on the page finds it as it was.
        self.app.push_screen(SessionPageScreen(hit.session_id, seq=hit.seq))

    def action_back(self) -> None:
        self.dismiss()

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("Back to home", "Leave the search", self.action_back)
