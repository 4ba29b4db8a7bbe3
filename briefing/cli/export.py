"""`briefing export`: the document with its notes as annotated Markdown, or the notes as W3C
Web Annotation JSON-LD.

    briefing export PATH [-o OUT] [--format markdown|json] [--notes-only]
                    [--highlight markdown|html] [--force]

`-o -` writes to stdout. Without `-o` the file goes beside the source when that directory is
writable (else into the current directory) as `<name>.annotated.md` or `<name>.annotations.json`.
Export reads the store and never changes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from briefing.cli.common import Parser, add_data_dir, apply_data_dir, emit, note, open_document
from briefing.export.destination import default_destination
from briefing.export.files import write_atomically
from briefing.export.markdown import Highlight
from briefing.service import DocumentService
from briefing.text.safety import shown


def _parser() -> Parser:
    parser = Parser(
        prog="briefing export",
        description="Write the document with its sections, highlights and notes as Markdown "
        "(Obsidian-style ==highlights== and > [!note] callouts), or the notes as W3C Web "
        "Annotation JSON-LD. Nothing in the notes database changes.",
    )
    parser.add_argument("path", nargs="?", help="a .txt or .md file (default: the bundled one)")
    parser.add_argument("-o", "--output", metavar="OUT", help="where to write; '-' for stdout")
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown")
    parser.add_argument(
        "--notes-only",
        action="store_true",
        help="Markdown of the highlights and notes by section, without the full text",
    )
    parser.add_argument(
        "--highlight",
        choices=[h.value for h in Highlight],
        default=Highlight.MARKDOWN.value,
        help="mark highlights as ==text== (notes apps) or <mark>text</mark> (pandoc, email)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    add_data_dir(parser)
    return parser


def run(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    apply_data_dir(args)
    document = open_document(args.path)
    text = DocumentService(document).export(
        format=args.format,
        notes_only=args.notes_only,
        highlight=Highlight(args.highlight),
    )
    if args.output == "-":
        emit(text)
        return 0
    destination = Path(args.output) if args.output else default_destination(document, args.format)
    write_atomically(destination, text, force=args.force)
    note(f"wrote {shown(str(destination.absolute()))}")
    return 0
