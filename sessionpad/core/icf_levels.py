"""Coaching hours toward the next ICF credential (DOMAIN.md: ACC, PCC, MCC thresholds)."""

from __future__ import annotations

from dataclasses import dataclass

from sessionpad.core.coaching_log import hours


@dataclass(frozen=True)
class IcfLevel:
    name: str
    total_hours: int
    paid_hours: int


LEVELS = (
    IcfLevel("ACC", 100, 75),
    IcfLevel("PCC", 500, 450),
    IcfLevel("MCC", 2500, 2250),
)


@dataclass(frozen=True)
class HoursProgress:
    paid_minutes: int
    pro_bono_minutes: int
    #: The first level whose hours are not yet reached; None past the last.
    next_level: IcfLevel | None

    @property
    def total_minutes(self) -> int:
        return self.paid_minutes + self.pro_bono_minutes

    @property
    def minutes_to_go(self) -> int:
        """Total minutes still needed, counting a paid shortfall that pro bono can't fill."""
        if self.next_level is None:
            return 0
        total_short = self.next_level.total_hours * 60 - self.total_minutes
        paid_short = self.next_level.paid_hours * 60 - self.paid_minutes
        return max(total_short, paid_short, 0)


def _reached(level: IcfLevel, paid_minutes: int, total_minutes: int) -> bool:
    return paid_minutes >= level.paid_hours * 60 and total_minutes >= level.total_hours * 60


def hours_progress(paid_minutes: int, pro_bono_minutes: int) -> HoursProgress:
    total = paid_minutes + pro_bono_minutes
    upcoming = next((lv for lv in LEVELS if not _reached(lv, paid_minutes, total)), None)
    return HoursProgress(paid_minutes, pro_bono_minutes, upcoming)


def describe_progress(progress: HoursProgress) -> str:
    """One line: ``42.5 h (38.0 paid) · ACC needs 100 h, 75 paid: 57.5 h to go``.

    The hours to go are the fewest more that reach the level, when they are paid."""
    done = f"{hours(progress.total_minutes)} h ({hours(progress.paid_minutes)} paid)"
    level = progress.next_level
    if level is None:
        return f"{done} · past every ICF level's hours"
    needs = f"{level.name} needs {level.total_hours} h, {level.paid_hours} paid"
    return f"{done} · {needs}: {hours(progress.minutes_to_go)} h to go"
