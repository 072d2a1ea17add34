"""Every key and the capture-bar grammar, on one screen."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from sessionpad.core.capture import COMMANDS

KEYS: tuple[tuple[str, str], ...] = (
    ("enter", "save what you typed (note, promise, question, command)"),
    ("ctrl+t", "switch the side panel: deck → alliance → promises"),
    ("ctrl+n / ctrl+b", "next / previous question card"),
    ("ctrl+l", "log the card on show as asked"),
    ("ctrl+f", "star the card on show"),
    ("ctrl+g", "pit-stop check-in"),
    ("ctrl+o", "privacy: blank everything but the clock (again to show)"),
    ("ctrl+space", "pause the clock while the client steps away (again to go on)"),
    ("F10 / ctrl+r", "end the session: settle promises, book the next one, see the summary"),
    ("ctrl+z", "in an empty bar: take back the last entry, its text back in the bar"),
    ("up", "in an empty bar: the last entry back to edit; enter saves it in place"),
    ("F2 / ctrl+y", "select on the timeline: e edit · d delete · p private · esc back"),
    ("F3 / ctrl+\\", "the whole message above the bar, when it ends in “… F3 all”"),
    ("esc", "back to the newest entry when the timeline is scrolled up (“↓ … below · esc”)"),
    ("F1 / ctrl+/", "this help"),
    ("ctrl+p", "command palette: every action by name"),
    ("ctrl+q", "quit: mid-session it asks to end, leave for later (resumable) or stay"),
)

GRAMMAR: tuple[tuple[str, str], ...] = (
    ("text", "a note"),
    ("! text by friday", "a promise the client makes (by WHEN is optional)"),
    ("!me text by tomorrow", "a promise you make"),
    ("? text", "a question you asked — the question coach may suggest an opener"),
    ("* text", "an insight or key moment"),
    ("~ text", "a private note: in your record, never in the client's summary"),
    ("#word", "a theme tag, anywhere in the text"),
    ("WHEN", "tomorrow, friday 2pm, next friday, end of month, in 2 weeks, 4 Dec, 2026-12-04"),
)


def _table(rows: tuple[tuple[str, str], ...] | list[tuple[str, str]], title: str) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    for key, meaning in rows:
        table.add_row(Text(key), Text(meaning))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,ctrl+underscore,q", "dismiss_help", "close"),
    ]

    def compose(self) -> ComposeResult:
        commands = [(usage.usage, usage.description) for usage in COMMANDS.values()]
        with VerticalScroll(id="help-dialog", classes="dialog"):
            yield Static(Text("sessionpad help · esc closes", style="bold"), classes="dialog-title")
            yield Static(_table(KEYS, "Keys"))
            yield Static(_table(GRAMMAR, "The capture bar"))
            yield Static(_table(commands, "Commands"))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-dialog").focus()

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
