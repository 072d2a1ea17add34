"""The live session room: header clock, timeline, side panel and the capture bar.

The capture bar holds the focus from start to end: nothing here moves it on its own. The
pit-stop nudge is an indicator plus a notification, never a modal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, OptionList, Static

from sessionpad.core import capture as cap
from sessionpad.core.alliance import agreed_count
from sessionpad.core.live import Action, LiveSession, Outcome
from sessionpad.core.models import Entry, EntryKind
from sessionpad.core.sanitize import one_line
from sessionpad.storage.store import StorageError
from sessionpad.ui import messages
from sessionpad.ui.commands import PaletteCommand
from sessionpad.ui.correcting import Correcting, set_aside_message
from sessionpad.ui.present import (
    alliance_line,
    client_heading,
    clock,
    display,
    promise_line,
    short_minutes,
)
from sessionpad.ui.typed_app import OnSessionpadApp
from sessionpad.ui.widgets.bar_message import BarMessage
from sessionpad.ui.widgets.capture_bar import SENT_TOGETHER, CaptureBar
from sessionpad.ui.widgets.timeline import TimelineList

PANELS = ("deck", "alliance", "promises")
#: From this size on, the card and a list (promises or alliance) are shown together.
WIDE_WIDTH = 110
WIDE_HEIGHT = 32


def time_marks(paused: bool, minutes_over: float) -> Text:
    """What the coach must notice about the clock: it stands, or the hour is up."""
    marks = Text()
    if paused:
        marks.append(" · ")
        marks.append("⏸ paused", style="bold reverse")
    if minutes_over >= 0:
        whole = int(minutes_over)
        over = f"▲ +{short_minutes(whole)} over" if whole else "▲ time's up"
        marks.append(" · ")
        marks.append(over, style="bold reverse")
    return marks


class LiveScreen(OnSessionpadApp, Screen[None]):
    # In the order the Footer shows them: a narrow terminal cuts it from the right, so the
    # keys a coach must always find (help, end, the curtain) come first.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,ctrl+underscore", "help", "help", key_display="F1"),
        Binding("f10,ctrl+r", "end", "end", key_display="F10"),
        Binding("ctrl+o", "privacy", "privacy"),
        Binding("ctrl+g", "pit_stop", "pit-stop"),
        Binding("ctrl+t", "cycle_panel", "panel"),
        Binding("ctrl+n", "next_card", "card"),
        Binding("ctrl+l", "ask_card", "asked", show=False),  # the card itself shows ^l
        # A terminal sends ctrl+space as NUL, which Textual names ctrl+@.
        Binding("ctrl+space,ctrl+@", "pause", "pause", key_display="^space", show=False),
        Binding("f2,ctrl+y", "focus_timeline", "timeline", key_display="F2"),
        Binding("ctrl+b", "previous_card", "previous card", show=False),
        Binding("ctrl+f", "favourite_card", "favourite card", show=False),
        Binding("escape", "focus_capture", "back to the bar and the newest entry", show=False),
        Binding(
            "f3,ctrl+backslash", "whole_message", "the whole message", key_display="F3", show=False
        ),
    ]

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live
        self._nudged = live.pit_stop_done
        self._panel = "deck"
        # On a roomy terminal the card stays on show and this list sits below it.
        self._lower = "promises"
        self._phase_index = -1
        # A refused line is back in the bar and the message says why.
        self._refusal_on_show = False
        self._last_refusal = ""
        self._refused_at = float("-inf")

    # ── layout ─────────────────────────────────────────────────────────────────

    def compose(self) -> ComposeResult:
        yield Static(id="live-header")
        with Horizontal(id="room"):
            with Vertical(id="timeline-pane"):
                yield Static(id="phases")
                yield TimelineList(self.live.session.started, self.live.client, id="timeline")
            with Vertical(id="side-pane"):
                yield Static(id="deck")
                with ContentSwitcher(initial="promises", id="side"):
                    yield OptionList(id="alliance")
                    yield OptionList(id="promises")
        yield Static(id="curtain")
        yield BarMessage(id="bar-message")
        yield CaptureBar(id="capture")
        # Compact: the keys and the palette fit on one line at 80 columns.
        yield Footer(compact=True)

    def on_mount(self) -> None:
        timeline = self.query_one(TimelineList)
        for panel_id in ("alliance", "promises"):
            self.query_one(f"#{panel_id}", OptionList).can_focus = False
        timeline.show_entries(self.live.session.entries)
        self._correcting = Correcting(timeline, self.query_one(CaptureBar))
        self._refresh_panels()
        self._tick()
        self.set_interval(1.0, self._tick)
        self.query_one(CaptureBar).focus()

    # ── the clock ──────────────────────────────────────────────────────────────

    def _tick(self) -> None:
        live = self.live
        elapsed = live.elapsed_minutes()
        position = live.phase_position()
        header = client_heading(live.client)
        header.append(f" · {clock(elapsed)} / {clock(live.session.planned_minutes)}")
        header.append_text(time_marks(live.paused, elapsed - live.session.planned_minutes))
        if elapsed < live.session.planned_minutes:
            header.append(f" · {position.phase.name} {short_minutes(position.left_in_phase)} left")
        else:
            header.append(f" · {position.phase.name}")
        header.append(self._pit_stop_indicator(elapsed))
        self.query_one("#live-header", Static).update(header)
        self.set_class(live.paused, "paused")
        self.query_one("#curtain", Static).update(
            Text(f"{clock(elapsed)} / {clock(live.session.planned_minutes)}", style="bold")
        )
        self._render_phases(position.index, position.elapsed_in_phase)
        share = min(1.0, elapsed / live.session.planned_minutes)
        filled = round(share * 16)
        self.query_one(
            "#timeline-pane"
        ).border_title = f"Timeline {'▓' * filled}{'░' * (16 - filled)}"
        if position.index != self._phase_index:
            self._phase_index = position.index
            if live.follow_phase_with_deck(position.phase.name):
                self._refresh_deck()
        if not self._nudged and not live.pit_stop_done and elapsed >= live.session.pit_stop_at:
            self._nudged = True
            self.add_class("pit-stop-due")
            self.notify(
                "Time for a pit-stop when a natural pause comes: ctrl+g opens it.",
                title="Pit-stop",
                timeout=12,
                markup=False,
            )

    def _pit_stop_indicator(self, elapsed: float) -> Text:
        if self.live.pit_stop_done:
            return Text(" · pit-stop done", style="dim")
        left = self.live.session.pit_stop_at - elapsed
        if left > 0:
            return Text(f" · pit-stop in {short_minutes(left)}")
        return Text(" · ◆ pit-stop due", style="bold reverse")

    def _render_phases(self, current: int, elapsed_in_phase: float) -> None:
        phases = self.live.session.phases
        phase = phases[current]
        filled = min(phase.minutes, int(elapsed_in_phase))
        line = Text()
        line.append(f"{current + 1}/{len(phases)} ")  # already muted: dim would fall under AA
        line.append(f"▶ {phase.name} ", style="bold")
        line.append("▓" * min(filled, 24) + "░" * min(phase.minutes - filled, max(0, 24 - filled)))
        if current + 1 < len(phases):
            line.append(f" · then {phases[current + 1].name}")
        line.no_wrap = True
        line.overflow = "ellipsis"
        self.query_one("#phases", Static).update(line)

    # ── panels ─────────────────────────────────────────────────────────────────

    def _refresh_panels(self) -> None:
        self._refresh_deck()
        self._refresh_alliance()
        self._refresh_promises()

    def _refresh_deck(self) -> None:
        deck = self.live.deck
        card = deck.current
        index, total = deck.position
        self.query_one("#deck").border_title = f"Deck · {deck.category} {index}/{total}"
        body = Text()
        if card is None:
            body.append("No cards left in this category. /cat NAME picks another.", style="dim")
        else:
            if card.favourite:
                body.append("★ ", style="bold")
            body.append(display(card.text, 300), style="bold")
            if card.id in deck.asked_this_session:
                body.append("\n(asked this session)", style="dim")
        body.append("\n\n^n next · ^b back · ^l asked · ^f ★", style="dim")
        self.query_one("#deck", Static).update(body)

    def _refresh_alliance(self) -> None:
        items = self.live.alliance
        panel = self.query_one("#alliance", OptionList)
        panel.clear_options()
        panel.add_options([alliance_line(item) for item in items])
        panel.highlighted = None
        panel.border_title = f"Alliance {agreed_count(items)}/{len(items)}"

    def _refresh_promises(self) -> None:
        live = self.live
        numbered = live.numbered_promises
        panel = self.query_one("#promises", OptionList)
        panel.clear_options()
        today = live.today
        lines = [
            promise_line(number, promise, live.client, today)
            for number, promise in enumerate(numbered, start=1)
        ]
        panel.add_options(
            lines or [Text("No promises yet. ! text by friday adds one.", style="dim")]
        )
        panel.highlighted = None
        panel.border_title = f"Promises · {sum(p.is_open for p in numbered)} open"

    def show_panel(self, name: str) -> None:
        self._panel = name
        if name != "deck":
            self._lower = name
        self._layout_panels()
        self._refresh_panels()

    def _layout_panels(self) -> None:
        wide = self.has_class("wide")
        self.query_one("#deck").display = wide or self._panel == "deck"
        side = self.query_one("#side", ContentSwitcher)
        side.display = wide or self._panel != "deck"
        side.current = self._lower

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width >= WIDE_WIDTH and event.size.height >= WIDE_HEIGHT, "wide")
        self._layout_panels()

    # ── capture ────────────────────────────────────────────────────────────────

    @on(CaptureBar.Captured, "#capture")
    def _captured(self, event: CaptureBar.Captured) -> None:
        # The bar has already let go of the text, so keys typed since cannot merge into it;
        # a refused line goes back into the bar and nothing the coach typed is lost.
        try:
            outcome = self._carry_out(CaptureBar.restore_line_breaks(event.text), event.editing)
        except StorageError as error:
            self._refusal_on_show = True
            self._say(f"not saved — {error.message} (your text is still here)", error=True)
            event.bar.give_back(event)
            return
        if outcome.error:
            if event.bar.give_back(event):
                outcome = replace(outcome, message=set_aside_message(event.text, outcome.message))
            self._last_refusal, self._refused_at = outcome.message, event.pressed_at
        # Lines sent together: a later one saved while a refused one waits in the bar (or
        # was set aside) must not wipe out why.
        sent_with_it = event.pressed_at - self._refused_at < SENT_TOGETHER
        keep_refusal = (
            self._refusal_on_show and not outcome.error and (bool(event.bar.value) or sent_with_it)
        )
        self._refusal_on_show = outcome.error or keep_refusal
        self._show(outcome, say=not keep_refusal)

    def _carry_out(self, text: str, editing: int | None) -> Outcome:
        """The bar's text as a capture, or saved over the entry it was editing in place."""
        edit = self._correcting.command_for(text, editing)
        return self.live.execute(edit) if edit is not None else self.live.capture(text)

    def run_command(self, command: cap.Capture) -> None:
        """Carry out a typed command from a key or the palette, as the bar would."""
        try:
            outcome = self.live.execute(command)
        except StorageError as error:
            self._say(f"not saved — {error.message}", error=True)
            return
        except ValueError as error:
            self._say(one_line(str(error)), error=True)
            return
        self._show(outcome)

    def _show(self, outcome: Outcome, *, say: bool = True) -> None:
        outcome = self._correcting.accepts(outcome)
        if say:
            self._say(outcome.message, error=outcome.error, warning=bool(outcome.flags))
        if outcome.entry is not None:
            self._append_entry(outcome.entry)
        self._correcting.apply(outcome, self.live.session.entries)
        if outcome.entry is not None or outcome.action in (Action.DECK, Action.CORRECTED):
            self._refresh_panels()
        if outcome.action is not None:
            self._act(outcome.action, outcome.argument)

    def _append_entry(self, entry: Entry) -> None:
        self.query_one(TimelineList).append_entry(entry)
        if entry.kind is EntryKind.PHASE:
            self._tick()

    def _say(self, message: str, *, error: bool = False, warning: bool = False) -> None:
        self.query_one(BarMessage).say(message, error=error, warning=warning)

    def _act(self, action: Action, argument: str | None) -> None:
        match action:
            case Action.PIT_STOP:
                self.action_pit_stop()
            case Action.END:
                self.action_end()
            case Action.HELP:
                self.action_help()
            case Action.EXPORT:
                self.action_export()
            case Action.PRIVACY:
                self.action_privacy()
            case Action.PANEL:
                if argument:
                    self.show_panel(argument)
                else:
                    self.action_cycle_panel()
            case Action.CORRECTED:
                self._tick()  # a phase change or a pit-stop may have been taken back
            case Action.CLOCK:
                self._tick()
            case Action.DECK:
                # A card key while a list hides the deck: the card it turned comes on show.
                if self._panel != "deck" and not self.has_class("wide"):
                    self.show_panel("deck")
            case Action.RECALL:
                pass
            case Action.PROMPT_EDITOR:
                self._open_prompt_editor(edit=argument == "edit")

    # ── actions (each has a slash-command twin) ────────────────────────────────

    def action_cycle_panel(self) -> None:
        if self.has_class("wide"):
            self.show_panel("alliance" if self._lower == "promises" else "promises")
        else:
            self.show_panel(PANELS[(PANELS.index(self._panel) + 1) % len(PANELS)])

    def action_next_card(self) -> None:
        self.run_command(cap.NextCard())

    def action_previous_card(self) -> None:
        self.run_command(cap.PrevCard())

    def action_ask_card(self) -> None:
        self.run_command(cap.AskCard())

    def action_favourite_card(self) -> None:
        self.run_command(cap.FavCard())

    def action_focus_capture(self) -> None:
        if self._correcting.cancel():
            self._say("left as it was")
        self.query_one(TimelineList).follow()  # esc also brings back the newest entry
        self.query_one(CaptureBar).focus()

    def action_whole_message(self) -> None:
        self.query_one(BarMessage).open_in_full()

    # ── corrections (SPEC §4a) ─────────────────────────────────────────────────

    def action_focus_timeline(self) -> None:
        if self.has_class("privacy"):
            return  # nothing on show to select; the bar keeps the focus
        if self.query_one(TimelineList).take_focus():
            self._say("↑↓ select · e edit · d delete · p private · esc back to the bar")
        else:
            self._say("nothing on the timeline yet")

    def action_undo_last(self) -> None:
        self.run_command(cap.Undo())

    def action_recall_last(self) -> None:
        self.run_command(cap.Recall())

    @on(CaptureBar.SetAside)
    def _set_aside(self, event: CaptureBar.SetAside) -> None:
        self._refusal_on_show = True
        self._say(set_aside_message(event.text, self._last_refusal), error=True)

    @on(CaptureBar.UndoRequested)
    def _undo_requested(self) -> None:
        self.action_undo_last()

    @on(CaptureBar.RecallRequested)
    def _recall_requested(self) -> None:
        self.action_recall_last()

    @on(TimelineList.Correction)
    def _timeline_correction(self, message: TimelineList.Correction) -> None:
        self.run_command(message.command)

    @on(TimelineList.Following)
    def _timeline_following(self, message: TimelineList.Following) -> None:
        pane = self.query_one("#timeline-pane")
        if message.following:
            pane.border_subtitle = ""
        elif message.unseen:
            pane.border_subtitle = f"↓ {message.unseen} new below · esc"
        else:
            pane.border_subtitle = "↓ more below · esc"

    @on(TimelineList.Left)
    def _timeline_left(self) -> None:
        self.query_one(CaptureBar).focus()
        self._say("")

    def action_privacy(self) -> None:
        self.toggle_class("privacy")
        bar = self.query_one(CaptureBar)
        bar.veiled = self.has_class("privacy")
        bar.focus()

    def action_pause(self) -> None:
        self.run_command(cap.Pause())

    def action_pit_stop(self) -> None:
        from sessionpad.ui.screens.pit_stop import PitStopResult, PitStopScreen

        prompts = self.live.pit_stop_prompts()

        def saved(result: PitStopResult | None) -> None:
            self.query_one(CaptureBar).focus()
            if result is None:
                return
            try:
                entry = self.live.save_pit_stop(
                    result.rating, result.working, result.change, [p.text for p in prompts]
                )
            except StorageError as error:
                self._say(f"pit-stop not saved — {error.message}", error=True)
                return
            self.remove_class("pit-stop-due")
            self._append_entry(entry)
            self._say("pit-stop saved")
            self._tick()

        self.app.push_screen(PitStopScreen(prompts), saved)

    def action_end(self) -> None:
        from sessionpad.ui.screens.end import EndScreen

        def ended(finished: bool | None) -> None:
            if finished:
                self.post_message(messages.ShowSummary(self.live.session.id))
            else:
                self._refresh_panels()
                self.query_one(CaptureBar).focus()

        self.app.push_screen(EndScreen(self.live), ended)

    def action_export(self) -> None:
        """The summary so far, to save or copy before the session ends; done comes back here."""
        from sessionpad.ui.screens.summary import SummaryScreen

        def back(_result: object) -> None:
            self.query_one(CaptureBar).focus()

        self.app.push_screen(SummaryScreen(self.live.session.id, mid_session=True), back)

    def action_help(self) -> None:
        from sessionpad.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_add_prompt(self) -> None:
        self.run_command(cap.OpenPromptEditor())

    def action_edit_card(self) -> None:
        self.run_command(cap.OpenPromptEditor(edit=True))

    def action_retire_card(self) -> None:
        self.run_command(cap.RetireCard())

    def _open_prompt_editor(self, *, edit: bool) -> None:
        """The editor saves through the live session, so a refused save keeps the text."""
        from sessionpad.ui.screens.prompt_editor import PromptEdit, PromptEditorScreen

        card = self.live.deck.current if edit else None
        outcomes: list[Outcome] = []

        def save(change: PromptEdit) -> None:
            if card is None:
                outcomes.append(self.live.add_prompt(change.text, change.category))
            else:
                outcomes.append(self.live.edit_card(card.id, change.text, change.category))

        def closed(_change: PromptEdit | None) -> None:
            self.query_one(CaptureBar).focus()
            if outcomes:
                self.show_panel("deck")
                self._show(outcomes[-1])

        editor = PromptEditorScreen(card, category=self.live.deck.category, save=save)
        self.app.push_screen(editor, closed)

    def action_prompt_library(self) -> None:
        from sessionpad.ui.screens.prompt_library import PromptLibraryScreen

        def closed(_result: None) -> None:
            self.live.refresh_prompts()
            self._refresh_deck()
            self.query_one(CaptureBar).focus()

        self.app.push_screen(PromptLibraryScreen(self.live.store), closed)

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand(
            "Next card", "show the next question in the deck (/next)", self.action_next_card
        )
        yield PaletteCommand("Previous card", "go back one card (/prev)", self.action_previous_card)
        yield PaletteCommand(
            "Log card as asked",
            "record the current card as a question asked (/ask)",
            self.action_ask_card,
        )
        yield PaletteCommand(
            "Favourite card", "star or unstar the current card (/fav)", self.action_favourite_card
        )
        yield PaletteCommand(
            "Add a prompt", "write a question card of your own (/prompt)", self.action_add_prompt
        )
        yield PaletteCommand(
            "Edit this card",
            "reword your own card on show; built-in cards can be retired (/prompt edit)",
            self.action_edit_card,
        )
        yield PaletteCommand(
            "Retire this card",
            "hide the card on show from the deck (/retire)",
            self.action_retire_card,
        )
        yield PaletteCommand(
            "Prompt library",
            "every card: add, edit, star, retire, restore",
            self.action_prompt_library,
        )
        yield PaletteCommand(
            "Switch panel", "deck → alliance → promises (/panel)", self.action_cycle_panel
        )
        for name in PANELS:
            yield PaletteCommand(
                f"Show {name}",
                f"switch the side panel to {name} (/panel {name})",
                partial(self.show_panel, name),
            )
        yield PaletteCommand(
            "Pit-stop", "check in on how the session is going (/pit)", self.action_pit_stop
        )
        yield PaletteCommand(
            "Privacy", "blank everything but the clock (/privacy)", self.action_privacy
        )
        yield PaletteCommand(
            "Pause the clock",
            "a client steps away: the clock stands until paused again (/pause, ctrl+space)",
            self.action_pause,
        )
        yield PaletteCommand(
            "End session", "resolve promises and see the summary (/end)", self.action_end
        )
        yield PaletteCommand("Help", "keys and the capture-bar grammar (/help)", self.action_help)
        yield PaletteCommand(
            "Whole message", "the message above the bar in full (F3)", self.action_whole_message
        )
        yield PaletteCommand(
            "Undo last entry",
            "take it back, its text returned to the bar (/undo, ctrl+z in an empty bar)",
            self.action_undo_last,
        )
        yield PaletteCommand(
            "Edit last entry",
            "bring it back to the bar; enter saves it in place (up in an empty bar)",
            self.action_recall_last,
        )
        yield PaletteCommand(
            "Correct the timeline",
            "select a line: e edit, d delete, p private (F2)",
            self.action_focus_timeline,
        )
        for index, phase in enumerate(self.live.session.phases):
            yield PaletteCommand(
                f"Phase: {phase.name}",
                f"move the timeline to {phase.name} (/phase)",
                partial(self._set_phase, index),
            )

    def _set_phase(self, index: int) -> None:
        try:
            self._show(self.live.set_phase(index))
        except StorageError as error:
            self._say(f"not saved — {error.message}", error=True)
