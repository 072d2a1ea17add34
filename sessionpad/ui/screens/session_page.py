"""One past session's page, read-only: its timeline, and the doors to both summaries and to
the corrections of SPEC §4a.

Opened from the client's history, from a search hit (scrolled to the matching entry, which
is highlighted) and from Home's recent sessions; ``esc`` goes back to whichever it was, as
it was left.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from sessionpad.core import capture as cap
from sessionpad.core.history import session_minutes
from sessionpad.core.models import Audience, Client, Session, SessionStatus
from sessionpad.core.sanitize import one_line
from sessionpad.core.when import short_day
from sessionpad.storage.store import StorageError
from sessionpad.ui.commands import PaletteCommand
from sessionpad.ui.present import client_heading
from sessionpad.ui.typed_app import OnSessionpadApp
from sessionpad.ui.widgets.page_timeline import PageTimeline
from sessionpad.ui.widgets.timeline import TimelineList

if TYPE_CHECKING:
    from sessionpad.ui.screens.corrections import CorrectionsScreen

HINT = "↑↓ read · e d p or r correct the record · s/o re-save, copy, send · esc back"


def page_heading(client: Client, session: Session, today: date) -> Text:
    """``Dana (she/her) · session 3 · Fri 20 Nov, 14:00 · 58 min``, and the status when it
    is not ended (``interrupted``, ``live``)."""
    heading = client_heading(client)
    started = session.started
    heading.append(
        f" · session {session.number} · {short_day(started.date(), today)}, {started:%H:%M}"
        f" · {session_minutes(session)} min",
        style="dim",
    )
    if session.status is not SessionStatus.ENDED:
        heading.append(f" · {session.status.value}", style="bold")
    return heading


class SessionPageScreen(OnSessionpadApp, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "summary('client')", "Client summary"),
        Binding("o", "summary('coach')", "Own record"),
        Binding("r", "correct", "Correct"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, session_id: str, *, seq: int | None = None) -> None:
        super().__init__()
        self.session_id = session_id
        #: The entry to open at (a search hit), highlighted.
        self.seq = seq
        self.session: Session | None = None
        self._problem = ""
        self._first: tuple[Session, Client] | None = None
        self._loaded_once = False

    def compose(self) -> ComposeResult:
        yield Static(id="page-header")
        loaded = self._first = self._load()
        if loaded is not None:
            session, client = loaded
            yield PageTimeline(session.started, client, id="timeline")
        yield Static(id="page-hint")
        yield Footer()

    def on_mount(self) -> None:
        self._show(self._first)  # read once, for compose: 500 entries needn't be read twice

    def on_screen_resume(self) -> None:
        # Back from the corrections or a summary: the record may have changed.
        if self._loaded_once:
            self.refresh_data()
        self._loaded_once = True

    def _load(self) -> tuple[Session, Client] | None:
        store = self.app.store
        try:
            session = store.load_session(self.session_id)
            client = store.client(session.client_id)
        except StorageError as error:
            self._problem = f"couldn't read this session: {error.message}"
            return None
        if client is None:
            self._problem = "this session has no client on record"
            return None
        self._problem = ""
        return session, client

    def refresh_data(self) -> None:
        self._show(self._load())

    def _show(self, loaded: tuple[Session, Client] | None) -> None:
        timelines = self.query(TimelineList)
        if loaded is None or not timelines:
            self._say(self._problem or "couldn't read this session", error=True)
            return
        session, client = loaded
        self.session = session
        self.query_one("#page-header", Static).update(
            page_heading(client, session, self.app.clock().date())
        )
        timeline = timelines.first()
        timeline.started, timeline.client = session.started, client
        timeline.show_entries(session.entries)
        if not session.entries:
            self._say("this session has no entries · " + HINT)
            return
        self._say(HINT)
        timeline.can_focus = True
        timeline.focus()
        timeline.highlighted = self._index_of(session, self.seq)
        # After the timeline's own deferred scroll to its end, or that one would win.
        timeline.call_after_refresh(timeline.scroll_to_highlight)

    @staticmethod
    def _index_of(session: Session, seq: int | None) -> int:
        """The entry to highlight: the one asked for (or the nearest after it), else the last."""
        if seq is not None:
            for index, entry in enumerate(session.entries):
                if entry.seq >= seq:
                    return index
        return len(session.entries) - 1

    def _say(self, message: str, *, error: bool = False) -> None:
        hint = self.query_one("#page-hint", Static)
        hint.set_class(error, "error")
        hint.update(Text(one_line(message)))

    # ── keys ──────────────────────────────────────────────────────────────────

    @on(TimelineList.Correction)
    def _correction_asked(self, event: TimelineList.Correction) -> None:
        # The page is read-only: corrections are made on the corrections screen, where the
        # bar is. An edit starts there at once (esc leaves it as it was); a delete or a
        # make-private only selects the line there, so one more key does it, deliberately.
        event.stop()
        command = event.command
        screen = self._open_corrections()
        if screen is None:
            return
        if isinstance(command, cap.EditEntry):
            screen.call_after_refresh(lambda: screen.post_message(TimelineList.Correction(command)))
        elif isinstance(command, cap.DeleteEntry | cap.MakePrivate):
            number = command.number
            screen.call_after_refresh(lambda: self._select_there(screen, number))

    @staticmethod
    def _select_there(screen: CorrectionsScreen, seq: int) -> None:
        screen.action_focus_timeline()
        timeline = screen.query_one(TimelineList)
        for index in range(timeline.option_count):
            if timeline.get_option_at_index(index).id == str(seq):
                timeline.highlighted = index
                break

    @on(TimelineList.Left)
    def _left(self, event: TimelineList.Left) -> None:
        event.stop()
        self.action_back()

    def action_summary(self, audience: str) -> None:
        from sessionpad.ui.screens.summary import SummaryScreen

        if self.session is None:
            return
        self.seq = self.query_one(TimelineList).selected_seq or self.seq
        self.app.push_screen(SummaryScreen(self.session_id, Audience(audience), from_history=True))

    def action_correct(self) -> None:
        self._open_corrections()

    def _open_corrections(self) -> CorrectionsScreen | None:
        from sessionpad.core.past_session import PastSession
        from sessionpad.ui.screens.corrections import CorrectionsScreen

        if self.session is None:
            return None
        if self.session.status is not SessionStatus.ENDED:
            self._say("this session is not finished — resume it from the brief", error=True)
            return None
        try:
            past = PastSession.open(self.app.store, self.session_id, clock=self.app.clock)
        except (StorageError, ValueError) as error:
            self._say(getattr(error, "message", str(error)), error=True)
            return None
        self.seq = self.query_one(TimelineList).selected_seq or self.seq
        screen = CorrectionsScreen(past, back_to="the session page")
        self.app.push_screen(screen)
        return screen

    def action_back(self) -> None:
        self.dismiss()

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand(
            "Client summary", "Re-save, copy or send again", lambda: self.action_summary("client")
        )
        yield PaletteCommand(
            "Your own record", "The coach's summary", lambda: self.action_summary("coach")
        )
        yield PaletteCommand(
            "Correct the record", "Edit, delete, make private", self.action_correct
        )
        yield PaletteCommand("Back", "Where you came from", self.action_back)
