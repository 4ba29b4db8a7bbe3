"""`briefing who`: who's who across the library.

    briefing who [NAME...] [--type T] [--limit N] [--format text|json]

Without a name: people, organisations and places by the number of briefings they appear in.
With one: every briefing that mentions it (title, date, sections), the roles seen, what it said
and who appears with it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence

from briefing.cli.common import Parser, add_data_dir, apply_data_dir, count_of, emit, fail, note
from briefing.model import EntityType
from briefing.text.safety import json_safe, shown

TYPES = tuple(EntityType)
HEADINGS: dict[str, str] = {
    EntityType.PERSON: "People",
    EntityType.ORGANIZATION: "Organisations",
    EntityType.PLACE: "Places",
    EntityType.EVENT: "Events",
    EntityType.OTHER: "Others",
}
QUOTES_SHOWN = 10
"""Quotes the text listing gives (`--format json` gives them all)."""
STALE_REFRESH_LIMIT = 50
"""`who` without a name reads again up to this many briefings that an older analysis read."""


def _parser() -> Parser:
    parser = Parser(
        prog="briefing who",
        description="Who's who across the library. Without a name: the people, organisations "
        "and places by the number of briefings they appear in. With a name (or part of one): "
        "every briefing that mentions it, the roles seen, what it said and who appears with it.",
    )
    parser.add_argument("name", nargs="*", metavar="NAME")
    parser.add_argument("--type", choices=TYPES, help="only entities of this type")
    parser.add_argument(
        "--limit", type=int, default=20, metavar="N", help="entries per type (default 20; 0: all)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_data_dir(parser)
    return parser


def _one(text: str) -> str:
    """`text` on one line, anything invisible shown as an escape."""
    return shown(" ".join(text.split()))


def run(argv: Sequence[str]) -> int:
    from briefing.service.library import analysis_key, refresh_stale, whos_who
    from briefing.store.library import Library

    args = _parser().parse_args(argv)
    apply_data_dir(args)
    library = Library()
    limit = None if args.limit <= 0 else args.limit
    if args.name:
        return _profile(library, " ".join(args.name), args.type, args.format, limit)
    stale = library.stale(analysis_key()) if library.store.exists() else []
    if stale and library.store.writable():
        if len(stale) <= STALE_REFRESH_LIMIT:
            refresh_stale(library, stale)
        else:
            note(
                f"briefing: {count_of(len(stale), 'briefing')} of the library were read by an "
                "earlier analysis or not at all; what follows leaves them out until 'briefing "
                "add' reads them again (or 'briefing who NAME' asks for them)"
            )
    found = whos_who(library, limit)
    if args.type:
        from briefing.store.whoswho import whos_who as by_type

        with library.store.reading() as connection:
            found = by_type(connection, (args.type,), limit)
    if args.format == "json":
        out = {
            t: [{"id": e.entity_id, "name": e.name, "briefings": e.briefings} for e in entries]
            for t, entries in found.items()
        }
        emit(json_safe(json.dumps(out, ensure_ascii=False, indent=1)) + "\n")
        return 0
    if not any(found.values()):
        emit("No one yet: the library has no briefings with people, organisations or places.\n")
        return 0
    lines: list[str] = []
    for type, entries in found.items():
        if not entries:
            continue
        lines.append(HEADINGS[type])
        width = len(str(entries[0].briefings))
        for entry in entries:
            lines.append(f"  {entry.briefings:>{width}}  {_one(entry.name)}")
        lines.append("")
    emit("\n".join(lines))
    return 0


def _profile(library: object, name: str, type: str | None, format: str, limit: int | None) -> int:
    from briefing.service.library import profile_of, who
    from briefing.store.library import Library

    assert isinstance(library, Library)
    candidates = who(library, name, type)
    if not candidates:
        return fail(f"no one called {name!r} in the library (see 'briefing who')")
    chosen = candidates[0]
    exact = _exact(library, name, chosen)
    if len(candidates) > 1 and not exact:
        listed = "; ".join(
            f"{_one(c.name)} ({c.type}, {count_of(c.briefings, 'briefing')})"
            for c in candidates[:8]
        )
        more = f" and {len(candidates) - 8} more" if len(candidates) > 8 else ""
        return fail(f"{name!r} could be: {listed}{more}; give more of the name or --type")
    shown_quotes = None if format == "json" else QUOTES_SHOWN
    profile = profile_of(library, chosen, companions=limit or 10, quotes=shown_quotes)
    others = [c for c in candidates if c.entity_id != chosen.entity_id]
    if format == "json":
        out = {
            "id": profile.entity.entity_id,
            "name": profile.entity.name,
            "type": profile.entity.type,
            "briefings": profile.entity.briefings,
            "names": list(profile.names),
            "roles": list(profile.roles),
            "appearances": [
                {
                    "id": a.document_id,
                    "title": a.title,
                    "source": a.source,
                    "date": a.date,
                    "read": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(a.read)),
                    "name": a.name,
                    "role": a.role,
                    "mentions": a.mentions,
                    "sections": list(a.sections),
                }
                for a in profile.appearances
            ],
            "quotes": [
                {"id": q.document_id, "title": q.title, "section": q.section, "text": q.text}
                for q in profile.quotes
            ],
            "with": [
                {"id": c.entity_id, "name": c.name, "type": c.type, "briefings": c.briefings}
                for c in profile.companions
            ],
            "others": [
                {"id": c.entity_id, "name": c.name, "type": c.type, "briefings": c.briefings}
                for c in others
            ],
        }
        emit(json_safe(json.dumps(out, ensure_ascii=False, indent=1)) + "\n")
        return 0
    entity = profile.entity
    lines = [f"{_one(entity.name)} — {entity.type}, in {count_of(entity.briefings, 'briefing')}"]
    if len(profile.names) > 1:
        lines.append("Also called: " + ", ".join(_one(n) for n in profile.names[1:8]))
    if profile.roles:
        lines.append("Roles: " + "; ".join(_one(r) for r in profile.roles[:8]))
    lines += ["", "Briefings:"]
    for a in profile.appearances:
        day = a.date or time.strftime("%Y-%m-%d", time.localtime(a.read))
        where = ", ".join(_one(s) for s in a.sections[:6])
        lines.append(f"  {a.document_id:>4}  {_one(a.title)}  ({_one(day)})")
        if where:
            lines.append(f"        sections: {where}")
    if profile.quotes:
        lines += ["", "Said:"]
        for quote in profile.quotes:
            where = _one(quote.title) + (f", § {_one(quote.section)}" if quote.section else "")
            lines.append(f"  {_one(quote.text)}  — {where}")
    if profile.companions:
        lines += ["", "Appears with:"]
        for c in profile.companions:
            lines.append(
                f"  {_one(c.name)} ({c.type}) — {count_of(c.briefings, 'briefing')} together"
            )
    if others:
        lines += [
            "",
            "Others so named: "
            + "; ".join(
                f"{_one(c.name)} ({c.type}, {count_of(c.briefings, 'briefing')})"
                for c in others[:8]
            ),
        ]
    emit("\n".join(lines) + "\n")
    return 0


def _exact(library: object, name: str, entry: object) -> bool:
    """Whether `name` is the very name (or alias) of the first candidate, not a part of it."""
    from briefing.store.library import Library
    from briefing.store.whoswho import HONORIFICS, WhoEntry, name_key

    assert isinstance(library, Library)
    assert isinstance(entry, WhoEntry)
    words = name_key(name).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    key = " ".join(words)
    with library.store.reading() as connection:
        return (
            connection.execute(
                "SELECT 1 FROM entity_keys WHERE entity_id = ? AND key IN (?, ?)",
                (entry.entity_id, key, f"country {key}"),
            ).fetchone()
            is not None
        )
