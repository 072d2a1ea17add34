from __future__ import annotations

import contextlib
from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sessionpad.core.capture import (
    COMMANDS,
    PANELS,
    AddPrompt,
    Agree,
    AskCard,
    BookNext,
    Capture,
    CaptureError,
    EmptyCapture,
    End,
    Export,
    FavCard,
    Help,
    NextCard,
    NoteCapture,
    OpenPitStop,
    OpenPromptEditor,
    Panel,
    PrevCard,
    Privacy,
    PromiseCapture,
    Renegotiate,
    ResolvePromise,
    RetireCard,
    Revisit,
    SetCategory,
    SetPhase,
    parse_capture,
    tags_in,
)
from sessionpad.core.models import EntryKind, Owner, PromiseStatus

TODAY = date(2026, 11, 27)  # a Friday
FRIDAY = date(2026, 12, 4)  # "friday" said on TODAY
TOMORROW = date(2026, 11, 28)


def parse(raw: str) -> Capture:
    return parse_capture(raw, TODAY)


def error_of(raw: str) -> str:
    with pytest.raises(CaptureError) as caught:
        parse(raw)
    message = caught.value.message
    assert message == str(caught.value)
    assert "\n" not in message
    return message


# ── every row of SPEC §4 ──────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Arrived energised", NoteCapture(EntryKind.NOTE, "Arrived energised")),
        ("! draft the plan", PromiseCapture(Owner.CLIENT, "draft the plan")),
        ("! draft the plan by friday", PromiseCapture(Owner.CLIENT, "draft the plan", FRIDAY)),
        ("!me send the invite", PromiseCapture(Owner.COACH, "send the invite")),
        (
            "!me send the invite by tomorrow",
            PromiseCapture(Owner.COACH, "send the invite", TOMORROW),
        ),
        ("? what would help", NoteCapture(EntryKind.QUESTION, "what would help")),
        (
            "* the deadline is self-imposed",
            NoteCapture(EntryKind.INSIGHT, "the deadline is self-imposed"),
        ),
        ("~ seemed tired", NoteCapture(EntryKind.PRIVATE, "seemed tired")),
        ("felt #Energy", NoteCapture(EntryKind.NOTE, "felt #Energy", ("energy",))),
        ("/next", NextCard()),
    ],
)
def test_spec_table(raw: str, expected: Capture) -> None:
    assert parse(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # SPEC §4: a prefix needs a space after it; without one the text is a plain note
        ("!!! huge breakthrough", NoteCapture(EntryKind.NOTE, "!!! huge breakthrough")),
        ("*bold* claim", NoteCapture(EntryKind.NOTE, "*bold* claim")),
        ("~/Documents/plan.md", NoteCapture(EntryKind.NOTE, "~/Documents/plan.md")),
        ("!call the sponsor", NoteCapture(EntryKind.NOTE, "!call the sponsor")),
        ("?what now", NoteCapture(EntryKind.NOTE, "?what now")),
        ("!   spaces after", PromiseCapture(Owner.CLIENT, "spaces after")),
        ("!\tcall HR", PromiseCapture(Owner.CLIENT, "call HR")),
        ("  ? leading spaces", NoteCapture(EntryKind.QUESTION, "leading spaces")),
        ("?  ", None),
        ("*", None),
    ],
)
def test_a_prefix_needs_a_space_after_it(raw: str, expected: Capture | None) -> None:
    if expected is None:
        error_of(raw)
    else:
        assert parse(raw) == expected


# ── !me versus ! meet ──────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("raw", "owner", "text"),
    [
        ("!me call HR", Owner.COACH, "call HR"),
        ("!ME call HR", Owner.COACH, "call HR"),
        ("!Me\tcall HR", Owner.COACH, "call HR"),
        ("!me\ncall HR", Owner.COACH, "call HR"),
        ("! meet HR", Owner.CLIENT, "meet HR"),
        ("! me too", Owner.CLIENT, "me too"),
    ],
)
def test_coach_promise_needs_the_space_after_me(raw: str, owner: Owner, text: str) -> None:
    assert parse(raw) == PromiseCapture(owner, text)


@pytest.mark.parametrize("raw", ["!meet HR", "!mentor the new lead", "!me!"])
def test_bang_glued_to_a_word_is_a_note(raw: str) -> None:
    assert parse(raw) == NoteCapture(EntryKind.NOTE, raw)


