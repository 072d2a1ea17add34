"""The capture-bar grammar of SPEC §4: one submission of the bar → one typed capture.

``parse_capture`` is pure: it decides what the text means and never saves anything, so
an error leaves nothing half done and the bar keeps what was typed.

Decisions beyond the SPEC table:

- All text goes through :func:`clean_text` (newlines kept) and loses only its outer
  whitespace: a multi-line paste is one entry, never truncated.
- Whitespace alone raises :class:`EmptyCapture`, a :class:`CaptureError` the bar can
  ignore silently (an Enter on an empty bar is not a mistake worth a message).
- ``//text`` is a note reading ``/text``: the way to start a note with a slash. A bare
  ``/`` or ``/ text`` is an error that says so, rather than a note saved by accident.
- Tags: ``#`` + word characters, hyphens allowed inside (``#self-care``), at least one
  letter (``item #3`` is not a tag), not preceded by a word character (``C#``) or ``#``.
- A prefix counts only with whitespace after it (``! text``, ``!me text``): ``!!! wow``,
  ``*bold* claim`` and ``~/Documents/plan.md`` are plain notes, ``!meet HR`` too.
- ``by WHEN`` is looked for after the *last* ``by`` of a promise; failing that, a trailing
  ``in N days|weeks`` sets the due date too. Tags and a full stop after the date are
  allowed: ``! draft plan by friday #delegation.`` is due Friday with text ``draft plan
  #delegation``. A WHEN naming a day before today is an error (it is almost always a
  mistyped year), for ``by``, ``/renegotiate`` and ``/book`` alike. A short phrase after
  ``by`` that looks meant as a date but isn't one (``by fridya``, ``by next fridya``,
  ``by eod``) is an error, so a date is never dropped silently.
- Commands take exactly their arguments: ``/end now`` is an error, not an ending. Command
  names are never abbreviated (``/e`` must not end a session); a near miss gets a
  "did you mean". ``/renegotiate N WHEN`` also accepts ``by``/``to`` before WHEN;
  ``/book`` accepts ``at`` before the time and ``for`` before the minutes.
- ``/help COMMAND`` names one command (``Help(topic="kept")``); ``/help`` alone lists all.
- ``/panel`` takes a panel name or its first letters (``/panel prom``); alone it cycles.
- ``/prompt`` alone opens the prompt editor for a new card, ``/prompt edit`` for the
  coach's own card on show, and ``/prompt add TEXT`` adds TEXT to the deck's category at
  once. ``/retire`` hides the card on show (the prompt library can restore it).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from typing import NamedTuple

from sessionpad.core.models import EntryKind, Owner, PromiseStatus
from sessionpad.core.sanitize import clean_text, one_line
from sessionpad.core.when import (
    Due,
    WhenError,
    looks_like_a_date_attempt,
    looks_like_when,
    parse_when,
)


class CaptureError(ValueError):
    """What was typed means nothing we can carry out; ``message`` is one line for the bar."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class EmptyCapture(CaptureError):
    """Only whitespace was submitted: nothing to save and nothing worth a message."""


# ── captures ──────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class NoteCapture:
    """A timeline entry of kind NOTE, INSIGHT, QUESTION or PRIVATE."""

    kind: EntryKind
    text: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class PromiseCapture:
    owner: Owner
    text: str
    due: date | None = None
    tags: tuple[str, ...] = ()
    due_time: time | None = None  # "by friday 2pm"


@dataclass(frozen=True)
class NextCard:
    pass


@dataclass(frozen=True)
class PrevCard:
    pass


@dataclass(frozen=True)
class AskCard:
    pass


@dataclass(frozen=True)
class FavCard:
    pass


@dataclass(frozen=True)
class SetCategory:
    name: str


@dataclass(frozen=True)
class Agree:
    item: str


@dataclass(frozen=True)
class Revisit:
    item: str


@dataclass(frozen=True)
class SetPhase:
    name: str


@dataclass(frozen=True)
class OpenPitStop:
    pass


@dataclass(frozen=True)
class ResolvePromise:
    number: int
    status: PromiseStatus


@dataclass(frozen=True)
class Renegotiate:
    number: int
    due: date
    due_time: time | None = None


@dataclass(frozen=True)
class End:
    pass


@dataclass(frozen=True)
class Export:
    pass


@dataclass(frozen=True)
class Help:
    topic: str | None = None  # a command name from COMMANDS, without the slash


