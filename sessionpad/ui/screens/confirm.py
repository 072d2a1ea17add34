"""A question with two answers, each on one key: "copy anyway?", "keep your edit?"."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True for ``yes_key``, False for ``no_key`` or esc."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel")]

    def __init__(
        self,
        title: str,
        question: str,
        *,
        yes: tuple[str, str] = ("y", "yes"),
        no: tuple[str, str] = ("n", "no"),
    ) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.yes = yes
        self.no = no
        # Real bindings, so the Footer shows this question's own keys.
        self._bindings.bind(yes[0], "answer(True)", yes[1])
        self._bindings.bind(no[0], "answer(False)", no[1])

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Static(Text(self.question), id="confirm-question")
            keys = f"{self.yes[0]}  {self.yes[1]}    {self.no[0]}  {self.no[1]}    esc  cancel"
            yield Static(Text(keys, style="dim"), classes="dialog-keys")
        yield Footer(compact=True)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_cancel(self) -> None:
        # Its own action, not answer(False): the Footer shows one key per action.
        self.dismiss(False)
