"""A client's history: every session, newest first; enter opens the session's page."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.widgets.data_table import CellDoesNotExist
from textual.worker import get_current_worker

from sessionpad.core.history import HistoryRow, client_history, entry_counts
from sessionpad.core.sanitize import one_line
from sessionpad.core.when import short_day
from sessionpad.storage.store import StorageError
from sessionpad.ui.commands import PaletteCommand
from sessionpad.ui.feedback import notify_storage_error
from sessionpad.ui.typed_app import OnSessionpadApp

NO_SESSIONS_TEXT = "No sessions yet — start one from the brief with enter."
#: Shown in the entries column until that session's file has been read.
COUNTING = "…"
#: Rows added before the first paint, at least (more on a taller terminal).
FIRST_ROWS = 40


def promise_cell(row: HistoryRow) -> Text:
    """``2 made · 1 resolved``, or a dash when the session touched no promise."""
    parts = []
    if row.promises_made:
        parts.append(f"{row.promises_made} made")
    if row.promises_resolved:
        parts.append(f"{row.promises_resolved} resolved")
    return Text(" · ".join(parts) or "—", style="" if parts else "dim")


def status_cell(row: HistoryRow) -> Text:
    return Text(row.status_label, style="dim" if row.finished else "bold")


def when_cell(row: HistoryRow, today: date) -> Text:
    started = row.session.started
    return Text(f"{short_day(started.date(), today)}, {started:%H:%M}")


class HistoryScreen(OnSessionpadApp, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the table's own enter would select the row without opening it.
        Binding("enter", "open_session", "Open", priority=True),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.rows: list[HistoryRow] = []
        self._filling = 0
        self._loaded_once = False

    def compose(self) -> ComposeResult:
        yield Static(id="history-title")
        yield Static(NO_SESSIONS_TEXT, id="history-empty", markup=False)
        yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#history", DataTable)
        table.add_column("No.", key="number")
        table.add_column("When", key="when")
        table.add_column("Length", key="length")
        table.add_column("Status", key="status")
        table.add_column("Entries", key="entries")
        table.add_column("Promises", key="promises")
        self.refresh_data()
        table.focus()

    def on_screen_resume(self) -> None:
        # Back from a session page, where corrections may have changed the counts.
        if self._loaded_once:
            self.refresh_data()
        self._loaded_once = True

    # ── data ──────────────────────────────────────────────────────────────────

    def refresh_data(self) -> None:
        store = self.app.store
        try:
            client = store.client(self.client_id)
            rows = client_history(store, self.client_id)
        except StorageError as error:
            notify_storage_error(self, error, "Couldn't read")
            return
        except ValueError as error:
            self.notify(one_line(str(error)), severity="error", markup=False)
            return
        self.rows = rows
        name = one_line(client.name, 40) if client is not None else "Client"
        count = len(rows)
        title = Text.assemble(
            (name, "bold"),
            (f" · history · {count} session{'s' if count != 1 else ''}", "dim"),
        )
        self.query_one("#history-title", Static).update(title)
        self.set_class(not rows, "-empty")
        self._filling += 1
        keep = self.highlighted_session_id()
        table = self.query_one("#history", DataTable)
        table.clear()
        # A screenful first, the rest after the first paint: a long history opens at once,
        # and what is on show is the newest sessions, complete.
        first = max(FIRST_ROWS, self.app.size.height)
        self._add_rows(rows[:first])
        self.call_after_refresh(self._finish_fill, self._filling, rows[first:], keep)

    def _finish_fill(self, filling: int, rest: list[HistoryRow], keep: str | None) -> None:
        if filling != self._filling:
            return  # refreshed again meanwhile: that fill has the newer rows
        self._add_rows(rest)
        table = self.query_one("#history", DataTable)
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        # Only now: a thread reading files during the paint would slow the paint itself.
        self._count_entries([row.session.id for row in self.rows])

    def _add_rows(self, rows: list[HistoryRow]) -> None:
        table = self.query_one("#history", DataTable)
        today = self.app.clock().date()
        for row in rows:
            table.add_row(
                Text(f"#{row.session.number}"),
                when_cell(row, today),
                Text(f"{row.minutes} min"),
                status_cell(row),
                Text(COUNTING, style="dim"),
                promise_cell(row),
                key=row.session.id,
            )

    @work(thread=True, exclusive=True, group="history-entries")
    def _count_entries(self, session_ids: list[str]) -> None:
        # One file per session: read after the list is on show, so a long history opens at once.
        worker = get_current_worker()
        counts: dict[str, int | None] = {}
        for session_id, count in entry_counts(self.app.store, session_ids):
            if worker.is_cancelled:
                return
            counts[session_id] = count
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_counts, counts)

    def _show_counts(self, counts: dict[str, int | None]) -> None:
        table = self.query_one("#history", DataTable)
        for session_id, count in counts.items():
            if session_id not in table.rows:
                continue
            cell = Text("unreadable", style="bold") if count is None else Text(str(count))
            table.update_cell(session_id, "entries", cell)

    def highlighted_session_id(self) -> str | None:
        table = self.query_one("#history", DataTable)
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except CellDoesNotExist:
            return None

    # ── actions ───────────────────────────────────────────────────────────────

    def action_open_session(self) -> None:
        from sessionpad.ui.screens.session_page import SessionPageScreen

        session_id = self.highlighted_session_id()
        if session_id is None:
            self.notify("No session to open yet.", severity="warning", markup=False)
            return
        self.app.push_screen(SessionPageScreen(session_id))

    def action_back(self) -> None:
        self.dismiss()

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand(
            "Open session", "The highlighted session's page", self.action_open_session
        )
        yield PaletteCommand("Back to the brief", "Leave the history", self.action_back)