@dataclass(frozen=True)
class BookNext:
    """The next session: its day, and its start time and length when given."""

    day: date
    time: time | None = None
    minutes: int | None = None


@dataclass(frozen=True)
class Privacy:
    pass


@dataclass(frozen=True)
class Pause:
    """Stop the session clock while the client steps away; again to go on."""


@dataclass(frozen=True)
class Panel:
    name: str | None = None  # one of PANELS; None means the next one


@dataclass(frozen=True)
class AddPrompt:
    """A card of the coach's own, added to the deck's current category."""

    text: str


@dataclass(frozen=True)
class OpenPromptEditor:
    edit: bool = False  # True: the card on show; False: a new card


@dataclass(frozen=True)
class RetireCard:
    pass


@dataclass(frozen=True)
class Undo:
    """Take back the last entry, its text returned to the bar."""


@dataclass(frozen=True)
class Recall:
    """Bring the last entry back into the bar, to be saved in place (``up`` in an empty bar)."""


@dataclass(frozen=True)
class EditEntry:
    """Timeline entry ``number``: into the bar when ``text`` is None, else rewritten as it."""

    number: int
    text: str | None = None


@dataclass(frozen=True)
class DeleteEntry:
    number: int


@dataclass(frozen=True)
class MakePrivate:
    number: int


@dataclass(frozen=True)
class SetKind:
    number: int
    kind: EntryKind


Correction = Undo | Recall | EditEntry | DeleteEntry | MakePrivate | SetKind

Command = (
    NextCard
    | PrevCard
    | AskCard
    | FavCard
    | SetCategory
    | Agree
    | Revisit
    | SetPhase
    | OpenPitStop
    | ResolvePromise
    | Renegotiate
    | End
    | Export
    | Help
    | BookNext
    | Privacy
    | Pause
    | Panel
    | AddPrompt
    | OpenPromptEditor
    | RetireCard
    | Correction
)
Capture = NoteCapture | PromiseCapture | Command

PANELS = ("alliance", "deck", "promises")


class CommandHelp(NamedTuple):
    usage: str
    description: str


COMMANDS: dict[str, CommandHelp] = {
    "next": CommandHelp("/next", "show the next question card"),
    "prev": CommandHelp("/prev", "go back to the card before"),
    "ask": CommandHelp("/ask", "log the card on show as a question asked"),
    "fav": CommandHelp("/fav", "star the card on show, or unstar it"),
    "cat": CommandHelp("/cat NAME", "draw cards from another category of the deck"),
    "agree": CommandHelp("/agree ITEM", "mark an alliance item as agreed today"),
    "revisit": CommandHelp("/revisit ITEM", "flag an alliance item to come back to"),
    "phase": CommandHelp("/phase NAME", "move the timeline on to another phase"),
    "pit": CommandHelp("/pit", "open the pit-stop check-in"),
    "kept": CommandHelp("/kept N", "mark promise N as kept"),
    "missed": CommandHelp("/missed N", "mark promise N as missed"),
    "renegotiate": CommandHelp("/renegotiate N WHEN", "give promise N a new due date"),
    "release": CommandHelp("/release N", "let promise N go, by mutual agreement"),
    "book": CommandHelp(
        "/book WHEN [TIME] [NN min]", "set the next session for the summary and the invite"
    ),
    "privacy": CommandHelp("/privacy", "hide everything but the clock; again to show it"),
    "pause": CommandHelp("/pause", "stop the clock while the client steps away; again to go on"),
    "panel": CommandHelp(
        "/panel [alliance|deck|promises]", "switch the side panel, or cycle through them"
    ),
    "prompt": CommandHelp(
        "/prompt [add TEXT | edit]", "write a card of your own, or edit your card on show"
    ),
    "retire": CommandHelp("/retire", "hide the card on show from the deck (it can be restored)"),
    "undo": CommandHelp("/undo", "take back the last entry; its text comes back to the bar"),
    "edit": CommandHelp(
        "/edit N [TEXT]", "timeline entry N into the bar to fix (enter saves it in place)"
    ),
    "delete": CommandHelp("/delete N", "remove timeline entry N from the record"),
    "private": CommandHelp("/private N", "make timeline entry N a private note"),
    "kind": CommandHelp("/kind N insight|note|question", "make timeline entry N another kind"),
    "end": CommandHelp("/end", "close the session, resolve promises, see the summary"),
    "export": CommandHelp("/export", "save or copy the session summary"),
    "help": CommandHelp("/help [COMMAND]", "list the commands, or explain one"),
}


