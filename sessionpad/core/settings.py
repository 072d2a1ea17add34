"""The coach's own settings: their name and how a summary e-mail opens and closes.

Decisions:
- The greeting is a template where ``{name}`` is the client's name as the coach calls
  them. It is filled by plain replacement, not ``str.format``: a coach typing ``{`` or
  ``{0}`` gets those characters, never an error.
- Every field is optional; an empty greeting or sign-off is simply left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sessionpad.core.sanitize import clean_text

DEFAULT_GREETING = "Hi {name},"
DEFAULT_SIGN_OFF = "Warm wishes,"


@dataclass(frozen=True)
class CoachSettings:
    coach_name: str = ""
    greeting: str = DEFAULT_GREETING
    sign_off: str = DEFAULT_SIGN_OFF

    def greeting_for(self, client_name: str) -> str:
        template = clean_text(self.greeting).strip()
        return template.replace("{name}", clean_text(client_name, keep_newlines=False).strip())

    def closing(self) -> str:
        """The sign-off followed by the coach's name, each on its own line when given."""
        lines = [clean_text(self.sign_off).strip(), clean_text(self.coach_name).strip()]
        return "\n".join(line for line in lines if line)

    def to_dict(self) -> dict[str, Any]:
        return {"coach_name": self.coach_name, "greeting": self.greeting, "sign_off": self.sign_off}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> CoachSettings:
        return cls(
            coach_name=str(raw.get("coach_name", "")),
            greeting=str(raw.get("greeting", DEFAULT_GREETING)),
            sign_off=str(raw.get("sign_off", DEFAULT_SIGN_OFF)),
        )
