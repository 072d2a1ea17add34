"""The summary as plain text for an e-mail body: no ``##``, no ``- [ ]``, no escapes.

Decisions:
- It is read off the Markdown rendering, which is ours and regular (summary.py): the
  same sections, the same filter for the client (core/audience.py), so the two formats
  can never disagree about what the client may see. Headings become underlined lines,
  task boxes become ``•`` (to do) and ``✓`` (done), and every backslash escape and hard
  break the Markdown needed is undone.
- The client's version opens with the coach's greeting and closes with their sign-off
  (core/settings.py); the coach's own record has neither.
"""

from __future__ import annotations

import re

from sessionpad.core.context import SummaryContext
from sessionpad.core.models import Audience
from sessionpad.core.settings import CoachSettings
from sessionpad.core.summary import render_markdown

_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_ITEM = re.compile(r"^(?P<indent> *)- (?P<box>\[[ x]\] )?(?P<text>.*)$")
_BULLETS = {None: "• ", "[ ] ": "• ", "[x] ": "✓ "}


def _unescape(line: str) -> str:
    """Undo our own escapes; a lone backslash left at the end is a hard break."""
    text = _ESCAPED.sub(r"\1", line)
    # An escaped backslash leaves one "\"; a hard break is an odd backslash at the end.
    trailing = len(line) - len(line.rstrip("\\"))
    if trailing % 2 == 1:
        text = text[:-1]
    return text


def markdown_to_text(markdown: str) -> str:
    """Our summary Markdown as plain text (only the forms summary.py writes)."""
    out: list[str] = []
    after_owner = False
    for raw in markdown.split("\n"):
        if after_owner and not raw:
            after_owner = False  # "Dana:" sits right above its list, as in a letter
            continue
        after_owner = raw.startswith("### ")
        if raw.startswith("# "):
            title = _unescape(raw[2:])
            out += [title, "=" * len(title)]
        elif raw.startswith("## "):
            heading = _unescape(raw[3:])
            out += [heading, "-" * len(heading)]
        elif raw.startswith("### "):
            out.append(_unescape(raw[4:]) + ":")
        elif item := _ITEM.match(raw):
            out.append(item["indent"] + _BULLETS[item["box"]] + _unescape(item["text"]))
        else:
            out.append(_unescape(raw))
    return "\n".join(out).rstrip("\n") + "\n"


def render_text(
    context: SummaryContext, audience: Audience, settings: CoachSettings | None = None
) -> str:
    """The summary for ``audience`` as plain text ending in a newline."""
    body = markdown_to_text(render_markdown(context, audience))
    if audience is Audience.COACH or settings is None:
        return body
    parts = []
    greeting = settings.greeting_for(context.client.display_name)
    if greeting:
        parts.append(greeting)
    parts.append(body.rstrip("\n"))
    closing = settings.closing()
    if closing:
        parts.append(closing)
    return "\n\n".join(parts) + "\n"
