"""One client's whole record, for their own copy or to move it: Markdown and JSON.

Decisions:
- Every session becomes a summary in Markdown for the chosen audience (the client's by
  default: only what core/audience.py lets them see) and a JSON session export of the
  same audience that ``sessionpad import`` reads back, so a record can move to another
  data dir: export-client → import → export-client gives the same files.
- Summaries are rendered from what is stored, not from an edit the coach made before
  sending one: an edit is not part of the JSON, so it could not survive the round trip.
- Names inside the record are fixed (``sessions/…md``, ``json/…json``) and made of safe
  characters only; nothing in it depends on the clock, so two exports compare equal.
- Reading one back trusts nothing: only ``json/NAME.json`` members or files are read,
  each capped in size, links refused, and every document checked whole before the first
  write (core/exporting.py).
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sessionpad.core.exporting import MAX_IMPORT_BYTES, session_to_json
from sessionpad.core.models import Audience, Client
from sessionpad.core.reports import context_for_session
from sessionpad.core.summary import render_markdown, summary_file_stem, summary_filename
from sessionpad.storage.store import Store

JSON_FOLDER = "json"
SESSIONS_FOLDER = "sessions"
MAX_RECORD_FILES = 10_000
_JSON_MEMBER = re.compile(r"json/[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.json")


class RecordReadError(ValueError):
    """A client record that can't be read; the message is one line."""


@dataclass(frozen=True)
class RecordFile:
    name: str
    text: str


def client_record(store: Store, client: Client, audience: Audience) -> list[RecordFile]:
    """Every session of ``client`` as Markdown and JSON, oldest first, plus a README."""
    promises = store.promises(client.id)
    alliance = store.alliance(client.id)
    headers = sorted(store.session_headers(client.id), key=lambda s: (s.number, s.started, s.id))
    files = [RecordFile("README.txt", _readme(client, len(headers), audience))]
    for header in headers:
        ctx = context_for_session(store, header.id, promises=promises, alliance=alliance)
        stem = summary_file_stem(ctx.client, ctx.session)
        files.append(
            RecordFile(
                f"{SESSIONS_FOLDER}/{summary_filename(ctx, audience, 'md')}",
                render_markdown(ctx, audience),
            )
        )
        files.append(
            RecordFile(
                f"{JSON_FOLDER}/{stem}-{ctx.session.id}.json", session_to_json(ctx, audience)
            )
        )
    return files


def _readme(client: Client, sessions: int, audience: Audience) -> str:
    whose = "as the client sees it" if audience is Audience.CLIENT else "the coach's full record"
    return (
        f"The coaching record of {client.name}, {whose}: {sessions} session(s).\n\n"
        f"{SESSIONS_FOLDER}/  one summary per session, in Markdown\n"
        f"{JSON_FOLDER}/      the same sessions as JSON; `sessionpad import` reads this "
        "folder or zip back\n"
    )


def record_documents(path: Path) -> list[tuple[str, str]]:
    """The JSON session documents of an exported record (a folder or a zip), by name."""
    if not path.exists():
        raise RecordReadError(f"no such file or folder: {path}")
    if zipfile.is_zipfile(path):
        return _zip_documents(path)
    if path.is_dir():
        return _folder_documents(path)
    raise RecordReadError(f"{path} is not a client record (a folder or a .zip)")


def _zip_documents(path: Path) -> list[tuple[str, str]]:
    documents = []
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [i for i in archive.infolist() if _JSON_MEMBER.fullmatch(i.filename)]
            if len(infos) > MAX_RECORD_FILES:
                raise RecordReadError(f"{path}: too many files for a client record")
            for info in infos:
                if stat.S_IFMT(info.external_attr >> 16) not in (0, stat.S_IFREG):
                    raise RecordReadError(f"{path}: {info.filename!r} is not a plain file")
                with archive.open(info) as handle:
                    payload = handle.read(MAX_IMPORT_BYTES + 1)
                documents.append((info.filename, _decoded(path, info.filename, payload)))
    except (OSError, zipfile.BadZipFile, NotImplementedError) as error:
        raise RecordReadError(f"can't read {path}: {error}") from None
    return sorted(documents)


def _folder_documents(path: Path) -> list[tuple[str, str]]:
    folder = path / JSON_FOLDER
    if not folder.is_dir() or folder.is_symlink():
        raise RecordReadError(f"{path} has no {JSON_FOLDER}/ folder — not a client record")
    documents = []
    names = sorted(os.listdir(folder))
    if len(names) > MAX_RECORD_FILES:
        raise RecordReadError(f"{path}: too many files for a client record")
    for name in names:
        if not _JSON_MEMBER.fullmatch(f"{JSON_FOLDER}/{name}"):
            continue
        member = folder / name
        try:
            fd = os.open(member, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    raise RecordReadError(f"{member} is not a plain file")
                payload = handle.read(MAX_IMPORT_BYTES + 1)
        except OSError as error:
            raise RecordReadError(f"can't read {member}: {error.strerror or error}") from None
        documents.append((f"{JSON_FOLDER}/{name}", _decoded(path, name, payload)))
    return documents


def _decoded(path: Path, name: str, payload: bytes) -> str:
    if len(payload) > MAX_IMPORT_BYTES:
        raise RecordReadError(f"{path}: {name} is too large for a session export")
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        raise RecordReadError(f"{path}: {name} is not UTF-8 text") from None


def import_record(store: Store, documents: list[tuple[str, str]]) -> list[str]:
    """Import every session of a record: all read and checked against this data dir
    before the first is written. Returns one line per session imported."""
    from sessionpad.core.exporting import ImportFormatError, session_from_json
    from sessionpad.core.reports import import_context

    if not documents:
        raise RecordReadError("the record holds no sessions to import")
    contexts = []
    for name, text in documents:
        try:
            contexts.append(session_from_json(text))
        except ImportFormatError as error:
            raise RecordReadError(f"{name}: {error}") from None
    client_ids = {ctx.client.id for ctx in contexts}
    if len(client_ids) > 1:
        raise RecordReadError("the record holds sessions of more than one client")
    seen: set[str] = set()
    for ctx in contexts:
        session_id = ctx.session.id
        if session_id in seen or store.has_session(session_id):
            raise RecordReadError(f"session {session_id} is already in this data dir")
        seen.add(session_id)
    contexts.sort(key=lambda ctx: (ctx.session.number, ctx.session.started))
    return [import_context(store, ctx) for ctx in contexts]
