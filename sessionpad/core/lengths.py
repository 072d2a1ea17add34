"""How long a session lasted, or has lasted so far: what the coach reads, not the plan."""

from __future__ import annotations

from sessionpad.core.models import Session, SessionStatus


def lasted_minutes(session: Session) -> int | None:
    """Whole minutes from start to end; None while the session has no end."""
    if session.ended is None:
        return None
    return round((session.ended - session.started).total_seconds() / 60)


def minutes_so_far(session: Session) -> int:
    """An unfinished session's length on its own clock where it stopped; else up to its last
    entry, the last moment known to be live (a killed process stops no clock)."""
    if session.ended is not None:
        return lasted_minutes(session) or 0
    if session.paused_since is not None:
        stood = (session.paused_since - session.started).total_seconds() / 60
        return max(0, round(stood - session.paused_minutes))
    if not session.entries:
        return 0
    return max(0, round((session.entries[-1].at - session.started).total_seconds() / 60))


def last_ended(sessions: list[Session]) -> Session | None:
    """The latest session that ended properly: an unfinished one says nothing of length."""
    return next((s for s in reversed(sessions) if s.status is SessionStatus.ENDED), None)
