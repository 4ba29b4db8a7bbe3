"""`briefing notes`: a document's annotations from the command line, for scripts and for moving
notes between machines.

    briefing notes PATH [--format text|json]
    briefing notes add PATH --quote TEXT [--occurrence N] [--note TEXT] [--tag T]... [--color C]
    briefing notes delete PATH ID
    briefing notes import PATH FILE
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

from briefing.cli.common import (
    Parser,
    add_data_dir,
    apply_data_dir,
    count_of,
    emit,
    fail,
    open_document,
)
from briefing.export.web_annotation import ImportedAnnotation
from briefing.ingest.source import read_capped
from briefing.model import HIGHLIGHT_COLORS, AnchorStatus, Annotation, Document
from briefing.service import DocumentService
from briefing.store.anchoring import anchor, occurrences, quote_at
from briefing.store.notebook import Notebook, clean_quote, now_iso
from briefing.text.quoting import quoted
from briefing.text.safety import json_safe, sanitize, shown

MAX_IMPORT_BYTES = 256 * 1024 * 1024
"""Largest annotation file read (256 MiB: about 250,000 notes with their context)."""

ACTIONS = ("list", "add", "delete", "import")


def _parser() -> Parser:
    parser = Parser(
        prog="briefing notes",
        description="List, add, delete or import the notes on a document. Notes live in the "
        "user data directory; a document is recognised by its path and its content.",
        epilog="actions: 'briefing notes PATH' lists; 'briefing notes add|delete|import PATH …' "
        "change. Run 'briefing notes add --help' and so on for their options.",
    )
    parser.add_argument("path", nargs="?", help="a .txt or .md file (default: the bundled one)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--all", action="store_true", help="the notes of every document in the library"
    )
    parser.add_argument("--tag", help="with --all: only notes with this tag")
    parser.add_argument("--color", choices=HIGHLIGHT_COLORS, help="with --all: only this colour")
    parser.add_argument(
        "--document", metavar="ID", help="with --all: only this document of the library"
    )
    parser.add_argument(
        "--search", metavar="WORDS", help="with --all: only notes holding every one of WORDS"
    )
    add_data_dir(parser)
    return parser


def _add_parser() -> Parser:
    parser = Parser(prog="briefing notes add", description="Annotate a passage of a document.")
    parser.add_argument("path", help="a .txt or .md file")
    parser.add_argument("--quote", required=True, help="the passage, exactly as in the text")
    parser.add_argument(
        "--occurrence", type=int, help="which occurrence of the quote, from 1 (when it repeats)"
    )
    parser.add_argument("--note", default="", help="the note (Markdown)")
    parser.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    parser.add_argument("--color", choices=HIGHLIGHT_COLORS, default=HIGHLIGHT_COLORS[0])
    add_data_dir(parser)
    return parser


def _delete_parser() -> Parser:
    parser = Parser(
        prog="briefing notes delete",
        description="Delete a note (it stays in the database, marked deleted).",
    )
    parser.add_argument("path", help="a .txt or .md file")
    parser.add_argument("id", help="the note's id, or enough of its start to be unique")
    add_data_dir(parser)
    return parser


def _import_parser() -> Parser:
    parser = Parser(
        prog="briefing notes import",
        description="Import W3C Web Annotation JSON (what 'briefing export --format json' "
        "writes) and anchor each note in the document; notes that do not anchor are kept as "
        "orphans.",
    )
    parser.add_argument("path", help="a .txt or .md file")
    parser.add_argument("file", help="a JSON file of annotations")
    add_data_dir(parser)
    return parser


def annotation_dict(annotation: Annotation) -> dict[str, object]:
    return {
        "id": annotation.id,
        "start": annotation.start,
        "end": annotation.end,
        "exact": annotation.quote.exact,
        "prefix": annotation.quote.prefix,
        "suffix": annotation.quote.suffix,
        "color": annotation.color,
        "note": annotation.note,
        "tags": list(annotation.tags),
        "status": annotation.status.value,
        "score": annotation.score,
        "created": annotation.created,
        "modified": annotation.modified,
    }


def _listing(document: Document, annotations: Sequence[Annotation]) -> str:
    if not annotations:
        return f"No notes on {sanitize(document.display_title)}.\n"
    lines = [f"{count_of(len(annotations), 'note')} on {sanitize(document.display_title)}:", ""]
    for annotation in annotations:
        status = annotation.status.value
        if annotation.status is AnchorStatus.MOVED:
            status += f" {annotation.score:.2f}"
        where = (
            "no longer in the text"
            if annotation.orphaned
            else f"¶{document.paragraph_at(annotation.start) + 1}"
        )
        tags = " ".join(f"#{tag}" for tag in annotation.tags)
        lines.append(f"{annotation.id[:8]}  {annotation.color:<6}  {status:<11} {where}  {tags}")
        quote = " ".join(annotation.quote.exact.split())
        lines.append(f"    {quoted(quote, 200)}")
        lines.extend(f"    {line}" for line in annotation.note.splitlines())
        lines.append("")
    return sanitize("\n".join(lines)).rstrip("\n") + "\n"


def _notebook(path: str | None) -> Notebook:
    return DocumentService(open_document(path)).notebook()


def _list(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    apply_data_dir(args)
    filters = [
        f"--{name}" for name in ("tag", "color", "document", "search") if getattr(args, name)
    ]
    if args.all:
        if args.path is not None:
            return fail("give a PATH or --all, not both")
        return _list_all(args)
    if filters:
        return fail(f"{filters[0]} filters the notes of the whole library: add --all")
    notebook = _notebook(args.path)
    if args.format == "json":
        out = json.dumps(
            [annotation_dict(a) for a in notebook.annotations], ensure_ascii=False, indent=1
        )
        emit(json_safe(out) + "\n")
    else:
        emit(_listing(notebook.document, notebook.annotations))
    return 0


def _list_all(args: argparse.Namespace) -> int:
    """`briefing notes --all`: the notes of every document of the library."""
    from briefing.cli.library import resolve
    from briefing.store.library import Library

    library = Library()
    document_id = resolve(library, args.document) if args.document else None
    notes = library.notes(
        tag=args.tag.lstrip("#") if args.tag else None,
        color=args.color,
        document_id=document_id,
        words=args.search,
    )
    if args.format == "json":
        out = [
            {
                "document": note.document_id,
                "title": note.title,
                "source": note.source,
                "section": note.section,
                **annotation_dict(note.annotation),
            }
            for note in notes
        ]
        emit(json_safe(json.dumps(out, ensure_ascii=False, indent=1)) + "\n")
        return 0
    if not notes:
        emit(
            "No notes in the library"
            + (" match." if any((args.tag, args.color, args.document, args.search)) else ".")
            + "\n"
        )
        return 0
    documents = len({note.document_id for note in notes})
    lines = [f"{count_of(len(notes), 'note')} in {count_of(documents, 'document')}:", ""]
    current = None
    for item in notes:
        if item.document_id != current:
            current = item.document_id
            source = f"  · {shown(item.source)}" if item.source else ""
            lines.append(f"{item.document_id}  {shown(sanitize(item.title))}{source}")
            lines.append("")
        annotation = item.annotation
        status = annotation.status.value
        if annotation.status is AnchorStatus.MOVED:
            status += f" {annotation.score:.2f}"
        where = (
            "no longer in the text"
            if annotation.orphaned
            else (f"§ {shown(sanitize(item.section))}" if item.section else "")
        )
        tags = " ".join(f"#{tag}" for tag in annotation.tags)
        lines.append(
            f"  {annotation.id[:8]}  {annotation.color:<6}  {status:<11} {where}  {tags}".rstrip()
        )
        quote = " ".join(annotation.quote.exact.split())
        lines.append(f"      “{quote if len(quote) <= 200 else quote[:199] + '…'}”")
        lines.extend(f"      {line}" for line in annotation.note.splitlines())
        lines.append("")
    emit(sanitize("\n".join(lines)).rstrip("\n") + "\n")
    return 0


def _add(argv: Sequence[str]) -> int:
    args = _add_parser().parse_args(argv)
    apply_data_dir(args)
    document = open_document(args.path)
    if not args.quote:
        return fail("--quote is empty")
    starts = occurrences(document.text, args.quote)
    if not starts:
        return fail("the quote is not in the document (it must match the text exactly)")
    if args.occurrence is None and len(starts) > 1:
        return fail(
            f"the quote appears {len(starts)} times; choose one with --occurrence 1–{len(starts)}"
        )
    n = args.occurrence or 1
    if not 1 <= n <= len(starts):
        return fail(f"--occurrence {n}: the quote appears {len(starts)} time(s)")
    notebook = DocumentService(document).notebook()
    start = starts[n - 1]
    made = notebook.add(
        start, start + len(args.quote), color=args.color, note=args.note, tags=args.tag
    )
    _keep_in_library(document)
    emit(made.id + "\n")
    return 0


def _keep_in_library(document: Document) -> None:
    """A document that has notes is in the library, with its text (its reading too if one
    is cached: nothing is analysed here)."""
    from briefing.service.library import record_opened

    record_opened(document)


def _delete(argv: Sequence[str]) -> int:
    args = _delete_parser().parse_args(argv)
    apply_data_dir(args)
    notebook = _notebook(args.path)
    gone = notebook.delete(notebook.find(args.id).id)
    emit(f"deleted {gone.id}\n")
    return 0


def anchored_import(text: str, item: ImportedAnnotation) -> Annotation:
    """An imported annotation anchored in `text`: by its quote near its position, by its
    position alone when it has no quote, else kept as an orphan (a page note, with no passage,
    is one too). A position outside the text counts as none."""
    start, end = item.start, item.end
    if start is None or end is None or not 0 <= start <= end <= len(text):
        start = end = None
    quote = clean_quote(item.quote)
    if not quote.exact and start is not None and end is not None and start < end:
        quote = quote_at(text, start, end)  # a position alone: take the words there
    found = anchor(text, quote, start or 0) if quote.exact else None
    stamp = now_iso()
    return Annotation(
        id=item.id or "",
        start=found.start if found else start or 0,
        end=found.end if found else end or 0,
        quote=quote,
        color=item.color if item.color in HIGHLIGHT_COLORS else HIGHLIGHT_COLORS[0],
        note=item.note,
        tags=item.tags,
        created=item.created or stamp,
        modified=item.modified or stamp,
        status=found.status if found else AnchorStatus.ORPHANED,
        score=found.score if found else 0.0,
    )


def _import(argv: Sequence[str]) -> int:
    from briefing.export.web_annotation import read_web_annotations

    args = _import_parser().parse_args(argv)
    apply_data_dir(args)
    data = read_capped(args.file, MAX_IMPORT_BYTES, what="JSON file")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return fail(f"{shown(args.file)}: is not UTF-8 JSON (bad byte at offset {exc.start})")
    imported = read_web_annotations(raw)
    notebook = _notebook(args.path)
    text = notebook.document.text
    kept = notebook.import_annotations(anchored_import(text, item) for item in imported)
    _keep_in_library(notebook.document)
    counts = dict.fromkeys(AnchorStatus, 0)
    for annotation in kept:
        counts[annotation.status] += 1
    already = len(imported) - len(kept)
    pages = sum(1 for a in kept if not a.quote.exact)
    emit(
        f"imported {count_of(len(kept), 'note')}: {counts[AnchorStatus.EXACT]} exact, "
        f"{counts[AnchorStatus.MOVED]} moved, {counts[AnchorStatus.ORPHANED]} orphaned"
        + (f" ({pages} with no passage, kept with the orphans)" if pages else "")
        + (f" ({already} already here)" if already else "")
        + "\n"
    )
    return 0


def run(argv: Sequence[str]) -> int:
    """Dispatch `briefing notes …` (the first word picks the action; a bare path lists)."""
    if argv and argv[0] in ACTIONS:
        action, rest = argv[0], argv[1:]
    else:
        action, rest = "list", argv
    return {"list": _list, "add": _add, "delete": _delete, "import": _import}[action](rest)
