"""The Store: the only thing the rest of sessionpad talks to about data on disk.

Layout of the data dir (0700; every file 0600):

    sessionpad.lock          the one-writer lock (holds the writer's pid)
    core.json                clients, custom prompts and overrides of built-ins
    clients/<client_id>.json one client's alliance, promises and asked prompts, plus a
                             copy of the client record (to rebuild core.json from)
    index/<client_id>.json   one client's session list: each session's header, no entries
    sessions/<id>.json       one session: its header and its entries (doc id = seq)

A capture writes one small file only — the live session's, or for a promise or an
alliance change that client's — and a header change writes the session file and that
client's index; so no write grows with the coach's whole history, only (for the last
two) with one client's. Each file is a TinyDB database on ``AtomicJSONStorage`` with a
``meta`` table ``{"schema": N, "kind": ...}``. Session files hold their own header, so
every index can be rebuilt from them.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, TypeVar, cast, overload

from tinydb import Query, TinyDB
from tinydb.table import Document, Table

from sessionpad.core.models import (
    OPEN_STATUSES,
    SCHEMA_VERSION,
    AllianceItem,
    Audience,
    Client,
    Entry,
    Promise,
    Prompt,
    Session,
    made_order,
)
from sessionpad.core.session_row import SessionRow, UnfitRow
from sessionpad.core.settings import CoachSettings
from sessionpad.core.summary_edit import SummaryEdit, SummaryFormat, edit_key
from sessionpad.core.validate import (
    InvalidRecord,
    check_alliance,
    check_client,
    check_entry,
    check_promise,
    check_prompt,
    check_session_header,
)
from sessionpad.storage.atomic import AtomicJSONStorage
from sessionpad.storage.erase import Erasure, Traces, plan_erase, remove_files, rewrite_core_copy
from sessionpad.storage.errors import (
    CHOOSE_ANOTHER_DIR,
    DamagedFile,
    DataDirLocked,
    DataDirUnusable,
    SchemaTooNew,
    StorageError,
    UnreadableFile,
    os_reason,
)
from sessionpad.storage.files import (
    clean_stray_temp_files,
    copy_aside,
    keep_backup,
    prepare_private_dir,
    probe_writable,
    quarantine,
    tighten_file,
)
from sessionpad.storage.lock import DataDirLock
from sessionpad.storage.migrations import META_TABLE, meta_table, migrate
from sessionpad.storage.nofollow import refuse_links_in
from sessionpad.storage.tables import (
    ONLY,
    detached_entry,
    put_only,
    put_where,
    session_tables,
)

__all__ = [
    "DamagedFile",
    "DataDirLocked",
    "DataDirUnusable",
    "SchemaTooNew",
    "StorageError",
    "Store",
]

CORE_FILE = "core.json"
CLIENTS_DIR = "clients"
INDEX_DIR = "index"
SESSIONS_DIR = "sessions"
# Session files kept parsed in memory: the live one and a few just looked at.
_SESSION_CACHE_SIZE = 8
_SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
# What a record that doesn't fit its model raises from ``from_dict``.
_RECORD_ERRORS = (KeyError, TypeError, ValueError, AttributeError)

T = TypeVar("T")
Check = Callable[[Any, str], None]


@dataclass(frozen=True)
class _Damage:
    error: DamagedFile
    moved_to: Path | None


class Store:
    """Clients, alliances, sessions, promises and prompts in a data dir.

    Open with ``Store.open``. Every method that saves returns only once the change is on
    disk; one that fails raises StorageError with a one-line ``message`` and leaves
    memory and disk as they were. ``problems`` lists, one line each, what was repaired,
    upgraded or set aside while opening (and while loading a session later), for the
    UI and the CLI to show.
    """

    data_dir: Path
    read_only: bool
    problems: list[str]
    #: Those of ``problems`` that only say an older schema was read (read-only): no damage.
    upgrade_notices: list[str]

    def __init__(self, data_dir: Path, *, read_only: bool = False) -> None:
        self.data_dir = data_dir
        self.read_only = read_only
        self.problems = []
        self.upgrade_notices = []
        self._lock: DataDirLock | None = None
        self._mutex = threading.RLock()
        self._core: TinyDB | None = None
        self._client_dbs: dict[str, TinyDB] = {}
        self._index_dbs: dict[str, TinyDB] = {}
        self._session_dbs: OrderedDict[str, TinyDB] = OrderedDict()
        # Clients whose own file a newer sessionpad wrote, or that can't be read: only they
        # are stopped.
        self._held: dict[str, SchemaTooNew | UnreadableFile] = {}
        self._reported_records: set[tuple[Path, str, int]] = set()
        # (db, table) → the parsed tables last found sound: unchanged since (this process
        # is the only writer, and writes only what its models made), so not checked again.
        self._sound_tables: dict[tuple[int, str], tuple[TinyDB, Any]] = {}

    # ── opening and closing ────────────────────────────────────────────────────

    @classmethod
    def open(cls, data_dir: Path, *, read_only: bool = False) -> Store:
        """Lock (unless read-only), tidy, check and upgrade the data dir, and load it.

        Raises DataDirLocked, DataDirUnusable or SchemaTooNew with a one-line message.
        Damaged files never stop the opening: they are set aside and named in
        ``problems``. Read-only needs no lock (a writer may be running) and changes
        nothing on disk; repairs and upgrades then live in memory only.

        ``data_dir`` is resolved once, here: a data dir that is itself a link to a folder
        the coach chose works. A link *inside* it is refused (LinkRefused naming it) and
        never followed (storage/nofollow.py).
        """
        store = cls(_resolved(Path(data_dir).expanduser()), read_only=read_only)
        try:
            store._start()
        except BaseException:
            store.close()
            raise
        return store

    def _start(self) -> None:
        folders = (self._clients_dir, self._index_dir, self._sessions_dir)
        if self.read_only:
            if self.data_dir.exists() and not self.data_dir.is_dir():
                raise DataDirUnusable(f"can't read {self.data_dir}: it is a file, not a folder")
            self._refuse_links(folders)
            for folder in folders:
                if folder.exists() and not folder.is_dir():  # what a writer says, too
                    raise DataDirUnusable(
                        f"can't read {folder}: it is a file, not a folder — {CHOOSE_ANOTHER_DIR}"
                    )
        else:
            prepare_private_dir(self.data_dir)
            self._lock = DataDirLock(self.data_dir)
            self._lock.acquire()
            self._refuse_links(folders)
            probe_writable(self.data_dir)
            for folder in folders:
                prepare_private_dir(folder)
            # Only now, holding the lock: no other writer can own these temp files.
            for folder in (self.data_dir, *folders):
                clean_stray_temp_files(folder)
        core_damage = self._open_core()
        self._open_client_files()
        index_damage = self._open_index_files()
        recovered = self._index_unlisted_sessions()
        for client_id, damage in index_damage.items():
            count = recovered.get(client_id, 0)
            self._report(
                damage.error,
                damage.moved_to,
                f"{self._name_of(client_id)}'s session list was rebuilt from "
                f"{count} session file(s)",
            )
        if core_damage is not None:
            self._rebuild_clients(core_damage)

    def _refuse_links(self, folders: Iterable[Path]) -> None:
        # Up front, so one clear line names a planted link before anything is read, rather
        # than a refusal halfway through a session; every open also refuses links itself.
        refuse_links_in((self.data_dir, *folders))

    def close(self) -> None:
        with self._mutex:
            dbs = [self._core, *self._client_dbs.values(), *self._index_dbs.values()]
            for db in [*dbs, *self._session_dbs.values()]:
                if db is not None:
                    db.close()
            self._core = None
            self._client_dbs.clear()
            self._index_dbs.clear()
            self._session_dbs.clear()
            self._sound_tables.clear()
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ── clients ────────────────────────────────────────────────────────────────

    def clients(self) -> list[Client]:
        with self._mutex:
            return self._records(self._core_db, "clients", Client.from_dict, check_client)

    def client(self, client_id: str) -> Client | None:
        with self._mutex:
            found = self._core_db.table("clients").search(Query().id == client_id)
            docs = self._sound(self._core_db, "clients", found, check_client)
            return self._convert(self._core_db, lambda: Client.from_dict(docs[0])) if docs else None

    def find_client(self, name: str) -> Client | None:
        """The one client called ``name``: id, name or preferred name (any case), else the
        only one whose name or preferred name starts with it. None when none or several."""
        found = self.matching_clients(name)
        return found[0] if len(found) == 1 else None

    def matching_clients(self, name: str) -> list[Client]:
        """Exact matches if there are any, else prefix matches (for 'did you mean' lines)."""
        needle = name.strip().casefold()
        if not needle:
            return []
        everyone = self.clients()
        exact = [
            c
            for c in everyone
            if needle in (c.id.casefold(), c.name.casefold(), c.preferred_name.casefold())
        ]
        if exact:
            return exact
        return [
            c
            for c in everyone
            if c.name.casefold().startswith(needle)
            or (c.preferred_name and c.preferred_name.casefold().startswith(needle))
        ]

    def save_client(self, client: Client) -> None:
        _check_id(client.id, "client")
        with self._mutex:
            self._require_writable()
            self._require_usable(client.id)
            # Stated either way: a save updates the stored record in place, so a flag left
            # out would keep its old value (restoring would not restore).
            record = {**client.to_dict(), "archived": client.archived}
            put_where(self._core_db.table("clients"), Query().id == client.id, record)
            # A copy beside the client's alliance and promises, so a damaged core.json
            # can be rebuilt without losing anyone.
            put_only(self._client_db(client.id, create=True).table("client"), record)

    # ── alliance ───────────────────────────────────────────────────────────────

    def alliance(self, client_id: str) -> list[AllianceItem] | None:
        """The client's alliance items; None when never stored (the caller seeds them)."""
        with self._mutex:
            self._require_usable(client_id)
            db = self._client_db(client_id)
            doc = db.table("alliance").get(doc_id=ONLY) if db is not None else None
            if db is None or doc is None or not self._sound(db, "alliance", [doc], check_alliance):
                return None
            return self._convert(db, lambda: [AllianceItem.from_dict(i) for i in doc["items"]])

    def save_alliance(self, client_id: str, items: list[AllianceItem]) -> None:
        _check_id(client_id, "client")
        with self._mutex:
            self._require_writable()
            record = {"client_id": client_id, "items": [item.to_dict() for item in items]}
            put_only(self._client_db(client_id, create=True).table("alliance"), record)

    # ── sessions ───────────────────────────────────────────────────────────────

    def create_session(self, session: Session) -> None:
        """Store a new session: its file (with any entries it already has) and its index row."""
        self.add_sessions([session])

    def add_sessions(self, sessions: Iterable[Session]) -> None:
        """Store new sessions with their entries: one write per session file, then one write
        per client's index (imports, the demo, benchmarks)."""
        with self._mutex:
            self._require_writable()
            listed = self._listed_session_ids()
            rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
            sessions = list(sessions)
            for session in sessions:
                self._require_usable(session.client_id)
            for session in sessions:
                _check_id(session.id, "session")
                _check_id(session.client_id, "client")
                path = self._session_path(session.id)
                if session.id in listed or os.path.lexists(path):
                    raise ValueError(f"session {session.id} already exists")
                listed.add(session.id)
                db = TinyDB(path, storage=AtomicJSONStorage)
                db.storage.write(session_tables(session))
                self._remember_session_db(session.id, db)
                rows[session.client_id].append(session.header_dict())
            for client_id, client_rows in rows.items():
                self._index_table(client_id).insert_multiple(client_rows)

    def add_import(
        self,
        client: Client,
        alliance: list[AllianceItem],
        promises: list[Promise],
        session: Session,
    ) -> int:
        """An imported session with its client's records, all or nothing: the client when
        new, the alliance when none is stored, the promises not yet here, then the session.
        If a write fails, those before it are taken back. Returns the promises added."""
        with self._mutex:
            self._require_writable()
            self._require_usable(client.id)
            _check_id(client.id, "client")
            session_tables(session)  # what can't be serialised fails before the first write
            undo: list[Callable[[], object]] = []
            try:
                return self._import_writes(client, alliance, promises, session, undo)
            except BaseException:
                for step in reversed(undo):
                    with contextlib.suppress(Exception):
                        step()
                raise

    def _import_writes(
        self,
        client: Client,
        alliance: list[AllianceItem],
        promises: list[Promise],
        session: Session,
        undo: list[Callable[[], object]],
    ) -> int:
        # Each undo step is registered before its write, so a write that fails halfway
        # (the client's record saved, its copy not) is taken back too.
        for dbs, folder in (
            (self._client_dbs, self._clients_dir),
            (self._index_dbs, self._index_dir),
        ):
            path = folder / f"{client.id}.json"
            if client.id not in dbs and not path.exists():
                undo.append(partial(self._drop_client_file, dbs, client.id, path))
        if self.client(client.id) is None:
            undo.append(lambda: self._core_db.table("clients").remove(Query().id == client.id))
            self.save_client(client)
        db = self._client_db(client.id, create=True)
        if self.alliance(client.id) is None:
            undo.append(lambda: db.table("alliance").remove(doc_ids=[ONLY]))
            self.save_alliance(client.id, alliance)
        known = {promise.id for promise in self.promises(client.id)}
        fresh = [promise.to_dict() for promise in promises if promise.id not in known]
        if fresh:
            ids = db.table("promises").insert_multiple(fresh)
            undo.append(lambda: db.table("promises").remove(doc_ids=ids))
        undo.append(lambda: self._drop_new_session(session.id, session.client_id))
        self.add_sessions([session])
        return len(fresh)

    def _drop_client_file(self, dbs: dict[str, TinyDB], client_id: str, path: Path) -> None:
        db = dbs.pop(client_id, None)
        if db is not None:
            db.close()
        path.unlink(missing_ok=True)

    def _drop_new_session(self, session_id: str, client_id: str) -> None:
        self._forget_session_db(session_id)
        self._session_path(session_id).unlink(missing_ok=True)
        index = self._index_dbs.get(client_id)
        if index is not None and index.table("sessions").contains(Query().id == session_id):
            index.table("sessions").remove(Query().id == session_id)

    def erase_client(self, traces: Traces) -> Erasure:
        """Remove every file of the client's (storage/erase.py), rewrite copies of core.json
        and then core.json without them. The core record goes last, so an erase cut short
        can be run again by the client's name."""
        client_id = traces.client_id
        _check_id(client_id, "client")
        with self._mutex:
            self._require_writable()
            for dbs in (self._client_dbs, self._index_dbs):
                db = dbs.pop(client_id, None)
                if db is not None:
                    db.close()
            for session_id in list(self._session_dbs):
                if session_id in traces.session_ids:
                    self._forget_session_db(session_id)
            self._sound_tables.clear()
            self._held.pop(client_id, None)
            plan = plan_erase(self.data_dir, traces)
            removed = remove_files(plan.remove)
            damaged = [p for p in plan.core_copies if not rewrite_core_copy(p, client_id)]
            self._drop_from_core(client_id)
            return Erasure(removed, plan.unsure, damaged)

    def _drop_from_core(self, client_id: str) -> None:
        """core.json without the client: any record of theirs another table keeps (by
        ``client_id``), then their own record, last, so a cut-short erase can be rerun."""
        for name in sorted(self._core_db.tables() - {META_TABLE, "clients"}):
            table = self._core_db.table(name)
            if table.contains(Query().client_id == client_id):
                table.remove(Query().client_id == client_id)
        self._core_db.table("clients").remove(Query().id == client_id)
        self._sound_tables.clear()

    def stopped_clients(self) -> frozenset[str]:
        """Ids of the clients whose own files a newer sessionpad wrote, or that can't be
        read: left untouched."""
        return frozenset(self._held)

    def unreadable_clients(self) -> frozenset[str]:
        """Those of ``stopped_clients`` stopped because a file of theirs can't be read."""
        return frozenset(
            client_id for client_id, why in self._held.items() if isinstance(why, UnreadableFile)
        )

    def has_session(self, session_id: str) -> bool:
        """Whether a session of that id is listed or has a file here, whoever's it is."""
        with self._mutex:
            if session_id in self._listed_session_ids():
                return True
            return _SAFE_ID.fullmatch(session_id) is not None and os.path.lexists(
                self._session_path(session_id)
            )

    def discard_empty_session(self, session: Session) -> None:
        """Forget a session that never held an entry, rather than keep a 0-minute record.

        The index row goes first: a crash between the two leaves a file that the next
        start lists again as unfinished, never a listed session with no file.
        """
        _check_id(session.id, "session")
        with self._mutex:
            self._require_writable()
            if self.load_session(session.id).entries:
                raise StorageError(f"session {session.number} has entries and is kept")
            index = self._index_table(session.client_id)
            index.remove(Query().id == session.id)
            self._forget_session_db(session.id)
            self._session_path(session.id).unlink(missing_ok=True)

    def save_session_header(self, session: Session) -> None:
        """Save what changed besides entries (status, end, phases, next session)."""
        _check_id(session.id, "session")
        with self._mutex:
            self._require_writable()
            header = session.header_dict()
            put_only(self._session_db(session.id).table("header"), header)
            self._put_index_row(header)

    def append_entry(self, session_id: str, entry: Entry) -> None:
        """Add one entry to a session; on disk when this returns. Its ``seq`` must be new."""
        _check_id(session_id, "session")
        with self._mutex:
            self._require_writable()
            entries = self._session_db(session_id).table("entries")
            if entries.contains(doc_id=entry.seq):
                raise ValueError(f"session {session_id} already has an entry {entry.seq}")
            # A deep copy: the entry's nested data must not be shared with the cache.
            entries.insert(Document(copy.deepcopy(entry.to_dict()), doc_id=entry.seq))

    def replace_entry(self, session_id: str, entry: Entry) -> None:
        """Rewrite one entry in place, same seq (a correction); on disk when this returns.

        One atomic write of the session file: after a crash it holds the old entry or the
        new one, never neither.
        """
        _check_id(session_id, "session")
        with self._mutex:
            self._require_writable()
            entries = self._session_db(session_id).table("entries")
            if not entries.contains(doc_id=entry.seq):
                raise ValueError(f"session {session_id} has no entry {entry.seq}")
            record = copy.deepcopy(entry.to_dict())
            entries.update(lambda doc: _replace_document(doc, record), doc_ids=[entry.seq])

    def delete_entries(self, session_id: str, seqs: Iterable[int]) -> None:
        """Take entries out of a session (a correction): one atomic write, on disk when this
        returns. Every seq must be there, or nothing is removed."""
        _check_id(session_id, "session")
        wanted = sorted(set(seqs))
        with self._mutex:
            self._require_writable()
            entries = self._session_db(session_id).table("entries")
            missing = [seq for seq in wanted if not entries.contains(doc_id=seq)]
            if missing:
                raise ValueError(f"session {session_id} has no entry {missing[0]}")
            if wanted:
                entries.remove(doc_ids=wanted)

    def load_session(self, session_id: str) -> Session:
        """The session with its entries in seq order. A damaged file is set aside (named in
        ``problems``) and raises DamagedFile."""
        _check_id(session_id, "session")
        with self._mutex:
            db = self._session_db(session_id)
            session = self._convert(db, lambda: self._read_session(db))
            self._heal_index_row(session)
            return session

    def session_headers(self, client_id: str | None = None) -> list[Session]:
        """Sessions from the index, entries left empty, oldest first."""
        with self._mutex:
            try:
                sessions = self._headers(client_id)
            except DamagedFile:
                sessions = self._headers(client_id)  # that index was rebuilt: once more
        sessions.sort(key=lambda s: (s.started, s.number, s.id))
        return sessions

    def _headers(self, client_id: str | None) -> list[Session]:
        if client_id is None:
            dbs = list(self._index_dbs.values())
        else:
            self._require_usable(client_id)
            dbs = [self._index_dbs[client_id]] if client_id in self._index_dbs else []
        return [s for db in dbs for s in self._indexed_sessions(db)]

    def _indexed_sessions(self, db: TinyDB) -> list[Session]:
        # A bad index row is not set aside on its own: the whole index is rebuilt from the
        # session files, which hold the truth, so no session goes missing from the list.
        docs = _rows(db)
        if not self._known_sound(db, "sessions"):
            check = _owned_by(check_session_header, _file_id(db))
            self._convert(db, lambda: [check(doc, f"sessions[{doc.doc_id}]") for doc in docs])
            self._mark_sound(db, "sessions")
        return self._convert(db, lambda: [Session.from_dict(doc) for doc in docs])

    # ── promises ───────────────────────────────────────────────────────────────

    def promises(self, client_id: str | None = None) -> list[Promise]:
        """A client's promises, or everyone's; oldest made first."""
        with self._mutex:
            if client_id is None:
                dbs = list(self._client_dbs.values())
            else:
                self._require_usable(client_id)
                dbs = [self._client_dbs[client_id]] if client_id in self._client_dbs else []
            found = [
                p
                for db in dbs
                for p in self._records(
                    db, "promises", Promise.from_dict, _owned_by(check_promise, _file_id(db))
                )
            ]
        found.sort(key=made_order)
        return found

    def session_rows(self) -> list[SessionRow]:
        """Every session's row as a list shows it, oldest first, read from the raw index.

        Like open_promise_counts, for Home at start-up: no header is checked whole or
        converted. A row that doesn't fit sends the read through session_headers(),
        which rebuilds that index from the session files and reports it.
        """
        with self._mutex:
            try:
                rows = [
                    SessionRow.from_index(doc, client_id)
                    for client_id, db in self._index_dbs.items()
                    for doc in _rows(db)
                ]
            except UnfitRow:
                rows = [SessionRow.of(header) for header in self.session_headers()]
        rows.sort(key=lambda row: (row.started, row.number, row.id))
        return rows

    def open_promise_counts(self, today: date) -> dict[str, tuple[int, int]]:
        """Per client: (open promises, overdue ones), read from the raw records.

        Home lists every client at start-up; converting every promise ever made into
        objects just to count them would make that cost grow with the coach's history.
        """
        open_states = {status.value for status in OPEN_STATUSES}
        cutoff = today.isoformat()
        counts: dict[str, tuple[int, int]] = {}
        with self._mutex:
            for client_id, db in self._client_dbs.items():
                docs = [
                    doc for doc in db.table("promises").all() if doc.get("status") in open_states
                ]
                overdue = sum(1 for doc in docs if _due_before(doc.get("due"), cutoff))
                counts[client_id] = (len(docs), overdue)
        return counts

    def promise_records(self) -> list[dict[str, Any]]:
        """Every client's promise records as stored, unchecked: for tallies across the whole
        practice (Home), which check and convert only the few they need."""
        with self._mutex:
            return [
                dict(doc) for db in self._client_dbs.values() for doc in db.table("promises").all()
            ]

    def save_promise(self, promise: Promise) -> None:
        """Insert or update a promise, by id."""
        _check_id(promise.client_id, "client")
        with self._mutex:
            self._require_writable()
            table = self._client_db(promise.client_id, create=True).table("promises")
            put_where(table, Query().id == promise.id, promise.to_dict())

    def delete_promise(self, client_id: str, promise_id: str) -> None:
        """Remove a promise as if never made (a correction, not a release)."""
        _check_id(client_id, "client")
        with self._mutex:
            self._require_writable()
            db = self._client_db(client_id)
            table = db.table("promises") if db is not None else None
            if table is None or not table.contains(Query().id == promise_id):
                raise ValueError(f"no promise {promise_id} on record")
            table.remove(Query().id == promise_id)

    # ── prompts ────────────────────────────────────────────────────────────────

    def prompt_overrides(self) -> list[Prompt]:
        """Custom prompts, and built-ins the coach favourited or retired."""
        with self._mutex:
            return self._records(self._core_db, "prompts", Prompt.from_dict, check_prompt)

    def save_prompt(self, prompt: Prompt) -> None:
        with self._mutex:
            self._require_writable()
            put_where(self._core_db.table("prompts"), Query().id == prompt.id, prompt.to_dict())

    def asked_prompts(self, client_id: str) -> set[str]:
        """Ids of the prompts already asked of this client, in any session."""
        with self._mutex:
            self._require_usable(client_id)
            db = self._client_dbs.get(client_id)
            if db is None:
                return set()
            return {str(doc.get("prompt_id")) for doc in db.table("asked").all()}

    def record_asked(self, client_id: str, prompt_id: str, session_id: str) -> None:
        _check_id(client_id, "client")
        with self._mutex:
            self._require_writable()
            table = self._client_db(client_id, create=True).table("asked")
            # One record per prompt, so this file's size is bounded by the deck, not time.
            found = table.search(Query().prompt_id == prompt_id)
            if not found:
                table.insert({"prompt_id": prompt_id, "sessions": [session_id]})
            elif session_id not in found[0].get("sessions", []):
                sessions = [*found[0].get("sessions", []), session_id]
                table.update({"sessions": sessions}, doc_ids=[found[0].doc_id])

    def forget_asked(self, client_id: str, prompt_id: str, session_id: str) -> None:
        """A question taken back: that session no longer counts as having asked the prompt."""
        _check_id(client_id, "client")
        with self._mutex:
            self._require_writable()
            db = self._client_dbs.get(client_id)
            if db is None:
                return
            found = db.table("asked").search(Query().prompt_id == prompt_id)
            if not found:
                return
            sessions = [s for s in found[0].get("sessions", []) if s != session_id]
            if sessions == found[0].get("sessions", []):
                return
            table = db.table("asked")
            if sessions:
                table.update({"sessions": sessions}, doc_ids=[found[0].doc_id])
            else:
                table.remove(doc_ids=[found[0].doc_id])

    # ── the coach's settings and edited summaries ──────────────────────────────

    def settings(self) -> CoachSettings:
        with self._mutex:
            doc = self._core_db.table("settings").get(doc_id=ONLY)
            if doc is None:
                return CoachSettings()
            return self._convert(self._core_db, lambda: CoachSettings.from_dict(doc))

    def save_settings(self, settings: CoachSettings) -> None:
        with self._mutex:
            self._require_writable()
            put_only(self._core_db.table("settings"), settings.to_dict())

    def retention_years(self) -> int | None:
        """How many years after a client's last session their records are kept; None: off.

        Its own table, apart from the coach's other settings, so a settings form that
        doesn't know it can never switch it off by saving."""
        with self._mutex:
            doc = self._core_db.table("retention").get(doc_id=ONLY)
            years = doc.get("years") if doc is not None else None
            if isinstance(years, int) and not isinstance(years, bool) and years > 0:
                return years
            return None

    def save_retention_years(self, years: int | None) -> None:
        with self._mutex:
            self._require_writable()
            put_only(self._core_db.table("retention"), {"years": years})

    def summary_edit(
        self, session_id: str, audience: Audience, fmt: SummaryFormat
    ) -> SummaryEdit | None:
        """The coach's edited text of one summary, if they edited it."""
        _check_id(session_id, "session")
        with self._mutex:
            db = self._session_db(session_id)
            docs = db.table("edits").search(Query().key == edit_key(audience, fmt))
            return self._convert(db, lambda: SummaryEdit.from_dict(docs[0])) if docs else None

    def save_summary_edit(self, session_id: str, edit: SummaryEdit) -> None:
        _check_id(session_id, "session")
        with self._mutex:
            self._require_writable()
            table = self._session_db(session_id).table("edits")
            put_where(table, Query().key == edit.key, edit.to_dict())

    def discard_summary_edit(self, session_id: str, audience: Audience, fmt: SummaryFormat) -> None:
        _check_id(session_id, "session")
        with self._mutex:
            self._require_writable()
            table = self._session_db(session_id).table("edits")
            table.remove(Query().key == edit_key(audience, fmt))

    # ── maintenance ────────────────────────────────────────────────────────────

    def check_all(self) -> list[str]:
        """Read every session file, setting aside damaged ones; name listed sessions whose
        file is gone; tighten loose permissions. One line per finding (returned, not
        added to ``problems``)."""
        with self._mutex:
            findings: list[str] = []
            seen_problems = len(self.problems)
            self.clients()
            self.prompt_overrides()
            for client_id, db in list(self._client_dbs.items()):
                with contextlib.suppress(DamagedFile):
                    self.promises(client_id)
                    self.alliance(client_id)
                    self._records(db, "client", Client.from_dict, check_client)
            for client_id in list(self._index_dbs):
                if client_id in self._held:
                    continue
                with contextlib.suppress(DamagedFile):
                    self.session_headers(client_id)
            for session_id in sorted(self._session_ids_on_disk()):
                try:
                    cached = self._session_dbs.get(session_id)
                    db = cached or self._open_session_file(session_id)
                    self._convert(db, partial(self._read_session, db))
                    if cached is None:
                        db.close()
                except DamagedFile:
                    pass  # set aside; the line describing it is in problems
                except SchemaTooNew as exc:
                    findings.append(exc.message)
                except UnreadableFile as exc:
                    findings.append(self._unreadable_line(exc, "that session can't be opened"))
            findings.extend(self.problems[seen_problems:])
            del self.problems[seen_problems:]
            for session_id in sorted(self._listed_session_ids()):
                path = self._session_path(session_id)
                if not path.exists():
                    findings.append(
                        f"session {session_id} is listed but its file {self._shown(path)} "
                        "is missing (look for a .corrupt- file beside it)"
                    )
            if not self.read_only:
                findings.extend(self._tighten_permissions())
            return findings

    # ── internals: places ──────────────────────────────────────────────────────

    @property
    def _clients_dir(self) -> Path:
        return self.data_dir / CLIENTS_DIR

    @property
    def _index_dir(self) -> Path:
        return self.data_dir / INDEX_DIR

    @property
    def _sessions_dir(self) -> Path:
        return self.data_dir / SESSIONS_DIR

    def _session_path(self, session_id: str) -> Path:
        return self._sessions_dir / f"{session_id}.json"

    @property
    def _core_db(self) -> TinyDB:
        if self._core is None:
            raise StorageError("the store is closed")
        return self._core

    def _require_usable(self, client_id: str) -> None:
        """A client whose file a newer sessionpad wrote is stopped, and only that client."""
        held = self._held.get(client_id)
        if held is not None:
            raise held

    def _require_writable(self) -> None:
        if self.read_only:
            raise StorageError(
                f"{self.data_dir} was opened read-only — nothing can be saved in this mode"
            )
        if self._core is None:
            raise StorageError("the store is closed")

    def _shown(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.data_dir))
        except ValueError:
            return str(path)

    def _name_of(self, client_id: str) -> str:
        if self._core is not None:
            for doc in self._core.table("clients").search(Query().id == client_id):
                return str(doc.get("name") or f"client {client_id}")
        return f"client {client_id}"

    # ── internals: files, upgrades, damage ─────────────────────────────────────

    def _open_file(self, path: Path, kind: str, *, create: bool = False) -> TinyDB:
        """A TinyDB on ``path``, upgraded to the current schema.

        Raises DamagedFile (the caller decides what to set aside) or SchemaTooNew.
        """
        db = TinyDB(path, storage=AtomicJSONStorage, read_only=self.read_only)
        raw = db.storage.read()
        if raw is None:
            if create:
                db.storage.write({META_TABLE: meta_table(kind)})
            return db
        upgraded, found = migrate(path, raw, kind)
        if found != SCHEMA_VERSION:
            self._upgrade(db, path, upgraded, found)
        return db

    def _fresh_db(self, path: Path, kind: str) -> TinyDB:
        """An empty database where a damaged one was (in memory only when read-only)."""
        db = TinyDB(path, storage=AtomicJSONStorage, read_only=self.read_only)
        db.storage.write({META_TABLE: meta_table(kind)})
        return db

    def _upgrade(self, db: TinyDB, path: Path, upgraded: dict[str, Any], found: int) -> None:
        name = self._shown(path)
        if self.read_only:
            db.storage.write(upgraded)  # memory only
            notice = (
                f"{name} uses schema {found}; read as schema {SCHEMA_VERSION} for now "
                "(it is upgraded on disk when opened for writing)"
            )
            self.problems.append(notice)
            self.upgrade_notices.append(notice)
            return
        try:
            backup = keep_backup(path, SCHEMA_VERSION)
        except OSError as exc:
            raise StorageError(
                f"couldn't back up {path} before upgrading it: {os_reason(exc)}"
            ) from None
        db.storage.write(upgraded)
        self.problems.append(
            f"{name} was upgraded from schema {found} to {SCHEMA_VERSION}; "
            f"the old file is kept as {backup.name}"
        )

    def _quarantine(self, damage: DamagedFile) -> Path | None:
        """Move a damaged file aside (not when read-only); where it went."""
        if self.read_only or not os.path.lexists(damage.path):
            return None
        try:
            return quarantine(damage.path)
        except OSError as exc:
            raise StorageError(
                f"{self._shown(damage.path)} is damaged ({damage.reason}) and couldn't be "
                f"moved aside: {os_reason(exc)}"
            ) from None

    def _unreadable_line(self, exc: UnreadableFile, consequence: str) -> str:
        return (
            f"can't read {self._shown(exc.path)} ({exc.reason}); it was left as it is and "
            f"{consequence} — make it readable by you (chmod 600) and run sessionpad again"
        )

    def _report(self, damage: DamagedFile, moved: Path | None, consequence: str) -> None:
        name = self._shown(damage.path)
        where = f"moved aside to {moved.name}" if moved else "left in place (read-only)"
        self.problems.append(f"{name} is damaged ({damage.reason}); {where}; {consequence}")

    def _set_aside(self, damage: DamagedFile, consequence: str) -> None:
        self._report(damage, self._quarantine(damage), consequence)

    # ── internals: opening ─────────────────────────────────────────────────────

    def _open_core(self) -> _Damage | None:
        path = self.data_dir / CORE_FILE
        try:
            self._core = self._open_file(path, "core", create=True)
            self._convert(self._core, self._validate_core)
            return None
        except DamagedFile as exc:
            damage = _Damage(exc, self._quarantine(exc))
            self._core = self._fresh_db(path, "core")
            return damage
        except UnreadableFile as exc:
            # Not set aside like damage: a fresh core.json would later replace the
            # coach's real one, whose only fault is its permissions.
            raise DataDirUnusable(
                f"can't read {exc.path} ({exc.reason}) — it holds your clients, prompts and "
                "settings; make it readable by you (chmod 600) and run sessionpad again"
            ) from None

    def _validate_core(self) -> None:
        self.clients()
        self.prompt_overrides()

    def _open_client_files(self) -> None:
        # Records are converted when asked for, not here: converting every promise and
        # session header costs more than parsing them (≈ 100 ms at 1,000 sessions).
        for client_id, path in self._files_by_id(self._clients_dir):
            try:
                db = self._open_file(path, "client")
            except (SchemaTooNew, UnreadableFile) as exc:
                self._hold(client_id, exc)
                continue
            except DamagedFile as exc:
                self._set_aside(
                    exc,
                    f"{self._name_of(client_id)}'s alliance, promises and asked prompts "
                    "start empty",
                )
                continue
            self._client_dbs[client_id] = db

    def _open_index_files(self) -> dict[str, _Damage]:
        """Each client's index; a damaged one is set aside, to be rebuilt by the caller."""
        damaged = {}
        for client_id, path in self._files_by_id(self._index_dir):
            if client_id in self._held:
                continue
            try:
                db = self._open_file(path, "index")
            except (SchemaTooNew, UnreadableFile) as exc:
                self._hold(client_id, exc)
                continue
            except DamagedFile as exc:
                damaged[client_id] = _Damage(exc, self._quarantine(exc))
                db = self._fresh_db(path, "index")
            self._index_dbs[client_id] = db
        return damaged

    def _hold(self, client_id: str, exc: SchemaTooNew | UnreadableFile) -> None:
        self._held.setdefault(client_id, exc)
        self._client_dbs.pop(client_id, None)
        if client_id in self._index_dbs:
            self._index_dbs.pop(client_id).close()
        name = self._name_of(client_id)
        if isinstance(exc, UnreadableFile):
            self.problems.append(self._unreadable_line(exc, f"{name} is set aside until then"))
        else:
            self.problems.append(f"{name} can't be opened: {exc.message}")

    def _files_by_id(self, folder: Path) -> list[tuple[str, Path]]:
        """``(id, path)`` of every ``<id>.json`` in ``folder``, by id."""
        return [(file_id, folder / f"{file_id}.json") for file_id in sorted(_ids_in(folder))]

    def _index_unlisted_sessions(self) -> dict[str, int]:
        """Give session files the index lacks their row back, from the header each file
        holds: after a crash between the two writes, or when an index was damaged.
        Returns how many rows each client got."""
        missing = self._session_ids_on_disk() - self._listed_session_ids()
        rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for session_id in sorted(missing):
            try:
                db = self._open_session_file(session_id)
                header = self._convert(db, partial(self._read_session, db)).header_dict()
                db.close()
                _check_id(header["client_id"], "client")
                if header["client_id"] in self._held:
                    continue
            except UnreadableFile as exc:
                self.problems.append(self._unreadable_line(exc, "that session can't be opened"))
                continue
            except (DamagedFile, SchemaTooNew, ValueError):
                continue  # set aside and reported, or left for a newer sessionpad
            rows[header["client_id"]].append(header)
        for client_id, client_rows in rows.items():
            self._index_table(client_id).insert_multiple(client_rows)
        return {client_id: len(client_rows) for client_id, client_rows in rows.items()}

    def _rebuild_clients(self, damage: _Damage) -> None:
        """core.json was damaged: recover the clients from the copy in each client file."""
        recovered = [
            dict(doc)
            for db in self._client_dbs.values()
            if (doc := db.table("client").get(doc_id=ONLY)) is not None
        ]
        known = {doc["id"] for doc in recovered}
        # Sessions must stay reachable even when a client's own file was lost as well.
        placeholders = [
            Client(name=f"Client {client_id[:6]} (name lost)", id=client_id).to_dict()
            for client_id in sorted(self._index_dbs)
            if client_id not in known and _rows(self._index_dbs[client_id])
        ]
        if recovered or placeholders:
            self._core_db.table("clients").insert_multiple([*recovered, *placeholders])
        unnamed = f", {len(placeholders)} more without a name" if placeholders else ""
        self._report(
            damage.error,
            damage.moved_to,
            f"{len(recovered)} client(s) recovered from their own files{unnamed}; custom "
            "prompts, favourites and retired prompts could not be recovered",
        )

    def _session_ids_on_disk(self) -> set[str]:
        return _ids_in(self._sessions_dir)

    def _listed_session_ids(self) -> set[str]:
        return {str(row.get("id")) for db in self._index_dbs.values() for row in _rows(db)}

    # ── internals: per-client and per-session files ────────────────────────────

    @overload
    def _client_db(self, client_id: str, *, create: Literal[True]) -> TinyDB: ...
    @overload
    def _client_db(self, client_id: str, *, create: bool = False) -> TinyDB | None: ...
    def _client_db(self, client_id: str, *, create: bool = False) -> TinyDB | None:
        db = self._client_dbs.get(client_id)
        if db is not None or not create:
            return db
        self._require_usable(client_id)
        db = self._open_file(self._clients_dir / f"{client_id}.json", "client", create=True)
        self._client_dbs[client_id] = db
        return db

    def _index_table(self, client_id: str) -> Table:
        db = self._index_dbs.get(client_id)
        if db is None:
            _check_id(client_id, "client")
            self._require_usable(client_id)
            db = self._open_file(self._index_dir / f"{client_id}.json", "index", create=True)
            self._index_dbs[client_id] = db
        return db.table("sessions")

    def _session_db(self, session_id: str) -> TinyDB:
        db = self._session_dbs.get(session_id)
        if db is not None:
            self._session_dbs.move_to_end(session_id)
            return db
        path = self._session_path(session_id)
        if not os.path.lexists(path):
            raise StorageError(f"session {session_id} has no data file ({self._shown(path)})")
        db = self._open_session_file(session_id)
        self._remember_session_db(session_id, db)
        return db

    def _open_session_file(self, session_id: str) -> TinyDB:
        """A session file, upgraded; a damaged one is set aside and DamagedFile raised."""
        try:
            return self._open_file(self._session_path(session_id), "session")
        except DamagedFile as exc:
            self._set_aside(exc, "that session can't be opened")
            raise

    def _remember_session_db(self, session_id: str, db: TinyDB) -> None:
        self._session_dbs[session_id] = db
        self._session_dbs.move_to_end(session_id)
        while len(self._session_dbs) > _SESSION_CACHE_SIZE:
            _, oldest = self._session_dbs.popitem(last=False)
            oldest.close()

    def _forget_session_db(self, session_id: str) -> None:
        db = self._session_dbs.pop(session_id, None)
        if db is not None:
            db.close()

    def _put_index_row(self, header: dict[str, Any]) -> None:
        put_where(self._index_table(header["client_id"]), Query().id == header["id"], header)

    def _heal_index_row(self, session: Session) -> None:
        """The session file is the truth; fix an index row a crash left stale."""
        if self.read_only:
            return
        header = session.header_dict()
        found = self._index_table(session.client_id).search(Query().id == session.id)
        if not found or dict(found[0]) != header:
            self._put_index_row(header)

    def _tighten_permissions(self) -> list[str]:
        loose = 0
        for folder in (self.data_dir, self._clients_dir, self._index_dir, self._sessions_dir):
            if folder.is_symlink() or not folder.is_dir():
                continue
            for path in folder.iterdir():
                with contextlib.suppress(FileNotFoundError):  # gone since listed: nothing to do
                    loose += tighten_file(path)
        if not loose:
            return []
        return [f"{loose} file(s) were readable by others and are now private (0600)"]

    # ── internals: records ─────────────────────────────────────────────────────

    def _records(
        self, db: TinyDB, table: str, convert: Callable[[dict[str, Any]], T], check: Check
    ) -> list[T]:
        docs = db.table(table).all()
        if not self._known_sound(db, table):
            docs = self._sound(db, table, docs, check)
            if len(docs) == len(db.table(table)):
                self._mark_sound(db, table)
        return self._convert(db, lambda: [convert(doc) for doc in docs])

    def _known_sound(self, db: TinyDB, table: str) -> bool:
        known = self._sound_tables.get((id(db), table))
        return known is not None and known[0] is db and known[1] is db.storage.read()

    def _mark_sound(self, db: TinyDB, table: str) -> None:
        self._sound_tables[(id(db), table)] = (db, db.storage.read())

    def _read_session(self, db: TinyDB) -> Session:
        """A session file's header and its readable entries; one bad entry is set aside,
        not the session (a bad header is the session's, and raises)."""
        header = db.table("header").get(doc_id=ONLY)
        if header is None:
            raise KeyError("the session header is missing")
        check_session_header(header, "header")
        if header["id"] != _file_id(db):
            # A copied or renamed file would list one session twice, or one that isn't there.
            raise InvalidRecord("header.id", f"{header['id']!r} is not this file's session")
        entries = self._sound(db, "entries", db.table("entries").all(), _check_stored_entry)
        return Session.from_dict({**header, "entries": [detached_entry(doc) for doc in entries]})

    def _sound(self, db: TinyDB, table: str, docs: list[Document], check: Check) -> list[Document]:
        """The records that pass ``check``; the others are set aside and named in
        ``problems`` — one bad record loses that record, not its file."""
        good, bad = [], []
        for doc in docs:
            try:
                check(doc, f"{table}[{doc.doc_id}]")
            except InvalidRecord as exc:
                bad.append((doc.doc_id, exc))
            else:
                good.append(doc)
        if bad:
            self._set_aside_records(db, table, bad)
        return good

    def _set_aside_records(
        self, db: TinyDB, table: str, bad: list[tuple[int, InvalidRecord]]
    ) -> None:
        path = _storage_path(db)
        fresh = [
            (doc_id, exc)
            for doc_id, exc in bad
            if (path, table, doc_id) not in self._reported_records
        ]
        if not fresh:
            return  # said already; an earlier attempt to set it aside failed, or read-only
        self._reported_records.update((path, table, doc_id) for doc_id, _ in bad)
        if self.read_only or not path.exists():
            where = "left in the file (read-only)"
        else:
            try:
                kept = copy_aside(path)
                db.table(table).remove(doc_ids=[doc_id for doc_id, _ in bad])
            except OSError as error:
                where = f"left in the file (it couldn't be copied aside: {os_reason(error)})"
            except StorageError as error:
                where = f"left in the file ({error.message})"
            else:
                where = f"the file as it was is kept as {kept.name}"
        for _, invalid in fresh:
            self.problems.append(
                f"{self._shown(path)}: a record can't be read ({invalid}) and was left out; {where}"
            )

    def _convert(self, db: TinyDB, build: Callable[[], T]) -> T:
        """Run a from_dict conversion; a record that doesn't fit means a damaged file."""
        try:
            return build()
        except _RECORD_ERRORS as exc:
            path = _storage_path(db)
            damage = DamagedFile(path, f"a record can't be read ({type(exc).__name__}: {exc})")
            self._damaged_record(damage)
            raise damage from None

    def _damaged_record(self, damage: DamagedFile) -> None:
        """Set aside a file found damaged after opening, and recover what can be."""
        folder, file_id = damage.path.parent, damage.path.stem
        if folder == self._sessions_dir:
            self._forget_session_db(file_id)
            self._set_aside(damage, "that session can't be opened")
        elif folder == self._clients_dir and file_id in self._client_dbs:
            self._client_dbs.pop(file_id).close()
            self._set_aside(
                damage,
                f"{self._name_of(file_id)}'s alliance, promises and asked prompts start empty",
            )
        elif folder == self._index_dir and file_id in self._index_dbs:
            self._index_dbs.pop(file_id).close()
            moved = self._quarantine(damage)
            self._index_dbs[file_id] = self._fresh_db(damage.path, "index")
            count = self._index_unlisted_sessions().get(file_id, 0)
            self._report(
                damage,
                moved,
                f"{self._name_of(file_id)}'s session list was rebuilt from {count} session file(s)",
            )


