"""Deleting a test client as a coach would, in a real terminal (issue 9 item 3): a session
with them, a summary saved by hand, then `del` on Home and their name typed — and nothing
of theirs is left anywhere in the data dir. The app is ended and its tmux server killed."""

from __future__ import annotations

from pathlib import Path

from sessionpad.demo import seed_demo
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW

from .helpers import run
from .tmux import TmuxWindow, needs_tmux, process_alive, sessionpad_argv, wait_until

UNIQUE = "Zebra crossings make my commute unbearable xyzzy"
PROMISE = "Email the zebra plan"


@needs_tmux
def test_delete_a_test_client_in_tmux_leaves_nothing_of_theirs(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with Store.open(data_dir) as store:
        seed_demo(store, now=FIXED_NOW)
    with TmuxWindow(sessionpad_argv(data_dir, "start", "Test Person", "--new")) as live:
        pid = live.pane_pid()
        try:
            assert wait_until(lambda: "Timeline" in live.screen(), 20), live.screen()
            live.send_literal(UNIQUE)
            live.send("Enter")
            live.send_literal(f"! {PROMISE} by friday")
            live.send("Enter")
            assert wait_until(lambda: "promise #1" in live.screen(), 10), live.screen()
            live.send("C-q")  # mid-session it asks first: leave it for later
            assert wait_until(lambda: "Leave the session?" in live.screen(), 10), live.screen()
            live.send("l")
            assert pid is not None and wait_until(lambda: not process_alive(pid), 10)
        finally:
            if pid is not None and process_alive(pid):
                live.close_window()
    with Store.open(data_dir, read_only=True) as store:
        test_person = store.find_client("Test Person")
        assert test_person is not None
    saved = run(
        sessionpad_argv(
            data_dir,
            "export",
            "last",
            "--client",
            "Test Person",
            "--out",
            str(data_dir / "exports" / "saved-by-hand.md"),
        )
    )
    assert saved.returncode == 0, saved.stderr
    assert PROMISE.encode() in (data_dir / "exports" / "saved-by-hand.md").read_bytes()

    with TmuxWindow(sessionpad_argv(data_dir)) as home:
        pid = home.pane_pid()
        try:
            assert wait_until(lambda: "Test Person" in home.screen(), 20), home.screen()
            home.send("Down", "Down")
            home.send("DC")
            assert wait_until(lambda: "Type their full name" in home.screen(), 10)
            home.send_literal("test person")
            home.send("Enter")
            assert wait_until(lambda: "Deleted Test Person" in home.screen(), 10), home.screen()
            # Saved under a name of the coach's choosing, only their words tie it to them:
            # kept, and named for the coach to judge (issue 9: words took others' files).
            assert "saved-by-hand.md" in home.screen(), home.screen()
            home.send("q")
            assert pid is not None and wait_until(lambda: not process_alive(pid), 10)
        finally:
            if pid is not None and process_alive(pid):
                home.close_window()

    by_hand = (data_dir / "exports" / "saved-by-hand.md").read_bytes()
    assert PROMISE.encode() in by_hand and test_person.id.encode() not in by_hand
    for path in data_dir.rglob("*"):
        if path.is_file() and path.name != "saved-by-hand.md":
            payload = path.read_bytes()
            for trace in (test_person.id, "Test Person", UNIQUE, PROMISE, "xyzzy"):
                assert trace.encode() not in payload, f"{path} still holds {trace!r}"
    with Store.open(data_dir, read_only=True) as store:
        assert sorted(c.name for c in store.clients()) == ["Dana Reyes", "Sam Okafor"]