# ── by WHEN ────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("raw", "text", "due"),
    [
        ("! plan by today", "plan", TODAY),
        ("! plan by tomorrow", "plan", TOMORROW),
        ("! plan by Friday", "plan", FRIDAY),
        ("! plan by fri", "plan", FRIDAY),
        ("! plan by monday", "plan", date(2026, 11, 30)),
        ("! plan by next week", "plan", date(2026, 11, 30)),  # Monday of next week
        ("! plan by in 3 days", "plan", date(2026, 11, 30)),
        ("! plan by in 2 weeks", "plan", date(2026, 12, 11)),
        ("! plan by in a week", "plan", date(2026, 12, 4)),
        ("! plan by 2026-12-24", "plan", date(2026, 12, 24)),
        ("! plan BY  Friday  ", "plan", FRIDAY),
        ("! plan by friday.", "plan", FRIDAY),
        ("! plan by\nfriday", "plan", FRIDAY),
        # only the final "by" counts
        ("! stand by the team by friday", "stand by the team", FRIDAY),
        ("! go by train by tomorrow", "go by train", TOMORROW),
        # tags after the date stay in the text
        ("! plan by friday #delegation", "plan #delegation", FRIDAY),
        ("! plan #work by friday #delegation #Q4.", "plan #work #delegation #Q4.", FRIDAY),
        # a longer phrase that is not a date stays in the text
        ("! stand by the decision", "stand by the decision", None),
        ("! stand by my team", "stand by my team", None),
        ("! pay by credit card", "pay by credit card", None),
        ("! by the way, call", "by the way, call", None),
        ("! stand by", "stand by", None),
        ("! nearby friday", "nearby friday", None),
        ("! standby friday", "standby friday", None),
    ],
)
def test_due_dates(raw: str, text: str, due: date | None) -> None:
    parsed = parse(raw)
    assert isinstance(parsed, PromiseCapture)
    assert (parsed.text, parsed.due) == (text, due)


def test_the_coach_gets_due_dates_too() -> None:
    assert parse("!me send invite by in 3 days") == PromiseCapture(
        Owner.COACH, "send invite", date(2026, 11, 30)
    )


def test_a_note_keeps_its_by_phrase() -> None:
    assert parse("travelled by friday's train") == NoteCapture(
        EntryKind.NOTE, "travelled by friday's train"
    )
    assert parse("? what by friday") == NoteCapture(EntryKind.QUESTION, "what by friday")


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("! plan by fridya", '"fridya" isn\'t a date I know'),
        ("! plan by tomorow", "did you mean tomorrow?"),
        ("!me invite by soon", '"soon" isn\'t a date I know'),
        ("! plan by 2026-13-40", "2026-13-40 isn't a real date"),
        ("! plan by 2026-02-30 #x", "2026-02-30 isn't a real date"),
        ("! plan by in 99999999 days", "further ahead"),
        ("! plan by 2026-11-26", "2026-11-26 has already passed"),
    ],
)
def test_a_bad_date_is_refused_with_a_clear_message(raw: str, fragment: str) -> None:
    assert fragment in error_of(raw)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("! pay by card", "pay by card"),
        ("! go by bus", "go by bus"),
        ("! stand by me", "stand by me"),
        ("!me reply by email", "reply by email"),
    ],
)
def test_an_ordinary_word_after_by_stays_in_the_text(raw: str, text: str) -> None:
    assert parse(raw).text == text
    assert parse(raw).due is None


@pytest.mark.parametrize("raw", ["! plan by 4/12", "! plan by eod", "! plan by satruday"])
def test_a_word_meant_as_a_date_is_refused(raw: str) -> None:
    assert "isn't a date I know" in error_of(raw)


def test_a_single_unknown_word_suggests_the_forms() -> None:
    message = error_of("! plan by soon")
    assert "tomorrow" in message and "2026-12-04" in message


@pytest.mark.parametrize(
    "raw", ["!", "! ", "!me", "!me ", "!me by friday", "! by friday", "! by friday #x"]
)
def test_a_promise_needs_words(raw: str) -> None:
    assert "promise needs some words" in error_of(raw)


@pytest.mark.parametrize(
    ("raw", "what"), [("?", "question"), ("*", "insight"), ("~ \n", "private note")]
)
def test_a_note_prefix_needs_words(raw: str, what: str) -> None:
    message = error_of(raw)
    assert what in message and raw.strip() in message


