"""`briefing memo`: one document across chosen briefings of the library.

    briefing memo [DOC...] [--tag T] [-o OUT|-] [--format markdown|html] [--template FILE]
                  [--force]

DOC is a document of the library (its number in `briefing library`, or its path or URL);
`--tag` adds every document with that tag; with neither, the whole library. Without `-o` the
memo goes to `memo.md` (or `memo.html`) in the current directory; an existing file is not
replaced without `--force`. With `SOURCE_DATE_EPOCH` set the same library gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from briefing.cli.common import Parser, add_data_dir, apply_data_dir, emit, fail, note
from briefing.text.safety import shown


def _parser() -> Parser:
    parser = Parser(
        prog="briefing memo",
        description="Write one memo across briefings of the library: for each, its title, "
        "source and date, sections with their gists, who's who with roles, key quotes and "
        "your highlights and notes; then who appears across them. Markdown or HTML, through "
        "a Jinja2 template (the default one, or yours).",
    )
    parser.add_argument(
        "documents",
        nargs="*",
        metavar="DOC",
        help="a document of the library: its id (see 'briefing library'), path or URL",
    )
    parser.add_argument("--tag", action="append", default=[], help="every document with this tag")
    parser.add_argument("-o", "--output", metavar="OUT", help="where to write; '-' for stdout")
    parser.add_argument("--format", choices=("markdown", "html"), default="markdown")
    parser.add_argument("--template", metavar="FILE", help="a Jinja2 template of your own")
    parser.add_argument("--title", help="the memo's title")
    parser.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    add_data_dir(parser)
    return parser


def run(argv: Sequence[str]) -> int:
    from briefing.cli.library import resolve
    from briefing.export.files import export_time, write_atomically
    from briefing.export.memo import SUFFIXES, memo_context, render_memo, template_text
    from briefing.store.library import Library

    args = _parser().parse_args(argv)
    apply_data_dir(args)
    generated = export_time()  # a bad SOURCE_DATE_EPOCH is said before any work
    template = template_text(args.template) if args.template else None
    library = Library()
    ids = [resolve(library, ref) for ref in args.documents]
    for tag in args.tag:
        ids += [e.id for e in library.entries(tag=tag.lstrip("#"))]
    if not args.documents and not args.tag:
        ids = [e.id for e in library.entries()]
        if not ids:
            return fail("the library is empty: add documents with 'briefing add PATH|URL|DIR'")
    ids = list(dict.fromkeys(ids))
    if not ids:
        return fail(f"no document of the library is tagged {', '.join(map(repr, args.tag))}")
    if args.output != "-":
        destination = Path(args.output or "memo" + SUFFIXES[args.format])
        if destination.exists() and not args.force:
            # Said before the briefings are read; write_atomically checks again when writing.
            return fail(f"{shown(str(destination))} exists; add --force to replace it")
    context = memo_context(library, ids, title=args.title, generated=generated)
    text = render_memo(context, args.format, template, args.template or "")
    if args.output == "-":
        emit(text)
        return 0
    write_atomically(destination, text, force=args.force)
    note(f"wrote {shown(str(destination.absolute()))}")
    return 0
