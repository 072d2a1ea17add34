"""Dates as coaches type them, typed key by key into the live room's capture bar."""

from __future__ import annotations

from datetime import date, time

from textual.widgets import OptionList

from sessionpad.storage.store import Store
from sessionpad.ui.screens.end import EndScreen
from sessionpad.ui.widgets.capture_bar import CaptureBar
from tests.conftest import FakeClock
from tests.ui.conftest import live_room
from tests.ui.test_live_session import bar_message, type_line

NEXT_FRIDAY = date(2026, 12, 4)  # said on the fixed clock's Friday 27 Nov 2026


async def test_a_dated_promise_and_a_booking_typed_in_the_bar(
    demo_store, data_dir, make_app, clock: FakeClock
):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        session_id = screen.live.session.id
        bar = screen.query_one(CaptureBar)

        await type_line(pilot, "! talk to Sam by next friday")
        assert bar.value == ""
        assert "noted for Dana, due Fri 4 Dec" in bar_message(app)
        with Store.open(data_dir, read_only=True) as reader:
            made = [p for p in reader.promises(dana.id) if p.made_in == session_id]
        assert [(p.text, p.due, p.due_time) for p in made] == [("talk to Sam", NEXT_FRIDAY, None)]

        await type_line(pilot, "/book friday 2pm")
        assert bar.value == ""
        assert bar_message(app) == "next session booked: Fri 4 Dec, 14:00 (60 min)"
        with Store.open(data_dir, read_only=True) as reader:
            booked = reader.load_session(session_id).next_session
        assert booked is not None
        assert (booked.date(), booked.time()) == (NEXT_FRIDAY, time(14, 0))


async def test_a_mistyped_date_keeps_the_text_and_saves_nothing(
    demo_store, data_dir, make_app, clock: FakeClock
):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, screen):
        session_id = screen.live.session.id
        await type_line(pilot, "! talk to Sam by next fridya")
        assert screen.query_one(CaptureBar).value == "! talk to Sam by next fridya"
        assert "did you mean next friday?" in bar_message(app)
        with Store.open(data_dir, read_only=True) as reader:
            assert reader.load_session(session_id).entries == []
            assert not [p for p in reader.promises(dana.id) if p.made_in == session_id]


async def test_renegotiating_at_the_end_keeps_the_time(
    demo_store, data_dir, make_app, clock: FakeClock
):
    dana = demo_store.find_client("Dana")
    app = make_app(demo_store, start_client=dana.id)
    async with live_room(app) as (pilot, _screen):
        await type_line(pilot, "! draft the plan by tomorrow")
        await type_line(pilot, "/end")
        end = app.screen
        assert isinstance(end, EndScreen)
        options = end.query_one("#end-promises", OptionList)
        options.highlighted = [p.text for p in end.open_promises].index("draft the plan")
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*"next friday 2pm", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    with Store.open(data_dir, read_only=True) as reader:
        (promise,) = [p for p in reader.promises(dana.id) if p.text == "draft the plan"]
    assert (promise.due, promise.due_time) == (NEXT_FRIDAY, time(14, 0))
