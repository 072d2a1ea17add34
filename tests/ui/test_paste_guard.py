"""A paste is text, never keys: the guarded parser fed the raw bytes a terminal sends.

Also the version checks: Textual's own parser must still need the guard, and the input
loop copied into our driver must still match Textual's.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import threading
import time
from collections.abc import Iterable

import pytest
import textual
from textual import events
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from sessionpad.storage.store import Store
from sessionpad.ui.app import SessionpadApp
from sessionpad.ui.driver import COPIED_INPUT_LOOP_SHA256, PasteGuardDriver, guarded
from sessionpad.ui.paste_guard import PasteGuardParser

START = "\x1b[200~"
END = "\x1b[201~"
ESC = "\x1b"

# What a coach really pastes, and what went wrong with each in Textual 8.2.8.
PASTES = {
    # ctrl+q quit the app and the paste was lost
    "bold-then-ctrl-q": f"copied {ESC}[1mbold {ESC}[0m text \x11 more",
    # BEL (ctrl+g) opened the pit-stop
    "osc52-bel": f"evil {ESC}]52;c;aGVsbG8gd29ybGQ=\x07 and {ESC}[2J cleared?",
    # ctrl+r opened End
    "ctrl-r": f"from the chat {ESC}[0m \x12 and on",
    "lone-esc-at-end": f"ends with a stray escape {ESC}",
    "esc-then-long-text": f"{ESC}[38;5;196m" + "red words, longer than thirty-two characters " * 3,
    "every-c0-control": "c0:" + "".join(chr(c) for c in range(1, 32) if c != 0x1B) + ":del\x7f",
    "multi-line": "first line\nsecond line\r\nthird \x1b[3mitalic\x1b[23m line\n",
    "text-like-a-marker": "a [200~ and [201~ without ESC are just text",
}


def parse(parser: XTermParser, chunks: Iterable[str]) -> list[Message]:
    return [event for chunk in chunks for event in parser.feed(chunk)]


def pasted(events_: list[Message]) -> list[str]:
    return [event.text for event in events_ if isinstance(event, events.Paste)]


def keys(events_: list[Message]) -> list[str]:
    return [event.key for event in events_ if isinstance(event, events.Key)]


def assert_one_whole_paste(events_: list[Message], text: str) -> None:
    assert keys(events_) == [], "a paste reached the key bindings"
    assert pasted(events_) == [text]
    assert len(events_) == 1


@pytest.mark.parametrize("text", PASTES.values(), ids=PASTES.keys())
def test_a_paste_in_one_read_is_one_paste_event_and_no_keys(text: str) -> None:
    assert_one_whole_paste(parse(PasteGuardParser(), [START + text + END]), text)


@pytest.mark.parametrize("text", PASTES.values(), ids=PASTES.keys())
def test_a_paste_split_anywhere_across_two_reads_is_still_whole(text: str) -> None:
    stream = START + text + END
    for cut in range(1, len(stream)):
        events_ = parse(PasteGuardParser(), [stream[:cut], stream[cut:]])
        assert_one_whole_paste(events_, text)


def test_a_paste_end_marker_split_across_reads_ends_the_paste() -> None:
    text = PASTES["bold-then-ctrl-q"]
    for cut in range(1, len(END)):
        chunks = [START + text + END[:cut], END[cut:]]
        assert_one_whole_paste(parse(PasteGuardParser(), chunks), text)


class EscapeDelay:
    """Parse reads with Textual's escape delay passing between them, as on a slow link."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch

    def parse(self, parser: XTermParser, chunks: Iterable[str]) -> list[Message]:
        received: list[Message] = []
        for chunk in chunks:
            received += parser.feed(chunk)
            with self.monkeypatch.context() as later:
                later.setattr("textual._parser.get_time", lambda: time.monotonic() + 60)
                received += parser.tick()
        return received