# ── tags ───────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("#energy", ("energy",)),
        ("felt #Energy today", ("energy",)),
        ("#a then #b then #A", ("a", "b")),
        ("#deadline, #energy.", ("deadline", "energy")),
        ("(#paren)", ("paren",)),
        ("#self-care matters", ("self-care",)),
        ("#trailing-", ("trailing",)),
        ("#Ünïcode #日本", ("ünïcode", "日本")),
        ("#q4_goals", ("q4_goals",)),
        ("C# and F# are languages", ()),
        ("a#b", ()),
        ("# heading-like", ()),
        ("#", ()),
        ("#!", ()),
        ("#-x", ()),
        ("item #3 and #42", ()),
        ("##double", ()),
        ("first line\n#second-line tag", ("second-line",)),
    ],
)
def test_tags(text: str, tags: tuple[str, ...]) -> None:
    assert tags_in(text) == tags
    assert parse(text) == NoteCapture(EntryKind.NOTE, text, tags)


def test_tags_keep_the_text_as_typed_on_every_kind() -> None:
    for raw, kind in [
        ("? what about #Work", EntryKind.QUESTION),
        ("* #Insight here", EntryKind.INSIGHT),
        ("~ #tired", EntryKind.PRIVATE),
    ]:
        parsed = parse(raw)
        assert isinstance(parsed, NoteCapture)
        assert parsed.kind is kind
        assert "#" in parsed.text
    promise = parse("! ask #Sponsor for time by friday")
    assert promise == PromiseCapture(Owner.CLIENT, "ask #Sponsor for time", FRIDAY, ("sponsor",))


# ── text kept whole and clean ──────────────────────────────────────────────────


def test_a_multi_line_paste_is_one_entry() -> None:
    raw = "first line\r\nsecond line\n\n  indented third\n"
    assert parse(raw) == NoteCapture(EntryKind.NOTE, "first line\nsecond line\n\n  indented third")


def test_a_multi_line_promise_keeps_every_line() -> None:
    parsed = parse("! do these:\n- one\n- two\nby friday")
    assert parsed == PromiseCapture(Owner.CLIENT, "do these:\n- one\n- two", FRIDAY)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("note \x1b[31mred\x1b[0m", NoteCapture(EntryKind.NOTE, "note red")),
        ("note \x1b]52;c;aGVsbG8=\x07done", NoteCapture(EntryKind.NOTE, "note done")),
        ("bell\x07 and\x00 null", NoteCapture(EntryKind.NOTE, "bell and null")),
        ("flip \u202e here", NoteCapture(EntryKind.NOTE, "flip ⟨U+202E⟩ here")),
        # escapes go first, so what they hid decides the kind
        ("\x1b[2J! a promise", PromiseCapture(Owner.CLIENT, "a promise")),
        ("\x9b2J? a question", NoteCapture(EntryKind.QUESTION, "a question")),
    ],
)
def test_control_characters_never_reach_an_entry(raw: str, expected: Capture) -> None:
    assert parse(raw) == expected


def test_control_characters_are_stripped_from_promises_and_commands() -> None:
    assert parse("! call \x1b[1mHR\x1b[0m by fri\x07day") == PromiseCapture(
        Owner.CLIENT, "call HR", FRIDAY
    )
    assert parse("/agree con\x1b[31mf") == Agree("conf")


def test_a_megabyte_paste_is_kept_whole() -> None:
    line = "a long pasted line with words by someone #Theme and \x1b[1mbold\x1b[0m text\n"
    raw = line * 15_000
    assert len(raw) > 1_000_000
    parsed = parse(raw)
    assert isinstance(parsed, NoteCapture)
    assert parsed.text == (line.replace("\x1b[1m", "").replace("\x1b[0m", "") * 15_000).strip()
    assert parsed.tags == ("theme",)


def test_a_megabyte_promise_keeps_its_date() -> None:
    body = "step by step " * 80_000
    parsed = parse(f"! {body}by 2026-12-04")
    assert isinstance(parsed, PromiseCapture)
    assert parsed.due == FRIDAY
    assert parsed.text == body.strip()


