"""Ending a session: settle today's and carried promises, book the next one, then close.

Each open promise gets a decision (kept, missed, renegotiated with a new WHEN, released,
or left open, the default). The next session is booked here (WHEN + time) or left "not
booked" — never invented. Nothing is written until the coach confirms with ctrl+s / F10.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static

from sessionpad.core.booking import (
    Booking,
    BookingError,
    check_ahead,
    is_not_booked,
    parse_booking,
)
from sessionpad.core.live import LiveSession
from sessionpad.core.models import Promise, PromiseStatus
from sessionpad.core.sanitize import one_line
from sessionpad.core.when import Due, WhenError, describe_due, parse_when
from sessionpad.storage.store import StorageError
from sessionpad.ui.present import display, owner_label

EXAMPLE_BOOKING = "next friday 2pm · fri 14:00 45 min · not booked"

CHOICES: dict[str, str] = {
    "open": "leave open",
    PromiseStatus.KEPT: "kept",
    PromiseStatus.MISSED: "missed",
    PromiseStatus.RENEGOTIATED: "renegotiate",
    PromiseStatus.RELEASED: "released",
}


class EndScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Short words, the finishing keys first: the Footer holds them all at 80 columns.
        Binding("ctrl+s,f10", "finish", "end", key_display="^s"),
        Binding("escape", "back", "back"),
        Binding("k", "choose('kept')", "kept"),
        Binding("m", "choose('missed')", "missed"),
        Binding("r", "choose('renegotiated')", "new date"),
        Binding("x", "choose('released')", "released"),
        Binding("o", "choose('open')", "open"),
        Binding("b", "book", "book"),
        Binding("n", "not_booked", "not booked"),
    ]

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live
        self.open_promises: list[Promise] = [p for p in live.numbered_promises if p.is_open]
        self.choices: dict[str, str] = {p.id: "open" for p in self.open_promises}
        self.new_due: dict[str, Due] = {}
        self.booking: Booking | None = _booking_of(live)

    def compose(self) -> ComposeResult:
        with Vertical(id="end-dialog", classes="dialog"):
            yield Static(Text("End the session", style="bold"), classes="dialog-title")
            yield Static(self._intro(), id="end-intro")
            yield OptionList(id="end-promises")
            yield Input(
                placeholder="new date: next friday, 4 Dec, friday 2pm, in 3 days", id="end-when"
            )
            yield Static(id="end-booking")
            yield Input(placeholder=f"WHEN + time: {EXAMPLE_BOOKING}", id="end-book")
            yield Static(id="end-message")
            yield Static(Text(self._keys(), style="dim"), classes="dialog-keys")
        yield Footer(compact=True)

    def _keys(self) -> str:
        booking = "b book next · n not booked · ctrl+s end · esc back"
        if not self.open_promises:
            return booking
        return "k kept · m missed · r renegotiate · x released · o leave open\n" + booking

    def _intro(self) -> str:
        if not self.open_promises:
            return (
                "No open promises to settle. Book the next session below, or leave it "
                "not booked; ctrl+s ends the session and shows the summary."
            )
        return "Settle what you can; anything left open is carried to the next session."

    def on_mount(self) -> None:
        self.query_one("#end-when", Input).display = False
        self._show_choices()
        self._show_booking()
        options = self.query_one("#end-promises", OptionList)
        options.display = bool(self.open_promises)
        if self.open_promises:
            options.highlighted = 0
            options.focus()
        else:
            self.query_one("#end-book", Input).focus()

    # ── the next session ───────────────────────────────────────────────────────

    def _show_booking(self) -> None:
        line = Text("Next session: ", style="bold")
        if self.booking is None:
            line.append("not booked", style="dim")
        else:
            line.append(_describe(self.booking, self.live))
        self.query_one("#end-booking", Static).update(line)

    def action_book(self) -> None:
        self.query_one("#end-book", Input).focus()

    def action_not_booked(self) -> None:
        self.booking = None
        self.query_one("#end-book", Input).value = ""
        self._show_booking()
        self._say("")

    @on(Input.Submitted, "#end-book")
    def _booked(self, event: Input.Submitted) -> None:
        if self._take_booking():
            self._focus_list()

    def _take_booking(self) -> bool:
        """Read what is typed in the booking field; False (and a message) if unreadable."""
        field = self.query_one("#end-book", Input)
        phrase = field.value
        if is_not_booked(phrase):
            if phrase.strip():
                self.booking = None
        else:
            try:
                booking = parse_booking(phrase, self.live.today)
                check_ahead(booking, self.live.clock())
                self.booking = booking
            except BookingError as error:
                self._say(str(error), error=True)
                return False
        field.value = ""
        self._say("")
        self._show_booking()
        return True

    def _focus_list(self) -> None:
        if self.open_promises:
            self.query_one("#end-promises", OptionList).focus()

    def _show_choices(self) -> None:
        options = self.query_one("#end-promises", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        today = self.live.today
        for number, promise in enumerate(self.open_promises, start=1):
            choice = self.choices[promise.id]
            line = Text(f"{number:>2} ")
            line.append(f"[{CHOICES[choice]:^11}] ", style="bold" if choice != "open" else "italic")
            line.append(f"{owner_label(promise.owner, self.live.client)}: ", style="bold")
            line.append(display(promise.text, 160))
            due = self.new_due.get(
                promise.id, Due(promise.due, promise.due_time) if promise.due else None
            )
            if due:
                line.append(f" · due {describe_due(due.day, today, due.time)}", style="italic")
            options.add_option(line)
        if highlighted is not None and self.open_promises:
            options.highlighted = min(highlighted, len(self.open_promises) - 1)

    def _current(self) -> Promise | None:
        index = self.query_one("#end-promises", OptionList).highlighted
        if index is None or not self.open_promises:
            return None
        return self.open_promises[index]

    def action_choose(self, choice: str) -> None:
        promise = self._current()
        if promise is None:
            return
        if choice == PromiseStatus.RENEGOTIATED:
            when = self.query_one("#end-when", Input)
            when.display = True
            when.value = ""
            when.focus()
            return
        self.choices[promise.id] = choice
        self.new_due.pop(promise.id, None)
        self._show_choices()

    @on(Input.Submitted, "#end-when")
    def _renegotiated(self, event: Input.Submitted) -> None:
        promise = self._current()
        if promise is None:
            return
        try:
            due = parse_when(event.value, self.live.today)
        except WhenError as error:
            self._say(str(error), error=True)
            return
        self.choices[promise.id] = PromiseStatus.RENEGOTIATED
        self.new_due[promise.id] = due
        event.input.display = False
        self._say("")
        self._show_choices()
        self.query_one("#end-promises", OptionList).focus()

    def _say(self, message: str, *, error: bool = False) -> None:
        widget = self.query_one("#end-message", Static)
        widget.set_class(error, "error")
        widget.update(Text(one_line(message)))

    def action_finish(self) -> None:
        live = self.live
        if not self._take_booking():
            self.query_one("#end-book", Input).focus()
            return
        try:
            for promise in self.open_promises:
                choice = self.choices[promise.id]
                if choice == "open":
                    continue
                if choice == PromiseStatus.RENEGOTIATED:
                    due = self.new_due[promise.id]
                    live.renegotiate_promise(promise, due.day, due.time)
                else:
                    live.resolve_promise(promise, PromiseStatus(choice))
                self.choices[promise.id] = "open"
            if self.booking is None:
                live.clear_booking()
            elif self.booking != _booking_of(live):
                live.book_next(self.booking.day, self.booking.time, self.booking.minutes)
            live.end()
        except StorageError as error:
            self._say(f"not saved — {error.message}. Nothing is lost; try again.", error=True)
            return
        self.dismiss(True)

    def action_back(self) -> None:
        when = self.query_one("#end-when", Input)
        if when.display:
            when.display = False
            self.query_one("#end-promises", OptionList).focus()
            return
        book = self.query_one("#end-book", Input)
        if book.has_focus and self.open_promises:
            self._focus_list()
            return
        self.dismiss(False)


def _booking_of(live: LiveSession) -> Booking | None:
    """The booking already made with /book, as the end screen holds bookings."""
    moment = live.session.next_session
    if moment is None:
        return None
    return Booking(moment.date(), moment.time(), live.session.next_session_minutes)


def _describe(booking: Booking, live: LiveSession) -> str:
    day = describe_due(booking.day, live.today)
    at = booking.time or live.session.started.time()
    minutes = booking.minutes or live.session.planned_minutes
    return f"{day}, {at.hour:02d}:{at.minute:02d} ({minutes} min)"
