"""`briefing search`: full-text search across the library.

    briefing search QUERY... [--format text|json] [--limit N]

Imports sqlite3 and the store only (no analysis, no UI): in a fresh process it costs little
more than `briefing --version` (`benchmarks/search_start.py`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence

from briefing.cli.common import Parser, add_data_dir, apply_data_dir, count_of, emit
from briefing.text.safety import json_safe, sanitize, shown


def _parser() -> Parser:
    parser = Parser(
        prog="briefing search",
        description="Search every document of the library: titles, text, notes and tags. "
        "Every word must be in the document (whole words, any case, accents ignored); "
        '"a phrase" in quotes, word* for words starting so, #tag for a tag. Best matches '
        "first, with where they match.",
    )
    parser.add_argument("query", nargs="+", metavar="QUERY")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--limit", type=int, default=20, metavar="N", help="show the best N (default 20; 0: all)"
    )
    add_data_dir(parser)
    return parser


def run(argv: Sequence[str]) -> int:
    from briefing.store.database import Store
    from briefing.store.fulltext import search

    args = _parser().parse_args(argv)
    apply_data_dir(args)
    query = " ".join(args.query)
    results = search(Store.default(), query, limit=None if args.limit <= 0 else args.limit)
    if args.format == "json":
        out = {
            "query": results.query,
            "total": results.total,
            "results": [
                {
                    "id": hit.document_id,
                    "title": hit.title,
                    "source": hit.source,
                    "read": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(hit.read)),
                    "score": round(hit.score, 6),
                    "matches": [
                        {
                            "in": s.where,
                            "snippet": s.text,
                            "marks": [list(m) for m in s.marks],
                            "section": s.section,
                            "section_index": s.section_index,
                            "offset": s.offset,
                            "note": s.annotation_id,
                        }
                        for s in hit.snippets
                    ],
                }
                for hit in results.hits
            ],
        }
        emit(json_safe(json.dumps(out, ensure_ascii=False, indent=1)) + "\n")
        return 0
    shown_query = shown(query)
    if not results.total:
        emit(f"No document matches {shown_query}.\n")
        return 0
    head = f"{count_of(results.total, 'document')} match {shown_query}"
    if len(results.hits) < results.total:
        head += f" (the best {len(results.hits)}; --limit 0 shows all)"
    lines = [head + ":", ""]
    width = len(str(max(hit.document_id for hit in results.hits)))
    for hit in results.hits:
        day = time.strftime("%Y-%m-%d", time.localtime(hit.read))
        source = f"  · {shown(hit.source)}" if hit.source else ""
        lines.append(f"{hit.document_id:>{width}}  {shown(sanitize(hit.title))}{source}  ({day})")
        for snippet in hit.snippets[:3]:
            where = snippet.where
            if snippet.section:
                where += f" · § {snippet.section}"
            lines.append(f"{'':>{width}}  {shown(sanitize(where))}: {shown(snippet.marked())}")
        lines.append("")
    emit("\n".join(lines))
    return 0