@pytest.mark.parametrize("raw", ["", "   ", "\n\t \r\n", "\x1b[2J", "\x00\x07"])
def test_nothing_to_capture_is_a_distinct_error(raw: str) -> None:
    with pytest.raises(EmptyCapture):
        parse(raw)
    assert issubclass(EmptyCapture, CaptureError)


def test_capture_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse("/nosuchcommand")


# ── slash commands ────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("/next", NextCard()),
        ("/prev", PrevCard()),
        ("/ask", AskCard()),
        ("/fav", FavCard()),
        ("/cat exploring", SetCategory("exploring")),
        ("/cat values and  meaning", SetCategory("values and meaning")),
        ("/agree conf", Agree("conf")),
        ("/agree Style and permissions", Agree("Style and permissions")),
        ("/revisit style", Revisit("style")),
        ("/phase explore", SetPhase("explore")),
        ("/phase", SetPhase("")),  # bare: the live session lists the phases
        ("/cat", SetCategory("")),
        ("/pit", OpenPitStop()),
        ("/kept 1", ResolvePromise(1, PromiseStatus.KEPT)),
        ("/missed 2", ResolvePromise(2, PromiseStatus.MISSED)),
        ("/release 12", ResolvePromise(12, PromiseStatus.RELEASED)),
        ("/renegotiate 3 friday", Renegotiate(3, FRIDAY)),
        ("/renegotiate 3 by next week", Renegotiate(3, date(2026, 11, 30))),
        ("/renegotiate 3 to in 3 days", Renegotiate(3, date(2026, 11, 30))),
        ("/renegotiate 1 2027-01-15", Renegotiate(1, date(2027, 1, 15))),
        ("/end", End()),
        ("/export", Export()),
        ("/help", Help()),
        ("/help kept", Help("kept")),
        ("/help /Book", Help("book")),
        ("/privacy", Privacy()),
        ("/panel", Panel()),
        ("/panel deck", Panel("deck")),
        ("/panel Alliance", Panel("alliance")),
        ("/panel prom", Panel("promises")),
        ("/book friday", BookNext(FRIDAY)),
        ("/book friday 14:00", BookNext(FRIDAY, time(14, 0))),
        ("/book friday 9:30 45 min", BookNext(FRIDAY, time(9, 30), 45)),
        ("/book next week 14:00 60min", BookNext(date(2026, 11, 30), time(14, 0), 60)),
        ("/book in 2 weeks at 8.15 for 90 minutes", BookNext(date(2026, 12, 11), time(8, 15), 90)),
        ("/book 2026-12-04 16:45", BookNext(FRIDAY, time(16, 45))),
        ("/book tomorrow 30m", BookNext(TOMORROW, None, 30)),
        ("/book today", BookNext(TODAY)),
        # command names are case-insensitive, arguments carried as typed
        ("/NEXT", NextCard()),
        ("/Agree Conf", Agree("Conf")),
        ("  /kept 4  ", ResolvePromise(4, PromiseStatus.KEPT)),
        ("/kept\t4", ResolvePromise(4, PromiseStatus.KEPT)),
    ],
)
def test_commands(raw: str, expected: Capture) -> None:
    assert parse(raw) == expected


def test_every_command_is_documented_and_parses() -> None:
    examples = {
        "cat": "x",
        "agree": "x",
        "revisit": "x",
        "phase": "x",
        "kept": "1",
        "missed": "1",
        "release": "1",
        "renegotiate": "1 friday",
        "book": "friday",
        "delete": "1",
        "private": "1",
        "kind": "1 insight",
        "edit": "1",
    }
    for name, (usage, description) in COMMANDS.items():
        assert usage.startswith(f"/{name}")
        assert description and "\n" not in description
        parse(f"/{name} {examples.get(name, '')}")
    assert {"next", "prev", "ask", "fav", "cat", "agree", "revisit", "phase", "pit"} <= set(
        COMMANDS
    )
    assert {"kept", "missed", "renegotiate", "release", "end", "export", "help"} <= set(COMMANDS)
    assert {"book", "privacy", "panel", "prompt", "retire"} <= set(COMMANDS)
    assert all(f"{panel}" in COMMANDS["panel"].usage for panel in PANELS)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("/nxt", "unknown command /nxt — did you mean /next?"),
        ("/renegociate 2 friday", "did you mean /renegotiate?"),
        ("/Kep 2", "did you mean /kept?"),
        ("/xyzzy", "unknown command /xyzzy — /help lists them"),
        ("/usr/bin is full", "unknown command /usr/bin"),
        ("/e", "unknown command /e"),  # never an abbreviation of /end
        ("/help xyzzy", "unknown command /xyzzy"),
    ],
)
def test_unknown_commands(raw: str, fragment: str) -> None:
    message = error_of(raw)
    assert fragment in message
    assert "/help" in message


