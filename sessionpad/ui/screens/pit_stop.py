"""The pit-stop: a few check-in prompts, a 1–10 rating and two short answers, saved as one entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from sessionpad.core.models import Prompt
from sessionpad.core.sanitize import clean_text
from sessionpad.ui.present import display

RATING_RULE = "The rating is a whole number from 1 to 10."


class RatingInput(Input):
    """Takes only 1–10: a key that would make anything else is refused as it is typed."""

    class Refused(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            placeholder="1–10", restrict=r"(?:[1-9]|10)?", max_length=2, compact=True, id=id
        )

    def restricted(self) -> None:
        self.post_message(self.Refused())


@dataclass(frozen=True)
class PitStopResult:
    rating: int | None
    working: str
    change: str


class PitStopScreen(ModalScreen[PitStopResult | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "back to the session"),
        Binding("ctrl+s", "save", "save pit-stop"),
    ]

    def __init__(self, prompts: list[Prompt]) -> None:
        super().__init__()
        self.prompts = prompts

    def compose(self) -> ComposeResult:
        with Vertical(id="pit-stop-dialog", classes="dialog"):
            yield Static(
                Text("Pit-stop · how is this going?", style="bold"), classes="dialog-title"
            )
            prompts = Text("\n").join(Text(f"• {display(p.text, 200)}") for p in self.prompts)
            yield Static(prompts, id="pit-stop-prompts")
            yield Label("Rating, 1–10")
            yield RatingInput(id="rating")
            yield Label("What's working")
            yield Input(id="working", compact=True)
            yield Label("What to change")
            yield Input(id="change", compact=True)
            yield Static(id="pit-stop-error", classes="error")
            yield Static(
                Text(
                    "enter next field · enter on the last saves · ctrl+s save · esc cancel",
                    style="dim",
                ),
                classes="dialog-keys",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#rating", Input).focus()

    @on(RatingInput.Refused)
    def _refused(self) -> None:
        self.query_one("#pit-stop-error", Static).update(RATING_RULE)

    @on(Input.Changed, "#rating")
    def _rating_changed(self) -> None:
        self.query_one("#pit-stop-error", Static).update("")

    @on(Input.Submitted)
    def _next_or_save(self, event: Input.Submitted) -> None:
        if event.input.id == "change":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        raw = self.query_one("#rating", Input).value.strip()
        rating = None
        if raw:
            rating = int(raw) if raw.isdigit() else 0
            if not 1 <= rating <= 10:
                self.query_one("#pit-stop-error", Static).update(RATING_RULE)
                self.query_one("#rating", Input).focus()
                return
        working = clean_text(self.query_one("#working", Input).value).strip()
        change = clean_text(self.query_one("#change", Input).value).strip()
        self.dismiss(PitStopResult(rating, working, change))

    def action_cancel(self) -> None:
        self.dismiss(None)
