"""Home: the coach's clients and their recent sessions; the door to a brief, a new client, search."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color, ColorParseError
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.widgets.data_table import CellDoesNotExist

from sessionpad.core.models import Client, SessionStatus
from sessionpad.core.overview import ClientRow, client_overview
from sessionpad.core.sanitize import one_line
from sessionpad.core.session_row import SessionRow
from sessionpad.core.when import short_day
from sessionpad.storage.store import StorageError
from sessionpad.ui import messages
from sessionpad.ui.commands import PaletteCommand
from sessionpad.ui.feedback import notify_storage_error
from sessionpad.ui.typed_app import OnSessionpadApp
from sessionpad.ui.widgets.coach_record import CoachRecordBar
from sessionpad.ui.widgets.retention_notice import RetentionNotice

#: How many sessions the "Recent sessions" list shows.
RECENT_LIMIT = 12

EMPTY_TEXT = (
    "No clients yet.\n\n"
    "Press n to add your first client: a name is enough to begin, and pronouns or "
    "context can come later.\n"
    "Then press enter on their name for the brief, and enter again to start a session.\n\n"
    "Want to look around first? Quit with q and run  sessionpad demo  for a sample "
    "client with a few sessions of history."
)
NO_SESSIONS_TEXT = "No sessions yet — open a client with enter and start one from the brief."


class HomeScreen(OnSessionpadApp, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the tables' own enter would swallow it and hide it from the Footer.
        Binding("enter", "open_brief", "Open brief", priority=True),
        Binding("n", "new_client", "New client"),
        Binding("s", "search", "Search"),
        Binding("slash", "search", "Search", show=False),
        Binding("p", "prompts", "Prompts"),
        Binding("comma", "settings", "Settings", key_display=","),
        Binding("a", "archive", "Archive", show=False),
        Binding("delete", "delete_client", "Delete", key_display="del", show=False),
        Binding("A", "toggle_archived", "Archived", show=False),
        Binding("R", "retention", "Retention", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._session_clients: dict[str, str] = {}
        self._loaded_once = False
        #: Showing the archived clients (to restore or delete) instead of the others.
        self.showing_archived = False

    def compose(self) -> ComposeResult:
        yield Static(id="home-title")
        yield RetentionNotice()
        with Vertical(id="home-body"):
            yield Static(EMPTY_TEXT, id="home-empty", markup=False)
            with Vertical(id="clients-panel", classes="panel"):
                yield DataTable(id="clients", cursor_type="row", zebra_stripes=True)
            with Vertical(id="recent-panel", classes="panel"):
                yield Static(NO_SESSIONS_TEXT, id="recent-empty", markup=False)
                yield DataTable(id="recent", cursor_type="row")
        yield CoachRecordBar(id="coach-record")
        yield Footer()

    def on_mount(self) -> None:
        # Labels as Text: a str label is parsed as markup, and that loads Rich's emoji
        # table (~4 ms of start-up) for nothing.
        clients = self.query_one("#clients", DataTable)
        clients.add_column(Text("Client"), key="name")
        clients.add_column(Text("Pronouns"), key="pronouns")
        clients.add_column(Text("Last session"), key="last")
        clients.add_column(Text("Open promises"), key="open")
        recent = self.query_one("#recent", DataTable)
        recent.add_column(Text("Client"), key="name")
        recent.add_column(Text("When"), key="when")
        recent.add_column(Text("No."), key="number")
        recent.add_column(Text("Length"), key="length")
        recent.add_column(Text("Status"), key="status")
        self.query_one("#clients-panel").border_title = "Clients"
        self.query_one("#recent-panel").border_title = "Recent sessions"
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_data())
        self.refresh_data()
        clients.focus()

    def on_screen_resume(self) -> None:
        # Back from a brief or a session: promises may have been kept, sessions added.
        # The first resume comes with the mount, which has just loaded everything.
        if self._loaded_once:
            self.refresh_data()
        self._loaded_once = True

    # ── data ──────────────────────────────────────────────────────────────────

    def refresh_data(self) -> None:
        store = self.app.store
        today = self.app.clock().date()
        try:
            everyone = store.clients()
            headers = store.session_rows()
            rows = client_overview(store, today, headers, archived=self.showing_archived)
            self.query_one(RetentionNotice).show(store, today, headers)
        except StorageError as error:
            notify_storage_error(self, error, "Couldn't read")
            return
        # An archived client's sessions leave Recent sessions with them.
        clients = [c for c in everyone if c.archived == self.showing_archived]
        shown = {c.id for c in clients}
        headers = [h for h in headers if h.client_id in shown]
        self.set_class(not rows and not self.showing_archived, "-empty")
        self._fill_clients(rows, today)
        self._fill_recent(clients, headers, today)
        self.query_one(CoachRecordBar).load(store, today, headers)
        count = len(rows)
        kind = "archived client" if self.showing_archived else "client"
        title = Text.assemble(
            ("sessionpad", "bold"),
            f"  ·  {count} {kind}{'s' if count != 1 else ''}",
            f"  ·  {short_day(today, today)}",
        )
        self.query_one("#home-title", Static).update(title)
        panel = "Archived clients — a restores, A goes back" if self.showing_archived else "Clients"
        self.query_one("#clients-panel").border_title = f"{panel} · {count}"

    def _fill_clients(self, rows: list[ClientRow], today: date) -> None:
        table = self.query_one("#clients", DataTable)
        keep = self._cursor_key(table)
        table.clear()
        warning = self._theme_style("text-warning", bold=True)
        for row in rows:
            client = row.client
            opened = Text(str(row.open_promises) if row.open_promises else "none")
            if row.overdue:
                opened.append(f" · {row.overdue} overdue", style=warning)
            last = Text(short_day(row.last, today) if row.last else "not yet")
            if row.stopped:
                last, opened = Text(row.stop_label, style=warning), Text("?")
            table.add_row(
                Text(one_line(client.name, 28)),
                Text(one_line(client.pronouns, 12)),
                last,
                opened,
                key=client.id,
            )
        self._restore_cursor(table, keep)

    def _fill_recent(self, clients: list[Client], headers: list[SessionRow], today: date) -> None:
        table = self.query_one("#recent", DataTable)
        keep = self._cursor_key(table)
        table.clear()
        names = {client.id: client.name for client in clients}
        newest = sorted(headers, key=lambda s: (s.started, s.number), reverse=True)[:RECENT_LIMIT]
        self._session_clients = {s.id: s.client_id for s in newest}
        unfinished = self._theme_style("text-warning", bold=True)
        for session in newest:
            started = session.started
            if session.ended is not None:
                minutes = round((session.ended - started).total_seconds() / 60)
                length = f"{minutes} min"
            else:
                length = f"{session.planned_minutes} min planned"
            if session.status is SessionStatus.ENDED:
                status = Text("ended", style="italic")
            else:
                status = Text("⚠ unfinished", style=unfinished)
            table.add_row(
                Text(one_line(names.get(session.client_id, "unknown client"), 24)),
                Text(f"{short_day(started.date(), today)}, {started:%H:%M}"),
                Text(f"#{session.number}"),
                Text(length),
                status,
                key=session.id,
            )
        self._restore_cursor(table, keep)
        self.query_one("#recent-panel").set_class(not newest, "-none")

    def _theme_style(self, variable: str, *, bold: bool = False) -> Style:
        """A Rich style in the current theme's colour: DataTable cells are Rich, not Content."""
        try:
            colour = Color.parse(self.app.theme_variables[variable]).rich_color
        except (KeyError, ColorParseError):
            colour = None
        return Style(color=colour, bold=bold)

    @staticmethod
    def _cursor_key(table: DataTable) -> str | None:
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except CellDoesNotExist:  # a stale cursor after a clear: nothing to keep
            return None

    @staticmethod
    def _restore_cursor(table: DataTable, key: str | None) -> None:
        if key is None:
            return
        if key in table.rows:  # a row that is gone leaves the cursor at the top
            table.move_cursor(row=table.get_row_index(key))

    # ── actions ───────────────────────────────────────────────────────────────

    def _highlighted_client(self) -> str | None:
        focused = self.focused
        recent = self.query_one("#recent", DataTable)
        if focused is recent:
            key = self._cursor_key(recent)
            return self._session_clients.get(key) if key else None
        return self._cursor_key(self.query_one("#clients", DataTable))

    def action_open_brief(self) -> None:
        recent = self.query_one("#recent", DataTable)
        if self.focused is recent and (session_id := self._cursor_key(recent)):
            from sessionpad.ui.screens.session_page import SessionPageScreen

            # A recent session opens its own page; the client's brief is on the other list.
            self.app.push_screen(SessionPageScreen(session_id))
            return
        client_id = self._highlighted_client()
        if client_id is None:
            self.notify("No client yet — press n to add one.", severity="warning", markup=False)
            return
        self.post_message(messages.OpenBrief(client_id))

    def action_new_client(self) -> None:
        from sessionpad.ui.screens.new_client import NewClientScreen

        self.app.push_screen(NewClientScreen(), self._client_created)

    def _client_created(self, client: Client | None) -> None:
        if client is None:
            return
        self.refresh_data()
        table = self.query_one("#clients", DataTable)
        self._restore_cursor(table, client.id)
        table.focus()
        self.notify(f"Added {one_line(client.name, 40)} — press enter for the brief.", markup=False)

    def action_prompts(self) -> None:
        from sessionpad.ui.screens.prompt_library import PromptLibraryScreen

        self.app.push_screen(PromptLibraryScreen())

    def action_search(self) -> None:
        from sessionpad.ui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen())

    def action_settings(self) -> None:
        from sessionpad.ui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen())

    def action_archive(self) -> None:
        from sessionpad.ui.client_records import archive_or_restore

        archive_or_restore(self, self._highlighted_client())

    def action_delete_client(self) -> None:
        from sessionpad.ui.client_records import ask_to_delete

        ask_to_delete(self, self._highlighted_client())

    def action_retention(self) -> None:
        from sessionpad.ui.screens.retention import RetentionScreen

        screen = RetentionScreen(self.app.store, self.app.clock().date())
        self.app.push_screen(screen, lambda _: self.refresh_data())

    def action_toggle_archived(self) -> None:
        self.showing_archived = not self.showing_archived
        self.refresh_data()
        self.query_one("#clients", DataTable).focus()

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("Open brief", "The highlighted client's brief", self.action_open_brief)
        yield PaletteCommand("New client", "Add a client", self.action_new_client)
        yield PaletteCommand("Search sessions", "Find words in every session", self.action_search)
        yield PaletteCommand(
            "Prompt library", "Your question deck: add, edit, star, retire", self.action_prompts
        )
        yield PaletteCommand(
            "Settings", "Your name, and how a summary e-mail opens and closes", self.action_settings
        )
        yield PaletteCommand(
            "Archive or restore client",
            "Off Home and the client list, every record kept (a)",
            self.action_archive,
        )
        yield PaletteCommand(
            "Delete client",
            "Everything of theirs, for good, after typing their name (del)",
            self.action_delete_client,
        )
        yield PaletteCommand(
            "Archived clients", "Show archived clients, or go back (A)", self.action_toggle_archived
        )
        yield PaletteCommand(
            "Retention", "How long records are kept, and who is past it (R)", self.action_retention
        )
