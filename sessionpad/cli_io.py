"""The command line's own input and output: the terminal, standard output and ``--out``.

No Textual here: the terminal check must run before Textual is imported, and the rest is
for the scripting commands.

``--out`` rules, the same for every command that takes it:

- ``-``, or a path that is this process's own standard output or error (``/dev/stdout``,
  ``/dev/fd/2``), writes to that stream.
- An existing character device or FIFO (``/dev/null``, a terminal, a named pipe) is written
  into as a stream, as a shell's ``>`` would: never replaced, no ``--force`` needed.
- A block device or a socket is refused: neither is a place for a summary.
- A regular file is written atomically and privately; an existing one only with ``--force``.
  A link is followed, and its target is what gets written.
- Nothing inside the data dir but its ``exports/`` folder (where the app saves summaries
  too): the rest is sessionpad's alone, and an export written there could replace a
  client's records. Links are resolved first.

``backup`` writes a regular file only: a stream or device is refused (plain_file_target).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

STDIN, STDOUT, STDERR = 0, 1, 2
_STREAM_NAMES = {STDIN: "standard input", STDOUT: "standard output", STDERR: "standard error"}


class OutputFailed(Exception):
    """Standard output can't be written (closed, disk full): one line, exit 1."""


class OutRefused(Exception):
    """An ``--out`` target that is not written: ``str()`` is the one line to print."""


# ── the terminal ──────────────────────────────────────────────────────────────


def missing_terminal() -> str:
    """Why the app can't open here, or "" when it can.

    The app reads keys from standard input and draws on standard error, and a redirected
    standard output means a script is running it; any of them not a terminal would leave
    Textual's escape codes in a file or a pipe and the terminal modes unrestored.
    """
    for fd in (STDIN, STDOUT, STDERR):
        if not _is_terminal(fd):
            return (
                f"sessionpad needs a terminal to open the app ({_STREAM_NAMES[fd]} is not "
                "one); the other commands work anywhere — see sessionpad --help"
            )
    return ""


