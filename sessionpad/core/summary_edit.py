"""A summary the coach edited before sending, kept with its session.

Decisions:
- One edited text per audience and format (``client``/``txt``, ``coach``/``md``…): what
  the coach saves or copies from then on is that text.
- The edit remembers the rendering it started from (``based_on``). When a later
  correction changes the rendering, the edit is *stale*: the screen asks before it
  discards the coach's words for the new rendering, and never decides alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sessionpad.core.models import Audience, dump_time, load_time
from sessionpad.core.sanitize import clean_text


class SummaryFormat(StrEnum):
    MARKDOWN = "md"
    TEXT = "txt"


class EditState(StrEnum):
    NONE = "none"  # never edited: show the rendering
    CURRENT = "current"  # edited from today's rendering: show the edit
    STALE = "stale"  # edited, and the rendering has changed since: ask


@dataclass(frozen=True)
class SummaryEdit:
    audience: Audience
    format: SummaryFormat
    text: str
    based_on: str
    edited_at: datetime

    @property
    def key(self) -> str:
        return f"{self.audience.value}.{self.format.value}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "audience": self.audience.value,
            "format": self.format.value,
            "text": self.text,
            "based_on": self.based_on,
            "edited_at": dump_time(self.edited_at),
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> SummaryEdit:
        return cls(
            audience=Audience(raw["audience"]),
            format=SummaryFormat(raw["format"]),
            text=str(raw["text"]),
            based_on=str(raw.get("based_on", "")),
            edited_at=load_time(raw["edited_at"]),
        )


def edit_key(audience: Audience, fmt: SummaryFormat) -> str:
    return f"{audience.value}.{fmt.value}"


def edit_state(edit: SummaryEdit | None, rendered: str) -> EditState:
    if edit is None:
        return EditState.NONE
    return EditState.CURRENT if edit.based_on == rendered else EditState.STALE


def cleaned_edit(text: str) -> str:
    """What the coach typed or wrote in their editor, safe to keep, save and paste:
    control characters neutralised, one final newline."""
    return clean_text(text).rstrip("\n") + "\n"