@pytest.mark.parametrize(
    ("raw", "usage"),
    [
        ("/next now", "/next"),
        ("/end please", "/end"),
        ("/pit 2", "/pit"),
        ("/privacy on", "/privacy"),
        ("/agree", "/agree ITEM"),
        ("/revisit   ", "/revisit ITEM"),
        ("/kept", "/kept N"),
        ("/kept 0", "/kept N"),
        ("/kept -1", "/kept N"),
        ("/kept two", "/kept N"),
        ("/kept 2 3", "/kept N"),
        ("/kept 1.5", "/kept N"),
        ("/missed x", "/missed N"),
        ("/release", "/release N"),
        ("/renegotiate", "/renegotiate N WHEN"),
        ("/renegotiate 2", "/renegotiate N WHEN"),
        ("/renegotiate friday", "/renegotiate N WHEN"),
        ("/renegotiate 2 some day soon", "/renegotiate N WHEN"),
        ("/book", "/book WHEN"),
        ("/book friday 14:00 0 min", "/book WHEN"),
        ("/book friday 14:00 2000 min", "/book WHEN"),
        ("/panel sideways", "/panel [alliance|deck|promises]"),
        ("/prompt add", "/prompt [add TEXT | edit]"),
        ("/prompt add   ", "/prompt [add TEXT | edit]"),
        ("/prompt What now?", "/prompt [add TEXT | edit]"),
        ("/prompt edit this", "/prompt [add TEXT | edit]"),
        ("/retire now", "/retire"),
    ],
)
def test_bad_arguments_show_the_usage(raw: str, usage: str) -> None:
    assert f"usage: {usage}" in error_of(raw)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("/renegotiate 2 fridya", "did you mean friday?"),
        ("/renegotiate 2 2026-13-40", "2026-13-40 isn't a real date"),
        ("/renegotiate 2 2026-11-01", "has already passed"),
        ("/book fridya 14:00", "did you mean friday?"),
        ("/book friday 25:00", '"25:00" isn\'t a time'),
        ("/book friday 14:75", '"14:75" isn\'t a time'),
        ("/book friday 13pm", '"13pm" isn\'t a time'),
        ("/book 2025-12-04 14:00", "has already passed"),
    ],
)
def test_bad_dates_in_commands_are_named(raw: str, fragment: str) -> None:
    assert fragment in error_of(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("//text", NoteCapture(EntryKind.NOTE, "/text")),
        ("// spaced", NoteCapture(EntryKind.NOTE, "/ spaced")),
        ("//usr/bin is full #ops", NoteCapture(EntryKind.NOTE, "/usr/bin is full #ops", ("ops",))),
    ],
)
def test_a_double_slash_starts_a_note_with_a_slash(raw: str, expected: Capture) -> None:
    assert parse(raw) == expected


@pytest.mark.parametrize("raw", ["/", "/ ", "/ next", "/\nnext"])
def test_a_slash_without_a_command_name_explains_itself(raw: str) -> None:
    message = error_of(raw)
    assert "//" in message and "/help" in message


def test_an_error_message_never_echoes_escapes_or_a_whole_paste() -> None:
    message = error_of("/" + "x" * 5_000 + "\x1b[2J")
    assert "\x1b" not in message
    assert len(message) < 120


def test_captures_are_frozen() -> None:
    parsed = parse("note")
    with pytest.raises(AttributeError):
        parsed.text = "changed"  # type: ignore[misc]


# ── the coach's own prompts ────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("/prompt", OpenPromptEditor()),
        ("/prompt   ", OpenPromptEditor()),
        ("/prompt edit", OpenPromptEditor(edit=True)),
        ("/PROMPT Edit", OpenPromptEditor(edit=True)),
        ("/prompt add What else is here?", AddPrompt("What else is here?")),
        ("/prompt ADD  What   else?  #tag", AddPrompt("What else? #tag")),
        ("/prompt add edit", AddPrompt("edit")),
        ("/prompt add What\nelse?", AddPrompt("What else?")),
        ("/retire", RetireCard()),
        ("/Retire  ", RetireCard()),
    ],
)
def test_prompt_commands(raw: str, expected: Capture) -> None:
    assert parse(raw) == expected


