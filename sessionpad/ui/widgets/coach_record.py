"""The coach's own record: their word over 90 days and their coaching hours, on Home and the brief."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.widgets import Static

from sessionpad.core.coach_word import (
    RECORD_DAYS,
    CoachRecord,
    coach_record,
    describe_record,
    recent_coach_promises,
)
from sessionpad.core.coaching_log import held_sessions
from sessionpad.core.icf_levels import describe_progress, hours_progress
from sessionpad.core.models import Client, Session
from sessionpad.core.sanitize import one_line
from sessionpad.core.session_row import SessionRow
from sessionpad.storage.store import StorageError, Store

LABEL = "bold"
ATTENTION = "$text-warning"
WORD_LABEL = f"Your word, {RECORD_DAYS} days  "
HOURS_LABEL = "Coaching hours".ljust(len(WORD_LABEL))


def record_content(record: CoachRecord, kept: str = "kept on time") -> Content:
    """The record's line, with what needs repair (missed, overdue) in the warning colour."""
    if record.is_empty:
        return Content.styled(describe_record(record), "$text-muted")
    parts: list[Content | tuple[str, str] | str] = [
        f"{record.kept_on_time} {kept} · {record.kept_late} late · ",
        (f"{record.missed} missed", ATTENTION if record.missed else ""),
        f" · {record.open} open",
    ]
    if record.overdue:
        parts.append((f" ({record.overdue} overdue)", ATTENTION))
    return Content.assemble(*parts)


class CoachRecordBar(Static):
    """Home's two lines about the coach: promises kept, and hours toward the next ICF level."""

    def load(self, store: Store, today: date, headers: Sequence[Session | SessionRow]) -> None:
        try:
            record = coach_record(recent_coach_promises(store.promise_records(), today), today)
            held = held_sessions(store, headers=headers)
        except StorageError as error:
            self.update(Content.styled(f"Your record can't be read: {error.message}", ATTENTION))
            return
        paid = sum(item.minutes for item in held if not item.pro_bono)
        pro_bono = sum(item.minutes for item in held if item.pro_bono)
        self.update(
            Content("\n").join(
                [
                    Content.styled(WORD_LABEL, LABEL) + record_content(record),
                    Content.assemble(
                        (HOURS_LABEL, LABEL), describe_progress(hours_progress(paid, pro_bono))
                    ),
                ]
            )
        )


def log_facts(client: Client) -> list[str]:
    """What the profile says for the coaching log, where it differs from the usual."""
    facts = []
    if client.email:
        facts.append(one_line(client.email, 40))
    if client.is_group:
        facts.append(f"group of {client.group_size}")
    if client.pro_bono:
        facts.append("pro bono")
    if not client.may_be_named:
        facts.append("not named on your log")
    return facts


def coach_word_subtitle(record: CoachRecord) -> Content:
    """The brief's follow-ups carry the coach's word to this client, on their bottom edge."""
    if record.is_empty:
        return Content.styled(f"your word, {RECORD_DAYS} days: no promises yet", "$text-muted")
    lead = Content.styled(f"your word, {RECORD_DAYS} days: ", LABEL)
    return lead + record_content(record, kept="on time")
