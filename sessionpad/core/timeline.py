"""Default session timelines (DOMAIN.md): phases with planned minutes for 30/60/90 minutes.

A first session with a client swaps the review of last time's commitments for designing
the alliance. Other lengths scale the nearest plan so the phases still add up.
"""

from __future__ import annotations

from dataclasses import dataclass

from sessionpad.core.models import Phase

REVIEW = "Review commitments"
DESIGN_ALLIANCE = "Design the alliance"
PIT_STOP = "Pit-stop"

_PLANS: dict[int, tuple[tuple[str, int], ...]] = {
    30: (
        ("Check-in & review", 4),
        ("Today's outcome", 4),
        ("Explore", 9),
        (PIT_STOP, 1),
        ("Options", 5),
        ("Actions", 4),
        ("Close", 3),
    ),
    60: (
        ("Check-in", 5),
        (REVIEW, 5),
        ("Today's outcome", 7),
        ("Explore", 15),
        (PIT_STOP, 2),
        ("Options", 10),
        ("Actions", 8),
        ("Close", 6),
        ("Buffer", 2),
    ),
    90: (
        ("Check-in", 8),
        (REVIEW, 7),
        ("Today's outcome", 10),
        ("Explore", 22),
        (PIT_STOP, 3),
        ("Options", 15),
        ("Relationship pit-stop", 3),
        ("Actions", 12),
        ("Close", 7),
        ("Buffer", 3),
    ),
}


#: The deck category that suits each phase, by the first word of the phase name.
_PHASE_DECK: dict[str, str] = {
    "check-in": "opening",
    "review": "opening",
    "design": "opening",
    "today's": "goal",
    "explore": "exploring",
    "options": "perspective",
    "relationship": "pitstop",
    "actions": "action",
    "close": "closing",
}


def deck_category_for_phase(phase_name: str) -> str | None:
    words = phase_name.casefold().split()
    return _PHASE_DECK.get(words[0]) if words else None


def default_phases(planned_minutes: int, *, first_session: bool = False) -> list[Phase]:
    """The default timeline for a session of ``planned_minutes``."""
    if planned_minutes < 1:
        raise ValueError("a session needs at least one minute")
    base = min(_PLANS, key=lambda length: (abs(length - planned_minutes), length))
    phases = [Phase(name, minutes) for name, minutes in _PLANS[base]]
    if first_session:
        for index, phase in enumerate(phases):
            if phase.name == REVIEW:
                phases[index] = Phase(DESIGN_ALLIANCE, phase.minutes)
                break
        else:
            phases[0] = Phase("Check-in & alliance", phases[0].minutes)
    if base != planned_minutes:
        phases = _rescale(phases, planned_minutes)
    return phases


def _rescale(phases: list[Phase], total: int) -> list[Phase]:
    """Scale phase lengths to ``total`` minutes, dropping none, keeping the sum exact."""
    planned = sum(phase.minutes for phase in phases)
    scaled = [max(1, round(phase.minutes * total / planned)) for phase in phases]
    longest = max(range(len(scaled)), key=scaled.__getitem__)
    scaled[longest] += total - sum(scaled)
    if scaled[longest] < 1:
        # Too short for every phase to get a minute: keep the plan's order, squeeze to fit.
        return [Phase(phases[0].name, total)]
    return [Phase(phase.name, minutes) for phase, minutes in zip(phases, scaled, strict=True)]


@dataclass(frozen=True)
class PhasePosition:
    index: int
    phase: Phase
    elapsed_in_phase: float
    left_in_phase: float


def phase_at(phases: list[Phase], elapsed_minutes: float) -> PhasePosition:
    """Where the clock is in the plan; past the end it stays in the last phase."""
    start = 0.0
    for index, phase in enumerate(phases):
        end = start + phase.minutes
        if elapsed_minutes < end or index == len(phases) - 1:
            return PhasePosition(index, phase, elapsed_minutes - start, end - elapsed_minutes)
        start = end
    raise ValueError("a timeline needs at least one phase")


def phase_start(phases: list[Phase], index: int) -> int:
    return sum(phase.minutes for phase in phases[:index])


def match_phase(phases: list[Phase], name: str) -> int:
    """Index of the phase named by a case-insensitive prefix or word; ValueError if unclear."""
    wanted = name.strip().casefold()
    if not wanted:
        raise ValueError("which phase? " + ", ".join(phase.name for phase in phases))
    exact = [i for i, phase in enumerate(phases) if phase.name.casefold() == wanted]
    if exact:
        return exact[0]
    hits = [
        i
        for i, phase in enumerate(phases)
        if phase.name.casefold().startswith(wanted)
        or any(word.startswith(wanted) for word in phase.name.casefold().split())
    ]
    if len(hits) == 1:
        return hits[0]
    names = ", ".join(phases[i].name for i in (hits or range(len(phases))))
    if hits:
        raise ValueError(f'"{name}" could be {names}')
    raise ValueError(f'no phase "{name}" — phases: {names}')
