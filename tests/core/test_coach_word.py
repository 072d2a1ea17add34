"""The coach's own promise record: kept on time, kept late, missed, open and overdue."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from sessionpad.core.coach_word import CoachRecord, coach_record, describe_record, kept_on_time
from sessionpad.core.models import Owner, Promise, PromiseStatus
from sessionpad.core.promises import renegotiate, resolve

ZONE = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 27)


def _at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZONE)


def _promise(
    due: date | None,
    *,
    owner: Owner = Owner.COACH,
    client: str = "c1",
    status: PromiseStatus | None = None,
    resolved: datetime | None = None,
    due_time: time | None = None,
) -> Promise:
    promise = Promise(client, owner, "send the invite", _at(date(2026, 9, 1)), due=due)
    promise.due_time = due_time
    if status is not None:
        resolve(promise, status, at=resolved or _at(TODAY), session_id=None)
    return promise


def test_kept_by_the_due_day_is_on_time_and_after_it_is_late() -> None:
    due = date(2026, 11, 20)
    on_the_day = _promise(due, status=PromiseStatus.KEPT, resolved=_at(due, 23))
    day_after = _promise(due, status=PromiseStatus.KEPT, resolved=_at(due + timedelta(days=1), 0))
    assert kept_on_time(on_the_day)
    assert not kept_on_time(day_after)


def test_a_named_due_time_is_the_deadline() -> None:
    due = date(2026, 11, 20)
    before = _promise(due, status=PromiseStatus.KEPT, resolved=_at(due, 13), due_time=time(14))
    after = _promise(due, status=PromiseStatus.KEPT, resolved=_at(due, 15), due_time=time(14))
    assert kept_on_time(before)
    assert not kept_on_time(after)


def test_kept_without_a_due_date_is_on_time() -> None:
    assert kept_on_time(_promise(None, status=PromiseStatus.KEPT))


def test_a_renegotiated_promise_is_measured_against_the_date_agreed_last() -> None:
    promise = _promise(date(2026, 11, 10))
    renegotiate(promise, date(2026, 11, 25), at=_at(date(2026, 11, 9)), session_id=None)
    resolve(promise, PromiseStatus.KEPT, at=_at(date(2026, 11, 24)), session_id=None)
    assert kept_on_time(promise)


def test_the_record_counts_only_the_coachs_promises_in_the_window() -> None:
    promises = [
        _promise(date(2026, 11, 1), status=PromiseStatus.KEPT, resolved=_at(date(2026, 10, 30))),
        _promise(date(2026, 11, 1), status=PromiseStatus.KEPT, resolved=_at(date(2026, 11, 3))),
        _promise(date(2026, 11, 1), status=PromiseStatus.MISSED),
        _promise(date(2026, 11, 1), status=PromiseStatus.RELEASED),
        _promise(date(2026, 11, 20)),  # open, overdue
        _promise(date(2026, 12, 20)),  # open, not due yet
        _promise(None, owner=Owner.CLIENT, status=PromiseStatus.MISSED),
        # resolved 90 days ago counts (today is day 1 of 90); 91 days ago does not
        _promise(None, status=PromiseStatus.KEPT, resolved=_at(TODAY - timedelta(days=89))),
        _promise(None, status=PromiseStatus.MISSED, resolved=_at(TODAY - timedelta(days=90))),
    ]
    record = coach_record(promises, TODAY)
    assert record == CoachRecord(kept_on_time=2, kept_late=1, missed=1, open=2, overdue=1)


def test_the_record_narrows_to_one_client() -> None:
    promises = [
        _promise(None, client="c1", status=PromiseStatus.KEPT),
        _promise(None, client="c2", status=PromiseStatus.MISSED),
        _promise(date(2026, 11, 1), client="c2"),
    ]
    assert coach_record(promises, TODAY, client_id="c2") == CoachRecord(missed=1, open=1, overdue=1)


def test_the_record_reads_as_one_line() -> None:
    record = CoachRecord(kept_on_time=4, kept_late=1, missed=1, open=2, overdue=1)
    assert describe_record(record) == "4 kept on time · 1 late · 1 missed · 2 open (1 overdue)"
    assert "no promises" in describe_record(CoachRecord())


def test_home_reads_the_same_record_from_raw_records_converting_only_what_it_needs(
    store,
) -> None:
    from sessionpad.core.coach_word import recent_coach_promises
    from sessionpad.core.models import Client

    client = Client("Dana")
    store.save_client(client)
    old = _promise(
        None, client=client.id, status=PromiseStatus.KEPT, resolved=_at(date(2026, 1, 5))
    )
    edge = _promise(
        date(2026, 8, 29),
        client=client.id,
        status=PromiseStatus.KEPT,
        resolved=datetime(2026, 8, 30, 0, 30, tzinfo=ZONE),  # 29 Aug 23:30 UTC: day 90, late
    )
    promises = [
        old,
        edge,
        _promise(date(2026, 11, 1), client=client.id, status=PromiseStatus.MISSED),
        _promise(date(2026, 11, 1), client=client.id),
        _promise(None, client=client.id, owner=Owner.CLIENT),
    ]
    for promise in promises:
        store.save_promise(promise)
    chosen = recent_coach_promises(store.promise_records(), TODAY)
    assert old.id not in {promise.id for promise in chosen}
    assert len(chosen) == 3
    assert coach_record(chosen, TODAY) == coach_record(store.promises(), TODAY)
    assert coach_record(chosen, TODAY) == CoachRecord(kept_late=1, missed=1, open=1, overdue=1)


def test_a_damaged_promise_record_is_left_out_of_the_tally() -> None:
    from sessionpad.core.coach_word import recent_coach_promises

    good = _promise(date(2026, 11, 1)).to_dict()
    bad = {**good, "id": "x2", "due": "not a date"}
    assert [p.id for p in recent_coach_promises([good, bad], TODAY)] == [good["id"]]
