"""Write or reword a prompt card: one line of text, a category, and the question coach
reading along as the coach types.

The screen keeps no data of its own. Whoever opens it passes ``save``, which stores the
edit and raises (a ValueError or StorageError with a one-line message) when it can't:
the editor then stays open with the text as typed, so a refused or failed save never
costs the coach their words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Select, Static

from sessionpad.core.checker import analyse_question
from sessionpad.core.models import Prompt
from sessionpad.core.prompt_library import MAX_PROMPT_CHARS, clean_prompt_text
from sessionpad.core.prompts import CATEGORIES
from sessionpad.core.sanitize import clean_text, one_line
from sessionpad.storage.errors import StorageError

IDLE_NOTE = "The question coach reads along as you type."
OPEN_NOTE = "✓ reads as open"


@dataclass(frozen=True)
class PromptEdit:
    """What the coach wrote: cleaned one-line text and a built-in category key."""

    text: str
    category: str


SaveEdit = Callable[[PromptEdit], object]


def checker_note(text: str) -> tuple[str, str]:
    """The checker line for ``text`` and its CSS class: idle, ok, warning or error."""
    cleaned = " ".join(clean_text(text, keep_newlines=False).split())
    if not cleaned:
        return IDLE_NOTE, "idle"
    if len(cleaned) > MAX_PROMPT_CHARS:
        return f"{len(cleaned)} of {MAX_PROMPT_CHARS} characters: one question per card", "error"
    flags = analyse_question(cleaned).flags
    if not flags:
        return OPEN_NOTE, "ok"
    more = f" (+{len(flags) - 1} more)" if len(flags) > 1 else ""
    return f"⚠ {flags[0].reason} — {flags[0].rewrite}{more}", "warning"


class PromptEditorScreen(ModalScreen[PromptEdit | None]):
    """``prompt`` given: reword that custom card; otherwise write a new one, in
    ``category`` (a key) when it names a built-in category."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel"),
        Binding("ctrl+s", "save", "save"),
        # Only reached from the text field: a focused Select handles up/down itself.
        Binding("down", "step_category(1)", "next category", show=False),
        Binding("up", "step_category(-1)", "previous category", show=False),
    ]

    def __init__(
        self,
        prompt: Prompt | None = None,
        *,
        category: str | None = None,
        save: SaveEdit | None = None,
    ) -> None:
        super().__init__()
        self._prompt = prompt
        self._save = save
        keys = [item.key for item in CATEGORIES]
        wanted = prompt.category if prompt is not None else category
        self._category = wanted if wanted in keys else keys[0]

    def compose(self) -> ComposeResult:
        title = "Edit your prompt" if self._prompt is not None else "New prompt"
        with Vertical(id="prompt-editor", classes="dialog"):
            yield Static(Text(title, style="bold"), classes="dialog-title")
            yield Label("Question")
            yield Input(
                value=clean_text(self._prompt.text, keep_newlines=False) if self._prompt else "",
                placeholder="e.g. What would make this easier to start?",
                id="prompt-text",
                compact=True,
            )
            yield Static(IDLE_NOTE, id="prompt-check", classes="idle")
            with Horizontal(id="prompt-category-row"):
                yield Label("Category", id="prompt-category-label")
                yield Select(
                    [(item.label, item.key) for item in CATEGORIES],
                    value=self._category,
                    allow_blank=False,
                    id="prompt-category",
                    compact=True,
                )
            yield Static("", id="prompt-error", classes="error")
            yield Static(
                Text(
                    "enter or ctrl+s saves · ↑↓ category · tab moves · esc cancels",
                    style="dim",
                ),
                classes="dialog-keys",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        text = self.query_one("#prompt-text", Input)
        text.focus()
        text.cursor_position = len(text.value)
        self._update_check(text.value)

    # ── the question coach, live ───────────────────────────────────────────────

    @on(Input.Changed, "#prompt-text")
    def _text_changed(self, event: Input.Changed) -> None:
        self._update_check(event.value)
        self.query_one("#prompt-error", Static).update("")

    def _update_check(self, text: str) -> None:
        note, state = checker_note(text)
        line = self.query_one("#prompt-check", Static)
        for name in ("idle", "ok", "warning", "error"):
            line.set_class(name == state, name)
        line.update(Text(one_line(note)))

    # ── category ───────────────────────────────────────────────────────────────

    @property
    def category(self) -> str:
        value = self.query_one("#prompt-category", Select).value
        return value if isinstance(value, str) else self._category

    def action_step_category(self, step: int) -> None:
        keys = [item.key for item in CATEGORIES]
        index = keys.index(self.category) if self.category in keys else 0
        self.query_one("#prompt-category", Select).value = keys[(index + step) % len(keys)]

    # ── saving ─────────────────────────────────────────────────────────────────

    @on(Input.Submitted, "#prompt-text")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        try:
            edit = PromptEdit(
                clean_prompt_text(self.query_one("#prompt-text", Input).value), self.category
            )
            if self._save is not None:
                self._save(edit)
        except ValueError as error:  # PromptLibraryError among them
            self._refuse(str(error))
            return
        except StorageError as error:
            self._refuse(f"not saved — {error.message}")
            return
        self.dismiss(edit)

    def _refuse(self, message: str) -> None:
        self.query_one("#prompt-error", Static).update(Text(one_line(message)))
        self.query_one("#prompt-text", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