# ── parsing ───────────────────────────────────────────────────────────────────


def parse_capture(raw: str, today: date) -> Capture:
    """What one submission of the capture bar means; :class:`CaptureError` if nothing.

    ``today`` anchors WHEN phrases (``by friday``).
    """
    text = clean_text(raw).strip()
    if not text:
        raise EmptyCapture("nothing to capture")
    if text.startswith("//"):
        return _note(EntryKind.NOTE, text[1:])
    if text.startswith("/"):
        return _parse_command(text[1:], today)
    if _COACH_PROMISE.match(text):
        return _promise(Owner.COACH, text[3:], today, prefix="!me")
    if _is_prefix(text, "!"):
        return _promise(Owner.CLIENT, text[1:], today, prefix="!")
    if text[0] in _NOTE_PREFIXES and _is_prefix(text, text[0]):
        kind, what = _NOTE_PREFIXES[text[0]]
        body = text[1:].strip()
        if not body:
            raise CaptureError(f"{what} needs some words after {text[0]}")
        return _note(kind, body)
    return _note(EntryKind.NOTE, text)


def _is_prefix(text: str, prefix: str) -> bool:
    """A prefix alone or followed by whitespace: "!!! wow" and "*bold*" are notes."""
    return text == prefix or (text.startswith(prefix) and text[len(prefix)].isspace())


# "!me" counts only as a whole word: "!meet HR" is a note, "! meet HR" a client promise.
_COACH_PROMISE = re.compile(r"!me(?=\s|$)", re.IGNORECASE)
_NOTE_PREFIXES: dict[str, tuple[EntryKind, str]] = {
    "?": (EntryKind.QUESTION, "a question"),
    "*": (EntryKind.INSIGHT, "an insight"),
    "~": (EntryKind.PRIVATE, "a private note"),
}
_TAG = re.compile(r"(?<![\w#])#(\w+(?:-\w+)*)")
_TAG_WORD = re.compile(r"#\w+(?:-\w+)*[.,;:!?]?")
_BY = re.compile(r"(?<!\S)by\s+", re.IGNORECASE)
_TRAILING_IN = re.compile(
    r"\s+(?P<when>in\s+(?:-?\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+(?:days?|weeks?|months?))$",
    re.IGNORECASE,
)
_TRAILING_PUNCTUATION = ".,;:!"


def tags_in(text: str) -> tuple[str, ...]:
    """The tags of ``text``: lowercased, without ``#``, each once, in order of appearance."""
    found: dict[str, None] = {}
    for match in _TAG.finditer(text):
        word = match.group(1)
        if any(char.isalpha() for char in word):
            found.setdefault(word.lower())
    return tuple(found)


def _note(kind: EntryKind, text: str) -> NoteCapture:
    return NoteCapture(kind=kind, text=text, tags=tags_in(text))


def _promise(owner: Owner, body: str, today: date, *, prefix: str) -> PromiseCapture:
    body = body.strip()
    if not body:
        raise CaptureError(f"a promise needs some words after {prefix}")
    text, due = _split_due(body, today)
    return PromiseCapture(
        owner=owner,
        text=text,
        due=due.day if due else None,
        tags=tags_in(text),
        due_time=due.time if due else None,
    )


def _split_due(body: str, today: date) -> tuple[str, Due | None]:
    """The promise text and its due date, from a final ``by WHEN`` or ``in N days|weeks``.

    A phrase that is not a WHEN stays in the text (``stand by the decision``, ``pay by
    card``); a short phrase that looks meant as a date (``fridya``, ``next fridya``,
    ``soon``, ``4/12``) is refused with a message, the text kept in the bar.
    """
    words = body.split()
    trailing_tags: list[str] = []
    while words and _is_tag_word(words[-1]):
        trailing_tags.insert(0, words.pop())
    untagged = " ".join(words).rstrip(_TRAILING_PUNCTUATION)
    # The split above joined lines with spaces; the head is cut from the text as typed.
    last_by = next(reversed(list(_BY.finditer(untagged))), None)
    if last_by is not None:
        phrase = untagged[last_by.end() :]
        if phrase and (looks_like_when(phrase) or looks_like_a_date_attempt(phrase)):
            due = _future_date(phrase, today)
            return _without_date(body, untagged[: last_by.start()], trailing_tags), due
    if trailing_in := _TRAILING_IN.search(untagged):
        due = _future_date(trailing_in["when"], today)
        return _without_date(body, untagged[: trailing_in.start()], trailing_tags), due
    return body, None


