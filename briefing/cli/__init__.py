"""The `briefing` command: argument parsing, one-line errors, exit codes.

    briefing [PATH|URL|-]                            open PATH, a URL or stdin (or the bundled one)
    briefing analyze [PATH|URL|-] [--format json|text]  print the reading
    briefing notes [add|delete|import] PATH …        a document's notes (see cli/notes.py)
    briefing export PATH [-o OUT] …                  the document with its notes (cli/export.py)
    briefing serve [PATH|URL] [--host H] [--port N]  the reader in a web page (cli/serve.py)

Every problem with the user's input is one line on stderr and exit code 2; nothing here prints a
traceback for a bad file.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import __version__
from briefing.cli.common import (
    Parser,
    add_data_dir,
    add_refresh,
    apply_data_dir,
    count_of,
    emit,
    fail,
    note,
    open_document,
)
from briefing.errors import BriefingError
from briefing.model import Document, Reading
from briefing.text.safety import json_safe, shown

if TYPE_CHECKING:
    from briefing.app.library_screen import FirstPage
    from briefing.store.library import Library

PROGRESS_MIN_CHARS = 200_000
"""Documents shorter than this analyse too fast for a progress line to help."""

COMMANDS = {
    "analyze": "print the reading of a document as JSON or as an outline",
    "notes": "list, add, delete or import a document's notes (--all: the whole library's)",
    "export": "write a document with its notes as Markdown, or the notes as W3C JSON",
    "add": "add files, folders, URLs or standard input to the library without opening them",
    "library": "list the library (every document read); remove, restore or tag documents",
    "search": "search the text, titles, notes and tags of every document in the library",
    "who": "who's who across the library: people, organisations and places",
    "memo": "write one Markdown or HTML memo across chosen briefings of the library",
    "serve": "serve the reader as a web page (each browser tab gets its own reader)",
}


def _open_parser() -> Parser:
    commands = "\n".join(f"  {name:<10} {text}" for name, text in COMMANDS.items())
    parser = Parser(
        prog="briefing",
        description="A keyboard-first terminal reader for news articles and policy briefings.",
        epilog=f"commands:\n{commands}\n\nRun 'briefing COMMAND --help' for a command's options. "
        "With no PATH, the bundled briefing opens the first time, the library afterwards. "
        "Press ? in the app for every key.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "path",
        nargs="?",
        help="a text, Markdown, HTML or PDF file, an http(s) URL, or - for standard input",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    add_refresh(parser)
    add_data_dir(parser)
    return parser


def _analyze_parser() -> Parser:
    parser = Parser(
        prog="briefing analyze",
        description="Print the reading of a document: text, metadata, paragraphs, sections, "
        "entities and quotes, all as character offsets into the normalised text.",
    )
    parser.add_argument(
        "path",
        nargs="?",
        help="a text, Markdown, HTML or PDF file, an http(s) URL, or - for standard input "
        "(default: the bundled briefing)",
    )
    parser.add_argument(
        "--format",
        choices=("json", "text"),
        default="json",
        help="json: the full reading (default); text: an outline of sections",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="analyse afresh instead of taking the cached reading (your corrections still apply)",
    )
    add_refresh(parser)
    add_data_dir(parser)
    return parser


def outline(reading: Reading) -> str:
    """The human outline `analyze --format text` prints."""
    document = reading.document
    meta = document.metadata
    lines = [reading.title]
    for label, value in (("Dateline", meta.dateline), ("Byline", meta.byline), ("Date", meta.date)):
        if value:
            lines.append(f"{label}: {value}")
    lines.append(
        ", ".join(
            count_of(n, noun)
            for n, noun in (
                (len(document.paragraphs), "paragraph"),
                (len(reading.sentences), "sentence"),
                (len(reading.sections), "section"),
            )
        )
    )
    lines.append("")
    width = len(str(len(reading.sections)))
    for n, section in enumerate(reading.sections, 1):
        lines.append(
            f"{n:>{width}}. {section.title}  ({count_of(section.paragraph_count, 'paragraph')}, "
            f"¶{section.start_paragraph + 1}–{section.end_paragraph + 1})"
        )
    if meta.credits:
        lines.append("")
        lines.extend(f"Credit: {credit}" for credit in meta.credits)
    return "\n".join(lines) + "\n"


def _analyze(argv: Sequence[str]) -> int:
    from briefing.pipeline import read_document
    from briefing.serialize import reading_json

    args = _analyze_parser().parse_args(argv)
    apply_data_dir(args)
    document = open_document(args.path, args.refresh)
    show_progress = sys.stderr.isatty() and len(document.text) >= PROGRESS_MIN_CHARS

    def progress(fraction: float, stage: str) -> None:
        if show_progress:
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.write(f"\ranalysing: {fraction:4.0%} {stage:<12}")
                sys.stderr.flush()

    reading = read_document(document, progress, fresh=args.no_cache)
    if show_progress:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write("\r" + " " * 40 + "\r")
    if args.format == "json":
        # In pieces: the JSON of a long document is several times its text.
        for piece in reading_json(reading):
            emit(json_safe(piece), flush=False)
        emit("\n")
    else:
        emit(outline(reading))
    return 0


def _open(argv: Sequence[str]) -> int:
    args = _open_parser().parse_args(argv)
    apply_data_dir(args)
    path = args.path
    from briefing.ingest.fetch import is_url

    if path is not None and is_url(path):
        return _open_url(path, args.refresh)
    if path == "-":
        from briefing.opening import document_from_stdin_bytes, read_stdin

        data = read_stdin()
        if not (sys.stdout and sys.stdout.isatty()) or not _terminal_as_stdin():
            return fail("the reader needs a terminal; use 'briefing analyze -' for scripts")
        return _run_app(document_from_stdin_bytes(data))
    from briefing.ingest import document_from_source
    from briefing.ingest.source import read_source
    from briefing.paths import seed_path

    first = _library_first_page() if path is None else None
    if first is not None:
        if not _has_terminal():
            return fail("the reader needs a terminal; use 'briefing library' for scripts")
        return _run_app(None, library=first)
    source = read_source(path if path is not None else seed_path())
    if not _has_terminal():
        return fail("the reader needs a terminal; use 'briefing analyze' for scripts")
    if source.format in ("html", "pdf"):
        # Extracted in a worker behind a loading screen: the first frame does not wait for it.
        what = f"{'Reading the page' if source.format == 'html' else 'Reading the PDF'} "
        what += shown(source.path)
        return _run_app(None, lambda status, _: _extract(source, status), what)
    return _run_app(document_from_source(source))


def _extract(source: object, status: Callable[[str], None]) -> Document:
    from briefing.ingest import document_from_source
    from briefing.ingest.source import Source

    assert isinstance(source, Source)
    status("extracting the text…")
    return document_from_source(source)


def _open_url(url: str, refresh: bool) -> int:
    if not _has_terminal():
        return fail("the reader needs a terminal; use 'briefing analyze URL' for scripts")
    from briefing.store.pages import kept_copy

    kept = None if refresh else kept_copy(url)

    def load(status: Callable[[str], None], fresh: bool) -> Document:
        from briefing.opening import document_from_fetched, load_url

        if kept is not None and not fresh:
            status("reading the kept copy…")
            return document_from_fetched(kept)

        def progress(size: int, total: int | None) -> None:
            of = f" of {total / 1e6:,.1f} MB" if total else ""
            status(f"fetching… {size / 1e6:,.1f} MB{of}")

        status("connecting…")
        return load_url(url, True, progress)

    when = kept.fetched if kept is not None else None
    return _run_app(None, load, f"Fetching {shown(url)}", when or ("" if kept else None))


def _has_terminal() -> bool:
    """A terminal to draw on and read keys from: a real one, or a browser tab through Textual's
    web driver (`briefing serve` runs each tab's app under it)."""
    tty = bool(sys.stdin and sys.stdout and sys.stdin.isatty() and sys.stdout.isatty())
    return tty or _web_driver()


def _web_driver() -> bool:
    """Whether Textual will run the app under its web driver: the driver Textual itself takes
    from `TEXTUAL_DRIVER` (textual-serve sets it for the apps it starts) is `WebDriver` or a
    subclass. Anything else there, a pipe included, is no terminal."""
    spec = os.environ.get("TEXTUAL_DRIVER")
    if not spec or ":" not in spec:
        return False
    import importlib

    module_name, _, name = spec.partition(":")
    try:
        driver = getattr(importlib.import_module(module_name), name)
        from textual.drivers.web_driver import WebDriver
    except (ImportError, AttributeError, ValueError):
        return False
    return isinstance(driver, type) and issubclass(driver, WebDriver)


def _terminal_as_stdin() -> bool:
    """After reading a document from a pipe, make the terminal standard input again (the app
    reads its keys there). False when there is no terminal to be had."""
    try:
        tty = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return False
    try:
        os.dup2(tty, 0)
    finally:
        os.close(tty)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 (for the process)
    return sys.stdin.isatty()


def _library_first_page() -> FirstPage | None:
    """The library's first page if it holds a document (then `briefing` alone opens it, not the
    bundled briefing; read here, before the app, so that its first frame shows the list). A
    database that cannot be read counts as none: the bundled briefing opens."""
    from briefing.store.database import Store, StoreError

    store = Store.default()
    if not store.exists():
        return None  # the first run: nothing more is imported before the bundled briefing
    from briefing.app.library_screen import first_page
    from briefing.store.library import Library

    library = Library(store)
    try:
        if not library.count():
            return None
        _keep_bundled(library)
        return first_page(library)
    except StoreError:
        return None


def _keep_bundled(library: Library) -> None:
    """Put the bundled briefing in a library that never had it (its first command was
    `briefing add`): the library `briefing` opens has it, last (dated before what the reader
    read). A reader who removed it is not given it back (a removed document stays known).
    Costs a read of the file and one query (0.3 ms)."""
    from briefing.errors import BriefingError
    from briefing.ingest.source import read_source
    from briefing.paths import seed_path

    try:
        path = seed_path()
        source = read_source(path)
        if library.knows(source.content_hash, os.path.abspath(path)):
            return
        from briefing.ingest import document_from_source
        from briefing.store.library import prepare

        recorded = library.record(prepare(document_from_source(source)), opened=False)
        library.keep_as_oldest(recorded.document_id)
    except (BriefingError, OSError):
        return  # the library opens without it


def _run_app(
    document: Document | None,
    loader: Callable[[Callable[[str], None], bool], Document] | None = None,
    what: str = "",
    kept: str | None = None,
    *,
    library: bool | FirstPage = False,
) -> int:
    from briefing.app import BriefingApp
    from briefing.settings import load_settings

    app = BriefingApp(document, loader, what, kept, settings=load_settings(), library=library)
    app.run()
    if app.load_error is not None:
        raise app.load_error
    if app.not_saved:
        from briefing.text.safety import safe_output

        for line in app.not_saved:  # failed as the app closed: the terminal is back to say so
            print(f"briefing: {safe_output(line)}", file=sys.stderr)
    _keep_in_library(app.document)
    _keep_positions(app.last_positions)
    return 1 if app.not_saved else 0


def _keep_positions(positions: Sequence[tuple[Document, int]]) -> None:
    """Remember where the reader was in each document open at the end."""
    from briefing.store.database import StoreError
    from briefing.store.library import Library

    for document, offset in positions:
        try:
            Library().set_position(document, offset)
        except StoreError:
            return


def _keep_in_library(document: Document | None) -> None:
    """Keep the document the reader had open in the library (its text, and its reading if
    the app analysed it: nothing is analysed here). A database that cannot be written says
    so in one line; the reading itself went well, so the exit code stays 0."""
    if document is None:
        return
    from briefing.store.database import ReadOnlyStoreError, StoreError

    try:
        from briefing.service.library import record_opened

        record_opened(document)
    except ReadOnlyStoreError:
        pass
    except StoreError as exc:
        note(f"briefing: could not keep the document in the library: {shown(str(exc))}")


EXIT_INTERNAL = 70
"""A fault of briefing's own (EX_SOFTWARE), told apart from the user's bad input (2)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. The one error boundary: every expected failure is one line on stderr
    and exit code 2; a fault of our own is one line too, its traceback kept in a file."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(args)
    except BriefingError as exc:
        return fail(str(exc))
    except FileNotFoundError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): not an error of ours.
        _silence_stdout()
        return 0
    except MemoryError:
        return fail("not enough memory for this document")
    except Exception as exc:
        if os.environ.get("BRIEFING_DEBUG"):
            raise
        return _internal_error(exc)
    finally:
        _flush_or_silence()


def _dispatch(args: list[str]) -> int:
    if args and args[0] == "search":
        from briefing.cli.search import run as search

        return search(args[1:])
    if args and args[0] == "analyze":
        return _analyze(args[1:])
    if args and args[0] == "add":
        from briefing.cli.library import run_add

        return run_add(args[1:])
    if args and args[0] == "library":
        from briefing.cli.library import run_library

        return run_library(args[1:])
    if args and args[0] == "who":
        from briefing.cli.who import run as who

        return who(args[1:])
    if args and args[0] == "memo":
        from briefing.cli.memo import run as memo

        return memo(args[1:])
    if args and args[0] == "notes":
        from briefing.cli.notes import run as notes

        return notes(args[1:])
    if args and args[0] == "export":
        from briefing.cli.export import run as export

        return export(args[1:])
    if args and args[0] == "serve":
        from briefing.cli.serve import run as serve

        return serve(args[1:])
    return _open(args)


def _internal_error(exc: Exception) -> int:
    import tempfile
    import traceback

    from briefing.paths import cache_dir

    where = "(it could not be saved)"
    report = "".join(traceback.format_exception(exc))
    for folder in (cache_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix="briefing-crash-", suffix=".txt", dir=folder)
            with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace") as file:
                file.write(report)
            where = f"in {name}"
            break
        except OSError:
            continue
    note(
        f"briefing: internal error: {shown(type(exc).__name__)}: {shown(str(exc))[:300]} "
        f"(a fault of briefing, not of your input; the details are {shown(where)}; "
        "please report it)"
    )
    return EXIT_INTERNAL


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit cannot fail loudly."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _flush_or_silence() -> None:
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        _silence_stdout()