def test_prompt_command_near_misses_are_named() -> None:
    assert "did you mean /prompt?" in error_of("/prompts")
    assert "did you mean /retire?" in error_of("/retir")


# ── issue 8: dates as coaches type them, never dropped silently ───────────────

NEXT_FRIDAY = date(2026, 12, 4)  # said on TODAY, a Friday: the Friday of next week


@pytest.mark.parametrize(
    ("raw", "text", "due", "at"),
    [
        ("! talk to Sam by next friday", "talk to Sam", NEXT_FRIDAY, None),
        ("! send notes by 4 Dec", "send notes", date(2026, 12, 4), None),
        ("! send notes by Dec 4", "send notes", date(2026, 12, 4), None),
        ("! send notes by December 4th", "send notes", date(2026, 12, 4), None),
        ("! send notes by 4 December 2026", "send notes", date(2026, 12, 4), None),
        ("! send notes by end of month", "send notes", date(2026, 11, 30), None),
        ("! send notes by end of week", "send notes", TODAY, None),
        ("! send notes by this friday", "send notes", TODAY, None),
        ("! send notes by tonight", "send notes", TODAY, None),
        ("! send notes by 1 Jan", "send notes", date(2027, 1, 1), None),  # next year
        ("! send notes by 26 Nov", "send notes", date(2027, 11, 26), None),  # passed: next year
        ("! call HR by friday 2pm", "call HR", FRIDAY, time(14, 0)),
        ("! call HR by friday 14:00", "call HR", FRIDAY, time(14, 0)),
        ("! call HR by 2:30pm", "call HR", TODAY, time(14, 30)),
        ("!me send the invite by next friday 9am", "send the invite", NEXT_FRIDAY, time(9, 0)),
        # a trailing "in N days|weeks" sets the due date too
        ("! draft the plan in 2 weeks", "draft the plan", date(2026, 12, 11), None),
        ("! draft the plan in 3 days #work", "draft the plan #work", date(2026, 11, 30), None),
        ("! draft the plan in a week.", "draft the plan", date(2026, 12, 4), None),
        # ordinary words after "by" stay in the text
        ("! stand by the decision", "stand by the decision", None, None),
        ("! pay by card", "pay by card", None, None),
        ("! pay by 3 cheques", "pay by 3 cheques", None, None),
        ("! stand by this decision", "stand by this decision", None, None),
        ("! live in the moment", "live in the moment", None, None),
    ],
)
def test_dates_as_coaches_type_them(raw: str, text: str, due: date | None, at: time | None) -> None:
    parsed = parse(raw)
    assert isinstance(parsed, PromiseCapture)
    assert (parsed.text, parsed.due, parsed.due_time) == (text, due, at)


def test_a_multi_line_promise_keeps_its_line_breaks_before_the_date() -> None:
    parsed = parse("! do these:\n- one\n- two\nby next friday #x")
    assert parsed == PromiseCapture(Owner.CLIENT, "do these:\n- one\n- two #x", NEXT_FRIDAY, ("x",))


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("! plan by fridya", "did you mean friday?"),
        ("! plan by next fridya", "did you mean next friday?"),
        ("! plan by 31 Feb", "isn't a real date"),
        ("! plan by eod", "isn't a date I know"),
        ("! plan by next month", "isn't a date I know"),
        ("! plan by end of year", "isn't a date I know"),
        ("! plan by december", "needs a day too"),
        ("! plan by friday 25:00", "isn't a time"),
        ("! plan by 4 Dexember", "isn't a date I know"),
    ],
)
def test_a_phrase_that_looks_like_a_date_is_never_dropped(raw: str, fragment: str) -> None:
    assert fragment in error_of(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("/renegotiate 9 next friday", Renegotiate(9, NEXT_FRIDAY)),
        ("/renegotiate 9 by 4 Dec", Renegotiate(9, date(2026, 12, 4))),
        ("/renegotiate 9 to end of month", Renegotiate(9, date(2026, 11, 30))),
        ("/renegotiate 2 friday 2pm", Renegotiate(2, FRIDAY, time(14, 0))),
        ("/book friday 2pm", BookNext(FRIDAY, time(14, 0))),
        ("/book friday at 2pm", BookNext(FRIDAY, time(14, 0))),
        ("/book next friday 2:30pm 45 min", BookNext(NEXT_FRIDAY, time(14, 30), 45)),
        ("/book Dec 4 10am for 90 minutes", BookNext(date(2026, 12, 4), time(10, 0), 90)),
        ("/book end of month 9:00", BookNext(date(2026, 11, 30), time(9, 0))),
    ],
)
def test_commands_take_every_when_form(raw: str, expected: Capture) -> None:
    assert parse(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("/renegotiate 9 next fridya", "did you mean next friday?"),
        ("/book next fridya 2pm", "did you mean next friday?"),
        ("/book 31 Feb 2pm", "isn't a real date"),
    ],
)
def test_commands_say_what_is_wrong_with_a_date(raw: str, fragment: str) -> None:
    message = error_of(raw)
    assert fragment in message
    assert not message.startswith("usage:")


