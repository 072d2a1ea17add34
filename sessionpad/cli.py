"""The command line: ``sessionpad`` opens Home; subcommands script the same data.

Errors are one line on stderr: exit 1 for bad input, 2 for usage. Textual is imported only
by the commands that open the app, so scripting stays quick.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sessionpad import __version__
from sessionpad.paths import resolve_data_dir

if TYPE_CHECKING:
    from sessionpad.core.checker import Flag
    from sessionpad.core.context import SummaryContext
    from sessionpad.core.models import Audience, Client
    from sessionpad.core.settings import CoachSettings
    from sessionpad.core.summary_edit import SummaryEdit
    from sessionpad.storage.store import Store

EXIT_BAD_INPUT = 1
EXIT_USAGE = 2


class CliError(Exception):
    """Bad input: printed as one line, exit 1."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sessionpad",
        description="A keyboard-first companion for live coaching sessions.",
    )
    parser.add_argument("--version", action="version", version=f"sessionpad {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="PATH",
        help="where sessionpad keeps its data (default: $SESSIONPAD_HOME or your user data dir)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    start = commands.add_parser("start", help="start a live session with a client")
    start.add_argument("client", help="the client's name (created if new)")
    start.add_argument("--minutes", type=_minutes, default=60, help="planned length (default 60)")
    start.add_argument(
        "--new", action="store_true", help="a new client even if the name is close to a known one"
    )

    export = commands.add_parser("export", help="export a session summary, JSON or invite")
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
    export.add_argument("--out", default="-", metavar="PATH", help="file to write, or - for stdout")

    promises = commands.add_parser("promises", help="list promises")
    promises.add_argument("--client", help="only this client's")
    promises.add_argument("--open", action="store_true", help="only open ones")
    promises.add_argument("--owner", choices=("coach", "client"))

    commands.add_parser("clients", help="list clients")

    importing = commands.add_parser("import", help="load a session exported as JSON")
    importing.add_argument("file", type=Path)

    _add_prompts_parser(commands)

    settings = commands.add_parser(
        "settings", help="your name, and how a summary e-mail opens and closes"
    )
    settings.add_argument("--name", help="your name, under the sign-off")
    settings.add_argument("--greeting", help="the e-mail's first line; {name} is the client's")
    settings.add_argument("--sign-off", dest="sign_off", help="the line before your name")

    commands.add_parser("doctor", help="check every data file; quarantine damaged ones")
    commands.add_parser("demo", help="open the app on a throw-away sample data dir")
    return parser


def _add_prompts_parser(commands: argparse._SubParsersAction) -> None:
    prompts = commands.add_parser("prompts", help="list, add, edit or retire question prompts")
    actions = prompts.add_subparsers(
        dest="prompts_command", metavar="ACTION", parser_class=_Parser, required=True
    )
    listing = actions.add_parser("list", help="the deck: id, category, ★, source and text")
    listing.add_argument("--category", help="only this category (a prefix is enough)")
    listing.add_argument("--all", action="store_true", help="include retired prompts")
    adding = actions.add_parser("add", help="add a prompt of your own; prints its id")
    adding.add_argument("text", help="the question, in quotes")
    adding.add_argument("--category", required=True, help="one of the deck's categories")
    editing = actions.add_parser("edit", help="change one of your own prompts")
    editing.add_argument("id", help="the prompt's id (a unique prefix is enough)")
    editing.add_argument("--text", help="new wording")
    editing.add_argument("--category", help="move it to another category")
    for name, text in (
        ("retire", "hide a prompt from the deck"),
        ("restore", "bring a retired prompt back"),
        ("fav", "star a prompt: it comes up first in its category"),
        ("unfav", "remove the star"),
    ):
        actions.add_parser(name, help=text).add_argument("id", help="the prompt's id")


def _minutes(raw: str) -> int:
    try:
        minutes = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--minutes takes a whole number, not {raw!r}") from None
    if not 5 <= minutes <= 240:
        raise argparse.ArgumentTypeError("--minutes must be between 5 and 240")
    return minutes


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = _HANDLERS.get(args.command or "", _run_home)
    try:
        return handler(args)
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
    from sessionpad.core.sanitize import one_line

    print(f"sessionpad: {one_line(message)}", file=sys.stderr)
    raise SystemExit(EXIT_BAD_INPUT)


def _data_dir(args: argparse.Namespace) -> Path:
    return resolve_data_dir(args.data_dir)


def _open_store(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    from sessionpad.storage.store import Store

    store = Store.open(_data_dir(args), read_only=read_only)
    for problem in store.problems:
        print(f"sessionpad: {problem}", file=sys.stderr)
    return store


# ── app commands ──────────────────────────────────────────────────────────────


def _run_home(args: argparse.Namespace) -> int:
    from sessionpad.ui.run import run_app

    with _open_store(args) as store:
        return run_app(store)


def _run_start(args: argparse.Namespace) -> int:
    from sessionpad.core.models import Client
    from sessionpad.core.sanitize import clean_text
    from sessionpad.ui.run import run_app

    name = clean_text(args.client, keep_newlines=False).strip()
    if not name:
        raise CliError("the client needs a name, e.g. sessionpad start 'Dana Reyes'")
    with _open_store(args) as store:
        matches = store.matching_clients(name)
        if len(matches) > 1:
            names = ", ".join(sorted(c.name for c in matches))
            raise CliError(f"{name!r} could be {names} — give more of the name")
        if matches:
            client = matches[0]
            notice = None
        else:
            close = _close_name(name, store.clients())
            if close and not args.new:
                raise CliError(
                    f"no client {name!r} — did you mean {close!r}? "
                    "(add --new to start with a new client of that name)"
                )
            client = Client(name=name)
            store.save_client(client)
            notice = f"New client {client.name}: the first session designs the alliance."
        return run_app(store, start_client=client.id, minutes=args.minutes, notice=notice)


def _close_name(name: str, everyone: list[Client]) -> str | None:
    """A known client's name a typo may have meant; a new client would split a history."""
    import difflib

    names = [client.name for client in everyone]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
    return close[0] if close else None


def _run_demo(args: argparse.Namespace) -> int:
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
        rows = client_rows(store, now_local().date())
    header = ("client", "pronouns", "sessions", "last session", "open promises")
    return _print_table(header, rows, "no clients yet — start one with: sessionpad start 'Name'")


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
        document = edited.text  # what the coach edited before sending is what goes
        _warn_if_outdated(edited, context, audience, settings)
    elif args.format == "txt":
        document = render_text(context, audience, settings)
    else:
        document = render_markdown(context, audience)
    _write_output(document, args.out)
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
        print(f"{label:<9} {_one_line(value)}")
    return 0


def _run_import(args: argparse.Namespace) -> int:
    from sessionpad.core.exporting import MAX_IMPORT_BYTES, ImportFormatError, session_from_json
    from sessionpad.core.reports import import_context

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
    print(message)
    return 0


def _run_doctor(args: argparse.Namespace) -> int:
    with _open_store(args) as store:
        findings = store.problems + store.check_all()
        sessions = len(store.session_headers())
    if findings:
        for line in findings:
            print(line)
        return EXIT_BAD_INPUT
    print(f"all data files are readable ({sessions} sessions) in {store.data_dir}")
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
                    print(prompt.id)
                case "edit":
                    prompt, flags = library.edit_prompt(store, args.id, args.text, args.category)
                    _print_notes(flags)
                    print(f"edited {prompt.id} [{prompt.category}]: {_one_line(prompt.text)}")
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
                    print(f"{done}: {_one_line(prompt.text)}")
                case "fav" | "unfav" as verb:
                    prompt = library.favourite_prompt(store, args.id, on=verb == "fav")
                    mark = "★" if prompt.favourite else "no star on"
                    print(f"{mark} {prompt.id}: {_one_line(prompt.text)}")
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
            _one_line(prompt.text),
        )
        for prompt in prompts
    ]
    print(_table(("id", "category", "★", "source", "text"), rows))
    return 0


