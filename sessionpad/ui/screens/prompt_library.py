"""The prompt library: every card of the deck, the coach's own among them, to add, reword,
star, retire and restore outside a session (or from the live room's palette).

Built-in cards can be starred and retired but not edited; the coach's own cards can be
edited too. Every change is on disk before the list shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from sessionpad.core import prompt_library as library
from sessionpad.core.checker import Flag
from sessionpad.core.models import Prompt, PromptSource
from sessionpad.core.prompts import category_label
from sessionpad.core.sanitize import clean_text, one_line
from sessionpad.storage.errors import StorageError
from sessionpad.ui.commands import PaletteCommand
from sessionpad.ui.screens.prompt_editor import PromptEdit, PromptEditorScreen, checker_note
from sessionpad.ui.typed_app import OnSessionpadApp

if TYPE_CHECKING:
    from sessionpad.storage.store import Store

CATEGORY_WIDTH = 11
NOT_EDITABLE = "built-in prompts can't be edited — r retires this one, a writes your own"


def prompt_row(prompt: Prompt) -> Text:
    """One line of the list: mark (★ starred, × retired), ✎ for the coach's own, category."""
    mark = "×" if prompt.retired else "★" if prompt.favourite else " "
    own = prompt.source is PromptSource.CUSTOM
    row = Text()
    row.append(f"{mark} {'✎' if own else ' '} ", style="bold")
    row.append(f"{prompt.category[:CATEGORY_WIDTH]:<{CATEGORY_WIDTH}} ", style="dim")
    row.append(clean_text(prompt.text, keep_newlines=False), style="italic" if own else "")
    if prompt.retired:
        row.stylize("dim")
    row.no_wrap = True
    row.overflow = "ellipsis"
    return row


