"""The command line: ``sessionpad`` opens Home; subcommands script the same data.

Errors are one line on stderr: exit 1 for bad input, 2 for usage. Textual is imported only
by the commands that open the app, so scripting stays quick.

Everything printed that came from disk (names, texts, file names) passes through the same
sanitiser as the screen, one row per line, so a name holding ``ESC]52;…`` prints as
text and a tab or newline in it can't break a table. A closed pipe (``| head``) ends the
command quietly, exit 141 like a process a shell saw killed by SIGPIPE.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sessionpad import __version__
from sessionpad.paths import resolve_data_dir

if TYPE_CHECKING:
    from datetime import date

    from sessionpad.core.checker import Flag
    from sessionpad.core.context import SummaryContext
    from sessionpad.core.models import Audience
    from sessionpad.core.settings import CoachSettings
    from sessionpad.core.summary_edit import SummaryEdit
    from sessionpad.storage.store import Store

EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_CLOSED_PIPE = 128 + 13  # what a shell reports for a process killed by SIGPIPE
OUT_HELP = (
    "file to write, or - for stdout; a device or named pipe is written into, never "
    "replaced; never inside the data dir"
)
FORCE_HELP = "replace an existing --out file"


class CliError(Exception):
    """Bad input: printed as one line, exit 1."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        from sessionpad.core.sanitize import one_line

        # The message may quote what was typed or pasted: sanitised like any other output.
        self.exit(EXIT_USAGE, f"{self.prog}: {one_line(message)} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sessionpad",
        description="A keyboard-first companion for live coaching sessions.",
    )
    parser.add_argument("--version", action="version", version=f"sessionpad {__version__}")
    _add_data_dir_option(parser, default=None)
    # Every subcommand takes --data-dir too; SUPPRESS keeps one given before it.
    common = _Parser(add_help=False)
    _add_data_dir_option(common, default=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    add = _with_parent(commands, common)

    start = add("start", "start a live session with a client")
    start.add_argument("client", help="the client's name (created if new)")
    start.add_argument("--minutes", type=_minutes, default=60, help="planned length (default 60)")
    start.add_argument(
        "--new", action="store_true", help="a new client even if the name is close to a known one"
    )

    export = add("export", "export a session summary, JSON or invite")
    export.add_argument("session", help="a session id, or 'last'")
    export.add_argument("--client", help="with 'last': that client's last session")
    export.add_argument(
        "--format",
        choices=("md", "txt", "json", "ics"),
        default="md",
        help="md: Markdown; txt: plain text for an e-mail body; json: the session; ics: invite",
    )
    export.add_argument(
        "--audience",
        choices=("client", "coach"),
        help="client (default) leaves out everything coach-only; json defaults to coach, "
        "the full record that import reads back",
    )
    export.add_argument("--out", default="-", metavar="PATH", help=OUT_HELP)
    export.add_argument("--force", action="store_true", help=FORCE_HELP)

    promises = add("promises", "list promises")
    promises.add_argument("--client", help="only this client's")
    promises.add_argument("--open", action="store_true", help="only open ones")
    promises.add_argument("--owner", choices=("coach", "client"))

    clients = add("clients", "list clients")
    clients.add_argument("--archived", action="store_true", help="only archived clients")

    history = add("history", "a client's sessions, newest first")
    history.add_argument("client", help="the client's name")

    importing = add("import", "load a session exported as JSON, or a client's whole record")
    importing.add_argument(
        "file", type=Path, help="FILE.json, or a folder or zip from export-client"
    )

    _add_prompts_parser(add, common)

    settings = add("settings", "your name, and how a summary e-mail opens and closes")
    settings.add_argument("--name", help="your name, under the sign-off")
    settings.add_argument("--greeting", help="the e-mail's first line; {name} is the client's")
    settings.add_argument("--sign-off", dest="sign_off", help="the line before your name")

    _add_log_parser(add)
    _add_records_parsers(add)
    add("doctor", "check every data file; quarantine damaged ones")
    commands.add_parser("demo", help="open the app on a throw-away sample data dir")
    return parser


def _add_data_dir_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="PATH",
        type=_data_dir_value,
        default=default,
        help="where sessionpad keeps its data (default: $SESSIONPAD_HOME or your user data dir)",
    )