@settings(deadline=None, max_examples=300)
@given(st.text())
def test_parse_capture_raises_only_its_own_error(raw: str) -> None:
    try:
        parse(raw)
    except CaptureError as error:
        assert "\n" not in error.message


@settings(deadline=None, max_examples=300)
@given(
    st.sampled_from(["! ", "!me ", "/renegotiate 1 ", "/book ", ""]),
    st.lists(
        st.sampled_from(
            [
                "plan",
                "by",
                "in",
                "next",
                "this",
                "friday",
                "fridya",
                "3",
                "days",
                "weeks",
                "end",
                "of",
                "month",
                "4",
                "Dec",
                "2pm",
                "14:00",
                "at",
                "31",
                "Feb",
                "#x",
                ".",
                "2026-12-04",
                "for",
                "60",
                "min",
                "\n",
            ]
        ),
        max_size=8,
    ).map(" ".join),
    st.dates(),
)
def test_date_like_captures_raise_only_their_own_error(prefix: str, body: str, today: date) -> None:
    with contextlib.suppress(CaptureError):
        parse_capture(prefix + body, today)


# Found by an attacker's review: each was saved as a promise with no due date and the
# date left in its text, or (4.12.) read as a time of day.
@pytest.mark.parametrize(
    ("typed", "due", "at"),
    [
        ("! call Sam by weds", date(2026, 12, 2), None),
        ("! call Sam by the weekend", date(2026, 11, 28), None),
        ("! call Sam by next weekend", date(2026, 12, 5), None),
        ("! call Sam by 4 dec 26", date(2026, 12, 4), None),
        ("! call Sam in 3 months", date(2027, 2, 27), None),
        ("! call Sam by 2pm friday", FRIDAY, time(14, 0)),
        ("! call Sam by ｆｒｉｄａｙ", FRIDAY, None),
        ("! call Sam by ⁴ Dec", FRIDAY, None),
    ],
)
def test_dates_coaches_type_are_read(typed: str, due: date, at: time | None) -> None:
    promise = parse_capture(typed, TODAY)
    assert isinstance(promise, PromiseCapture)
    assert (promise.text, promise.due, promise.due_time) == ("call Sam", due, at)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("! call Sam in -3 days", "in the past"),
        ("! call Sam by 4 dec at 2", "isn't a date"),
        ("! call Sam by 1 jan 10000", "isn't a date"),
        ("! call Sam by 4 dec 0", "isn't a date"),
        ("! call Sam by 4.12.", "isn't a date"),
        ("! call Sam by 3.15", "isn't a date"),
        ("! call Sam in 99999 weeks", "more than 10 years"),
        ("! call Sam by 4 December 2040", "more than 10 years"),
    ],
)
def test_a_date_that_cannot_be_read_is_refused_never_dropped(typed: str, said: str) -> None:
    with pytest.raises(CaptureError) as refused:
        parse_capture(typed, TODAY)
    assert said in refused.value.message


@pytest.mark.parametrize(
    "typed", ["! pay by card", "! pay by 3 cheques", "! stand by the decision"]
)
def test_ordinary_words_after_by_stay_in_the_promise(typed: str) -> None:
    promise = parse_capture(typed, TODAY)
    assert isinstance(promise, PromiseCapture)
    assert (promise.text, promise.due) == (typed[2:], None)
