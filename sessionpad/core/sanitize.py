"""Neutralise terminal control characters in user text before it is shown or exported.

Textual hands text to the terminal raw (PITFALLS.md): an ``ESC]52;…`` in a pasted note
would write the coach's clipboard, ``ESC[2J`` would wipe the screen. So every piece of
user text goes through :func:`clean_text` on the way in, and display code may use
:func:`one_line` for single-row views.

Decisions:
- Escape sequences are removed whole, not just their ESC, so no ``[31m`` debris is left.
  A string sequence (OSC, DCS, APC, PM, SOS) ends at BEL or ST as a terminal would read
  it, but also at the first other control character (a newline, say): an unterminated
  ``ESC]`` in a long paste then costs at most the rest of its line, never the whole note.
- Bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069) can make text read
  differently from how it is stored, so they are shown as ``⟨U+202E⟩`` instead of
  acting. The marks U+200E/U+200F/U+061C are kept: right-to-left writing uses them and
  they cannot reorder a whole line.
- U+2028/U+2029 (line and paragraph separators) become ``\\n`` like ``\\r`` does: they
  are line breaks by Unicode's definition and would otherwise break one-row layouts.
- The output is stable: ``clean_text(clean_text(x)) == clean_text(x)``.
"""

from __future__ import annotations

import re
import unicodedata

# Everything but the C0/C1 controls and DEL: the payload of a string sequence.
_PAYLOAD = r"[^\x00-\x1f\x7f-\x9f]*"
_STRING_END = r"(?:\x07|\x1b\\|\x9c)?"
_CSI_BODY = r"[0-?]*[ -/]*[@-~]?"  # a missing final byte still takes the parameters

# One pass over the text. Every match starts with a single character from one class, so
# the regex engine scans plain text at full speed (≈7 ms per MB); the lookbehinds then
# extend a match from its first character to the whole escape sequence.
_SPECIAL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
    r"(?:(?<=\x1b)(?:[\]PX^_]"
    + _PAYLOAD
    + _STRING_END  # OSC DCS SOS PM APC
    + r"|\["
    + _CSI_BODY  # CSI
    + r"|[ -/]*[0-~])"  # any other escape: intermediates, one final byte
    r"|(?<=[\x90\x98\x9d\x9e\x9f])"
    + _PAYLOAD
    + _STRING_END  # 8-bit string sequences
    + r"|(?<=\x9b)"
    + _CSI_BODY  # 8-bit CSI
    + r"|(?<=\r)\n)?"
)
_BIDI_CONTROLS = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
# What a match becomes; anything not listed (controls, sequences) is dropped.
_REPLACEMENTS = {
    "\r": "\n",
    "\r\n": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
    **{chr(point): f"⟨U+{point:04X}⟩" for point in _BIDI_CONTROLS},
}
_ONE_LINE_BREAKS = re.compile(r"[ \t]*\n\s*")

LINE_BREAK_MARK = " ⏎ "
ELLIPSIS = "…"


def _replacement(match: re.Match[str], _lookup: dict[str, str] = _REPLACEMENTS) -> str:
    return _lookup.get(match.group(), "")


def clean_text(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with escape sequences and control characters gone and bidi controls visible.

    Line endings become ``\\n`` (or spaces when ``keep_newlines`` is false); TAB stays.
    Nothing else is changed and nothing is truncated.
    """
    text = _SPECIAL.sub(_replacement, text)
    if not keep_newlines:
        text = text.replace("\n", " ")
    return text


def joined_lines(text: str) -> str:
    """Lines of ``text`` joined by single spaces: a paste into a one-line field, kept whole."""
    return _ONE_LINE_BREAKS.sub(" ", text.strip("\n"))


def one_line(text: str, limit: int | None = None) -> str:
    """``text`` cleaned and flattened to one row, for display only — never for storage.

    Line breaks become ``" ⏎ "`` and tabs spaces. With ``limit``, the result fits in
    that many terminal cells (wide characters count two), ending in ``…`` when cut.
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be 0 or more, not {limit}")
    # Cleaning only ever shortens text (a bidi mark grows to 8 cells, hence the margin),
    # so a bounded window of the raw text is enough for a bounded result: a 1 MB note in
    # a timeline row costs no more than a short one.
    window = None if limit is None else max(10 * limit, 256)
    cut = window is not None and len(text) > window
    flat = _flatten(text[:window] if cut else text)
    if limit is None:
        return flat
    return _fit(flat, limit, cut=cut)


def _flatten(text: str) -> str:
    return _ONE_LINE_BREAKS.sub(LINE_BREAK_MARK, clean_text(text).strip()).replace("\t", " ")


def _fit(text: str, limit: int, *, cut: bool) -> str:
    if limit == 0:
        return ""
    used = 0
    end_before_ellipsis = 0
    for index, char in enumerate(text):
        used += _cell_width(char)
        if used <= limit - 1:
            end_before_ellipsis = index + 1
        if used > limit:
            return text[:end_before_ellipsis].rstrip() + ELLIPSIS
    if cut:
        return text[:end_before_ellipsis].rstrip() + ELLIPSIS
    return text


def display_width(text: str) -> int:
    """How many terminal cells ``text`` takes on one row (wide characters count two)."""
    return sum(_cell_width(char) for char in text)


def _cell_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
