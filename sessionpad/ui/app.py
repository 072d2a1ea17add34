"""The Textual application: owns the store, routes between screens, guards the live session."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from sessionpad.core.models import Session, SessionStatus, now_local
from sessionpad.core.sanitize import clean_text, joined_lines, one_line
from sessionpad.storage.store import StorageError, Store
from sessionpad.ui import collector, messages
from sessionpad.ui.commands import SessionpadCommands
from sessionpad.ui.feedback import notify_storage_error
from sessionpad.ui.styles import stylesheet

if TYPE_CHECKING:
    from textual.driver import Driver

    # The live-session core is loaded when a session starts, not to paint Home.
    from sessionpad.core.live import Clock, LiveSession

PROBLEM_CHECK_SECONDS = 2.0

STYLESHEETS = (
    "app.tcss",
    "home.tcss",
    "brief.tcss",
    "live.tcss",
    "dialogs.tcss",
    "summary.tcss",
    "prompts.tcss",
    "corrections.tcss",
    "history.tcss",
    "records.tcss",
)


class SessionpadApp(App[int]):
    TITLE = "sessionpad"
    CSS_PATH: ClassVar = [stylesheet(name) for name in STYLESHEETS]
    COMMANDS: ClassVar = App.COMMANDS | {SessionpadCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        store: Store,
        *,
        start_client: str | None = None,
        minutes: int = 60,
        handle_signals: bool = True,
        clock: Clock = now_local,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        collector.hold()
        self.store = store
        self.clock = clock
        self._start_client = start_client
        self._start_minutes = minutes
        self._handle_signals = handle_signals
        self._notice = notice
        self._problems_shown = 0
        self.live: LiveSession | None = None
        from sessionpad.ui.readable import with_readable_red

        self.ansi_theme_dark = with_readable_red(self.ansi_theme_dark)
        #: The one line left on the terminal after a deliberate quit, if a session waits.
        self.farewell: str | None = None

    def get_css_variables(self) -> dict[str, str]:
        """The theme's colours, with the corrections that keep every text at WCAG AA."""
        from sessionpad.ui.readable import readable_variables

        variables = {**super().get_css_variables(), **readable_variables(self.current_theme.name)}
        self.theme_variables = variables
        return variables

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, but in a real terminal one whose paste never becomes keys."""
        from sessionpad.ui.driver import guarded

        return guarded(super().get_driver_class())

    async def on_event(self, event: events.Event) -> None:
        # Every field, not only the capture bar, shows what is pasted into it, and Textual
        # passes escape sequences in widget text to the terminal raw (PITFALLS.md).
        if isinstance(event, events.Paste) and not event.is_forwarded:
            cleaned = clean_text(event.text)
            if self._takes_one_line():
                # Textual's Input keeps only a paste's first line; nothing is dropped silently.
                cleaned = joined_lines(cleaned)
            if cleaned != event.text:
                event = events.Paste(cleaned)
        await super().on_event(event)

    def _takes_one_line(self) -> bool:
        from textual.widgets import Input

        from sessionpad.ui.widgets.capture_bar import CaptureBar

        focused = self.focused
        return isinstance(focused, Input) and not isinstance(focused, CaptureBar)

    def get_default_screen(self) -> Screen:
        """Home is the first screen itself, so start-up paints one screen, not two.

        With ``sessionpad start`` the live room comes first: Home is built only when the
        coach goes there, rather than composed and styled just to sit underneath.
        """
        if self._start_client:
            return Screen()
        from sessionpad.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.call_after_refresh(collector.release)
        if self._handle_signals:
            self._install_signal_handlers()
        self._show_new_problems()
        # A bad record can turn up later, when a session is first read: say so then too.
        self.set_interval(PROBLEM_CHECK_SECONDS, self._show_new_problems)
        if self._notice:
            self.notify(one_line(self._notice), timeout=10, markup=False)
        if self._start_client:
            # Straight in, before the first paint: Home is never drawn just to be covered.
            self.on_start_session(messages.StartSession(self._start_client, self._start_minutes))

    def _show_new_problems(self) -> None:
        problems = self.store.problems
        for problem in problems[self._problems_shown :]:
            self.notify(
                one_line(problem), title="Data check", severity="warning", timeout=15, markup=False
            )
        self._problems_shown = len(problems)

    def _install_signal_handlers(self) -> None:
        """SIGTERM/SIGHUP end the app even when its event loop is stuck (sessionpad.shutdown)."""
        import asyncio

        from sessionpad.shutdown import guard

        loop = asyncio.get_running_loop()
        guard.install()
        guard.attach(
            request_exit=lambda: loop.call_soon_threadsafe(self._on_signal),
            interrupt=self._interrupt_live_session,
        )

    def _on_signal(self) -> None:
        self._interrupt_live_session()
        self.exit(1)

    def _interrupt_live_session(self) -> None:
        if self.live is not None and self.live.session.status is SessionStatus.LIVE:
            # Every confirmed entry is already on disk; the status is a courtesy.
            with contextlib.suppress(StorageError):
                self.live.mark_interrupted()

    def _handle_exception(self, error: Exception) -> None:
        """Textual would print a traceback over the coach's terminal; save a report instead.

        Headless runs (tests, benchmarks) keep Textual's behaviour so failures stay loud.
        """
        if self.is_headless:
            super()._handle_exception(error)
            return
        from sessionpad.crash import crash_message, write_crash_report

        self._interrupt_live_session()
        report = write_crash_report(self.store.data_dir, error)
        self.exit(1, return_code=1, message=Text(crash_message(report)))

    async def action_quit(self) -> None:
        """A deliberate quit: mid-session it asks first; leaving says how to come back."""
        live = self.live
        if live is None or live.session.status is not SessionStatus.LIVE:
            self._leave()
            return
        from sessionpad.ui.screens.leave import LeaveScreen, Leaving

        if isinstance(self.screen, LeaveScreen):
            self.screen.dismiss(Leaving.LATER)  # a second ctrl+q means it
            return
        minutes = int(live.elapsed_minutes())
        self.push_screen(LeaveScreen(live.session, live.client, minutes), self._left)

    def _left(self, answer: str | None) -> None:
        from sessionpad.ui.screens.leave import Leaving
        from sessionpad.ui.screens.live import LiveScreen

        if answer == Leaving.LATER:
            self._leave()
        elif answer == Leaving.END:
            while len(self.screen_stack) > 1 and not isinstance(self.screen, LiveScreen):
                self.pop_screen()
            if isinstance(self.screen, LiveScreen):
                self.screen.action_end()

    def _leave(self) -> None:
        live = self.live
        if (
            live is not None
            and live.session.status is SessionStatus.LIVE
            and not live.session.entries
        ):
            # Nothing was captured: no record of a 0-minute session is left behind.
            with contextlib.suppress(StorageError):
                self.store.discard_empty_session(live.session)
                self.live = None
        self._interrupt_live_session()
        self.farewell = self._resume_hint()
        self.exit(0, message=Text(self.farewell) if self.farewell else None)

    def _resume_hint(self) -> str | None:
        from sessionpad.core.leaving import resume_hint

        try:
            headers = self.store.session_headers()
        except StorageError:
            return None
        unfinished = []
        for header in headers:
            client = self.store.client(header.client_id)
            if header.status is not SessionStatus.ENDED and client is not None:
                unfinished.append((header, client))
        return resume_hint(unfinished)

    def on_unmount(self) -> None:
        collector.release()  # an app that ends before its first paint
        self._interrupt_live_session()
        if self._handle_signals:
            from sessionpad.shutdown import guard

            guard.detach()

    # ── routing ────────────────────────────────────────────────────────────────

    def on_open_brief(self, message: messages.OpenBrief) -> None:
        from sessionpad.ui.screens.brief import BriefScreen

        self.push_screen(BriefScreen(message.client_id))

    def on_start_session(self, message: messages.StartSession) -> None:
        try:
            headers = self.store.session_headers(message.client_id)
        except StorageError as error:  # e.g. that client's file is from a newer sessionpad
            notify_storage_error(self, error, "Couldn't start the session")
            self._leave_blank_screen()
            return
        interrupted = [header for header in headers if header.status is not SessionStatus.ENDED]
        if not interrupted:
            self._begin(message.client_id, message.minutes)
            return
        from sessionpad.ui.screens.resume import ResumeScreen

        latest = interrupted[-1]
        client = self.store.client(message.client_id)
        try:
            waiting = self.store.load_session(latest.id)
        except StorageError as error:
            notify_storage_error(self, error, "Couldn't open the unfinished session")
            self._leave_blank_screen()
            return

        def chosen(resume: bool | None) -> None:
            if resume:
                self.post_message(messages.ResumeSession(latest.id))
            elif resume is False:
                try:
                    self._close_unfinished(interrupted)
                except StorageError as error:
                    notify_storage_error(self, error, "Couldn't close the unfinished session")
                    self.post_message(messages.GoHome())
                    return
                self._begin(message.client_id, message.minutes)
            else:
                self.post_message(messages.GoHome())

        self.push_screen(ResumeScreen(waiting, client), chosen)

    def _close_unfinished(self, sessions: list[Session]) -> None:
        """Starting afresh: earlier unfinished sessions end where their last entry stands."""
        for header in sessions:
            session = self.store.load_session(header.id)
            if not session.entries:
                # Nothing happened in it: no "0 min · ended" session stays on record.
                self.store.discard_empty_session(session)
                continue
            session.status = SessionStatus.ENDED
            session.ended = session.entries[-1].at if session.entries else session.started
            self.store.save_session_header(session)

    def _begin(self, client_id: str, minutes: int) -> None:
        client = self.store.client(client_id)
        if client is None:
            self.notify("that client is not on record", severity="error", markup=False)
            self._leave_blank_screen()
            return
        from sessionpad.core.live import LiveSession

        try:
            live = LiveSession.start(self.store, client, minutes, clock=self.clock)
        except StorageError as error:
            notify_storage_error(self, error, "Couldn't start the session")
            self._leave_blank_screen()
            return
        self._enter_live(live)

    def _leave_blank_screen(self) -> None:
        """``sessionpad start`` failed before the live room opened: show Home, not nothing."""
        if type(self.screen) is Screen:
            self.post_message(messages.GoHome())

    def on_resume_session(self, message: messages.ResumeSession) -> None:
        from sessionpad.core.live import LiveSession

        try:
            live = LiveSession.resume(self.store, message.session_id, clock=self.clock)
        except (StorageError, ValueError) as error:
            self.notify(
                one_line(getattr(error, "message", str(error))), severity="error", markup=False
            )
            self._leave_blank_screen()
            return
        self._enter_live(live)
        self.notify("resumed where you left off — every confirmed entry is here", markup=False)

    def _enter_live(self, live: LiveSession) -> None:
        from sessionpad.ui.screens.live import LiveScreen

        self.live = live
        self.push_screen(LiveScreen(live))

    def on_show_summary(self, message: messages.ShowSummary) -> None:
        from sessionpad.ui.screens.summary import SummaryScreen

        self.live = None
        self.switch_screen(SummaryScreen(message.session_id))

    def on_go_home(self, _message: messages.GoHome) -> None:
        from sessionpad.ui.screens.home import HomeScreen

        self.live = None
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_data()
        else:
            self.push_screen(HomeScreen())  # over the blank screen `sessionpad start` began on
