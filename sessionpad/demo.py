"""Sample history for ``sessionpad demo``, written through the same API a live session uses.

Dana has three past sessions (alliance partly agreed, promises of both owners kept, missed
and still open, pit-stop ratings rising); Sam has one. Times are relative to now, so the
brief always shows a realistic mix of due, overdue and upcoming follow-ups.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sessionpad.core.live import LiveSession
from sessionpad.core.models import Client, PromiseStatus, now_local
from sessionpad.storage.store import Store


class _ScriptedClock:
    """A clock the script moves forward, so every entry gets a believable time."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, minutes: float) -> None:
        self.moment += timedelta(minutes=minutes)


def _past_session(
    store: Store,
    client: Client,
    start: datetime,
    minutes: int,
    script: list[tuple[float, str]],
    *,
    pit_stop: tuple[int, str, str] | None = None,
) -> LiveSession:
    clock = _ScriptedClock(start)
    live = LiveSession.start(store, client, minutes, clock=clock)
    for delay, line in script:
        clock.advance(delay)
        outcome = live.capture(line)
        if outcome.error:
            raise RuntimeError(f"demo script line {line!r} failed: {outcome.message}")
        if line.startswith("/pit") and pit_stop:
            rating, working, change = pit_stop
            live.save_pit_stop(rating, working, change, [p.text for p in live.pit_stop_prompts()])
    clock.moment = start + timedelta(minutes=minutes)
    live.end()
    return live


def seed_demo(store: Store, *, now: datetime | None = None) -> Client:
    """Fill an empty store with two clients and four past sessions; returns Dana."""
    now = now or now_local()
    at_two = now.replace(hour=14, minute=0, second=0, microsecond=0)

    dana = Client(
        name="Dana Reyes",
        preferred_name="Dana",
        pronouns="she/her",
        language="English",
        context="Engineering lead, new to managing managers. Sponsor: her VP (sees attendance only).",
    )
    store.save_client(dana)

    first = at_two - timedelta(days=28)
    _past_session(
        store,
        dana,
        first,
        60,
        [
            (2, "Arrived a little guarded, camera off at first #trust"),
            (6, "/agree scope"),
            (1, "/agree conf"),
            (2, "/agree records"),
            (3, "/agree logistics"),
            (4, "? What would make these sessions worth your time?"),
            (6, "* Wants to stop being the bottleneck for every decision #delegation"),
            (5, "~ Mentioned a difficult relationship with her VP; go gently"),
            (3, "/pit"),
            (8, "! List the decisions only she can make by " + _iso(first + timedelta(days=7))),
            (2, "!me Send the alliance summary by " + _iso(first + timedelta(days=1))),
            (3, "/revisit style"),
        ],
        pit_stop=(6, "Clear structure", "More time on her own goals, less on the team"),
    )
    second = at_two - timedelta(days=21)
    _past_session(
        store,
        dana,
        second,
        60,
        [
            (3, "Energised, had a good week #energy"),
            (2, "/kept 1"),
            (1, "/kept 2"),
            (5, "? What does delegating well look like for you?"),
            (9, "* The deadline pressure is self-imposed #deadlines"),
            (4, "/agree style"),
            (6, "/pit"),
            (10, "! Draft the delegation plan by " + _iso(second + timedelta(days=24))),
            (2, "!me Share the article on decision rights by " + _iso(second + timedelta(days=2))),
        ],
        pit_stop=(7, "Going deeper on one topic", "Slow down before jumping to actions"),
    )
    third = at_two - timedelta(days=7)
    _past_session(
        store,
        dana,
        third,
        60,
        [
            (4, "Tired, big release this week #energy"),
            (2, "/missed 2"),
            (8, "? Who else could own the weekly status report?"),
            (6, "* Says yes to everything to avoid disappointing people #boundaries"),
            (3, "/agree goals"),
            (5, "/pit"),
            (9, "! Say no to one meeting by " + _iso(third + timedelta(days=9))),
            (
                3,
                "!me Send the calendar invite for next session by "
                + _iso(third + timedelta(days=1)),
            ),
            (2, "/book " + _iso(now + timedelta(days=0)) + " 14:00"),
        ],
        pit_stop=(8, "Naming the pattern out loud", "Keep the pace; more silence"),
    )

    sam = Client(
        name="Sam Okafor",
        pronouns="they/them",
        context="Founder, preparing a hard board conversation.",
    )
    store.save_client(sam)
    _past_session(
        store,
        sam,
        at_two - timedelta(days=10, hours=3),
        30,
        [
            (3, "/agree conf"),
            (4, "* The board meeting is really about trust in the plan #trust"),
            (6, "! Write the three-line version of the plan by " + _iso(now + timedelta(days=2))),
        ],
    )
    _check_seed(store, dana)
    return dana


def _iso(moment: datetime) -> str:
    return moment.date().isoformat()


def _check_seed(store: Store, dana: Client) -> None:
    """The demo must show open, kept and missed promises of both owners; fail loudly if not."""
    statuses = {(p.owner.value, p.status) for p in store.promises(dana.id)}
    wanted = {
        ("client", PromiseStatus.KEPT),
        ("coach", PromiseStatus.MISSED),
        ("client", PromiseStatus.OPEN),
    }
    missing = wanted - statuses
    if missing:
        raise RuntimeError(f"demo seed is missing {missing}")
