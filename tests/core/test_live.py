"""LiveSession, headless: what the capture bar and keys do to the session and the disk."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from sessionpad.core.live import Action, LiveSession
from sessionpad.core.models import AllianceState, Client, EntryKind, PromiseStatus, SessionStatus
from sessionpad.storage.store import Store
from tests.conftest import FakeClock


@pytest.fixture
def dana(store: Store) -> Client:
    client = Client(name="Dana Reyes", preferred_name="Dana", pronouns="she/her")
    store.save_client(client)
    return client


def reopened(data_dir) -> Store:
    return Store.open(data_dir, read_only=True)


def test_first_session_designs_the_alliance(store, dana, clock):
    live = LiveSession.start(store, dana, 60, clock=clock)
    names = [phase.name for phase in live.session.phases]
    assert "Design the alliance" in names
    assert sum(phase.minutes for phase in live.session.phases) == 60
    assert live.session.number == 1
    live.end()
    second = LiveSession.start(store, dana, 60, clock=clock)
    assert "Review commitments" in [phase.name for phase in second.session.phases]
    assert second.session.number == 2


def test_every_capture_is_on_disk_when_it_returns(store, data_dir, dana, clock):
    live = LiveSession.start(store, dana, 60, clock=clock)
    for line in ("a note #energy", "* insight", "? what matters here?", "~ private"):
        clock.advance(minutes=1)
        outcome = live.capture(line)
        assert not outcome.error
        with reopened(data_dir) as reader:
            assert reader.load_session(live.session.id).entries[-1].seq == outcome.entry.seq
    kinds = [entry.kind for entry in live.session.entries]
    assert kinds == [EntryKind.NOTE, EntryKind.INSIGHT, EntryKind.QUESTION, EntryKind.PRIVATE]
    assert [entry.seq for entry in live.session.entries] == [1, 2, 3, 4]


def test_a_clock_going_backwards_never_reorders_the_timeline(store, data_dir, dana, clock):
    live = LiveSession.start(store, dana, 60, clock=clock)
    live.capture("before the change")
    clock.advance(minutes=-90)  # daylight saving, or a clock corrected by NTP
    live.capture("after the change")
    with reopened(data_dir) as reader:
        texts = [entry.text for entry in reader.load_session(live.session.id).entries]
    assert texts == ["before the change", "after the change"]


def test_errors_save_nothing(store, data_dir, dana, clock):
    live = LiveSession.start(store, dana, 60, clock=clock)
    for bad in ("! call HR by fridya", "/nope", "/agree zzz", "/kept 1", "/phase lunch"):
        outcome = live.capture(bad)
        assert outcome.error and outcome.message
    with reopened(data_dir) as reader:
        assert reader.load_session(live.session.id).entries == []
        assert reader.promises(dana.id) == []


def test_bare_phase_and_cat_list_the_choices_and_save_nothing(store, data_dir, dana, clock):
    live = LiveSession.start(store, dana, 60, clock=clock)
    phase = live.capture("/phase")
    assert phase.error
    assert all(p.name in phase.message for p in live.session.phases)
    category = live.capture("/cat")
    assert category.error
    assert all(key in category.message for key in live.deck.categories)
    with reopened(data_dir) as reader:
        assert reader.load_session(live.session.id).entries == []


def test_promise_numbers_stay_put_while_resolving(store, data_dir, dana, clock):
    first = LiveSession.start(store, dana, 60, clock=clock)
    first.capture("! carried one by friday")
    first.capture("!me carried two")
    first.end()
    clock.advance(minutes=60 * 24 * 7)
    live = LiveSession.start(store, dana, 60, clock=clock)
    live.capture("! new today by tomorrow")
    assert [p.text for p in live.numbered_promises] == ["carried one", "carried two", "new today"]
    assert not live.capture("/kept 1").error
    assert [p.text for p in live.numbered_promises] == ["carried one", "carried two", "new today"]
    assert not live.capture("/renegotiate 2 in 1 week").error
    assert not live.capture("/release 3").error
    with reopened(data_dir) as reader:
        by_text = {p.text: p for p in reader.promises(dana.id)}
    assert by_text["carried one"].status is PromiseStatus.KEPT
    assert by_text["carried two"].status is PromiseStatus.RENEGOTIATED
    assert by_text["carried two"].due == clock().date() + timedelta(days=7)
    assert by_text["carried two"].is_open
    assert by_text["new today"].status is PromiseStatus.RELEASED
    assert live.capture("/kept 1").error  # already kept: a clear message, nothing changed


def test_alliance_agree_and_revisit(store, data_dir, dana, clock):
    live = LiveSession.start(store, dana, 60, clock=clock)
    assert "Confidentiality" in live.capture("/agree conf").message
    live.capture("/revisit style")
    with reopened(data_dir) as reader:
        items = {item.key: item for item in reader.alliance(dana.id)}
    assert items["conf"].state is AllianceState.AGREED
    assert items["conf"].last_agreed == clock().date()
    assert items["style"].state is AllianceState.REVISIT
    ambiguous = live.capture("/agree c")
    assert ambiguous.error and "could be" in ambiguous.message


def test_phase_command_re_anchors_the_clock(store, dana, clock):
    live = LiveSession.start(store, dana, 60, clock=clock)
    assert live.phase_position().phase.name == "Check-in"
    clock.advance(minutes=3)
    live.capture("/phase explore")
    position = live.phase_position()
    assert position.phase.name == "Explore"
    assert position.left_in_phase == pytest.approx(15)
    clock.advance(minutes=16)
    assert live.phase_position().phase.name == "Pit-stop"


def test_the_deck_follows_the_phase(store, dana, clock):
    live = LiveSession.start(store, dana, 60, clock=clock)
    assert live.deck.category == "opening"
    assert live.follow_phase_with_deck("Explore")
    assert live.deck.category == "exploring"
    assert not live.follow_phase_with_deck("Explore")


def test_cards_asked_with_a_client_come_last_next_time(store, data_dir, dana, clock):
    first = LiveSession.start(store, dana, 60, clock=clock)
    asked = first.deck.current
    outcome = first.capture("/ask")
    assert outcome.entry.kind is EntryKind.QUESTION and outcome.entry.data["prompt_id"] == asked.id
    assert first.deck.current.id != asked.id
    first.end()
    with reopened(data_dir) as reader:
        assert asked.id in reader.asked_prompts(dana.id)
    second = LiveSession.start(store, dana, 60, clock=clock)
    assert second.deck.current.id != asked.id
    seen = []
    for _ in range(second.deck.position[1] - 1):
        seen.append(second.deck.current.id)
        second.deck.next()
    seen.append(second.deck.current.id)
    assert seen[-1] == asked.id


def test_pit_stop_and_booking(store, data_dir, dana, clock):
    live = LiveSession.start(store, dana, 60, clock=clock)
    assert live.capture("/pit").action is Action.PIT_STOP
    live.save_pit_stop(7, "clear goal", "slower", ["How is this going?"])
    assert live.pit_stop_done
    with pytest.raises(ValueError):
        live.save_pit_stop(11, "", "", [])
    assert "booked" in live.capture("/book friday 15:30").message
    with reopened(data_dir) as reader:
        saved = reader.load_session(live.session.id)
    assert saved.pit_stop_rating == 7
    assert saved.next_session.date() == date(2026, 12, 4)
    assert (saved.next_session.hour, saved.next_session.minute) == (15, 30)


def test_end_and_interrupt(store, data_dir, dana, clock):
    live = LiveSession.start(store, dana, 60, clock=clock)
    live.mark_interrupted()
    with reopened(data_dir) as reader:
        assert reader.load_session(live.session.id).status is SessionStatus.INTERRUPTED
    resumed = LiveSession.resume(store, live.session.id, clock=clock)
    assert resumed.session.status is SessionStatus.LIVE
    clock.advance(minutes=58)
    resumed.end()
    with reopened(data_dir) as reader:
        ended = reader.load_session(live.session.id)
    assert ended.status is SessionStatus.ENDED
    assert ended.next_session is None  # only a booking the coach made (SPEC §7)


def test_storage_failure_leaves_memory_as_disk(store, dana, clock, monkeypatch):
    from sessionpad.storage.errors import StorageError

    live = LiveSession.start(store, dana, 60, clock=clock)
    live.capture("! draft the plan")
    promise = live.numbered_promises[0]

    def full_disk(*_args: object) -> None:
        raise StorageError("the disk is full")

    monkeypatch.setattr(store, "save_promise", full_disk)
    with pytest.raises(StorageError):
        live.capture("/kept 1")
    assert promise.status is PromiseStatus.OPEN
    monkeypatch.setattr(store, "append_entry", full_disk)
    with pytest.raises(StorageError):
        live.capture("a note that cannot be saved")
    assert [entry.text for entry in live.session.entries] == ["draft the plan"]


def test_clock_fixture_is_friday(clock: FakeClock) -> None:
    assert clock().strftime("%A") == "Friday"


def test_a_dated_promise_with_a_time_is_on_disk_and_said_back(store, data_dir, dana, clock):
    live = LiveSession.start(store, dana, 60, clock=clock)  # Friday 27 Nov 2026
    outcome = live.capture("! talk to Sam by next friday 2pm")
    assert not outcome.error
    assert outcome.message == "promise #1 noted for Dana, due Fri 4 Dec, 14:00"
    with reopened(data_dir) as reader:
        (promise,) = reader.promises(dana.id)
    assert (promise.text, promise.due, promise.due_time) == (
        "talk to Sam",
        date(2026, 12, 4),
        time(14, 0),
    )
    assert outcome.entry.data["due_time"] == "14:00"


def test_renegotiate_takes_every_when_form(store, data_dir, dana, clock):
    live = LiveSession.start(store, dana, 60, clock=clock)
    live.capture("! draft the plan by tomorrow")
    outcome = live.capture("/renegotiate 1 next friday")
    assert not outcome.error
    assert outcome.message == "renegotiated, now due Fri 4 Dec: draft the plan"
    assert not live.capture("/renegotiate 1 end of month 9am").error
    with reopened(data_dir) as reader:
        (promise,) = reader.promises(dana.id)
    assert (promise.due, promise.due_time) == (date(2026, 11, 30), time(9, 0))
    assert [r.new_due for r in promise.renegotiations] == [date(2026, 12, 4), date(2026, 11, 30)]


def test_a_date_that_looks_meant_but_is_not_saves_nothing(store, data_dir, dana, clock):
    live = LiveSession.start(store, dana, 60, clock=clock)
    outcome = live.capture("! talk to Sam by next fridya")
    assert outcome.error
    assert "did you mean next friday?" in outcome.message
    with reopened(data_dir) as reader:
        assert reader.promises(dana.id) == []
        assert reader.load_session(live.session.id).entries == []


def test_book_takes_a_time_as_coaches_type_it(store, data_dir, dana, clock):
    live = LiveSession.start(store, dana, 60, clock=clock)
    outcome = live.capture("/book friday 2pm")
    assert not outcome.error
    assert outcome.message == "next session booked: Fri 4 Dec, 14:00 (60 min)"
    with reopened(data_dir) as reader:
        header = reader.load_session(live.session.id)
    assert (header.next_session.date(), header.next_session.time()) == (
        date(2026, 12, 4),
        time(14, 0),
    )
