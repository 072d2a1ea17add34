"""App-wide messages: screens post these up; the app decides where to go next."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class OpenBrief(Message):
    client_id: str


@dataclass
class StartSession(Message):
    client_id: str
    minutes: int = 60


@dataclass
class ResumeSession(Message):
    session_id: str


@dataclass
class ShowSummary(Message):
    session_id: str


class GoHome(Message):
    """Back to the list of clients."""
