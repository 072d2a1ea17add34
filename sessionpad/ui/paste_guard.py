"""A paste is text, never keys: a terminal parser that keeps a bracketed paste whole.

Why: Textual 8.2's ``XTermParser`` (``textual/_xterm_parser.py``) starts matching an
escape sequence at every ESC, *even inside a bracketed paste*. When nothing matches
within 32 characters (``_MAX_SEQUENCE_SEARCH_THRESHOLD``), or another ESC comes first,
it re-issues what it collected as key presses, and those characters never reach the
paste. A coach pasting ``copied ESC[1mbold ESC[0m text \\x11 more`` from a chat window
quits the app (``\\x11`` is ctrl+q) and loses the paste; a ``\\x12`` opens End; an
``ESC]52;…BEL`` opens the pit-stop (BEL is ctrl+g). See PITFALLS.md
("A paste is not safe from key bindings") and SPEC §8 ("A paste is text only").

How: :class:`PasteGuardParser` sits between the driver and Textual's parser. Outside a
paste every character goes to Textual's parser untouched, so keys, mouse, focus and
resize reports parse exactly as before. When Textual's parser has just read the paste
start marker, the guard takes over: everything up to the paste end marker is collected
as text and handed on as one :class:`textual.events.Paste`, and a fresh Textual parser
(one that has never seen the paste) carries on after it. Chunk boundaries do not matter:
the parser is fed one character at a time, whatever the reads were, and a start marker
cut by a slow link is waited for rather than typed out when Textual's escape delay ends.

Limits, the same as Textual's: the first end marker ends the paste (a terminal is meant
to strip one from the clipboard), and a start marker never followed by an end marker
keeps everything after it as paste text.

Written for Textual 8.2.8. ``tests/ui/test_paste_guard.py`` runs Textual's own parser on
the same byte streams and fails, saying so, once Textual keeps such a paste whole by
itself: then this module and :mod:`sessionpad.ui.driver` can go.
"""

from __future__ import annotations

from collections.abc import Generator

from textual import events
from textual._parser import ParseEOF, ParseError, ParseTimeout, Peek1, Read1, TokenCallback
from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.message import Message

_PASTE_END_LAST = BRACKETED_PASTE_END[-1]
_ESC = "\x1b"


def _holds_cut_paste_start(recent: str) -> bool:
    """Whether Textual's parser is holding the first 3 to 5 characters of a start marker.

    Not 2: ``ESC [`` alone is also what alt+[ sends, and it must still arrive on time.
    """
    pending = recent[recent.rfind(_ESC) :] if _ESC in recent else ""
    return 3 <= len(pending) < len(BRACKETED_PASTE_START) and BRACKETED_PASTE_START.startswith(
        pending
    )


class PasteGuardParser(XTermParser):
    """Textual's terminal parser, except that a bracketed paste is only ever text."""

    def parse(self, token_callback: TokenCallback[Message]) -> Generator[Read1 | Peek1, str, None]:
        textual_parser = XTermParser.parse(self, token_callback)
        request = next(textual_parser)
        # The last characters Textual's parser was given: it has entered a paste exactly
        # when they spell the start marker, because every ESC restarts its matching.
        recent = ""
        while True:
            try:
                character = yield request
                request = textual_parser.send(character)
            except ParseError as error:  # a timeout on a lone ESC, or the end of input
                if isinstance(error, ParseTimeout) and _holds_cut_paste_start(recent):
                    # A slow link cut the start marker: wait for its rest, or Textual
                    # types out the marker and then the whole paste as keys.
                    request = self.read1()
                    continue
                recent = ""
                try:
                    request = textual_parser.throw(error)
                except (StopIteration, ParseEOF):
                    return
                continue
            except StopIteration:
                return
            recent = (recent + character)[-len(BRACKETED_PASTE_START) :]
            if recent != BRACKETED_PASTE_START:
                continue
            textual_parser.close()
            try:
                text = yield from self._paste_text()
            except ParseEOF:  # the terminal went away mid-paste: nobody left to paste into
                return
            token_callback(events.Paste(text))
            textual_parser = XTermParser.parse(self, token_callback)
            request = next(textual_parser)
            recent = ""

    def _paste_text(self) -> Generator[Read1, str, str]:
        """Everything up to the paste end marker, as it came (NUL dropped, as Textual does)."""
        collected: list[str] = []
        while True:
            character = yield self.read1()
            collected.append(character)
            if (
                character == _PASTE_END_LAST
                and "".join(collected[-len(BRACKETED_PASTE_END) :]) == BRACKETED_PASTE_END
            ):
                text = "".join(collected[: -len(BRACKETED_PASTE_END)])
                return text.replace("\x00", "")
