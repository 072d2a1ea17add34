"""Client names compared as a person reads them: case, accents and invisible characters aside.

``Zoe`` and ``Zoë``, or ``Dana`` and ``Dana`` with a zero-width space pasted in, look like
one person to the coach; a second client record for them would split a history. So names
are compared by a *key* — casefolded, accents dropped, invisible characters removed — and a
name whose key equals or nearly equals a known one is a near miss, like a typo.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

# Categories that draw nothing: controls, format characters (zero-width space, joiners,
# bidi marks), separators, combining marks on their own, and unassigned/private code points.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})
# Letters and symbols that render as blank space (Hangul fillers, the blank Braille cell).
_BLANK_CHARACTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
NEAR_MISS_CUTOFF = 0.75


def _is_invisible(char: str) -> bool:
    return char in _BLANK_CHARACTERS or unicodedata.category(char) in _INVISIBLE_CATEGORIES


def has_visible_text(text: str) -> bool:
    """True when ``text`` would show at least one mark on screen."""
    return any(not _is_invisible(char) for char in text)


def name_key(name: str) -> str:
    """``name`` as compared: casefolded, without accents, invisible characters or extra spaces."""
    # Compatibility forms first, then case: '𝞐' only becomes a capital alpha under NFKD,
    # so folding before it would leave keys that change when taken again.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", name).casefold())
    words: list[str] = []
    word: list[str] = []
    for char in decomposed:
        if char.isspace():
            words.append("".join(word))
            word = []
        elif not _is_invisible(char):
            word.append(char)
    words.append("".join(word))
    return " ".join(w for w in words if w)


def near_miss(name: str, known: Iterable[str]) -> str | None:
    """A known name that ``name`` most likely means — same key, or a typo away — or None."""
    key = name_key(name)
    by_key: dict[str, str] = {}
    for other in known:
        by_key.setdefault(name_key(other), other)
    if key in by_key:
        return by_key[key]
    close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=NEAR_MISS_CUTOFF)
    return by_key[close[0]] if close else None