def _without_date(body: str, head: str, trailing_tags: list[str]) -> str:
    head = head.rstrip()
    if not head:
        raise CaptureError("a promise needs some words before its date")
    # Keep the head's own line breaks: it is a prefix of the body up to whitespace.
    kept = _prefix_as_typed(body, head)
    return " ".join([kept, *trailing_tags])


def _prefix_as_typed(body: str, squeezed: str) -> str:
    """The start of ``body`` that reads ``squeezed`` once its whitespace is collapsed."""
    wanted = squeezed.split()
    position = 0
    for word in wanted:
        position = body.index(word, position) + len(word)
    return body[:position]


def _is_tag_word(word: str) -> bool:
    return _TAG_WORD.fullmatch(word) is not None and bool(tags_in(word))


def _future_date(phrase: str, today: date) -> Due:
    try:
        due = parse_when(phrase, today)
    except WhenError as error:
        raise CaptureError(error.message) from None
    if due.day < today:
        raise CaptureError(f"{due.day.isoformat()} has already passed — pick today or a later day")
    return due


# ── commands ──────────────────────────────────────────────────────────────────


def _parse_command(after_slash: str, today: date) -> Command:
    if not after_slash or after_slash[0].isspace():
        raise CaptureError("a command name goes right after / (try /help); // starts a note")
    name, *rest = after_slash.split(None, 1)
    name = name.lower()
    args = " ".join(rest[0].split()) if rest else ""
    parser = _PARSERS.get(name)
    if parser is None:
        raise CaptureError(_unknown_command(name))
    return parser(name, args, today)


def _unknown_command(name: str) -> str:
    shown = one_line(name, 24)
    guess = difflib.get_close_matches(name, COMMANDS, n=1, cutoff=0.6)
    hint = f"did you mean /{guess[0]}? " if guess else ""
    return f"unknown command /{shown} — {hint}/help lists them"


def _usage(name: str, problem: str | None = None) -> CaptureError:
    usage, description = COMMANDS[name]
    return CaptureError(f"usage: {usage} — {problem or description}")


def _choosing(make: Callable[[str], Command]) -> Callable[[str, str, date], Command]:
    """A command whose name may be left out: bare, it asks which, listing the choices."""

    def parse(name: str, args: str, today: date) -> Command:
        return make(args)

    return parse


def _bare(command: Command) -> Callable[[str, str, date], Command]:
    def parse(name: str, args: str, today: date) -> Command:
        if args:
            raise _usage(name, "it takes nothing after it")
        return command

    return parse


def _named(make: Callable[[str], Command]) -> Callable[[str, str, date], Command]:
    def parse(name: str, args: str, today: date) -> Command:
        if not args:
            raise _usage(name)
        return make(args)

    return parse


def _resolve(status: PromiseStatus) -> Callable[[str, str, date], Command]:
    def parse(name: str, args: str, today: date) -> Command:
        return ResolvePromise(number=_promise_number(name, args), status=status)

    return parse


def _promise_number(name: str, text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,6}", text) or int(text) < 1:
        raise _usage(name, "N is the promise's number in the promises panel")
    return int(text)


def _parse_renegotiate(name: str, args: str, today: date) -> Command:
    number_text, _, when = args.partition(" ")
    number = _promise_number(name, number_text)
    when = re.sub(r"^(?:by|to)\s+", "", when, flags=re.IGNORECASE)
    due = _command_date(name, when, today, example="/renegotiate 2 next friday")
    return Renegotiate(number=number, due=due.day, due_time=due.time)


def _command_date(name: str, phrase: str, today: date, *, example: str) -> Due:
    # A lone word or a WHEN-shaped phrase gets the precise message ("did you mean
    # friday?"); a longer phrase more likely means the arguments are in the wrong shape.
    if looks_like_when(phrase) or looks_like_a_date_attempt(phrase) or len(phrase.split()) == 1:
        return _future_date(phrase, today)
    raise _usage(name, f"e.g. {example}")


