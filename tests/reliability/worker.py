"""A real sessionpad storage process for the reliability tests to kill, lock out or starve.

Run as ``python worker.py MODE DATA_DIR [options]``. Every line on stdout is one JSON
object, flushed at once, so the parent knows exactly what was acknowledged before it
killed us. Storage errors go to stderr as their one-line message, exit code 3.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sessionpad.core.models import (  # noqa: E402
    AllianceItem,
    Client,
    Entry,
    EntryKind,
    Owner,
    Phase,
    Promise,
    Prompt,
    PromptSource,
    Session,
)
from sessionpad.storage.errors import StorageError  # noqa: E402
from sessionpad.storage.store import Store  # noqa: E402

START = datetime(2026, 11, 27, 14, 0, tzinfo=timezone(timedelta(hours=1)))
LOCKED_OUT = 3


def say(**fields: object) -> None:
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def entry(seq: int, text: str = "") -> Entry:
    return Entry(
        seq=seq,
        kind=EntryKind.NOTE,
        text=text or f"note {seq}",
        at=START + timedelta(seconds=seq),
        tags=["trial"],
        data={"n": seq},
    )


def new_session(client_id: str, session_id: str) -> Session:
    return Session(
        client_id=client_id,
        planned_minutes=60,
        started=START,
        phases=[Phase("explore", 60)],
        id=session_id,
    )


def ensure_client(store: Store, client_id: str) -> None:
    if store.client(client_id) is None:
        store.save_client(Client(name="Trial Client", id=client_id))


def write_until_killed(store: Store, args: argparse.Namespace) -> None:
    """Entries, promise updates and header changes as fast as possible, each acknowledged."""
    ensure_client(store, args.client)
    session = new_session(args.client, args.session)
    store.create_session(session)
    promise = Promise(
        client_id=args.client, owner=Owner.CLIENT, text="v0", made_at=START, id=args.promise
    )
    say(ready=True)
    seq = 0
    while True:
        seq += 1
        store.append_entry(session.id, entry(seq))
        say(entry=seq)
        if seq % 3 == 0:
            # The text grows and shrinks: a shrinking rewrite is what tears a file that
            # is overwritten in place (the old tail survives the kill).
            version = seq // 3
            promise.text = f"v{version}|" + "x" * (version * 37 % 400)
            store.save_promise(promise)
            say(promise=version)
        if seq % 10 == 0:
            version = seq // 10
            session.planned_minutes = 60 + version
            session.phases = [Phase(f"part {n}", 5) for n in range(version * 7 % 12 + 1)]
            store.save_session_header(session)
            say(header=version)


def correct_until_killed(store: Store, args: argparse.Namespace) -> None:
    """A live session whose entry 2 is edited in place over and over, through the same
    path as the capture bar (``/edit`` → LiveSession → Store); each edit acknowledged once
    saved. Every fourth round entry 4 is taken back with /undo and typed again."""
    from sessionpad.core import capture as cap
    from sessionpad.core.live import LiveSession

    ensure_client(store, args.client)
    client = store.client(args.client)
    assert client is not None
    live = LiveSession.start(store, client, 60)
    for line in ("first", "v0|", "third"):
        live.capture(line)
    say(ready=True, session=live.session.id)
    version = 0
    while True:
        version += 1
        # Grows and shrinks: a shrinking in-place rewrite is what tears a file.
        text = f"v{version}|" + "x" * (version * 53 % 700)
        outcome = live.execute(cap.EditEntry(2, text))
        if outcome.error:
            raise SystemExit(outcome.message)
        say(edit=version)
        if version % 4 == 0:
            live.capture(f"fourth {version}")
            say(fourth=version)
            live.execute(cap.Undo())
            say(undone=version)


def hold(store: Store, args: argparse.Namespace) -> None:
    say(ready=True, pid=os.getpid())
    sys.stdin.read()  # until the parent closes our stdin


def report(store: Store, args: argparse.Namespace) -> None:
    sessions = store.session_headers()
    say(
        clients=[c.name for c in store.clients()],
        sessions=[s.id for s in sessions],
        entries={s.id: len(store.load_session(s.id).entries) for s in sessions},
        promises=len(store.promises()),
        problems=store.problems,
        read_only=store.read_only,
    )


def everything(store: Store, args: argparse.Namespace) -> None:
    """One of every write the app makes (for the permission checks)."""
    client = Client(name="Dana Reyes", preferred_name="Dana")
    store.save_client(client)
    session = new_session(client.id, "perm0session")
    store.create_session(session)
    for seq in range(1, 4):
        store.append_entry(session.id, entry(seq))
    store.save_session_header(session)
    store.save_promise(
        Promise(client_id=client.id, owner=Owner.COACH, text="send invite", made_at=START)
    )
    store.save_alliance(client.id, [AllianceItem("conf", "Confidentiality")])
    store.save_prompt(Prompt("What matters here?", "opening", PromptSource.CUSTOM))
    store.record_asked(client.id, "opening-1", session.id)
    say(done=True)


def until_write_fails(store: Store, args: argparse.Namespace) -> None:
    """Write until the disk (or the size limit, or a read-only remount) refuses; then check
    that what was acknowledged is still readable, in this process and in a fresh Store."""
    ensure_client(store, args.client)
    session = new_session(args.client, args.session)
    store.create_session(session)
    if args.make_read_only:
        for seq in range(1, 6):
            store.append_entry(session.id, entry(seq))
            say(entry=seq)
        subprocess.run(json.loads(args.make_read_only), check=True)
    _, hard_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    if args.fsize_limit is not None:
        # Only the soft limit, so it can be lifted again without privileges.
        resource.setrlimit(resource.RLIMIT_FSIZE, (args.fsize_limit, hard_limit))
    padding = "x" * args.entry_bytes
    seq = session.next_seq if not args.make_read_only else 6
    failures = []
    try:
        while seq < 100_000:
            store.append_entry(session.id, entry(seq, f"{seq} {padding}"))
            say(entry=seq)
            seq += 1
    except StorageError as exc:
        failures.append(exc.message)
    promise = Promise(client_id=args.client, owner=Owner.CLIENT, text="after", made_at=START)
    try:
        store.save_promise(promise)
        say(promise_saved=True)
    except StorageError as exc:
        failures.append(exc.message)
    in_process = [e.seq for e in store.load_session(session.id).entries]
    store.close()
    if args.fsize_limit is not None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (hard_limit, hard_limit))
    with Store.open(Path(args.data_dir), read_only=True) as fresh:
        reread = [e.seq for e in fresh.load_session(session.id).entries]
        problems = fresh.problems
    leftovers = [p.name for p in Path(args.data_dir).rglob("*.tmp")]
    say(
        failures=failures,
        in_process=in_process,
        reread=reread,
        problems=problems,
        temp_files=leftovers,
    )


MODES = {
    "write": write_until_killed,
    "correct": correct_until_killed,
    "hold": hold,
    "report": report,
    "everything": everything,
    "fill": until_write_fails,
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=sorted(MODES))
    parser.add_argument("data_dir")
    parser.add_argument("--read-only", action="store_true")
    parser.add_argument("--client", default="trialclient1")
    parser.add_argument("--session", default="trialsession")
    parser.add_argument("--promise", default="trialpromise")
    parser.add_argument("--umask", type=lambda text: int(text, 8))
    parser.add_argument("--fsize-limit", type=int)
    parser.add_argument("--entry-bytes", type=int, default=200)
    parser.add_argument("--make-read-only", help="JSON argv run after five entries")
    args = parser.parse_args()
    if args.umask is not None:
        os.umask(args.umask)
    try:
        store = Store.open(Path(args.data_dir), read_only=args.read_only)
    except StorageError as exc:
        print(exc.message, file=sys.stderr)
        return LOCKED_OUT
    with store:
        MODES[args.mode](store, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
