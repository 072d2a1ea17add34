"""What to call a client when the coach hasn't said: the given name, not the title.

"Dr. Maria Lopez" is Maria, not "Dr."; "Dr. Lopez" stays "Dr. Lopez", since a surname
alone would be ruder than the title. The coach's own "goes by" always wins over this
guess (``Client.display_name``), and the new-client form asks for one when a name starts
with a title.
"""

from __future__ import annotations

#: Honorifics and academic or religious titles, without their full stop.
TITLES = frozenset(
    {
        "dr",
        "doctor",
        "mr",
        "mrs",
        "ms",
        "mx",
        "miss",
        "prof",
        "professor",
        "sir",
        "dame",
        "lady",
        "lord",
        "rev",
        "revd",
        "fr",
        "sr",
        "herr",
        "frau",
        "sra",
        "srta",
        "mme",
        "mlle",
    }
)


def _is_title(word: str) -> bool:
    return word.casefold().rstrip(".") in TITLES


def titles_in_front(name: str) -> int:
    """How many of ``name``'s first words are titles (``Prof. Dr. Ana Ruiz`` → 2)."""
    words = name.split()
    count = 0
    # The last word is never a title: "Miss" alone is somebody's name.
    while count < len(words) - 1 and _is_title(words[count]):
        count += 1
    return count


def starts_with_title(name: str) -> bool:
    return titles_in_front(name) > 0


def short_name(name: str) -> str:
    """The first given name of ``name``; the whole name when a title is all it has."""
    words = name.split()
    if not words:
        return name
    after_titles = words[titles_in_front(name) :]
    if len(after_titles) < len(words) and len(after_titles) < 2:
        return " ".join(words)  # "Dr. Lopez": the title is how they are addressed
    return after_titles[0]
