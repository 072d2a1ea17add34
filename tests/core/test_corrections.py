"""Corrections (SPEC §4a), headless: each one on disk when it returns, and in every output."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from sessionpad.core import capture as cap
from sessionpad.core.exporting import session_to_json
from sessionpad.core.live import Action, LiveSession
from sessionpad.core.models import (
    AllianceState,
    Audience,
    Client,
    Entry,
    EntryKind,
    Owner,
    PromiseStatus,
)
from sessionpad.core.past_session import PastSession
from sessionpad.core.reports import context_for_session
from sessionpad.core.summary import render_markdown
from sessionpad.storage.store import StorageError, Store
from tests.conftest import FakeClock


@pytest.fixture
def dana(store: Store) -> Client:
    client = Client(name="Dana Reyes", preferred_name="Dana", pronouns="she/her")
    store.save_client(client)
    return client


@pytest.fixture
def live(store: Store, dana: Client, clock: FakeClock) -> LiveSession:
    return LiveSession.start(store, dana, 60, clock=clock)


def typed(live: LiveSession, clock: FakeClock, *lines: str) -> None:
    for line in lines:
        clock.advance(minutes=1)
        outcome = live.capture(line)
        assert not outcome.error, outcome.message


def disk(data_dir, live: LiveSession):
    with Store.open(data_dir, read_only=True) as reader:
        return reader.load_session(live.session.id), reader.promises(live.client.id)


def every_output(store: Store, session_id: str) -> str:
    context = context_for_session(store, session_id)
    return "\n".join(
        [
            render_markdown(context, Audience.CLIENT),
            render_markdown(context, Audience.COACH),
            session_to_json(context),
        ]
    )


# ── parsing ───────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("line", "command"),
    [
        ("/undo", cap.Undo()),
        ("/edit 3", cap.EditEntry(3)),
        ("/edit 3 the new words", cap.EditEntry(3, "the new words")),
        ("/delete 12", cap.DeleteEntry(12)),
        ("/private 2", cap.MakePrivate(2)),
        ("/kind 4 insight", cap.SetKind(4, EntryKind.INSIGHT)),
        ("/kind 4 Question", cap.SetKind(4, EntryKind.QUESTION)),
    ],
)
def test_correction_commands_parse(line, command):
    assert cap.parse_capture(line, date(2026, 11, 27)) == command


@pytest.mark.parametrize(
    "line", ["/undo 3", "/edit", "/edit x", "/delete", "/delete 0", "/private two", "/kind 4 wow"]
)
def test_bad_correction_commands_say_so(line):
    with pytest.raises(cap.CaptureError) as raised:
        cap.parse_capture(line, date(2026, 11, 27))
    assert raised.value.message.startswith("usage: /")


# ── undo and recall ───────────────────────────────────────────────────────────


def test_undo_takes_back_the_last_entry_and_returns_its_text(live, clock, data_dir):
    typed(live, clock, "first note", "* an insight with a tyop #growth")
    outcome = live.capture("/undo")
    assert outcome.action is Action.CORRECTED
    assert outcome.argument == "* an insight with a tyop #growth"
    saved, _ = disk(data_dir, live)
    assert [e.text for e in saved.entries] == ["first note"]
    assert [e.text for e in live.session.entries] == ["first note"]


def test_undo_of_a_promise_removes_the_promise_itself(live, clock, data_dir, store):
    typed(live, clock, "! draft the plan by friday")
    outcome = live.execute(cap.Undo())
    assert outcome.argument == "! draft the plan by 2026-12-04"
    saved, promises = disk(data_dir, live)
    assert saved.entries == [] and promises == [] and live.promises == []
    assert "draft the plan" not in every_output(store, live.session.id)
    # Enter on the returned text makes it again, as typed.
    typed(live, clock, outcome.argument)
    assert [p.due for p in live.promises] == [date(2026, 12, 4)]


def test_undo_with_nothing_to_take_back_is_a_message(live):
    outcome = live.capture("/undo")
    assert outcome.error and "nothing to take back" in outcome.message


def test_recall_then_save_in_place_keeps_seq_and_time(live, clock, data_dir):
    typed(live, clock, "one", "the clent seemed relieved", "/phase explore")
    before = live.session.entries[1]
    outcome = live.execute(cap.Recall())
    assert outcome.action is Action.RECALL
    assert (outcome.editing, outcome.argument) == (2, "the clent seemed relieved")
    clock.advance(minutes=5)
    saved_outcome = live.execute(cap.EditEntry(2, "the client seemed relieved #relief"))
    assert not saved_outcome.error
    saved, _ = disk(data_dir, live)
    edited = saved.entries[1]
    assert (edited.seq, edited.at, edited.text) == (
        2,
        before.at,
        "the client seemed relieved #relief",
    )
    assert edited.tags == ["relief"]
    assert [e.seq for e in saved.entries] == [1, 2, 3]


# ── by number ─────────────────────────────────────────────────────────────────


def test_edit_by_number_can_change_the_kind_by_its_prefix(live, clock, data_dir):
    typed(live, clock, "a note", "another")
    outcome = live.capture("/edit 1")
    assert (outcome.action, outcome.argument, outcome.editing) == (Action.RECALL, "a note", 1)
    live.execute(cap.EditEntry(1, "* a note, now an insight"))
    saved, _ = disk(data_dir, live)
    assert (saved.entries[0].kind, saved.entries[0].text) == (
        EntryKind.INSIGHT,
        "a note, now an insight",
    )
    assert saved.entries[1].text == "another"


def test_a_note_cannot_turn_into_a_promise_by_editing(live, clock, data_dir):
    typed(live, clock, "a note")
    outcome = live.execute(cap.EditEntry(1, "! a promise"))
    assert outcome.error and "#1 is a note" in outcome.message
    saved, promises = disk(data_dir, live)
    assert saved.entries[0].text == "a note" and promises == []


def test_delete_private_and_kind_by_number(live, clock, data_dir, store):
    typed(live, clock, "keep me", "a dulpicate line", "client looked tired", "what now")
    assert not live.capture("/delete 2").error
    assert not live.capture("/private 3").error
    assert not live.capture("/kind 4 question").error
    saved, _ = disk(data_dir, live)
    assert [(e.seq, e.kind) for e in saved.entries] == [
        (1, EntryKind.NOTE),
        (3, EntryKind.PRIVATE),
        (4, EntryKind.QUESTION),
    ]
    client_summary = render_markdown(context_for_session(store, live.session.id), Audience.CLIENT)
    assert "dulpicate" not in every_output(store, live.session.id)
    assert "looked tired" not in client_summary
    # The next capture never reuses a number still on the timeline.
    typed(live, clock, "after")
    assert live.session.entries[-1].seq == 5


def test_a_missing_number_is_a_message_and_changes_nothing(live, clock, data_dir):
    typed(live, clock, "one")
    outcome = live.capture("/delete 7")
    assert outcome.error and "no entry #7" in outcome.message
    saved, _ = disk(data_dir, live)
    assert [e.text for e in saved.entries] == ["one"]


def test_private_on_a_promise_is_refused(live, clock):
    typed(live, clock, "! call HR")
    outcome = live.capture("/private 1")
    assert outcome.error and "a promise" in outcome.message


# ── promises ──────────────────────────────────────────────────────────────────


def test_editing_a_promise_changes_its_text_and_due_date(live, clock, data_dir, store):
    typed(live, clock, "! draft the delegaton plan by friday")
    outcome = live.capture("/edit 1")
    assert outcome.argument == "! draft the delegaton plan by 2026-12-04"
    live.execute(cap.EditEntry(1, "!me draft the delegation plan by 2026-12-10"))
    saved, promises = disk(data_dir, live)
    [promise] = promises
    assert (promise.owner, promise.text, promise.due) == (
        Owner.COACH,
        "draft the delegation plan",
        date(2026, 12, 10),
    )
    assert saved.entries[0].text == "draft the delegation plan"
    assert saved.entries[0].data["due"] == "2026-12-10"
    output = every_output(store, live.session.id)
    assert "delegaton" not in output and "delegation plan" in output


def test_a_deleted_duplicate_promise_is_gone_not_released(live, clock, data_dir, store):
    typed(live, clock, "! send the notes by tomorrow", "! send the notes by tomorrow", "/kept 2")
    assert live.capture("/delete 2").message.startswith("deleted #2")
    saved, promises = disk(data_dir, live)
    assert [e.seq for e in saved.entries] == [1]  # its /kept line went with it
    assert len(promises) == 1 and promises[0].status is PromiseStatus.OPEN
    context = context_for_session(store, live.session.id)
    client = render_markdown(context, Audience.CLIENT)
    assert client.count("send the notes") == 1
    assert json.loads(session_to_json(context))["promises"][0]["id"] == promises[0].id


def test_taking_back_kept_reopens_the_promise(live, clock, data_dir):
    typed(live, clock, "! draft the plan", "/kept 1")
    outcome = live.capture("/undo")
    assert not outcome.error
    saved, promises = disk(data_dir, live)
    assert [e.kind for e in saved.entries] == [EntryKind.PROMISE_MADE]
    assert promises[0].status is PromiseStatus.OPEN and promises[0].resolved_in is None


def test_taking_back_a_renegotiation_restores_the_due_date(live, clock, data_dir):
    typed(live, clock, "! draft the plan by friday", "/renegotiate 1 2026-12-11")
    assert live.promises[0].due == date(2026, 12, 11)
    live.capture("/undo")
    _, promises = disk(data_dir, live)
    assert (promises[0].status, promises[0].due) == (PromiseStatus.OPEN, date(2026, 12, 4))
    assert promises[0].renegotiations == []


def test_taking_back_an_agreement_restores_the_item(live, clock, store, dana):
    before = next(i for i in live.alliance if i.key == "conf")
    typed(live, clock, "/agree conf")
    assert next(i for i in live.alliance if i.key == "conf").state is AllianceState.AGREED
    outcome = live.capture("/undo")
    assert outcome.argument == "/agree conf"
    on_disk = next(i for i in store.alliance(dana.id) if i.key == "conf")
    assert on_disk == before


def test_taking_back_a_phase_change_re_anchors_the_clock(live, clock):
    clock.advance(minutes=2)
    plan_index = live.phase_position().index
    live.set_phase(3)
    assert live.phase_position().index == 3
    live.capture("/undo")
    assert live.phase_position().index == plan_index


def test_taking_back_a_pit_stop_clears_its_rating(live, clock, data_dir, store):
    live.save_pit_stop(7, "pace", "", [])
    assert live.session.pit_stop_rating == 7
    live.capture("/undo")
    assert live.session.pit_stop_rating is None
    [header] = [s for s in store.session_headers() if s.id == live.session.id]
    assert header.pit_stop_rating is None


def test_taking_back_a_card_logged_as_asked_lets_the_deck_offer_it_again(live, store, dana):
    card = live.deck.current
    live.ask_card()
    assert card.id in live.deck.asked_this_session
    assert card.id in store.asked_prompts(dana.id)
    outcome = live.capture("/undo")
    assert not outcome.error
    assert card.id not in live.deck.asked_this_session
    with Store.open(store.data_dir, read_only=True) as reader:
        assert card.id not in reader.asked_prompts(dana.id)


# ── after the session ─────────────────────────────────────────────────────────


def test_a_finished_session_takes_the_same_corrections(store, dana, clock, data_dir):
    live = LiveSession.start(store, dana, 60, clock=clock)
    typed(live, clock, "a typo'd nite", "~ private already", "! one promise", "! one promise")
    live.end()
    clock.advance(minutes=60 * 24 * 20)  # three weeks later: the due dates have passed
    past = PastSession.open(store, live.session.id, clock=clock)
    assert not past.capture("/edit 1 a typo'd note").error
    assert not past.capture("/delete 4").error
    assert past.capture("/next").error  # only corrections here
    session = store.load_session(live.session.id)
    assert [e.text for e in session.entries] == ["a typo'd note", "private already", "one promise"]
    assert session.status is live.session.status  # still ended
    assert len(store.promises(dana.id)) == 1


def test_a_past_due_date_left_as_it_was_is_accepted(store, dana, clock):
    live = LiveSession.start(store, dana, 60, clock=clock)
    typed(live, clock, "! draft the plan by friday")
    live.end()
    clock.advance(minutes=60 * 24 * 20)
    past = PastSession.open(store, live.session.id, clock=clock)
    outcome = past.capture("/edit 1 ! draft the whole plan by 2026-12-04")
    assert not outcome.error, outcome.message
    assert store.promises(dana.id)[0].text == "draft the whole plan"


# ── the command line shows the corrected record ───────────────────────────────


def test_sessionpad_export_shows_the_corrected_record(data_dir, clock, capsys):
    from sessionpad.cli import main

    with Store.open(data_dir) as store:
        client = Client(name="Dana Reyes", preferred_name="Dana")
        store.save_client(client)
        live = LiveSession.start(store, client, 60, clock=clock)
        typed(
            live,
            clock,
            "* the deadlien is self-imposed",
            "seemed tired",
            "! draft the plan by 2026-12-04",
            "! draft the plan by 2026-12-04",
            "* a line taken back",
        )
        live.execute(cap.EditEntry(1, "* the deadline is self-imposed"))
        live.capture("/private 2")
        live.capture("/delete 4")
        live.capture("/undo")
        live.end()
    outputs = {}
    for audience in ("client", "coach"):
        for fmt in ("md", "json"):
            args = ["--data-dir", str(data_dir), "export", "last", "--audience", audience]
            assert main([*args, "--format", fmt, "--out", "-"]) == 0
            outputs[audience, fmt] = capsys.readouterr().out
    for text in outputs.values():
        assert "deadlien" not in text and "a line taken back" not in text
        assert "deadline is self-imposed" in text
    assert "seemed tired" not in outputs["client", "md"]
    assert "seemed tired" not in outputs["client", "json"]  # made private after the fact
    assert "seemed tired" in outputs["coach", "md"]
    document = json.loads(outputs["coach", "json"])
    assert [(e["seq"], e["kind"]) for e in document["session"]["entries"]] == [
        (1, "insight"),
        (2, "private"),
        (3, "promise_made"),
    ]
    assert len(document["promises"]) == 1
    assert outputs["client", "md"].count("draft the plan") == 1


# ── the store's corrections ───────────────────────────────────────────────────


def test_store_corrections_refuse_what_is_not_there_and_change_nothing(live, clock, data_dir):
    typed(live, clock, "one", "two")
    store = live.store
    with pytest.raises(ValueError):
        store.delete_entries(live.session.id, [2, 9])
    with pytest.raises(ValueError):
        store.replace_entry(live.session.id, replace(live.session.entries[0], seq=9))
    with pytest.raises(ValueError):
        store.delete_promise(live.client.id, "nosuchpromise")
    saved, _ = disk(data_dir, live)
    assert texts_of(saved) == ["one", "two"]


def test_a_read_only_store_refuses_corrections(live, clock, data_dir):
    typed(live, clock, "one")
    with Store.open(data_dir, read_only=True) as reader:
        past = PastSession.open(reader, live.session.id, clock=clock)
        with pytest.raises(StorageError):
            past.capture("/delete 1")
    saved, _ = disk(data_dir, live)
    assert texts_of(saved) == ["one"]


def test_corrections_work_on_a_resumed_session(store, dana, clock, data_dir):
    first = LiveSession.start(store, dana, 60, clock=clock)
    typed(first, clock, "befor the break")
    first.mark_interrupted()
    resumed = LiveSession.resume(store, first.session.id, clock=clock)
    assert resumed.capture("/edit 1").argument == "befor the break"
    assert not resumed.execute(cap.EditEntry(1, "before the break")).error
    saved, _ = disk(data_dir, resumed)
    assert texts_of(saved) == ["before the break"]


def texts_of(session) -> list[str]:
    return [entry.text for entry in session.entries]


def test_a_corrected_session_round_trips_through_json(live, clock, tmp_path):
    from sessionpad.core.exporting import session_from_json
    from sessionpad.core.reports import import_context

    typed(live, clock, "one", "two", "/agree conf", "three")
    live.capture("/delete 2")
    live.capture("/edit 4 three, fixed")
    document = session_to_json(context_for_session(live.store, live.session.id))
    with Store.open(tmp_path / "elsewhere") as other:
        import_context(other, session_from_json(document))
        again = session_to_json(context_for_session(other, live.session.id))
    assert again == document


def test_only_typed_entries_can_be_edited_or_re_kinded(live, clock, data_dir):
    typed(live, clock, "/agree conf", "/phase explore")
    for line in ("/edit 1", "/kind 1 note", "/private 2", "/edit 2 explore"):
        outcome = live.capture(line)
        assert outcome.error, line
    assert live.capture("/edit 1").message.startswith("#1 is an agreement — only notes")
    saved, _ = disk(data_dir, live)
    assert [e.kind for e in saved.entries] == [EntryKind.ALLIANCE, EntryKind.PHASE]


def test_a_promise_settled_in_a_later_session_is_not_deleted_from_the_earlier_one(
    store, dana, clock
):
    first = LiveSession.start(store, dana, 60, clock=clock)
    typed(first, clock, "! draft the plan")
    first.end()
    clock.advance(minutes=60 * 24 * 7)
    second = LiveSession.start(store, dana, 60, clock=clock)
    typed(second, clock, "/kept 1")
    second.end()
    past = PastSession.open(store, first.session.id, clock=clock)
    outcome = past.capture("/delete 1")
    assert outcome.error and "later session" in outcome.message
    assert [p.status for p in store.promises(dana.id)] == [PromiseStatus.KEPT]
    assert len(store.load_session(first.session.id).entries) == 1


def test_an_edited_question_is_checked_like_a_new_one(live, clock):
    typed(live, clock, "? what would help")
    outcome = live.execute(cap.EditEntry(1, "? why didn't you finish it?"))
    assert not outcome.error and outcome.flags
    assert outcome.message.startswith("#1 corrected · ")


def test_a_promise_keeps_its_due_time_through_an_edit_and_a_taken_back_renegotiation(
    live, clock, data_dir
):
    from datetime import time

    typed(live, clock, "! call Sam by 2026-12-04 14:00")
    assert live.capture("/edit 1").argument == "! call Sam by 2026-12-04 14:00"
    live.execute(cap.EditEntry(1, "! call Sam and Ana by 2026-12-04 14:00"))
    typed(live, clock, "/renegotiate 1 2026-12-11 9:00")
    assert live.promises[0].due_time == time(9, 0)
    live.capture("/undo")
    _, [promise] = disk(data_dir, live)
    assert (promise.text, promise.due, promise.due_time) == (
        "call Sam and Ana",
        date(2026, 12, 4),
        time(14, 0),
    )


def test_an_entry_of_an_unknown_kind_is_refused_in_words_never_a_crash(
    store: Store, live: LiveSession, clock: FakeClock, data_dir
):
    """An attacker's review: /private, /edit, /kind and ctrl+z on an entry a newer sessionpad
    wrote crashed the app (KeyError), and ctrl+z lost it for good."""
    typed(live, clock, "a note of ours")
    future = Entry(
        2, EntryKind.UNKNOWN, "from the future", clock(), data={"x": 1}, unknown_kind="hologram"
    )
    store.append_entry(live.session.id, future)
    live.session.entries.append(future)
    for line in ("/private 2", "/edit 2", "/kind 2 note", "/edit 2 new words", "/undo"):
        outcome = live.capture(line)
        assert outcome.error, line
        assert "doesn't know" in outcome.message, line
    saved, _ = disk(data_dir, live)
    assert saved.entries[-1].unknown_kind == "hologram"  # kept as it was
    assert not live.capture("/delete 2").error  # deliberately, it can go