def test_a_start_marker_cut_by_a_slow_link_still_starts_a_paste(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = PASTES["bold-then-ctrl-q"]
    for cut in range(3, len(START)):
        chunks = [START[:cut], START[cut:] + text + END]
        events_ = EscapeDelay(monkeypatch).parse(PasteGuardParser(), chunks)
        assert_one_whole_paste(events_, text)


@pytest.mark.parametrize("first", ["\x1b", "\x1b[", "\x1b[2", "\x1b[20"])
def test_keys_cut_by_a_slow_link_give_the_keys_textual_gives(
    monkeypatch: pytest.MonkeyPatch, first: str
) -> None:
    chunks = [first, "a"]
    expected = [repr(event) for event in EscapeDelay(monkeypatch).parse(XTermParser(), chunks)]
    events_ = EscapeDelay(monkeypatch).parse(PasteGuardParser(), chunks)
    assert [repr(event) for event in events_] == expected


def test_a_paste_read_one_character_at_a_time_is_whole() -> None:
    text = PASTES["osc52-bel"]
    assert_one_whole_paste(parse(PasteGuardParser(), START + text + END), text)


def test_a_huge_paste_in_terminal_sized_reads_is_one_paste_event() -> None:
    line = f"line {ESC}[1mbold{ESC}[0m \x11 \x12 \x07 {ESC}]52;c;Zm9v\x07 tail {ESC}\n"
    text = line * 20_000  # ≈ 1 MB
    stream = START + text + END
    chunks = [stream[i : i + 4096] for i in range(0, len(stream), 4096)]
    assert_one_whole_paste(parse(PasteGuardParser(), chunks), text)


def test_nul_is_dropped_from_a_paste_as_textual_does() -> None:
    events_ = parse(PasteGuardParser(), [START + "a\x00b" + END])
    assert_one_whole_paste(events_, "ab")


def test_keys_after_a_paste_are_keys_again() -> None:
    stream = "a" + START + PASTES["bold-then-ctrl-q"] + END + "b\x11"
    events_ = parse(PasteGuardParser(), [stream])
    assert [type(event) for event in events_] == [events.Key, events.Paste, events.Key, events.Key]
    assert keys(events_) == ["a", "b", "ctrl+q"]


def test_an_escape_just_before_a_paste_stays_an_escape_key() -> None:
    events_ = parse(PasteGuardParser(), [ESC + START + "one" + END])
    assert [type(event) for event in events_] == [events.Key, events.Paste]
    assert keys(events_) == ["escape"] and pasted(events_) == ["one"]


def test_keys_and_plain_pastes_mixed_parse_as_textual_parses_them() -> None:
    stream = ESC + START + "one" + END + ESC + "x" + START + "two\r\n" + END + "\x1b[<0;3;4M"
    expected = [repr(event) for event in parse(XTermParser(), [stream, ""])]
    assert [repr(event) for event in parse(PasteGuardParser(), [stream, ""])] == expected


def test_two_pastes_back_to_back_are_two_paste_events() -> None:
    first, second = PASTES["bold-then-ctrl-q"], PASTES["ctrl-r"]
    events_ = parse(PasteGuardParser(), [START + first + END + START + second + END])
    assert keys(events_) == [] and pasted(events_) == [first, second]


def test_an_escape_key_after_a_paste_is_one_escape(monkeypatch: pytest.MonkeyPatch) -> None:
    parser = PasteGuardParser()
    events_ = parse(parser, [START + "text" + END + ESC])
    assert pasted(events_) == ["text"] and keys(events_) == []
    # The escape delay has passed.
    monkeypatch.setattr("textual._parser.get_time", lambda: time.monotonic() + 60)
    assert keys(list(parser.tick())) == ["escape"]


# Input that is not a paste parses exactly as Textual parses it.
NOT_PASTES = {
    "typing": "hello, world\r",
    "ctrl-keys": "\x11\x12\x07\x1a\x7f\t",
    "arrows-and-function-keys": "\x1b[A\x1b[B\x1bOP\x1b[15~\x1b[1;5C",
    "alt-key": "\x1bx",
    "sgr-mouse": "\x1b[<0;10;5M\x1b[<0;10;5m\x1b[<35;12;7M\x1b[<64;3;3M",
    "focus": "\x1b[I\x1b[O",
    "kitty-key": "\x1b[97;5u",
    "cursor-position": "\x1b[12;40R",
    "sync-output-report": "\x1b[?2026;2$y",
    "in-band-resize": "\x1b[48;24;80;480;800t",
    "unknown-sequence": "\x1b[999;999;999;999;999;999;999;999;999z",
    "escape-then-text": "\x1b\x1bab",
    "lone-escape-at-eof": "x\x1b",
}


@pytest.mark.parametrize("stream", NOT_PASTES.values(), ids=NOT_PASTES.keys())
def test_input_that_is_not_a_paste_parses_as_textual_parses_it(stream: str) -> None:
    expected = [repr(event) for event in parse(XTermParser(), [stream, ""])]
    guarded_events = [repr(event) for event in parse(PasteGuardParser(), [stream, ""])]
    assert guarded_events == expected
    assert expected, "each stream should give some events"


def test_input_around_a_paste_parses_as_textual_parses_it() -> None:
    before, after = NOT_PASTES["sgr-mouse"], NOT_PASTES["arrows-and-function-keys"]
    expected = [repr(event) for event in parse(XTermParser(), [before, after, ""])]
    events_ = parse(PasteGuardParser(), [before, START + "x" + END, after, ""])
    assert [repr(event) for event in events_ if not isinstance(event, events.Paste)] == expected
    assert pasted(events_) == ["x"]


def test_the_end_of_input_mid_paste_ends_quietly() -> None:
    parser = PasteGuardParser()
    assert parse(parser, [START + "half a paste", ""]) == []
    assert parser.is_eof


# ── version checks: when Textual changes, these say what to look at ─────────────────


def test_textual_still_turns_a_paste_into_keys_so_the_guard_is_still_needed() -> None:
    still_broken = []
    for name in ("bold-then-ctrl-q", "osc52-bel", "ctrl-r"):
        text = PASTES[name]
        events_ = parse(XTermParser(), [START + text + END])
        if keys(events_) or pasted(events_) != [text]:
            still_broken.append(name)
    if not still_broken:
        pytest.fail(
            f"Textual {textual.__version__}'s own XTermParser now keeps a bracketed paste "
            "whole: re-check sessionpad/ui/paste_guard.py and sessionpad/ui/driver.py — the "
            "guard (and the PITFALLS.md entry 'A paste is not safe from key bindings') may "
            "be dropped, keeping the tests in this file."
        )


def test_our_copy_of_textuals_input_loop_is_still_textuals() -> None:
    source = inspect.getsource(LinuxDriver.run_input_thread)
    fingerprint = hashlib.sha256(source.encode()).hexdigest()
    assert fingerprint == COPIED_INPUT_LOOP_SHA256, (
        f"Textual {textual.__version__} changed LinuxDriver.run_input_thread: bring its "
        "changes into PasteGuardDriver.run_input_thread (sessionpad/ui/driver.py), keeping "
        "PasteGuardParser as its parser, then update COPIED_INPUT_LOOP_SHA256."
    )


# ── the driver and the app ───────────────────────────────────────────────────────────


class RecordingDriver(PasteGuardDriver):
    """The driver's input loop on a pipe, recording what it would hand the app."""

    def __init__(self, fileno: int) -> None:  # no terminal, no signal handlers
        self.fileno = fileno
        self._debug = False
        self.exit_event = threading.Event()
        self.received: list[Message] = []

    def process_message(self, message: Message) -> None:
        self.received.append(message)


def test_the_driver_reads_a_paste_arriving_in_several_writes_as_one_paste() -> None:
    text = PASTES["bold-then-ctrl-q"] + " " + PASTES["osc52-bel"] * 200
    stream = ("k" + START + text + END + "\x11").encode()
    read_end, write_end = os.pipe()
    driver = RecordingDriver(read_end)
    reader = threading.Thread(target=driver.run_input_thread)
    reader.start()
    try:
        for start in range(0, len(stream), 1000):
            os.write(write_end, stream[start : start + 1000])
            time.sleep(0.01)
    finally:
        os.close(write_end)
        driver.exit_event.set()
        reader.join(timeout=10)
        os.close(read_end)
    assert not reader.is_alive()
    assert pasted(driver.received) == [text]
    assert keys(driver.received) == ["k", "ctrl+q"]


def test_the_app_runs_with_the_guarded_driver_in_a_terminal(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setattr("textual.constants.DRIVER", None)
    assert SessionpadApp(store, handle_signals=False).driver_class is PasteGuardDriver


def test_a_driver_chosen_elsewhere_is_left_alone() -> None:
    assert guarded(LinuxDriver) is PasteGuardDriver
    assert guarded(PasteGuardDriver) is PasteGuardDriver
    from textual.drivers.headless_driver import HeadlessDriver

    assert guarded(HeadlessDriver) is HeadlessDriver