def _is_terminal(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False


# ── standard output ───────────────────────────────────────────────────────────


@contextlib.contextmanager
def guarded_standard_streams() -> Iterator[None]:
    """While the command runs: closed standard streams are held open on /dev/null, so no
    file we open takes their number, and a failed write to stdout raises OutputFailed.

    A closed pipe (EPIPE) still raises BrokenPipeError: that one ends quietly.
    """
    closed = [fd for fd in (STDIN, STDOUT, STDERR) if not _is_open(fd)]
    for fd in closed:
        _hold_on_devnull(fd)
    original = sys.stdout
    sys.stdout = _GuardedOutput(None if STDOUT in closed else original)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout = original


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _hold_on_devnull(fd: int) -> None:
    devnull = os.open(os.devnull, os.O_RDWR)
    if devnull != fd:
        os.dup2(devnull, fd, inheritable=False)
        os.close(devnull)


class _GuardedOutput:
    """Standard output, where a write that fails for any reason but a closed pipe raises
    OutputFailed (never an OSError a command might take for its own file's)."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if self._stream is None:
            raise OutputFailed("can't write the output: standard output is closed")
        try:
            return self._stream.write(text)
        except (OSError, ValueError) as error:
            raise _output_failure(error) from None

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except (OSError, ValueError) as error:
            raise _output_failure(error) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _output_failure(error: OSError | ValueError) -> Exception:
    if isinstance(error, BrokenPipeError):
        return error  # a closed pipe: ends quietly, as it always has
    if isinstance(error, OSError):
        return OutputFailed(f"can't write the output: {_reason(error)}")
    return OutputFailed("can't write the output: standard output is closed")  # I/O on closed file


# ── --out ─────────────────────────────────────────────────────────────────────


def write_output(document: str | bytes, out: str, *, force: bool, data_dir: Path) -> Path | None:
    """Write ``document`` where ``--out`` says (see the module's rules).

    Returns the file written, or None when it went to a stream. Raises OutRefused with
    the one line to print; OutputFailed when standard output fails.
    """
    if out == "-":
        _write_stdout(document)
        return None
    if not out.strip():
        raise OutRefused("--out needs a file name, or - for standard output")
    target = Path(out).expanduser()
    found = _stat(target)
    own_stream = _own_stream(found)
    if own_stream is not None:
        _write_to_own_stream(own_stream, document)
        return None
    refuse_inside_data_dir(target, data_dir, out)
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise OutRefused(f"{out} is a folder — give a file name, e.g. {target / 'summary.md'}")
    if found is not None and not stat.S_ISREG(found.st_mode):
        _write_into_special(target, found, document, out)
        return None
    return _write_file(target, document, force=force, out=out, data_dir=data_dir)


def plain_file_target(target: Path, out: str) -> None:
    """OutRefused unless ``target`` is a regular file or not there yet (for a backup)."""
    found = _stat(target)
    if found is None or (stat.S_ISREG(found.st_mode) and _own_stream(found) is None):
        return
    raise OutRefused(
        f"{out} is not a plain file (a device, a pipe or standard output) — give a file name"
    )


def _write_stdout(document: str | bytes) -> None:
    if isinstance(document, str):
        sys.stdout.write(document)
        return
    sys.stdout.flush()
    try:
        sys.stdout.buffer.write(document)
        sys.stdout.buffer.flush()
    except (OSError, ValueError) as error:
        raise _output_failure(error) from None
    except AttributeError:  # closed from the start: no stream at all
        raise OutputFailed("can't write the output: standard output is closed") from None


def _stat(target: Path) -> os.stat_result | None:
    try:
        return os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise OutRefused(f"can't write {target}: {_reason(error)}") from None


def _own_stream(found: os.stat_result | None) -> int | None:
    if found is None:
        return None
    for fd, stream in ((STDOUT, sys.__stdout__), (STDERR, sys.__stderr__)):
        if stream is None:  # closed when we started: held on /dev/null, not a stream of ours
            continue
        with contextlib.suppress(OSError):
            mine = os.fstat(fd)
            if (mine.st_dev, mine.st_ino) == (found.st_dev, found.st_ino):
                return fd
    return None


def _write_to_own_stream(fd: int, document: str | bytes) -> None:
    if fd == STDOUT:
        _write_stdout(document)
        return
    try:
        sys.stderr.flush()
        payload = document.encode("utf-8") if isinstance(document, str) else document
        sys.stderr.buffer.write(payload)
        sys.stderr.buffer.flush()
    except OSError as error:
        raise OutRefused(f"can't write to standard error: {_reason(error)}") from None


def refuse_inside_data_dir(target: Path, data_dir: Path, out: str) -> None:
    """OutRefused when ``target`` (links resolved) lies in the data dir outside exports/."""
    from sessionpad.storage.exports import exports_dir

    try:
        real, home = target.resolve(), data_dir.resolve()
    except (OSError, RuntimeError):  # a loop of links: the write below says so
        return
    if real.is_relative_to(home) and not real.is_relative_to(exports_dir(home)):
        raise OutRefused(
            f"{out} is inside sessionpad's data dir ({data_dir}) — that folder is sessionpad's "
            f"own; write the file somewhere else (or in {exports_dir(data_dir)})"
        )


def _write_into_special(
    target: Path, found: os.stat_result, document: str | bytes, out: str
) -> None:
    mode = found.st_mode
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        kind = "a disk device" if stat.S_ISBLK(mode) else "a socket"
        raise OutRefused(f"{out} is {kind}, not a file — give a file name, or - for stdout")
    payload = document.encode("utf-8") if isinstance(document, str) else document
    try:
        # No O_CREAT, no O_TRUNC: written into like a shell's >, never replaced.
        fd = os.open(target, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    except OSError as error:
        raise OutRefused(f"can't write {out}: {_reason(error)}") from None


def _write_file(
    target: Path, document: str | bytes, *, force: bool, out: str, data_dir: Path
) -> Path:
    from sessionpad.storage.exports import write_export

    # A link is followed: its target is replaced, the link stays (and can't point the
    # write into the data dir: refuse_inside_data_dir resolved it).
    real = target.resolve() if target.is_symlink() else target
    try:
        # With data_dir, a link on the way into exports/ is refused, as for the app's own.
        return write_export(real, document, overwrite=force, data_dir=data_dir.resolve())
    except FileExistsError:
        raise OutRefused(f"{out} already exists — add --force to replace it") from None
    except NotADirectoryError as error:
        raise OutRefused(f"can't write {out}: {error.filename} is a file, not a folder") from None
    except OSError as error:
        raise OutRefused(f"can't write {out}: {_reason(error)}") from None


def _reason(error: OSError) -> str:
    from sessionpad.storage.errors import os_reason

    if error.errno == errno.EBADF:
        return "it is closed"
    return os_reason(error)
