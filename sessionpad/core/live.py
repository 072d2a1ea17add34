"""A live session: turns what the coach types into durable entries, promises and agreements.

This is the one service between the screens and the store. Every method that records
something returns only after it is on disk, so the capture bar may clear on return.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from sessionpad.core import capture as cap
from sessionpad.core import corrections
from sessionpad.core import prompt_library as library
from sessionpad.core.alliance import AllianceMatchError, match_item, template_items, with_state
from sessionpad.core.booking import (
    Booking,
    BookingError,
    check_ahead,
    describe_booking,
    local_moment,
)
from sessionpad.core.checker import Flag, check_question
from sessionpad.core.deck import Deck
from sessionpad.core.models import (
    AllianceItem,
    AllianceState,
    Client,
    Entry,
    EntryKind,
    Owner,
    Promise,
    PromiseStatus,
    Prompt,
    PromptSource,
    Session,
    SessionStatus,
    dump_clock,
    made_order,
    now_local,
)
from sessionpad.core.promises import (
    FollowUp,
    PromiseStateError,
    carried_over,
    relevant_promises,
    renegotiate,
    resolve,
)
from sessionpad.core.prompt_library import all_prompts, deck_prompts
from sessionpad.core.prompts import (
    PITSTOP,
    Category,
    category_label,
    match_category,
)
from sessionpad.core.sanitize import one_line
from sessionpad.core.summary import SummaryContext
from sessionpad.core.timeline import (
    PhasePosition,
    deck_category_for_phase,
    default_phases,
    match_phase,
)
from sessionpad.core.when import describe_due
from sessionpad.storage.store import Store

Clock = Callable[[], datetime]


class Action(StrEnum):
    """Something the screen should do after a command; the core never drives the UI."""

    PIT_STOP = "pit_stop"
    END = "end"
    EXPORT = "export"
    HELP = "help"
    PRIVACY = "privacy"
    PANEL = "panel"
    DECK = "deck"
    PROMPT_EDITOR = "prompt_editor"  # argument "new", or "edit" for the card on show
    CORRECTED = "corrected"  # the record changed in place; argument: text for the bar
    RECALL = "recall"  # argument: an entry's text for the bar; ``editing`` its seq
    CLOCK = "clock"  # the clock was paused or goes on: redraw it


@dataclass(frozen=True)
class Outcome:
    message: str = ""
    error: bool = False
    entry: Entry | None = None
    action: Action | None = None
    argument: str | None = None
    flags: tuple[Flag, ...] = ()
    editing: int | None = None  # with Action.RECALL: enter saves over this entry


@dataclass
class _PhaseAnchor:
    index: int = 0
    elapsed: float = 0.0


@dataclass
class LiveSession:
    store: Store
    client: Client
    session: Session
    alliance: list[AllianceItem]
    promises: list[Promise]
    deck: Deck
    clock: Clock = now_local
    _anchor: _PhaseAnchor = field(default_factory=_PhaseAnchor)

    # ── opening ────────────────────────────────────────────────────────────────

    @classmethod
    def start(
        cls,
        store: Store,
        client: Client,
        planned_minutes: int = 60,
        *,
        clock: Clock = now_local,
    ) -> LiveSession:
        past = store.session_headers(client.id)
        session = Session(
            client_id=client.id,
            planned_minutes=planned_minutes,
            started=clock(),
            phases=default_phases(planned_minutes, first_session=not past),
            number=len(past) + 1,
        )
        store.create_session(session)
        return cls._open(store, client, session, clock)

    @classmethod
    def resume(cls, store: Store, session_id: str, *, clock: Clock = now_local) -> LiveSession:
        session = store.load_session(session_id)
        client = store.client(session.client_id)
        if client is None:
            raise ValueError(f"session {session_id} belongs to a client that no longer exists")
        live = cls._open(store, client, session, clock)
        if session.status is not SessionStatus.LIVE:
            session.status = SessionStatus.LIVE
            if live.paused:
                live.toggle_pause()  # the coach is back: the clock goes on from where it stood
            else:
                store.save_session_header(session)
        return live

    @classmethod
    def _open(cls, store: Store, client: Client, session: Session, clock: Clock) -> LiveSession:
        alliance = store.alliance(client.id)
        if alliance is None:
            alliance = template_items()
            store.save_alliance(client.id, alliance)
        deck = Deck(deck_prompts(store), asked_with_client=store.asked_prompts(client.id))
        live = cls(store, client, session, alliance, store.promises(client.id), deck, clock)
        live._anchor = _anchor_from(session)
        return live

    # ── the clock ──────────────────────────────────────────────────────────────

    def elapsed_minutes(self, now: datetime | None = None) -> float:
        """Session time: the wall clock since the start, less every pause."""
        moment = now or self.clock()
        wall = (moment - self.session.started).total_seconds() / 60
        return max(0.0, wall - self.paused_minutes(moment))

    def paused_minutes(self, now: datetime | None = None) -> float:
        session = self.session
        if session.paused_since is None:
            return session.paused_minutes
        standing = ((now or self.clock()) - session.paused_since).total_seconds() / 60
        return session.paused_minutes + max(0.0, standing)

    @property
    def paused(self) -> bool:
        return self.session.paused_since is not None

    def toggle_pause(self) -> Outcome:
        """Stop the clock, or let it go on; durable, so a resumed session keeps its time."""
        session = self.session
        now = self.clock()
        if session.paused_since is None:
            session.paused_since = now
            message = "clock paused — /pause or ctrl+space again to go on"
        else:
            stood = self.paused_minutes(now) - session.paused_minutes
            session.paused_minutes += stood
            session.paused_since = None
            message = f"clock running again (paused {round(stood)} min)"
        self.store.save_session_header(session)
        return Outcome(message, action=Action.CLOCK)

    def minutes_over(self, now: datetime | None = None) -> float:
        """How far past the planned length the session runs; 0 while within it."""
        return max(0.0, self.elapsed_minutes(now) - self.session.planned_minutes)

    def phase_position(self, now: datetime | None = None) -> PhasePosition:
        """The current phase: the plan as re-anchored by the last ``/phase``."""
        elapsed = self.elapsed_minutes(now)
        phases = self.session.phases
        start = self._anchor.elapsed
        for index in range(self._anchor.index, len(phases)):
            end = start + phases[index].minutes
            if elapsed < end or index == len(phases) - 1:
                return PhasePosition(index, phases[index], elapsed - start, end - elapsed)
            start = end
        raise ValueError("a timeline needs at least one phase")

    def minutes_to_pit_stop(self, now: datetime | None = None) -> float:
        return self.session.pit_stop_at - self.elapsed_minutes(now)

    @property
    def pit_stop_done(self) -> bool:
        return any(entry.kind is EntryKind.PITSTOP for entry in self.session.entries)

    # ── promises as the panel numbers them ─────────────────────────────────────

    @property
    def follow_ups(self) -> list[FollowUp]:
        return carried_over(self.promises, self.today, before_session=self.session.id)

    @property
    def made_today(self) -> list[Promise]:
        return [p for p in self.promises if p.made_in == self.session.id]

    @property
    def resolved_today(self) -> list[Promise]:
        return [
            p
            for p in self.promises
            if p.resolved_in == self.session.id and p.made_in != self.session.id
        ]

    @property
    def carried(self) -> list[Promise]:
        """Promises from earlier sessions that were open when this one started."""
        earlier = [
            p
            for p in self.promises
            if p.made_in != self.session.id and (p.is_open or p.resolved_in == self.session.id)
        ]
        return sorted(earlier, key=made_order)

    @property
    def numbered_promises(self) -> list[Promise]:
        """Carried promises, then today's: stable numbers for ``/kept N`` all session long."""
        return self.carried + self.made_today

    @property
    def today(self) -> date:
        return self.clock().date()

    # ── capture ────────────────────────────────────────────────────────────────

    def capture(self, raw: str) -> Outcome:
        """Parse one submission of the capture bar and carry it out."""
        try:
            parsed = cap.parse_capture(raw, self.today)
        except cap.CaptureError as error:
            return Outcome(error.message, error=True)
        return self.execute(parsed)

    def execute(self, parsed: cap.Capture) -> Outcome:
        """Carry out a capture or command, from the bar, a key or the palette alike."""
        try:
            return self._apply(parsed)
        except (AllianceMatchError, PromiseStateError, ValueError) as error:
            return Outcome(str(error), error=True)

    def _apply(self, parsed: cap.Capture) -> Outcome:
        match parsed:
            case cap.NoteCapture(kind=kind, text=text, tags=tags):
                flags = check_question(text) if kind is EntryKind.QUESTION else ()
                entry = self._record(kind, text, tags)
                message = _flag_message(flags) if flags else ""
                return Outcome(message, entry=entry, flags=flags)
            case cap.PromiseCapture(owner=owner, text=text, due=due, tags=tags, due_time=at):
                return self._make_promise(owner, text, due, tags, at)
            case cap.Agree(item=item):
                return self._set_alliance(item, AllianceState.AGREED)
            case cap.Revisit(item=item):
                return self._set_alliance(item, AllianceState.REVISIT)
            case cap.SetPhase(name=name) if not name:
                names = ", ".join(phase.name for phase in self.session.phases)
                return Outcome(f"/phase NAME — phases: {names}", error=True)
            case cap.SetPhase(name=name):
                return self.set_phase(match_phase(self.session.phases, name))
            case cap.ResolvePromise(number=number, status=status):
                return self.resolve_promise(self._numbered(number), status)
            case cap.Renegotiate(number=number, due=due, due_time=at):
                return self.renegotiate_promise(self._numbered(number), due, at)
            case cap.NextCard():
                self.deck.next()
                return Outcome(action=Action.DECK)
            case cap.PrevCard():
                self.deck.prev()
                return Outcome(action=Action.DECK)
            case cap.AskCard():
                return self.ask_card()
            case cap.FavCard():
                return self.favourite_card()
            case cap.SetCategory(name=name) if not name:
                keys = ", ".join(self.deck.categories)
                return Outcome(f"/cat NAME — categories: {keys}", error=True)
            case cap.SetCategory(name=name):
                return self.set_category(name)
            case cap.BookNext(day=day, time=at, minutes=minutes):
                try:
                    check_ahead(Booking(day, at, minutes), self.clock())
                except BookingError as error:
                    return Outcome(str(error), error=True)
                return self.book_next(day, at, minutes)
            case cap.OpenPitStop():
                return Outcome(action=Action.PIT_STOP)
            case cap.End():
                return Outcome(action=Action.END)
            case cap.Export():
                return Outcome(action=Action.EXPORT)
            case cap.Help():
                return Outcome(action=Action.HELP)
            case cap.Privacy():
                return Outcome(action=Action.PRIVACY)
            case cap.Pause():
                return self.toggle_pause()
            case cap.Panel(name=name):
                return Outcome(action=Action.PANEL, argument=name)
            case cap.AddPrompt(text=text):
                return self.add_prompt(text)
            case cap.OpenPromptEditor(edit=edit):
                return self.open_prompt_editor(edit=edit)
            case cap.RetireCard():
                return self.retire_card()
            case (
                cap.Undo()
                | cap.Recall()
                | cap.EditEntry()
                | cap.DeleteEntry()
                | cap.MakePrivate()
                | cap.SetKind()
            ):
                return self.correct(parsed)
        raise ValueError(f"nothing handles {parsed!r}")

    def _record(
        self,
        kind: EntryKind,
        text: str,
        tags: tuple[str, ...] | list[str] = (),
        data: dict[str, Any] | None = None,
    ) -> Entry:
        entry = Entry(
            seq=self.session.next_seq,
            kind=kind,
            text=text,
            at=self.clock(),
            tags=list(tags),
            data=data or {},
        )
        self.store.append_entry(self.session.id, entry)
        self.session.entries.append(entry)
        return entry

    def _make_promise(
        self,
        owner: Owner,
        text: str,
        due: date | None,
        tags: tuple[str, ...],
        due_time: time | None = None,
    ) -> Outcome:
        promise = Promise(
            client_id=self.client.id,
            owner=owner,
            text=text,
            due=due,
            due_time=due_time if due else None,
            made_at=self.clock(),
            made_in=self.session.id,
        )
        self.store.save_promise(promise)
        self.promises.append(promise)
        entry = self._record(
            EntryKind.PROMISE_MADE,
            text,
            tags,
            {
                "promise_id": promise.id,
                "owner": owner.value,
                "due": _iso(due),
                "due_time": dump_clock(promise.due_time),
            },
        )
        who = self.client.display_name if owner is Owner.CLIENT else "you"
        when = f", due {describe_due(due, self.today, promise.due_time)}" if due else ""
        number = self.numbered_promises.index(promise) + 1
        return Outcome(f"promise #{number} noted for {who}{when}", entry=entry)

    def _set_alliance(self, wanted: str, state: AllianceState) -> Outcome:
        item = match_item(self.alliance, wanted)
        updated = with_state(item, state, self.today)
        alliance = [updated if i.key == item.key else i for i in self.alliance]
        self.store.save_alliance(self.client.id, alliance)
        self.alliance = alliance
        verb = "agreed" if state is AllianceState.AGREED else "to revisit"
        entry = self._record(
            EntryKind.ALLIANCE,
            f"{verb}: {item.title}",
            # The item as it was, so taking this entry back can restore it.
            data={"item_key": item.key, "state": state.value, "previous": item.to_dict()},
        )
        return Outcome(f"{item.title}: {verb}", entry=entry)

    def set_phase(self, index: int) -> Outcome:
        phase = self.session.phases[index]
        elapsed = self.elapsed_minutes()
        entry = self._record(
            EntryKind.PHASE,
            phase.name,
            data={"phase": phase.name, "index": index, "elapsed": elapsed},
        )
        self._anchor = _PhaseAnchor(index, elapsed)
        return Outcome(f"now: {phase.name}", entry=entry)

    def _numbered(self, number: int) -> Promise:
        numbered = self.numbered_promises
        if not 1 <= number <= len(numbered):
            if not numbered:
                raise ValueError("there are no promises to resolve yet")
            raise ValueError(
                f"no promise #{number} — the promises panel numbers 1 to {len(numbered)}"
            )
        return numbered[number - 1]

    def resolve_promise(self, promise: Promise, status: PromiseStatus, note: str = "") -> Outcome:
        self._commit_promise(
            promise,
            lambda p: resolve(p, status, at=self.clock(), session_id=self.session.id, note=note),
        )
        entry = self._record(
            EntryKind.PROMISE_RESOLVED,
            promise.text,
            data={"promise_id": promise.id, "status": status.value, "owner": promise.owner.value},
        )
        return Outcome(f"{status.value}: {promise.text}", entry=entry)

    def _commit_promise(self, promise: Promise, change: Callable[[Promise], None]) -> None:
        """Apply a change on disk first; memory follows only once the write has succeeded."""
        updated = deepcopy(promise)
        change(updated)
        self.store.save_promise(updated)
        promise.__dict__.update(updated.__dict__)

    def renegotiate_promise(
        self, promise: Promise, due: date | None, due_time: time | None = None
    ) -> Outcome:
        # Kept on the entry: the renegotiation record has the previous day, not its time.
        previous_time = dump_clock(promise.due_time)
        self._commit_promise(
            promise,
            lambda p: renegotiate(
                p, due, at=self.clock(), session_id=self.session.id, new_time=due_time
            ),
        )
        entry = self._record(
            EntryKind.PROMISE_RESOLVED,
            promise.text,
            data={
                "promise_id": promise.id,
                "status": PromiseStatus.RENEGOTIATED.value,
                "owner": promise.owner.value,
                "due": _iso(due),
                "due_time": dump_clock(promise.due_time),
                "previous_due_time": previous_time,
            },
        )
        when = describe_due(due, self.today, promise.due_time) if due else "no date"
        return Outcome(f"renegotiated, now due {when}: {promise.text}", entry=entry)

    # ── corrections (SPEC §4a) ─────────────────────────────────────────────────

    def correct(self, command: cap.Correction) -> Outcome:
        """Undo, recall, edit, delete, make private or re-kind one timeline entry."""
        done = corrections.correct(self, command)
        self._anchor = _anchor_from(self.session)  # a phase change may have gone
        asked = {e.data.get("prompt_id") for e in self.session.entries}
        for prompt_id in self.deck.asked_this_session:
            if prompt_id not in asked:
                self.deck.unmark_asked(prompt_id)
        return correction_outcome(done)

    # ── the deck ───────────────────────────────────────────────────────────────

    def ask_card(self) -> Outcome:
        card = self.deck.current
        if card is None:
            return Outcome("no card to ask in this category", error=True)
        entry = self._record(EntryKind.QUESTION, card.text, data={"prompt_id": card.id})
        self.store.record_asked(self.client.id, card.id, self.session.id)
        self.deck.mark_asked()
        return Outcome(action=Action.DECK, entry=entry)

    def follow_phase_with_deck(self, phase_name: str) -> bool:
        """Turn the deck to the category that suits a new phase; True when it moved."""
        key = deck_category_for_phase(phase_name)
        if key is None or key == self.deck.category or key not in self.deck.categories:
            return False
        self.deck.set_category(key)
        return True

    def set_category(self, name: str) -> Outcome:
        available = tuple(Category(key, category_label(key)) for key in self.deck.categories)
        category = match_category(name, available)
        self.deck.set_category(category.key)
        return Outcome(f"deck: {category.label}", action=Action.DECK)

    def favourite_card(self) -> Outcome:
        card = self.deck.toggle_favourite()
        if card is None:
            return Outcome("no card to favourite", error=True)
        self.store.save_prompt(card)
        return Outcome(
            "★ favourite" if card.favourite else "no longer a favourite", action=Action.DECK
        )

    # ── the coach's own prompts ────────────────────────────────────────────────

    def refresh_prompts(self) -> None:
        """Take the prompt library as it is on disk now (after an add, edit or retire)."""
        self.deck.replace_prompts(library.deck_prompts(self.store))

    def add_prompt(self, text: str, category: str | None = None) -> Outcome:
        """A new card of the coach's own, in ``category`` (default: the deck's), put on show."""
        prompt, flags = library.add_prompt(self.store, text, category or self.deck.category)
        self.refresh_prompts()
        label = category_label(prompt.category)
        if prompt.category == PITSTOP.key:
            message = f"added to the {label} deck"
        else:
            self._show_card(prompt)
            message = f"added to {label}"
        return Outcome(_with_note(message, flags), action=Action.DECK, flags=flags)

    def edit_card(
        self, prompt_id: str, text: str | None = None, category: str | None = None
    ) -> Outcome:
        """Change one of the coach's own cards; a built-in one raises (it can be retired)."""
        _, flags = library.edit_prompt(self.store, prompt_id, text, category)
        self.refresh_prompts()
        return Outcome(_with_note("card updated", flags), action=Action.DECK, flags=flags)

    def open_prompt_editor(self, *, edit: bool) -> Outcome:
        """Ask the screen for the prompt editor: a new card, or the custom card on show."""
        if edit:
            card = self.deck.current
            if card is None:
                return Outcome("no card on show to edit", error=True)
            if card.source is not PromptSource.CUSTOM:
                return Outcome(
                    "built-in cards can't be edited — /retire hides this one, "
                    "/prompt add TEXT writes your own",
                    error=True,
                )
        return Outcome(action=Action.PROMPT_EDITOR, argument="edit" if edit else "new")

    def retire_card(self) -> Outcome:
        """Hide the card on show from every deck from now on (the library can restore it)."""
        card = self.deck.current
        if card is None:
            return Outcome("no card on show to retire", error=True)
        library.retire_prompt(self.store, card.id)
        self.refresh_prompts()
        return Outcome(
            f"retired: {one_line(card.text, 40)} — the prompt library can bring it back",
            action=Action.DECK,
        )

    def _show_card(self, prompt: Prompt) -> None:
        """Turn the deck to ``prompt`` (just written, so never asked: it will come up)."""
        deck = self.deck
        if deck.category != prompt.category:
            deck.set_category(prompt.category)
        for _ in range(deck.position[1]):
            if deck.current is None or deck.current.id == prompt.id:
                return
            deck.next()

    def pit_stop_prompts(self, count: int = 3) -> list[Prompt]:
        """Pit-stop prompts, varied from session to session by the session number."""
        cards = [p for p in all_prompts(self.store) if p.category == PITSTOP.key and not p.retired]
        if not cards:
            return []
        offset = (self.session.number - 1) * count
        return [cards[(offset + i) % len(cards)] for i in range(min(count, len(cards)))]

    # ── pit-stop, booking, ending ──────────────────────────────────────────────

    def save_pit_stop(
        self, rating: int | None, working: str, change: str, prompts: list[str]
    ) -> Entry:
        if rating is not None and not 1 <= rating <= 10:
            raise ValueError("the rating is a number from 1 to 10")
        text = f"pit-stop {rating}/10" if rating is not None else "pit-stop"
        entry = self._record(
            EntryKind.PITSTOP,
            text,
            data={"rating": rating, "working": working, "change": change, "prompts": prompts},
        )
        if rating is not None:
            # Kept on the header too, so the brief's trend needs no session file opened.
            self.session.pit_stop_rating = rating
            self.store.save_session_header(self.session)
        return entry

    def book_next(self, day: date, at: time | None, minutes: int | None) -> Outcome:
        """The next session, for the summary and the invite; the same hour by default.

        The time is the wall-clock time on ``day`` itself, so a booking across a
        daylight-saving change keeps its hour (booking.local_moment)."""
        at_time = at or self.session.started.time().replace(second=0, microsecond=0)
        moment = local_moment(day, at_time, self.session.started)
        self.session.next_session = moment
        self.session.next_session_minutes = minutes or self.session.planned_minutes
        self.store.save_session_header(self.session)
        return Outcome(f"next session booked: {describe_booking(self.session)}")

    def clear_booking(self) -> Outcome:
        """No next session: the summary says nothing about one and there is no invite."""
        if self.session.next_session is not None:
            self.session.next_session = None
            self.session.next_session_minutes = None
            self.store.save_session_header(self.session)
        return Outcome("no next session booked")

    def end(self) -> None:
        """Close the session. A next session exists only if the coach booked one."""
        if self.paused:
            self.toggle_pause()
        self.session.status = SessionStatus.ENDED
        self.session.ended = self.clock()
        self.store.save_session_header(self.session)

    def mark_interrupted(self) -> None:
        """Left or cut off: the clock stands from now, so time away is not session time."""
        if self.session.status is SessionStatus.LIVE:
            self.session.status = SessionStatus.INTERRUPTED
            if self.session.paused_since is None:
                self.session.paused_since = self.clock()
            self.store.save_session_header(self.session)

    def summary_context(self) -> SummaryContext:
        return SummaryContext(
            client=self.client,
            session=self.session,
            promises=relevant_promises(self.promises, self.session.id),
            alliance=self.alliance,
            today=self.today,
        )


def correction_outcome(done: corrections.Corrected) -> Outcome:
    """A correction as the screen sees it: the text to edit in place, or the record redrawn."""
    action = Action.RECALL if done.editing is not None else Action.CORRECTED
    return Outcome(
        done.message, action=action, argument=done.bar_text, editing=done.editing, flags=done.flags
    )


def _anchor_from(session: Session) -> _PhaseAnchor:
    for entry in reversed(session.entries):
        if entry.kind is EntryKind.PHASE and "index" in entry.data:
            return _PhaseAnchor(int(entry.data["index"]), float(entry.data.get("elapsed", 0.0)))
    return _PhaseAnchor()


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _with_note(message: str, flags: tuple[Flag, ...]) -> str:
    if not flags:
        return message
    more = f" (+{len(flags) - 1} more)" if len(flags) > 1 else ""
    return f"{message} · {flags[0].reason} — {flags[0].rewrite}{more}"


def _flag_message(flags: tuple[Flag, ...]) -> str:
    return _with_note("question noted", flags)
