"""What every `briefing` command shares: one-line usage errors, the data directory option,
and opening the document a command is about."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from briefing.errors import BriefingError
from briefing.ingest import load_document
from briefing.model import Document
from briefing.paths import seed_path, use_data_dir
from briefing.text.safety import safe_output, shown

EXIT_USAGE = 2


class OutputError(BriefingError):
    """Standard output could not be written (closed, a full disk)."""


class Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line like every other error, with whatever the user
    typed (a hostile file name) made visible rather than sent to the terminal."""

    def error(self, message: str) -> NoReturn:
        note(f"{self.prog}: error: {shown(message)} (see {self.prog} --help)")
        raise SystemExit(EXIT_USAGE)


def emit(text: str, *, flush: bool = True) -> None:
    """Write a command's output to stdout. Whatever it holds, no control character but
    newline and tab reaches the terminal or the file; a closed or full stdout is an
    `OutputError` (one line), not a traceback."""
    text = safe_output(text)
    out = sys.stdout
    if out is None:
        raise OutputError("cannot write the output: standard output is closed")
    try:
        out.write(text)
        if flush:
            out.flush()
    except BrokenPipeError:
        raise  # the reader went away (`| head`): main() ends quietly
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise OutputError(f"cannot write the output: {reason}") from None


def note(message: str) -> None:
    """One line on stderr (progress, where a file went, an error); a stderr that cannot be
    written is no reason to fail."""
    err = sys.stderr
    if err is None:
        return
    try:
        err.write(message + "\n")
        err.flush()
    except (OSError, ValueError):
        pass


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep notes and corrections in DIR (default: the user data directory; "
        "or set BRIEFING_DATA_DIR)",
    )


def apply_data_dir(args: argparse.Namespace) -> None:
    if getattr(args, "data_dir", None):
        use_data_dir(args.data_dir)


def fail(message: str) -> int:
    """Say what went wrong in one line (everything in it made visible) and give exit code 2."""
    note(f"briefing: error: {shown(message)}")
    return EXIT_USAGE


def open_document(path: str | None, refresh: bool = False) -> Document:
    """The document at PATH, a URL (its kept copy unless `refresh`) or `-` (standard input);
    the bundled briefing without one."""
    if path is None:
        return load_document(seed_path())
    from briefing.ingest.fetch import is_url

    if path == "-" or is_url(path):
        from briefing.opening import load_path, load_url

        if is_url(path):
            return load_url(
                path, refresh, told=lambda what: note(f"briefing: {shown(path)}: {what}")
            )
        return load_path(path)
    return load_document(path)


def add_refresh(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="for a URL: fetch it again instead of reading the copy kept when it was first read",
    )


def count_of(n: int, noun: str) -> str:
    """`1 note`, `2 notes`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
