"""Leaving the app with a session unfinished: the one line the terminal keeps afterwards."""

from __future__ import annotations

import shlex

from sessionpad.core.models import Client, Session
from sessionpad.core.sanitize import one_line


def resume_hint(unfinished: list[tuple[Session, Client]]) -> str | None:
    """Say what waits and the command that picks it up again; None when nothing does."""
    if not unfinished:
        return None
    if len(unfinished) == 1:
        session, client = unfinished[0]
        name = one_line(client.name, 60)
        return (
            f"Unfinished: session {session.number} with {name}. "
            f"Resume: sessionpad start {shlex.quote(name)}"
        )
    names = ", ".join(one_line(client.name, 40) for _session, client in unfinished)
    return f"Unfinished: {len(unfinished)} sessions ({names}). Resume: sessionpad start NAME"