def _with_parent(
    commands: argparse._SubParsersAction, parent: argparse.ArgumentParser
) -> Callable[..., argparse.ArgumentParser]:
    def add(name: str, summary: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = commands.add_parser(name, parents=[parent], help=summary)
        return parser

    return add


def _data_dir_value(raw: str) -> str:
    # An empty value is a mistake (an unset variable in a script), never "the default dir".
    if not raw.strip():
        raise argparse.ArgumentTypeError(
            "an empty path is not a folder — give one, or leave it out"
        )
    return raw


def _add_records_parsers(add: Callable[..., argparse.ArgumentParser]) -> None:
    from sessionpad.records_cli import add_records_parsers

    add_records_parsers(add)


def _add_prompts_parser(
    add: Callable[..., argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    prompts = add("prompts", "list, add, edit or retire question prompts")
    actions = prompts.add_subparsers(
        dest="prompts_command", metavar="ACTION", parser_class=_Parser, required=True
    )
    add_action = _with_parent(actions, common)
    listing = add_action("list", "the deck: id, category, ★, source and text")
    listing.add_argument("--category", help="only this category (a prefix is enough)")
    listing.add_argument("--all", action="store_true", help="include retired prompts")
    adding = add_action("add", "add a prompt of your own; prints its id")
    adding.add_argument("text", help="the question, in quotes")
    adding.add_argument("--category", required=True, help="one of the deck's categories")
    editing = add_action("edit", "change one of your own prompts")
    editing.add_argument("id", help="the prompt's id (a unique prefix is enough)")
    editing.add_argument("--text", help="new wording")
    editing.add_argument("--category", help="move it to another category")
    for name, text in (
        ("retire", "hide a prompt from the deck"),
        ("restore", "bring a retired prompt back"),
        ("fav", "star a prompt: it comes up first in its category"),
        ("unfav", "remove the star"),
    ):
        add_action(name, text).add_argument("id", help="the prompt's id")


def _add_log_parser(add: Callable[..., argparse.ArgumentParser]) -> None:
    log = add("log", "your coaching log for credentialing: hours per client, with totals")
    log.description = (
        "Per client, the columns of ICF's client coaching log: name, contact, individual or "
        "group, number in group, start and end date, paid and pro bono hours, with totals. "
        "Hours are the sessions' actual lengths (an interrupted one up to its last entry). "
        "Clients whose profile says they may not be named are left off and counted in a "
        "closing line."
    )
    log.add_argument("--from", dest="start", metavar="DATE", help="first day, YYYY-MM-DD")
    log.add_argument("--to", dest="end", metavar="DATE", help="last day, YYYY-MM-DD")
    log.add_argument("--format", choices=("csv", "md"), default="csv", help="csv (default) or md")
    log.add_argument(
        "--sessions", action="store_true", help="each session (date, client, minutes) instead"
    )


def _minutes(raw: str) -> int:
    try:
        minutes = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--minutes takes a whole number, not {raw!r}") from None
    if not 5 <= minutes <= 240:
        raise argparse.ArgumentTypeError("--minutes must be between 5 and 240")
    return minutes


def main(argv: Sequence[str] | None = None) -> int:
    from sessionpad.cli_io import OutputFailed, guarded_standard_streams

    with guarded_standard_streams():
        try:
            code = _main(argv)
            sys.stdout.flush()  # here, not at exit, so a closed pipe is met while we can answer
        except BrokenPipeError:
            _drop_stdout()
            return EXIT_CLOSED_PIPE
        except OutputFailed as failure:
            _drop_stdout()  # what is still buffered would fail again at exit
            _tell(str(failure))
            return EXIT_BAD_INPUT
    return code


def _drop_stdout() -> None:
    # Python flushes stdout again at exit and would complain about the pipe; point it at
    # /dev/null so that last flush succeeds silently.
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # closed from the start, or not a file
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


class _ThisRun:
    """The parsed arguments, for helpers whose callers pass only a value (--out)."""

    args = argparse.Namespace(data_dir=None)


_this_run = _ThisRun()


def _main(argv: Sequence[str] | None) -> int:
    from sessionpad.cli_io import OutputFailed

    args = build_parser().parse_args(argv)
    _this_run.args = args
    handler = _handler(args.command or "")
    try:
        return handler(args)
    except (BrokenPipeError, OutputFailed):
        raise
    except CliError as error:
        _fail(str(error))
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the promise is: never a traceback
        from sessionpad.storage.store import StorageError

        if isinstance(error, StorageError):
            _fail(error.message)
        _fail(f"unexpected error: {type(error).__name__}: {error}")
    return 0


def _fail(message: str) -> NoReturn:
    _tell(message)
    raise SystemExit(EXIT_BAD_INPUT)


def _tell(message: str) -> None:
    """One line on stderr; when stderr itself is closed or full there is no one to tell."""
    from sessionpad.core.sanitize import one_line

    with contextlib.suppress(OSError, ValueError):
        print(f"sessionpad: {one_line(message)}", file=sys.stderr, flush=True)


def _data_dir(args: argparse.Namespace) -> Path:
    try:
        return resolve_data_dir(args.data_dir)
    except ValueError as error:
        raise CliError(str(error)) from None


def _open_store(
    args: argparse.Namespace, *, read_only: bool = False, say_problems: bool = True
) -> Store:
    from sessionpad.storage.store import Store

    store = Store.open(_data_dir(args), read_only=read_only)
    for problem in store.problems if say_problems else ():
        _say(f"sessionpad: {problem}", err=True)
    return store


def _require_terminal() -> None:
    # Before Textual is imported and before anything is saved: the app needs a terminal.
    from sessionpad.cli_io import missing_terminal

    problem = missing_terminal()
    if problem:
        # The line names sessionpad itself, so no "sessionpad:" before it.
        with contextlib.suppress(OSError, ValueError):
            print(problem, file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


# ── app commands ──────────────────────────────────────────────────────────────


def _run_home(args: argparse.Namespace) -> int:
    with _open_store(args) as store:
        # After the data dir's own errors (a link, a lock held): those are worth more.
        _require_terminal()
        from sessionpad.ui.run import run_app

        return run_app(store)


def _run_start(args: argparse.Namespace) -> int:
    from sessionpad.core.models import Client
    from sessionpad.core.name_match import has_visible_text, near_miss
    from sessionpad.core.sanitize import clean_text

    name = clean_text(args.client, keep_newlines=False).strip()
    # Both: a bidi override alone is invisible as typed but shows as ⟨U+202E⟩ once cleaned.
    if not (has_visible_text(args.client) and has_visible_text(name)):
        raise CliError("the client needs a name, e.g. sessionpad start 'Dana Reyes'")
    with _open_store(args) as store:
        matches = store.matching_clients(name)
        if len(matches) > 1:
            names = ", ".join(sorted(c.name for c in matches))
            raise CliError(f"{name!r} could be {names} — give more of the name")
        if matches:
            client = matches[0]
            notice = None
            if client.archived:
                raise CliError(
                    f"{client.name} is archived — bring them back first: "
                    f"sessionpad restore {client.name!r}"
                )
        else:
            close = near_miss(name, (known.name for known in store.clients()))
            if close and not args.new:
                raise CliError(
                    f"no client {name!r} — did you mean {close!r}? "
                    "(add --new to start with a new client of that name)"
                )
            client = Client(name=name)
            notice = f"New client {client.name}: the first session designs the alliance."
        # After the name's own errors (more useful), before a new client is saved.
        _require_terminal()
        if not matches:
            store.save_client(client)
        from sessionpad.ui.run import run_app

        return run_app(store, start_client=client.id, minutes=args.minutes, notice=notice)


def _run_demo(args: argparse.Namespace) -> int:
    _require_terminal()
    import tempfile

    from sessionpad.demo import seed_demo
    from sessionpad.storage.store import Store
    from sessionpad.ui.run import run_app

    with (
        tempfile.TemporaryDirectory(prefix="sessionpad-demo-") as scratch,
        Store.open(Path(scratch)) as store,
    ):
        seed_demo(store)
        return run_app(store)


# ── scripting commands ────────────────────────────────────────────────────────


def _run_clients(args: argparse.Namespace) -> int:
    from sessionpad.core.models import now_local
    from sessionpad.core.overview import client_rows

    with _open_store(args, read_only=True) as store:
        rows = client_rows(store, now_local().date(), archived=args.archived)
    header = ("client", "pronouns", "sessions", "last session", "open promises")
    if args.archived:
        return _print_table(header, rows, "no archived clients")
    return _print_table(header, rows, "no clients yet — start one with: sessionpad start 'Name'")


def _run_history(args: argparse.Namespace) -> int:
    from sessionpad.core.history import history_table

    with _open_store(args, read_only=True) as store:
        rows = history_table(store, _client_id(store, args.client))
    header = ("session", "date", "length", "status", "entries", "promises", "id")
    return _print_table(header, rows, "no sessions yet with this client")


def _run_promises(args: argparse.Namespace) -> int:
    from sessionpad.core.models import now_local
    from sessionpad.core.overview import promise_rows

    with _open_store(args, read_only=True) as store:
        client_id = _client_id(store, args.client) if args.client else None
        rows = promise_rows(
            store, now_local().date(), client_id=client_id, only_open=args.open, owner=args.owner
        )
    return _print_table(("client", "owner", "status", "due", "promise"), rows, "no promises match")


def _run_export(args: argparse.Namespace) -> int:
    from sessionpad.core.exporting import next_session_ics, session_to_json
    from sessionpad.core.models import Audience
    from sessionpad.core.plaintext import render_text
    from sessionpad.core.reports import context_for_session
    from sessionpad.core.sanitize import clean_text
    from sessionpad.core.summary import render_markdown
    from sessionpad.core.summary_edit import SummaryFormat

    default_audience = "coach" if args.format == "json" else "client"
    audience = Audience(args.audience or default_audience)
    with _open_store(args, read_only=True) as store:
        session_id = _session_id(store, args.session, args.client)
        already_said = len(store.problems)
        context = context_for_session(store, session_id)
        for problem in store.problems[already_said:]:  # a record left out of this export
            print(f"sessionpad: {problem}", file=sys.stderr)
        settings = store.settings()
        edited = None
        if args.format in ("md", "txt"):
            edited = store.summary_edit(session_id, audience, SummaryFormat(args.format))
    if args.format == "json":
        document = session_to_json(context, audience)
    elif args.format == "ics":
        try:
            document = next_session_ics(context)
        except ValueError as error:
            raise CliError(str(error)) from None
    elif edited is not None:
        # What the coach edited before sending is what goes — from disk, so cleaned.
        document = clean_text(edited.text)
        _warn_if_outdated(edited, context, audience, settings)
    elif args.format == "txt":
        document = render_text(context, audience, settings)
    else:
        document = render_markdown(context, audience)
    _write_output(document, args.out, force=args.force)
    return 0


def _warn_if_outdated(
    edited: SummaryEdit, context: SummaryContext, audience: Audience, settings: CoachSettings
) -> None:
    from sessionpad.core.plaintext import render_text
    from sessionpad.core.summary import render_markdown
    from sessionpad.core.summary_edit import EditState, SummaryFormat, edit_state

    if edited.format is SummaryFormat.TEXT:
        rendered = render_text(context, audience, settings)
    else:
        rendered = render_markdown(context, audience)
    if edit_state(edited, rendered) is EditState.STALE:
        print(
            "sessionpad: note: this is your edited text, from before a later correction — "
            "open the summary in the app to keep or discard it",
            file=sys.stderr,
        )


def _run_settings(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from sessionpad.core.sanitize import clean_text

    changes = {
        field: clean_text(value).strip()
        for field, value in (
            ("coach_name", args.name),
            ("greeting", args.greeting),
            ("sign_off", args.sign_off),
        )
        if value is not None
    }
    with _open_store(args, read_only=not changes) as store:
        settings = store.settings()
        if changes:
            settings = replace(settings, **changes)
            store.save_settings(settings)
    rows = [
        ("name", settings.coach_name or "(not set)"),
        ("greeting", settings.greeting or "(none)"),
        ("sign-off", settings.sign_off or "(none)"),
    ]
    for label, value in rows:
        _say(f"{label:<9} {value}")
    return 0


def _run_log(args: argparse.Namespace) -> int:
    from sessionpad.core.coaching_log import build_log, held_sessions
    from sessionpad.core.log_render import render_log, render_sessions

    start = _log_day(args.start, "--from")
    end = _log_day(args.end, "--to")
    if start and end and start > end:
        raise CliError(f"--from {start} is after --to {end} — swap them")
    with _open_store(args, read_only=True) as store:
        sessions = held_sessions(store, start=start, end=end)
    if args.sessions:
        sys.stdout.write(render_sessions(sessions, args.format))
    else:
        sys.stdout.write(render_log(build_log(sessions), args.format))
    if not sessions:
        _say("no sessions held in that period", err=True)
    return 0


def _log_day(raw: str | None, option: str) -> date | None:
    from datetime import date

    if raw is None:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise CliError(f"{option} takes a date like 2026-11-27, not {raw!r}") from None


def _run_import(args: argparse.Namespace) -> int:
    from sessionpad.core.exporting import MAX_IMPORT_BYTES, ImportFormatError, session_from_json
    from sessionpad.core.reports import import_context

    if args.file.is_dir() or args.file.suffix.casefold() == ".zip":
        return _import_record(args)
    try:
        with args.file.open("rb") as handle:
            payload = handle.read(MAX_IMPORT_BYTES + 1)
        text = payload.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CliError(f"can't read {args.file}: {_reason(error)}") from None
    if len(payload) > MAX_IMPORT_BYTES:
        raise CliError(
            f"{args.file}: too large for a session export "
            f"(over {MAX_IMPORT_BYTES // 1_000_000} MB) — nothing was imported"
        )
    try:
        context = session_from_json(text)
    except ImportFormatError as error:
        raise CliError(f"{args.file}: {error}") from None
    with _open_store(args) as store:
        try:
            message = import_context(store, context)
        except ValueError as error:
            raise CliError(f"{args.file}: {error}") from None
    _say(message)
    return 0


def _import_record(args: argparse.Namespace) -> int:
    from sessionpad.core.client_record import (
        RecordImportStopped,
        RecordReadError,
        import_record,
        record_documents,
    )

    try:
        documents = record_documents(args.file)
        with _open_store(args) as store:
            lines = import_record(store, documents)
    except RecordImportStopped as stopped:
        for line in stopped.imported:
            _say(line)
        got = f"only the {len(stopped.imported)} above were imported"
        raise CliError(f"{args.file}: {stopped} — {got}") from None
    except (RecordReadError, ValueError) as error:
        raise CliError(f"{args.file}: {error} — nothing was imported") from None
    for line in lines:
        _say(line)
    return 0


def _run_doctor(args: argparse.Namespace) -> int:
    # Its problems are among the findings: said once, on stdout.
    with _open_store(args, say_problems=False) as store:
        # One line per finding: a file met both while opening and while checking is one.
        findings = list(dict.fromkeys(store.problems + store.check_all()))
        sessions = len(store.session_headers())
    if findings:
        for line in findings:
            _say(line)
        return EXIT_BAD_INPUT
    _say(f"all data files are readable ({sessions} sessions) in {store.data_dir}")
    return 0


def _run_prompts(args: argparse.Namespace) -> int:
    from sessionpad.core import prompt_library as library

    try:
        if args.prompts_command == "list":
            return _list_prompts(args)
        with _open_store(args) as store:
            match args.prompts_command:
                case "add":
                    prompt, flags = library.add_prompt(store, args.text, args.category)
                    _print_notes(flags)
                    _say(prompt.id)
                case "edit":
                    prompt, flags = library.edit_prompt(store, args.id, args.text, args.category)
                    _print_notes(flags)
                    _say(f"edited {prompt.id} [{prompt.category}]: {prompt.text}")
                case "retire" | "restore" as verb:
                    retire = verb == "retire"
                    before = library.find_prompt(store, args.id)
                    change = library.retire_prompt if retire else library.restore_prompt
                    prompt = change(store, before.id)
                    done = "retired" if retire else "restored"
                    if before.retired == retire:
                        done = f"{prompt.id} was already {'retired' if retire else 'in the deck'}"
                    else:
                        done = f"{done} {prompt.id}"
                    _say(f"{done}: {prompt.text}")
                case "fav" | "unfav" as verb:
                    prompt = library.favourite_prompt(store, args.id, on=verb == "fav")
                    mark = "★" if prompt.favourite else "no star on"
                    _say(f"{mark} {prompt.id}: {prompt.text}")
    except library.PromptLibraryError as error:
        raise CliError(str(error)) from None
    return 0


def _list_prompts(args: argparse.Namespace) -> int:
    from sessionpad.core import prompt_library as library
    from sessionpad.core.models import PromptSource

    with _open_store(args, read_only=True) as store:
        prompts = library.by_category(library.all_prompts(store))
    if args.category is not None:
        key = library.prompt_category(args.category).key
        prompts = [prompt for prompt in prompts if prompt.category == key]
    if not args.all:
        prompts = [prompt for prompt in prompts if not prompt.retired]
    if not prompts:
        print("no prompts match")
        return 0
    rows = [
        (
            prompt.id,
            prompt.category,
            "★" if prompt.favourite else "",
            ("built-in" if prompt.source is PromptSource.BUILTIN else "custom")
            + (" · retired" if prompt.retired else ""),
            prompt.text,
        )
        for prompt in prompts
    ]
    print(_table(("id", "category", "★", "source", "text"), rows))
    return 0


def _print_notes(flags: Sequence[Flag]) -> None:
    """The question coach's findings, one line each: a note, never a refusal."""
    for flag in flags:
        _say(f"note: {flag.reason} — {flag.rewrite}", err=True)


def _say(text: str, *, err: bool = False) -> None:
    """Print one line that may hold text from disk: sanitised like the screen, one row."""
    from sessionpad.core.sanitize import one_line

    print(one_line(text), file=sys.stderr if err else sys.stdout)


# ── helpers ───────────────────────────────────────────────────────────────────


def _client_id(store: Store, name: str) -> str:
    client = store.find_client(name)
    if client is None:
        known = ", ".join(c.name for c in store.clients()) or "none yet"
        raise CliError(f"no client {name!r} (clients: {known})")
    return client.id


def _session_id(store: Store, wanted: str, client_name: str | None) -> str:
    if not wanted.strip():
        raise CliError("which session? give a session id, or 'last'")
    client_id = _client_id(store, client_name) if client_name else None
    headers = store.session_headers(client_id)
    if wanted == "last":
        if not headers:
            raise CliError("there are no sessions yet")
        return max(headers, key=lambda s: s.started).id
    matches = [s.id for s in headers if s.id.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise CliError(f"session id {wanted!r} is ambiguous — give more characters")
    raise CliError(f"no session {wanted!r} — use 'last' or an id from the app")


def _write_output(document: str, out: str, *, force: bool) -> None:
    """Write to ``out`` (an --out value) by the rules in cli_io: every command with --out
    uses this, so none can write into this run's data dir."""
    from sessionpad.cli_io import OutRefused, write_output

    data_dir = _data_dir(_this_run.args)
    try:
        written = write_output(document, out, force=force, data_dir=data_dir)
    except OutRefused as refusal:
        raise CliError(str(refusal)) from None
    if written is not None:
        _say(f"wrote {written}", err=True)


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error)


def _print_table(header: Sequence[str], rows: Sequence[Sequence[str]], empty: str) -> int:
    print(_table(header, rows) if rows else empty)
    return 0


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Aligned columns; every cell sanitised to one row, measured in terminal cells."""
    from sessionpad.core.sanitize import display_width, one_line

    lines = [[one_line(str(cell)) for cell in line] for line in (header, *rows)]
    widths = [max(display_width(cell) for cell in column) for column in zip(*lines, strict=True)]
    return "\n".join(
        "  ".join(
            cell + " " * (width - display_width(cell))
            for cell, width in zip(line, widths, strict=True)
        ).rstrip()
        for line in lines
    )


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "start": _run_start,
    "export": _run_export,
    "promises": _run_promises,
    "clients": _run_clients,
    "history": _run_history,
    "import": _run_import,
    "prompts": _run_prompts,
    "doctor": _run_doctor,
    "demo": _run_demo,
    "settings": _run_settings,
    "log": _run_log,
}


def _handler(command: str) -> Callable[[argparse.Namespace], int]:
    if not command:
        return _run_home
    if command in _HANDLERS:
        return _HANDLERS[command]
    from sessionpad.records_cli import HANDLERS as RECORDS_HANDLERS

    return RECORDS_HANDLERS.get(command, _run_home)


if __name__ == "__main__":
    raise SystemExit(main())
