"""`briefing add` and `briefing library`: putting documents in the library and listing it.

briefing add PATH|URL|DIR|- ... [--tag T]... [--jobs N]
briefing library [--format text|json] [--sort date|title|notes] [--tag T] [--removed]
briefing library remove ID... [--yes]
briefing library restore ID...
briefing library tag ID... --tag T... [--untag]
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing.cli.common import (
    Parser,
    add_data_dir,
    apply_data_dir,
    count_of,
    emit,
    fail,
    note,
)
from briefing.text.safety import json_safe, sanitize, shown

if TYPE_CHECKING:
    from briefing.service.library import AddItem, AddReport
    from briefing.store.library import Library, LibraryEntry

ACTIONS = ("list", "remove", "restore", "tag")


def _add_parser() -> Parser:
    parser = Parser(
        prog="briefing add",
        description="Add documents to the library without opening them: files, every readable "
        "file in a folder (and its subfolders), http(s) URLs, or - for standard input. Each is "
        "read and analysed (several at a time), and kept with its text and reading, so that "
        "'briefing search', 'who', 'notes --all' and 'memo' know it.",
    )
    parser.add_argument("sources", nargs="+", metavar="PATH|URL|DIR|-")
    parser.add_argument(
        "--tag", action="append", default=[], help="put this tag on every document (repeatable)"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="documents read at once, each in its own process (default: one per CPU)",
    )
    add_data_dir(parser)
    return parser


def _list_parser() -> Parser:
    parser = Parser(
        prog="briefing library",
        description="List the library: every document opened or added, most recently read "
        "first, with its id, title, source, when it was read, its notes and its tags.",
        epilog="actions: 'briefing library remove ID...' (asks first; undo with 'briefing "
        "library restore ID...'), 'briefing library tag ID... --tag T'. An ID is the number "
        "the list shows, or the document's path or URL.",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--sort", choices=("date", "title", "notes"), default="date")
    parser.add_argument("--tag", help="only documents with this tag (on them or on a note)")
    parser.add_argument("--removed", action="store_true", help="list the removed documents instead")
    parser.add_argument("--limit", type=int, metavar="N", help="at most N documents")
    add_data_dir(parser)
    return parser


def _remove_parser() -> Parser:
    parser = Parser(
        prog="briefing library remove",
        description="Take documents out of the library. Their notes and text are kept: "
        "'briefing library restore ID' brings them back.",
    )
    parser.add_argument("ids", nargs="+", metavar="ID")
    parser.add_argument("--yes", "-y", action="store_true", help="do not ask first")
    add_data_dir(parser)
    return parser


def _restore_parser() -> Parser:
    parser = Parser(prog="briefing library restore", description="Undo a removal.")
    parser.add_argument("ids", nargs="+", metavar="ID")
    add_data_dir(parser)
    return parser


def _tag_parser() -> Parser:
    parser = Parser(prog="briefing library tag", description="Tag documents of the library.")
    parser.add_argument("ids", nargs="+", metavar="ID")
    parser.add_argument("--tag", action="append", required=True, help="a tag (repeatable)")
    parser.add_argument("--untag", action="store_true", help="take the tags off instead")
    add_data_dir(parser)
    return parser


# ---------------------------------------------------------------------------------------------
# Shared


def when(seconds: float | None, *, clock: bool = True) -> str:
    """A time of the library in local time, as the lists show it."""
    if seconds is None:
        return ""
    return time.strftime("%Y-%m-%d %H:%M" if clock else "%Y-%m-%d", time.localtime(seconds))


def iso(seconds: float | None) -> str | None:
    """A time of the library in ISO 8601 UTC, as JSON gives it."""
    if seconds is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def short_source(source: str | None) -> str:
    """A source on one line, the home folder as `~`."""
    if not source:
        return ""
    home = os.path.expanduser("~")
    if home not in ("", "/") and source.startswith(home + os.sep):
        source = "~" + source[len(home) :]
    return shown(source)


def resolve(library: Library, ref: str) -> int:
    """The id of the document `ref` names: its number in the list (`12` or `#12`), or its
    path or URL (a file not seen at that path is found by its text)."""
    from briefing.store.database import StoreError

    bare = ref.strip().lstrip("#")
    if bare.isdigit():
        return library.entry(int(bare)).id
    from briefing.ingest.fetch import is_url

    if is_url(ref):
        entry = library.find_source(ref)
    else:
        entry = library.find_source(os.path.abspath(ref))
        if entry is None and os.path.isfile(ref):
            from briefing.ingest import load_document

            entry = library.entry_of(load_document(ref))
    if entry is None:
        raise StoreError(f"{shown(ref)} is not in the library (see 'briefing library')")
    return entry.id


def entry_dict(entry: LibraryEntry) -> dict[str, object]:
    return {
        "id": entry.id,
        "title": entry.title,
        "source": entry.source,
        "kind": entry.kind,
        "date": entry.date,
        "read": iso(entry.read),
        "added": iso(entry.added),
        "notes": entry.notes,
        "tags": list(entry.tags),
        "text_kept": entry.has_text,
        "position": entry.position,
        "removed": iso(entry.removed),
    }


def entry_line(entry: LibraryEntry, width: int = 4) -> str:
    """One line of the list (everything invisible in it shown as an escape, once per line:
    the list of 10,000 documents must print fast)."""
    tags = "  " + " ".join(f"#{t}" for t in entry.tags) if entry.tags else ""
    source = _home(entry.source) if entry.source else ""
    return shown(
        f"{entry.id:>{width}}  {when(entry.read)}  {entry.notes:>5}  "
        f"{entry.title}{'  · ' + source if source else ''}{tags}"
    )


_HOME = os.path.expanduser("~")


def _home(source: str) -> str:
    if _HOME not in ("", "/") and source.startswith(_HOME + os.sep):
        return "~" + source[len(_HOME) :]
    return source


# ---------------------------------------------------------------------------------------------
# Commands


def run_add(argv: Sequence[str]) -> int:
    from briefing.service.library import add_document, expand
    from briefing.store.library import Library

    args = _add_parser().parse_args(argv)
    apply_data_dir(args)
    if args.jobs is not None and args.jobs < 1:
        return fail("--jobs must be at least 1")
    library = Library()
    names = [name for name in args.sources if name != "-"]
    items, problems = expand(names)
    from_stdin = "-" in args.sources
    library.store.writable()
    if from_stdin:
        from briefing.opening import document_from_stdin_bytes, read_stdin

        recorded = add_document(document_from_stdin_bytes(read_stdin()), library, tags=args.tag)
        note(f"standard input: kept as document {recorded.document_id}")
    report = _add_with_progress(items, library, args.tag, args.jobs)
    for problem in [*problems, *report.failed]:
        note(f"briefing: error: {shown(problem)}")
    emit(_summary(report, len(items)) + "\n")
    return 2 if problems or report.failed else 0


def _add_with_progress(
    chosen: Sequence[AddItem], library: Library, tags: Sequence[str], jobs: int | None
) -> AddReport:
    from briefing.service.library import add_sources

    if not (chosen and sys.stderr is not None and sys.stderr.isatty()):
        return add_sources(chosen, library, tags=tags, jobs=jobs)
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    with Progress(
        TextColumn("adding"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[name]}", markup=False),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("adding", total=len(chosen), name="")

        def progress(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, name=shown(os.path.basename(name))[:40])

        return add_sources(chosen, library, tags=tags, jobs=jobs, progress=progress)


def _summary(report: AddReport, total: int) -> str:
    added = len(report.added)
    parts = [f"added {count_of(added, 'document')} to the library"]
    details = []
    for status, label in (
        ("new", "new"),
        ("changed", "with a changed text"),
        ("same", "already there"),
    ):
        n = report.count(status)
        if n:
            details.append(f"{n} {label}")
    if details:
        parts.append(f"({', '.join(details)})")
    if report.failed:
        parts.append(f"; {len(report.failed)} could not be read")
    if report.skipped:
        parts.append(
            f"; {count_of(len(report.skipped), 'file')} in folders skipped, not documents "
            f"(first: {shown(report.skipped[0])})"
        )
    if report.seconds > 0 and added:
        parts.append(f"in {report.seconds:.1f} s ({added / report.seconds:.1f} a second)")
    return " ".join(parts).replace(" ;", ";")


def _list(argv: Sequence[str]) -> int:
    from briefing.store.library import Library

    args = _list_parser().parse_args(argv)
    apply_data_dir(args)
    library = Library()
    entries = library.entries(
        sort=args.sort,
        tag=args.tag.lstrip("#") if args.tag else None,
        removed=args.removed,
        limit=args.limit,
    )
    if args.format == "json":
        emit(
            json_safe(json.dumps([entry_dict(e) for e in entries], ensure_ascii=False, indent=1))
            + "\n"
        )
        return 0
    if not entries:
        if args.removed:
            emit("No document was removed from the library.\n")
        elif args.tag:
            emit(f"No document of the library is tagged {shown(args.tag)}.\n")
        else:
            emit(
                "The library is empty: open a document, or add some with "
                "'briefing add PATH|URL|DIR'.\n"
            )
        return 0
    width = max(2, len(str(max(e.id for e in entries))))
    lines = [f"{'ID':>{width}}  {'READ':<16}  NOTES  TITLE  · SOURCE  TAGS"]
    lines += [entry_line(e, width) for e in entries]
    emit("\n".join(lines) + "\n")
    return 0


def _ask(question: str) -> bool:
    """Whether the person at the terminal answers yes."""
    try:
        sys.stderr.write(question + " [y/N] ")
        sys.stderr.flush()
        answer = sys.stdin.readline()
    except (OSError, ValueError):
        return False
    return answer.strip().lower() in ("y", "yes")


def _remove(argv: Sequence[str]) -> int:
    from briefing.store.library import Library

    args = _remove_parser().parse_args(argv)
    apply_data_dir(args)
    library = Library()
    ids = [resolve(library, ref) for ref in args.ids]
    entries = [library.entry(i) for i in dict.fromkeys(ids)]
    if not args.yes:
        if not (sys.stdin and sys.stdin.isatty() and sys.stderr and sys.stderr.isatty()):
            return fail(
                "removing asks first; add --yes to remove without asking "
                "('briefing library restore ID' undoes it)"
            )
        what = (
            f"“{shown(sanitize(entries[0].title))}”"
            if len(entries) == 1
            else count_of(len(entries), "document")
        )
        notes = sum(e.notes for e in entries)
        kept = f" (its {count_of(notes, 'note')} are kept)" if notes else ""
        if not _ask(f"Remove {what} from the library{kept}?"):
            note("nothing removed")
            return 0
    removed = library.remove([e.id for e in entries])
    for entry in removed:
        emit(f"removed {entry.id}  {shown(sanitize(entry.title))}\n")
    if removed:
        ids_text = " ".join(str(e.id) for e in removed)
        note(f"undo: briefing library restore {ids_text}")
    return 0


def _restore(argv: Sequence[str]) -> int:
    from briefing.store.library import Library

    args = _restore_parser().parse_args(argv)
    apply_data_dir(args)
    library = Library()
    ids = [resolve(library, ref) for ref in args.ids]
    for entry in library.restore(ids):
        emit(f"restored {entry.id}  {shown(sanitize(entry.title))}\n")
    return 0


def _tag(argv: Sequence[str]) -> int:
    from briefing.store.library import Library

    args = _tag_parser().parse_args(argv)
    apply_data_dir(args)
    library = Library()
    ids = [resolve(library, ref) for ref in args.ids]
    library.tag(ids, args.tag, remove=args.untag)
    for i in dict.fromkeys(ids):
        entry = library.entry(i)
        tags = " ".join(f"#{t}" for t in entry.tags) or "no tags"
        emit(f"{entry.id}  {shown(sanitize(entry.title))}  {shown(tags)}\n")
    return 0


def run_library(argv: Sequence[str]) -> int:
    """Dispatch `briefing library …` (the first word picks the action)."""
    if argv and argv[0] in ACTIONS:
        action, rest = argv[0], list(argv[1:])
    else:
        action, rest = "list", list(argv)
    return {"list": _list, "remove": _remove, "restore": _restore, "tag": _tag}[action](rest)