class PromptLibraryScreen(OnSessionpadApp, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "back"),
        Binding("a", "add", "add"),
        Binding("e", "edit", "edit"),
        Binding("f", "favourite", "★"),
        Binding("r", "retire", "retire/restore"),
    ]

    def __init__(self, store: Store | None = None) -> None:
        super().__init__()
        self._store = store
        self.prompts: list[Prompt] = []

    @property
    def store(self) -> Store:
        return self._store if self._store is not None else self.app.store  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        yield Static(id="library-title")
        yield OptionList(id="library-list")
        yield Static(id="library-detail")
        yield Static(id="library-message")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#library-list").border_title = "Prompts · ★ starred · × retired · ✎ yours"
        self.refresh_prompts()
        self.query_one("#library-list", OptionList).focus()

    # ── showing ────────────────────────────────────────────────────────────────

    def refresh_prompts(self, keep: str | None = None) -> None:
        """Reload from the store; the highlight stays on ``keep`` (default: where it was)."""
        listing = self.query_one("#library-list", OptionList)
        current = self.highlighted
        keep = keep or (current.id if current is not None else None)
        self.prompts = library.by_category(library.all_prompts(self.store))
        listing.clear_options()
        listing.add_options([Option(prompt_row(p), id=p.id) for p in self.prompts])
        ids = [p.id for p in self.prompts]
        listing.highlighted = ids.index(keep) if keep in ids else (0 if ids else None)
        own = sum(p.source is PromptSource.CUSTOM for p in self.prompts)
        retired = sum(p.retired for p in self.prompts)
        title = Text("Prompt library", style="bold")
        title.append(f" · {len(self.prompts)} prompts · {own} yours · {retired} retired")
        self.query_one("#library-title", Static).update(title)
        self._show_detail()

    @property
    def highlighted(self) -> Prompt | None:
        index = self.query_one("#library-list", OptionList).highlighted
        if index is None or not 0 <= index < len(self.prompts):
            return None
        return self.prompts[index]

    @on(OptionList.OptionHighlighted, "#library-list")
    def _highlight_moved(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        prompt = self.highlighted
        detail = Text()
        if prompt is not None:
            detail.append(clean_text(prompt.text, keep_newlines=False), style="bold")
            source = "yours" if prompt.source is PromptSource.CUSTOM else "built-in"
            states = [s for s, on_ in (("★", prompt.favourite), ("retired", prompt.retired)) if on_]
            facts = " · ".join([prompt.id, category_label(prompt.category), source, *states])
            detail.append(f"\n{facts}", style="dim")
            if prompt.source is PromptSource.CUSTOM:
                note, state = checker_note(prompt.text)
                detail.append(f"\n{note}", style="" if state == "ok" else "italic")
        self.query_one("#library-detail", Static).update(detail)

    def _say(self, message: str, *, error: bool = False, warning: bool = False) -> None:
        line = self.query_one("#library-message", Static)
        line.set_class(error, "error")
        line.set_class(warning and not error, "warning")
        line.update(Text(one_line(message)))

    # ── changing ───────────────────────────────────────────────────────────────

    def action_add(self) -> None:
        current = self.highlighted
        added: list[tuple[Prompt, tuple[Flag, ...]]] = []

        def save(edit: PromptEdit) -> None:
            added.append(library.add_prompt(self.store, edit.text, edit.category))

        def closed(_edit: PromptEdit | None) -> None:
            if added:
                prompt, flags = added[-1]
                self._after_change(prompt, f"added: {_card(prompt)}", flags)

        category = current.category if current is not None else None
        self.app.push_screen(PromptEditorScreen(category=category, save=save), closed)

    def action_edit(self) -> None:
        prompt = self.highlighted
        if prompt is None:
            return
        if prompt.source is not PromptSource.CUSTOM:
            self._say(NOT_EDITABLE, error=True)
            return
        edited: list[tuple[Prompt, tuple[Flag, ...]]] = []

        def save(edit: PromptEdit) -> None:
            edited.append(library.edit_prompt(self.store, prompt.id, edit.text, edit.category))

        def closed(_edit: PromptEdit | None) -> None:
            if edited:
                updated, flags = edited[-1]
                self._after_change(updated, f"saved: {_card(updated)}", flags)

        self.app.push_screen(PromptEditorScreen(prompt, save=save), closed)

    @on(OptionList.OptionSelected, "#library-list")
    def _selected(self) -> None:
        self.action_edit()

    def action_favourite(self) -> None:
        updated = self._apply(lambda p: library.favourite_prompt(self.store, p.id))
        if updated is not None:
            done = "★ starred" if updated.favourite else "star removed"
            self._after_change(updated, f"{done}: {_card(updated)}")

    def action_retire(self) -> None:
        def toggle(prompt: Prompt) -> Prompt:
            change = library.restore_prompt if prompt.retired else library.retire_prompt
            return change(self.store, prompt.id)

        updated = self._apply(toggle)
        if updated is not None:
            done = "retired" if updated.retired else "restored"
            self._after_change(updated, f"{done}: {_card(updated)}")

    def _apply(self, change: Callable[[Prompt], Prompt]) -> Prompt | None:
        prompt = self.highlighted
        if prompt is None:
            return None
        try:
            return change(prompt)
        except StorageError as error:
            self._say(f"not saved — {error.message}", error=True)
        except ValueError as error:
            self._say(str(error), error=True)
        return None

    def _after_change(self, prompt: Prompt, message: str, flags: tuple[Flag, ...] = ()) -> None:
        self.refresh_prompts(keep=prompt.id)
        if flags:
            message += f" · {flags[0].reason} — {flags[0].rewrite}"
        self._say(message, warning=bool(flags))
        self.query_one("#library-list", OptionList).focus()

    def action_back(self) -> None:
        self.dismiss(None)

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("Add a prompt", "write a card of your own (a)", self.action_add)
        yield PaletteCommand("Edit prompt", "reword your own card (e)", self.action_edit)
        yield PaletteCommand("Star prompt", "star or unstar the card (f)", self.action_favourite)
        yield PaletteCommand(
            "Retire or restore prompt",
            "hide the card from the deck, or bring it back (r)",
            self.action_retire,
        )
        yield PaletteCommand("Back", "leave the prompt library (esc)", self.action_back)


def _card(prompt: Prompt) -> str:
    """A card as the coach knows it: its words, never its internal id."""
    return one_line(prompt.text, 48)
