"""The question coach in the live room and the coach's own prompts, checked on disk."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList, Select, Static

from sessionpad.core import prompt_library as library
from sessionpad.core.checker import ADVICE, PROPOSAL, WHY_FAILURE, check_question
from sessionpad.core.models import EntryKind, PromptSource
from sessionpad.storage.store import Store
from sessionpad.ui.screens.live import LiveScreen
from sessionpad.ui.screens.prompt_editor import (
    IDLE_NOTE,
    OPEN_NOTE,
    PromptEditorScreen,
    checker_note,
)
from sessionpad.ui.screens.prompt_library import PromptLibraryScreen
from sessionpad.ui.widgets.capture_bar import CaptureBar


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def prompts_on_disk(data_dir: Path) -> list:
    with Store.open(data_dir, read_only=True) as reader:
        return library.all_prompts(reader)


async def enter_line(pilot: Pilot, text: str) -> None:
    bar = pilot.app.screen.query_one(CaptureBar)
    bar.value = text
    bar.cursor_position = len(text)
    await pilot.press("enter")
    await pilot.pause()


async def open_live(pilot: Pilot) -> LiveScreen:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LiveScreen)
    return screen


async def run_palette(pilot: Pilot, command: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await pilot.pause(0.3)  # the palette searches in the background
    await pilot.press("enter")
    await pilot.pause()


def dana_app(demo_store, make_app):
    return make_app(demo_store, start_client=demo_store.find_client("Dana").id)


# ── a "?" capture: a gentle note, never a block ─────────────────────────────────


async def test_a_why_question_gets_a_note_and_is_recorded(demo_store, data_dir, make_app):
    app = dana_app(demo_store, make_app)
    question = "why didn't you finish it?"
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(pilot)
        bar = screen.query_one(CaptureBar)
        await pilot.press(*f"? {question}")
        await pilot.press("enter")
        await pilot.pause()

        flags = check_question(question)
        assert flags[0].code == WHY_FAILURE
        message = text_of(app, "#bar-message")
        assert flags[0].reason in message and flags[0].rewrite in message
        assert screen.query_one("#bar-message").has_class("warning")
        assert not screen.query_one("#bar-message").has_class("error")
        assert bar.value == ""  # recorded, so the bar cleared
        assert app.focused is bar

        with Store.open(data_dir, read_only=True) as reader:
            saved = reader.load_session(screen.live.session.id)
        assert [(e.kind, e.text) for e in saved.entries] == [(EntryKind.QUESTION, question)]


async def test_an_open_question_gets_no_note(demo_store, make_app):
    app = dana_app(demo_store, make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(pilot)
        await enter_line(pilot, "? what got in the way?")
        assert text_of(app, "#bar-message") == ""
        assert not screen.query_one("#bar-message").has_class("warning")


# ── adding a prompt through the editor ────────────────────────────────────────


async def test_add_a_prompt_through_the_editor(demo_store, data_dir, make_app):
    app = dana_app(demo_store, make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(pilot)
        await run_palette(pilot, "Add a pro")
        editor = app.screen
        assert isinstance(editor, PromptEditorScreen)
        assert text_of(app, "#prompt-check") == IDLE_NOTE

        # the checker line follows every key
        await pilot.press(*"How ")
        assert text_of(app, "#prompt-check") == OPEN_NOTE
        await pilot.press(*"about")
        proposal = check_question("How about")[0]
        assert proposal.code == PROPOSAL
        assert proposal.reason in text_of(app, "#prompt-check")
        assert editor.query_one("#prompt-check").has_class("warning")
        await pilot.press("ctrl+u", *"Have you tried?")
        advice = check_question("Have you tried?")[0]
        assert advice.code == ADVICE
        assert advice.rewrite in text_of(app, "#prompt-check")

        # ↓ from the text field picks the next category; enter saves despite the note
        categories = editor.query_one("#prompt-category", Select)
        before = categories.value
        await pilot.press("down")
        assert categories.value != before
        chosen = categories.value
        await pilot.press("enter")
        await pilot.pause()

        assert app.screen is screen
        assert app.focused is screen.query_one(CaptureBar)
        assert advice.reason in text_of(app, "#bar-message")
        saved = [p for p in prompts_on_disk(data_dir) if p.source is PromptSource.CUSTOM]
        assert [(p.text, p.category) for p in saved] == [("Have you tried?", chosen)]
        assert screen.live.deck.current.id == saved[0].id
        assert "Have you tried?" in text_of(app, "#deck")


async def test_a_refused_prompt_keeps_the_editor_and_the_text(demo_store, data_dir, make_app):
    app = dana_app(demo_store, make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_live(pilot)
        await enter_line(pilot, "/prompt")
        assert isinstance(app.screen, PromptEditorScreen)
        await pilot.press(*"What else is true?", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptEditorScreen)
        assert "explore-03" in text_of(app, "#prompt-error")
        assert app.screen.query_one("#prompt-text").value == "What else is true?"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert all(p.source is PromptSource.BUILTIN for p in prompts_on_disk(data_dir))


async def test_edit_your_own_card_but_not_a_built_in(demo_store, data_dir, make_app):
    app = dana_app(demo_store, make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(pilot)
        await run_palette(pilot, "Edit this")
        assert app.screen is screen
        assert "can't be edited" in text_of(app, "#bar-message")

        await enter_line(pilot, "/prompt add What feels heavy today?")
        card = screen.live.deck.current
        assert card.text == "What feels heavy today?"
        await enter_line(pilot, "/prompt edit")
        assert isinstance(app.screen, PromptEditorScreen)
        assert app.screen.query_one("#prompt-text").value == card.text
        await pilot.press(*["backspace"] * len("today?"), *"right now?", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert screen.live.deck.current.text == "What feels heavy right now?"
        saved = next(p for p in prompts_on_disk(data_dir) if p.id == card.id)
        assert saved.text == "What feels heavy right now?"


# ── retiring the card on show ─────────────────────────────────────────────────


async def test_retire_the_card_on_show(demo_store, data_dir, make_app):
    app = dana_app(demo_store, make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(pilot)
        deck = screen.live.deck
        shown = deck.current
        await run_palette(pilot, "Retire")
        assert "retired" in text_of(app, "#bar-message")
        assert deck.current is not None and deck.current.id != shown.id
        assert shown.text not in text_of(app, "#deck")

        retired = next(p for p in prompts_on_disk(data_dir) if p.id == shown.id)
        assert retired.retired

        for _ in range(deck.position[1] + 1):  # once round the category, and on
            await pilot.press("ctrl+n")
            assert deck.current.id != shown.id


# ── the prompt library ─────────────────────────────────────────────────────────


async def test_the_prompt_library_stars_retires_restores_and_adds(demo_store, data_dir, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(PromptLibraryScreen())
        await pilot.pause()
        library_screen = app.screen
        assert isinstance(library_screen, PromptLibraryScreen)
        listing = library_screen.query_one("#library-list", OptionList)
        assert listing.option_count == len(library_screen.prompts) > 90
        first = library_screen.highlighted

        await pilot.press("f")
        assert next(p for p in prompts_on_disk(data_dir) if p.id == first.id).favourite
        await pilot.press("r")
        assert next(p for p in prompts_on_disk(data_dir) if p.id == first.id).retired
        assert "retired" in text_of(app, "#library-message")
        await pilot.press("r")
        assert not next(p for p in prompts_on_disk(data_dir) if p.id == first.id).retired

        await pilot.press("e")
        assert "can't be edited" in text_of(app, "#library-message")

        await pilot.press("a")
        assert isinstance(app.screen, PromptEditorScreen)
        await pilot.press(*"Who else could help?", "enter")
        await pilot.pause()
        assert app.screen is library_screen
        mine = [p for p in prompts_on_disk(data_dir) if p.source is PromptSource.CUSTOM]
        assert [p.text for p in mine] == ["Who else could help?"]
        assert library_screen.highlighted.id == mine[0].id
        assert mine[0].category == first.category

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PromptLibraryScreen)


def test_the_editors_checker_line_in_every_state():
    assert checker_note("  ") == (IDLE_NOTE, "idle")
    assert checker_note("What would help?") == (OPEN_NOTE, "ok")
    note, state = checker_note("Did it help?")
    assert state == "warning" and check_question("Did it help?")[0].reason in note
    too_long = "What " * 61  # 304 characters once the trailing space goes
    note, state = checker_note(too_long)
    assert state == "error" and f"{len(too_long.strip())} of 300" in note
