"""What the client may see: the one filter every client-audience output goes through.

Markdown, plain text, the clipboard, JSON (``--audience client``) and the ``.ics`` all
render from :func:`visible_to`, so a coach-only text cannot reach the client by one
format forgetting a rule.

Decisions (SPEC §7 "states only what happened"):
- Left out for the client: private notes, the coach's working notes, questions asked,
  phase changes, pit-stop prompts, resolution notes, the client's context notes, alliance
  notes, and every released promise, whenever it was made (released is an agreement the
  coach's record keeps, SPEC §4a; it is never a task for the client).
- Promise entries follow their promises: a promise the client doesn't see leaves no
  entry behind. A promise made in this session and no longer on record (deleted by a
  correction) leaves no entry either.
- Tags are themes, not words inside sentences: ``#word`` becomes ``word`` in the text,
  and tags trailing a sentence go. The tags themselves stay on the entries (themes).
- Themes come from what the client sees, plus the coach's notes (a note's tag is how the
  coach marks a theme while listening). A tag on anything kept from the client — a question,
  a private note, a released promise — stays the coach's.
- The coach's audience gets the context unchanged.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sessionpad.core.context import SummaryContext, themes_of
from sessionpad.core.models import (
    AllianceItem,
    Audience,
    Client,
    Entry,
    EntryKind,
    Promise,
    PromiseStatus,
)

#: Entry kinds a client sees, and what of each one's ``data`` they see.
CLIENT_ENTRY_DATA: dict[EntryKind, frozenset[str]] = {
    EntryKind.INSIGHT: frozenset(),
    EntryKind.ALLIANCE: frozenset({"item_key", "state"}),
    EntryKind.PITSTOP: frozenset({"rating", "working", "change"}),
    EntryKind.PROMISE_MADE: frozenset({"promise_id", "owner", "due"}),
    EntryKind.PROMISE_RESOLVED: frozenset({"promise_id", "owner", "status", "due"}),
}
#: The coach's working facts about a client, left out of the client's copy of their record
#: (their context notes stay, emptied, so the document keeps its shape).
COACH_ONLY_CLIENT_FIELDS = ("pro_bono", "group_size", "may_be_named", "archived")

_PROMISE_KINDS = frozenset({EntryKind.PROMISE_MADE, EntryKind.PROMISE_RESOLVED})

_TAG = re.compile(r"(?<![\w#])#(\w+(?:-\w+)*)")
_TRAILING_TAGS = re.compile(r"(?:\s+#\w+(?:-\w+)*[.,;:!?]?)+\s*$")


def _is_tag(word: str) -> bool:
    return any(char.isalpha() for char in word)


def untagged(text: str) -> str:
    """``text`` reading as a sentence: trailing ``#tags`` gone, inline ones as plain words."""

    def trailing(match: re.Match[str]) -> str:
        words = match.group().split()
        if all(_is_tag(word.lstrip("#")) for word in words):
            end = match.group().rstrip()[-1]
            return end if end in ".!?" else ""
        return match.group()

    without_trailing = _TRAILING_TAGS.sub(trailing, text)
    return _TAG.sub(
        lambda match: match.group(1) if _is_tag(match.group(1)) else match.group(),
        without_trailing,
    )


def visible_to(context: SummaryContext, audience: Audience) -> SummaryContext:
    """The context as ``audience`` may see it: a filtered copy for the client."""
    if audience is Audience.COACH:
        return context
    promises = [_client_promise(p) for p in context.promises if _client_sees_promise(p)]
    shown_ids = {p.id for p in promises}
    all_ids = {p.id for p in context.promises}
    entries = [
        _client_entry(entry)
        for entry in context.session.entries
        if _client_sees_entry(entry, shown_ids, all_ids)
    ]
    return replace(
        context,
        client=_client_record(context.client),
        session=replace(context.session, entries=entries),
        promises=promises,
        alliance=[_client_alliance_item(item) for item in context.alliance],
        themes=_client_themes(context.session.entries, {entry.seq for entry in entries}),
    )


def _client_sees_promise(promise: Promise) -> bool:
    return promise.status is not PromiseStatus.RELEASED


def _client_themes(entries: list[Entry], shown: set[int]) -> list[str]:
    themed = [entry for entry in entries if entry.kind is EntryKind.NOTE or entry.seq in shown]
    return themes_of(themed, with_private=False)


def _client_sees_entry(entry: Entry, shown_ids: set[str], all_ids: set[str]) -> bool:
    if entry.kind not in CLIENT_ENTRY_DATA:
        return False
    if entry.kind in _PROMISE_KINDS:
        promise_id = str(entry.data.get("promise_id", ""))
        if promise_id in all_ids and promise_id not in shown_ids:
            return False
        if entry.kind is EntryKind.PROMISE_MADE and promise_id not in all_ids:
            return False
    return True


def _client_entry(entry: Entry) -> Entry:
    allowed = CLIENT_ENTRY_DATA[entry.kind]
    return replace(
        entry,
        text=untagged(entry.text),
        tags=list(entry.tags),
        data={key: value for key, value in entry.data.items() if key in allowed},
    )


def _client_promise(promise: Promise) -> Promise:
    return replace(
        promise,
        text=untagged(promise.text),
        resolution_note="",
        renegotiations=list(promise.renegotiations),
    )


def _client_record(client: Client) -> Client:
    return replace(client, context="")


def _client_alliance_item(item: AllianceItem) -> AllianceItem:
    return replace(item, note="")