def _resolved(data_dir: Path) -> Path:
    try:
        return data_dir.resolve()
    except (RuntimeError, OSError) as exc:  # RuntimeError: a loop of links (Python < 3.13)
        reason = os_reason(exc) if isinstance(exc, OSError) else "its links go round in a loop"
        raise DataDirUnusable(f"can't use {data_dir}: {reason} — {CHOOSE_ANOTHER_DIR}") from None


def _ids_in(folder: Path) -> set[str]:
    """The ids of the ``<id>.json`` files in ``folder`` (quarantined and temp files aside)."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return set()
    except OSError as exc:
        raise DataDirUnusable(f"can't read {folder}: {os_reason(exc)}") from None
    return {name[:-5] for name in names if name.endswith(".json") and _SAFE_ID.fullmatch(name[:-5])}


def _file_id(db: TinyDB) -> str:
    return _storage_path(db).stem


def _storage_path(db: TinyDB) -> Path:
    # Every file the store opens is on an AtomicJSONStorage (_open_file).
    return cast(AtomicJSONStorage, db.storage).path


def _owned_by(check: Check, client_id: str) -> Check:
    """``check``, and the record must belong to the client whose file holds it."""

    def check_owner(raw: Any, at: str) -> None:
        check(raw, at)
        if raw["client_id"] != client_id:
            raise InvalidRecord(
                f"{at}.client_id",
                f"belongs to client {raw['client_id']!r}, not to this file's {client_id!r}",
            )

    return check_owner


def _check_stored_entry(raw: Any, at: str) -> None:
    # A kind from a newer sessionpad is kept (shown as unknown); an import never has one.
    check_entry(raw, at, unknown_kinds=True)
    place = getattr(raw, "doc_id", raw["seq"])
    if raw["seq"] != place:
        raise InvalidRecord(f"{at}.seq", f"{raw['seq']} is stored in place {place}")


def _due_before(due: Any, cutoff: str) -> bool:
    return isinstance(due, str) and bool(due) and due < cutoff


def _replace_document(doc: MutableMapping[str, Any], record: dict[str, Any]) -> None:
    # TinyDB's update merges fields; a key the new record lacks must not survive it.
    doc.clear()
    doc.update(record)


def _rows(db: TinyDB) -> list[Document]:
    return db.table("sessions").all()


def _check_id(value: str, what: str) -> None:
    # Ids become file names; one from an imported file must not reach outside the data dir.
    if not isinstance(value, str) or not _SAFE_ID.fullmatch(value):
        raise ValueError(f"{what} id {value!r} is not a plain id (letters, digits, - and _)")