_BOOK_LENGTH = re.compile(
    r"\s+(?:for\s+)?(?P<minutes>\d{1,4})\s*(?:m|min|mins|minute|minutes)$", re.IGNORECASE
)
_BOOK_EXAMPLE = "/book friday 2pm 60 min"
_LONGEST_SESSION = 8 * 60  # a day's workshop; more is a typo


def _parse_book(name: str, args: str, today: date) -> Command:
    minutes = None
    if length := _BOOK_LENGTH.search(args):
        minutes = int(length["minutes"])
        if not 1 <= minutes <= _LONGEST_SESSION:
            raise _usage(name, f"a session lasts 1 to {_LONGEST_SESSION} minutes, e.g. 60 min")
        args = args[: length.start()]
    if not args:
        raise _usage(name, f"e.g. {_BOOK_EXAMPLE}")
    due = _command_date(name, args, today, example=_BOOK_EXAMPLE)
    return BookNext(day=due.day, time=due.time, minutes=minutes)


def _parse_help(name: str, args: str, today: date) -> Command:
    if not args:
        return Help()
    topic = args.removeprefix("/").lower()
    if " " in topic or topic not in COMMANDS:
        raise CaptureError(_unknown_command(topic))
    return Help(topic=topic)


def _parse_panel(name: str, args: str, today: date) -> Command:
    if not args:
        return Panel()
    wanted = args.lower()
    matches = [panel for panel in PANELS if panel.startswith(wanted)]
    if len(matches) != 1:
        raise _usage(name)
    return Panel(name=matches[0])


def _parse_prompt(name: str, args: str, today: date) -> Command:
    if not args:
        return OpenPromptEditor()
    verb, _, rest = args.partition(" ")
    match verb.lower(), rest:
        case "edit", "":
            return OpenPromptEditor(edit=True)
        case "add", text if text:
            return AddPrompt(text=text)
        case "add", _:
            raise _usage(name, "the question goes after add, e.g. /prompt add What else?")
    raise _usage(name)


def _entry_number(name: str, text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,6}", text) or int(text) < 1:
        raise _usage(name, "N is the small number at the start of a timeline line")
    return int(text)


def _numbered_entry(make: Callable[[int], Command]) -> Callable[[str, str, date], Command]:
    def parse(name: str, args: str, today: date) -> Command:
        return make(_entry_number(name, args))

    return parse


def _parse_edit(name: str, args: str, today: date) -> Command:
    number_text, _, text = args.partition(" ")
    return EditEntry(number=_entry_number(name, number_text), text=text or None)


_KINDS = {kind.value: kind for kind in (EntryKind.INSIGHT, EntryKind.NOTE, EntryKind.QUESTION)}
_KINDS[EntryKind.PRIVATE.value] = EntryKind.PRIVATE


def _parse_kind(name: str, args: str, today: date) -> Command:
    number_text, _, wanted = args.partition(" ")
    number = _entry_number(name, number_text)
    kind = _KINDS.get(wanted.lower())
    if kind is None:
        raise _usage(name, "the kind is insight, note, question or private")
    return SetKind(number=number, kind=kind)


_PARSERS: dict[str, Callable[[str, str, date], Command]] = {
    "next": _bare(NextCard()),
    "prev": _bare(PrevCard()),
    "ask": _bare(AskCard()),
    "fav": _bare(FavCard()),
    "cat": _choosing(lambda name: SetCategory(name=name)),
    "agree": _named(lambda item: Agree(item=item)),
    "revisit": _named(lambda item: Revisit(item=item)),
    "phase": _choosing(lambda name: SetPhase(name=name)),
    "pit": _bare(OpenPitStop()),
    "kept": _resolve(PromiseStatus.KEPT),
    "missed": _resolve(PromiseStatus.MISSED),
    "renegotiate": _parse_renegotiate,
    "release": _resolve(PromiseStatus.RELEASED),
    "book": _parse_book,
    "privacy": _bare(Privacy()),
    "pause": _bare(Pause()),
    "panel": _parse_panel,
    "prompt": _parse_prompt,
    "retire": _bare(RetireCard()),
    "undo": _bare(Undo()),
    "edit": _parse_edit,
    "delete": _numbered_entry(lambda number: DeleteEntry(number=number)),
    "private": _numbered_entry(lambda number: MakePrivate(number=number)),
    "kind": _parse_kind,
    "end": _bare(End()),
    "export": _bare(Export()),
    "help": _parse_help,
}