def _print_notes(flags: Sequence[Flag]) -> None:
    """The question coach's findings, one line each: a note, never a refusal."""
    for flag in flags:
        print(f"note: {flag.reason} — {flag.rewrite}", file=sys.stderr)


def _one_line(text: str) -> str:
    from sessionpad.core.sanitize import one_line

    return one_line(text)


# ── helpers ───────────────────────────────────────────────────────────────────


def _client_id(store: Store, name: str) -> str:
    client = store.find_client(name)
    if client is None:
        known = ", ".join(c.name for c in store.clients()) or "none yet"
        raise CliError(f"no client {name!r} (clients: {known})")
    return client.id


def _session_id(store: Store, wanted: str, client_name: str | None) -> str:
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


def _write_output(document: str, out: str) -> None:
    if out == "-":
        sys.stdout.write(document)
        return
    from sessionpad.storage.exports import write_export

    try:
        path = write_export(Path(out), document)
    except OSError as error:
        raise CliError(f"can't write {out}: {_reason(error)}") from None
    print(f"wrote {path}", file=sys.stderr)


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error)


def _print_table(header: Sequence[str], rows: Sequence[Sequence[str]], empty: str) -> int:
    print(_table(header, rows) if rows else empty)
    return 0


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = [header, *rows]
    return "\n".join(
        "  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "start": _run_start,
    "export": _run_export,
    "promises": _run_promises,
    "clients": _run_clients,
    "import": _run_import,
    "prompts": _run_prompts,
    "doctor": _run_doctor,
    "demo": _run_demo,
    "settings": _run_settings,
}

if __name__ == "__main__":
    raise SystemExit(main())
