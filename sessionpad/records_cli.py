"""The records commands (SPEC §3 item 7, §5): archive, restore, delete-client, retention,
export-client, backup and restore-backup. Same manners as the rest of the CLI
(sessionpad/cli.py): one-line errors, exit 1 for bad input, nothing printed unsanitised.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import sessionpad.cli as cli

if TYPE_CHECKING:
    from sessionpad.core.client_record import RecordFile
    from sessionpad.core.models import Client
    from sessionpad.storage.store import Store

Add = Callable[..., argparse.ArgumentParser]


def add_records_parsers(add: Add) -> None:
    for verb, summary in (
        ("archive", "take a client off Home and the client list; every record is kept"),
        ("restore", "bring an archived client back"),
    ):
        add(verb, summary).add_argument("client", help="the client's name")
    delete = add("delete-client", "delete a client and everything of theirs, for good")
    delete.add_argument("client", help="the client's name")
    delete.add_argument("--yes", action="store_true", help="don't ask (for scripts)")

    retention = add("retention", "clients past the retention setting; --delete removes them")
    retention.add_argument(
        "--set", dest="years", metavar="YEARS|off", help="keep records YEARS after the last session"
    )
    retention.add_argument("--delete", action="store_true", help="delete the clients listed")
    retention.add_argument("--yes", action="store_true", help="with --delete: don't ask")

    export = add("export-client", "a client's whole record: Markdown and JSON, a folder or zip")
    export.add_argument("client", help="the client's name")
    export.add_argument("--out", required=True, metavar="DIR|FILE.zip", help="where to write it")
    export.add_argument(
        "--audience",
        choices=("client", "coach"),
        default="client",
        help="client (default): what the client may see; coach: the full record",
    )
    export.add_argument("--force", action="store_true", help="replace existing files")

    backup = add("backup", "a consistent copy of the whole data dir, as one private zip")
    backup.add_argument("path", type=Path, metavar="PATH", help="the zip to write")
    backup.add_argument("--force", action="store_true", help="replace an existing file")

    restoring = add("restore-backup", "unpack a backup into a new, empty --data-dir")
    restoring.add_argument("path", type=Path, metavar="PATH", help="the backup zip")


# ── archive, restore, delete ──────────────────────────────────────────────────


def _run_archive(args: argparse.Namespace) -> int:
    return _set_archived(args, archived=True)


def _run_restore(args: argparse.Namespace) -> int:
    return _set_archived(args, archived=False)


def _set_archived(args: argparse.Namespace, *, archived: bool) -> int:
    from sessionpad.core.records import set_archived

    with cli._open_store(args) as store:
        client = _find_client(store, args.client)
        if client.archived == archived:
            state = "archived" if archived else "not archived"
            cli._say(f"{client.name} is already {state}")
            return 0
        set_archived(store, client, archived)
    if archived:
        cli._say(f"archived {client.name}: off Home and the client list, every record kept")
    else:
        cli._say(f"restored {client.name}")
    return 0


def _run_delete_client(args: argparse.Namespace) -> int:
    from sessionpad.core.records import confirms_deletion, delete_client

    with cli._open_store(args) as store:
        client = _find_client(store, args.client)
        sessions = len(store.session_headers(client.id))
        if not args.yes:
            question = (
                f"Delete {client.name} and everything of theirs in {store.data_dir} "
                f"({sessions} session(s), promises, alliance, saved exports)? "
                "This can't be undone.\n"
                f"Type their full name to confirm:"
            )
            if not confirms_deletion(client, _ask(question)):
                raise cli.CliError("the name didn't match — nothing was deleted")
        deletion = delete_client(store, client)
    removed = len(deletion.removed)
    cli._say(f"deleted {client.name}: {removed} file(s) removed, core.json rewritten")
    cli._say(
        "note: backups made earlier with `sessionpad backup` still hold them — replace those",
        err=True,
    )
    _say_still_named(client.name, deletion.still_named_in, store.data_dir)
    return 0


def _say_still_named(name: str, paths: list[Path], data_dir: Path) -> None:
    if not paths:
        return
    shown = ", ".join(str(path.relative_to(data_dir)) for path in paths[:3])
    more = " …" if len(paths) > 3 else ""
    cli._say(
        f"note: {name!r} is still written in {len(paths)} file(s) of other clients "
        f"(left as they are): {shown}{more}",
        err=True,
    )


def _ask(question: str) -> str:
    if not sys.stdin.isatty():
        raise cli.CliError("this asks for confirmation: run it in a terminal, or add --yes")
    from sessionpad.core.sanitize import one_line

    *lines, last = question.split("\n")
    for line in lines:
        print(one_line(line), file=sys.stderr)
    print(one_line(last), end=" ", file=sys.stderr, flush=True)
    try:
        return sys.stdin.readline()
    except KeyboardInterrupt:
        raise cli.CliError("cancelled — nothing was deleted") from None


def _find_client(store: Store, name: str) -> Client:
    client = store.client(cli._client_id(store, name))
    if client is None:  # found by name a moment ago: only a damaged record gets here
        raise cli.CliError(f"no client {name!r}")
    return client


# ── retention ─────────────────────────────────────────────────────────────────


def _run_retention(args: argparse.Namespace) -> int:
    from sessionpad.core.models import now_local
    from sessionpad.core.records import delete_client
    from sessionpad.core.retention import RetentionError, parse_retention_years, past_retention
    from sessionpad.core.when import short_day

    today = now_local().date()
    changing = args.years is not None or args.delete
    with cli._open_store(args, read_only=not changing) as store:
        if args.years is not None:
            try:
                years = parse_retention_years(args.years)
            except RetentionError as error:
                raise cli.CliError(str(error)) from None
            store.save_retention_years(years)
        years = store.retention_years()
        if years is None:
            cli._say("retention is off — turn it on with: sessionpad retention --set 7")
            if args.delete:
                raise cli.CliError("retention is off: nothing is past it, nothing was deleted")
            return 0
        rows = past_retention(store, today)
        cli._say(f"records are kept {years} year(s) after the last session")
        table = [
            (row.client.name, short_day(row.last_session), short_day(row.keep_until))
            for row in rows
        ]
        cli._print_table(("client", "last session", "keep until"), table, "nothing is past it")
        if not args.delete or not rows:
            return 0
        if not args.yes:
            answer = _ask(
                f"Delete these {len(rows)} client(s) and all their records? Type 'delete': "
            )
            if answer.strip().casefold() != "delete":
                raise cli.CliError("not confirmed — nothing was deleted")
        for row in rows:
            deletion = delete_client(store, row.client)
            cli._say(f"deleted {row.client.name}: {len(deletion.removed)} file(s) removed")
            _say_still_named(row.client.name, deletion.still_named_in, store.data_dir)
    return 0


# ── export-client ─────────────────────────────────────────────────────────────


def _run_export_client(args: argparse.Namespace) -> int:
    from sessionpad.core.client_record import client_record
    from sessionpad.core.models import Audience

    out = str(args.out)
    if not out.strip():
        raise cli.CliError("--out needs a folder, or a file name ending in .zip")
    target = Path(out).expanduser()
    as_zip = target.suffix.casefold() == ".zip"
    if as_zip and not target.parent.absolute().is_dir():
        raise cli.CliError(f"can't write {out}: folder {target.parent} does not exist")
    with cli._open_store(args, read_only=True) as store:
        client = _find_client(store, args.client)
        files = client_record(store, client, Audience(args.audience))
    if as_zip:
        written = _write_zip(target, files, force=args.force, out=out)
    else:
        written = _write_folder(target, files, force=args.force)
    sessions = (len(files) - 1) // 2
    cli._say(f"wrote {client.name}'s record ({sessions} session(s)) to {written}", err=True)
    return 0


def _write_zip(target: Path, files: list[RecordFile], *, force: bool, out: str) -> Path | str:
    import io
    import stat
    import zipfile

    from sessionpad.cli_io import OutRefused, write_output

    if target.is_dir():
        raise cli.CliError(f"{target} is a folder — give a file name ending in .zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for record_file in files:
            info = zipfile.ZipInfo(record_file.name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = (stat.S_IFREG | 0o600) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, record_file.text.encode("utf-8"))
    # The same --out rules as export: a device or pipe written into, the data dir refused.
    data_dir = cli._data_dir(cli._this_run.args)
    try:
        written = write_output(buffer.getvalue(), out, force=force, data_dir=data_dir)
    except OutRefused as refusal:
        raise cli.CliError(str(refusal)) from None
    return written or out


def _write_folder(target: Path, files: list[RecordFile], *, force: bool) -> Path:
    from sessionpad.cli_io import OutRefused, refuse_inside_data_dir
    from sessionpad.storage.exports import write_export

    try:
        refuse_inside_data_dir(target, cli._data_dir(cli._this_run.args), str(target))
    except OutRefused as refusal:
        raise cli.CliError(str(refusal)) from None
    if target.exists() and not target.is_dir():
        raise cli.CliError(f"{target} is a file — give a folder, or a name ending in .zip")
    if not force:
        clashes = [f.name for f in files if (target / f.name).exists()]
        if clashes:
            raise cli.CliError(
                f"{target / clashes[0]} already exists — add --force to replace the record"
            )
    try:
        for record_file in files:
            write_export(target / record_file.name, record_file.text, overwrite=force)
    except NotADirectoryError as error:
        raise cli.CliError(f"can't write {target}: {error.filename} is a file") from None
    except OSError as error:
        raise cli.CliError(f"can't write {target}: {cli._reason(error)}") from None
    return target.resolve()


# ── backup ────────────────────────────────────────────────────────────────────


def _run_backup(args: argparse.Namespace) -> int:
    from sessionpad.storage.backup import BackupError, write_backup

    data_dir = cli._data_dir(args).expanduser().resolve()
    target = Path(args.path).expanduser()
    if not str(args.path).strip():
        raise cli.CliError("backup needs a file name, e.g. sessionpad-backup.zip")
    if target.is_dir():
        raise cli.CliError(f"{target} is a folder — give a file name, e.g. {target / 'backup.zip'}")
    parent = target.parent.absolute()
    if not parent.is_dir():
        raise cli.CliError(f"can't write {target}: folder {target.parent} does not exist")
    if parent.resolve().is_relative_to(data_dir):
        raise cli.CliError("put the backup outside the data dir it copies")
    from sessionpad.cli_io import OutRefused, plain_file_target

    try:
        plain_file_target(target, str(args.path))  # never replace a device, pipe or stdout
    except OutRefused as refusal:
        raise cli.CliError(str(refusal)) from None
    try:
        report = write_backup(data_dir, target, overwrite=args.force)
    except BackupError as error:
        raise cli.CliError(str(error)) from None
    except OSError as error:
        raise cli.CliError(f"can't write {target}: {cli._reason(error)}") from None
    cli._say(f"backed up {report.files} file(s) of {data_dir} to {report.path}", err=True)
    if report.left_out:
        shown = ", ".join(report.left_out[:5]) + (" …" if len(report.left_out) > 5 else "")
        cli._say(
            f"note: left out {len(report.left_out)} file(s) not sessionpad's: {shown}", err=True
        )
    return 0


def _run_restore_backup(args: argparse.Namespace) -> int:
    from sessionpad.storage.backup import BackupError, restore_backup
    from sessionpad.storage.store import StorageError, Store

    if getattr(args, "data_dir", None) is None:
        raise cli.CliError("give the folder to restore into: --data-dir NEW (new or empty)")
    target = Path(args.data_dir).expanduser()

    def problems_of(folder: Path) -> list[str]:
        try:
            with Store.open(folder, read_only=True) as store:
                return [*store.problems, *store.check_all()]
        except StorageError as error:
            return [error.message]

    try:
        count = restore_backup(args.path, target, problems_of)
    except BackupError as error:
        raise cli.CliError(str(error)) from None
    except OSError as error:
        raise cli.CliError(f"can't restore into {target}: {cli._reason(error)}") from None
    cli._say(f"restored {count} file(s) into {target.resolve()}")
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "archive": _run_archive,
    "restore": _run_restore,
    "delete-client": _run_delete_client,
    "retention": _run_retention,
    "export-client": _run_export_client,
    "backup": _run_backup,
    "restore-backup": _run_restore_backup,
}
