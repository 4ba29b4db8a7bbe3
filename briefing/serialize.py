"""A `Reading` as plain JSON-ready data: what `briefing analyze --format json` prints.

The same functions feed the analysis cache, which stores everything but the text (that is
re-read from the source, so the cache never holds a second copy of it).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from briefing.model import (
    ColumnAlign,
    Document,
    Entity,
    EntityType,
    InlineStyle,
    Mention,
    Metadata,
    Paragraph,
    ParagraphKind,
    Quote,
    Reading,
    Section,
    Sentence,
    Span,
    StyleKind,
    Table,
    TitleSource,
)
from briefing.text.safety import shown

SCHEMA_VERSION = 1

T = TypeVar("T")


def metadata_dict(document: Document) -> dict[str, Any]:
    m = document.metadata
    return {
        "title": m.title,
        "dateline": m.dateline,
        "byline": m.byline,
        "date": m.date,
        "credits": list(m.credits),
        "tags": list(m.tags),
        "extra": dict(m.extra),
        "source": shown(document.source_path) if document.source_path is not None else None,
        "format": document.source_format,
        "content_hash": document.content_hash,
    }


def _section(s: Section) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "start_paragraph": s.start_paragraph,
        "end_paragraph": s.end_paragraph,
        "title_source": s.title_source.value,
        "gist": {"start": s.gist.start, "end": s.gist.end} if s.gist else None,
    }


def _entity_dict(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type.value,
        "role": e.role,
        "aliases": list(e.aliases),
        "mentions": [dataclasses.asdict(m) for m in e.mentions],
    }


def analysis_dict(reading: Reading) -> dict[str, Any]:
    """Everything analysis found, without the document itself."""
    return {
        "sentences": [dataclasses.asdict(s) for s in reading.sentences],
        "sections": [_section(s) for s in reading.sections],
        "entities": [_entity_dict(e) for e in reading.entities],
        "quotes": [dataclasses.asdict(q) for q in reading.quotes],
    }


def reading_dict(reading: Reading) -> dict[str, Any]:
    """The whole reading: text, metadata, paragraphs and analysis, all by character offsets."""
    document = reading.document
    return {
        "schema_version": SCHEMA_VERSION,
        "text": document.text,
        "metadata": metadata_dict(document),
        "paragraphs": [
            {"index": p.index, "start": p.start, "end": p.end, "kind": p.kind.value}
            for p in document.paragraphs
        ],
        **analysis_dict(reading),
    }


def reading_from_analysis(document: Document, data: dict[str, Any]) -> Reading:
    """Rebuild a `Reading` from `analysis_dict` output (raises KeyError/TypeError if malformed)."""
    sections = tuple(
        Section(
            id=int(s["id"]),
            title=str(s["title"]),
            start_paragraph=int(s["start_paragraph"]),
            end_paragraph=int(s["end_paragraph"]),
            title_source=TitleSource(s["title_source"]),
            gist=Span(int(s["gist"]["start"]), int(s["gist"]["end"])) if s["gist"] else None,
        )
        for s in data["sections"]
    )
    entities = tuple(
        Entity(
            id=str(e["id"]),
            name=str(e["name"]),
            type=EntityType(e["type"]),
            role=e["role"],
            aliases=tuple(e["aliases"]),
            mentions=tuple(Mention(**m) for m in e["mentions"]),
        )
        for e in data["entities"]
    )
    return Reading(
        document=document,
        sentences=tuple(Sentence(**s) for s in data["sentences"]),
        sections=sections,
        entities=entities,
        quotes=tuple(Quote(**q) for q in data["quotes"]),
    )


# Writing a long reading: the JSON above, made a piece at a time. `json.dumps` of
# `reading_dict` builds a dict for every sentence and mention, then one string of it all
# (with `indent`, in pure Python): for 64 MB of news that was most of a gigabyte and 20 s.

_BATCH = 2000
"""Items a piece holds."""
_TEXT_PIECE = 1 << 20
"""Characters of the text escaped at a time."""


def _string(value: str | None) -> str:
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def _list(items: Sequence[T], item: Callable[[T], str], indent: str) -> Iterator[str]:
    """A list at `indent` (the indentation of the line it opens on), as `json.dumps` with
    `indent=1` writes it; `item` writes one element at the next level."""
    if not items:
        yield "[]"
        return
    inner = "\n" + indent + " "
    for first in range(0, len(items), _BATCH):
        batch = items[first : first + _BATCH]
        yield ("[" if first == 0 else ",") + ",".join(inner + item(x) for x in batch)
    yield "\n" + indent + "]"


def _span(span: Sentence | Mention, indent: str) -> str:
    inner = ",\n" + indent + ' "'
    return (
        f'{{\n{indent} "start": {span.start}{inner}end": {span.end}'
        f'{inner}paragraph": {span.paragraph}\n{indent}}}'
    )


def _paragraph(p: Paragraph) -> str:
    return (
        f'{{\n   "index": {p.index},\n   "start": {p.start},\n   "end": {p.end},\n'
        f'   "kind": "{p.kind.value}"\n  }}'
    )


def _entity(e: Entity) -> str:
    aliases = "".join(_list(e.aliases, _string, "   "))
    mentions = "".join(_list(e.mentions, lambda m: _span(m, "    "), "   "))
    return (
        f'{{\n   "id": {_string(e.id)},\n   "name": {_string(e.name)},\n'
        f'   "type": "{e.type.value}",\n   "role": {_string(e.role)},\n'
        f'   "aliases": {aliases},\n   "mentions": {mentions}\n  }}'
    )


def _quote(q: Quote) -> str:
    return (
        f'{{\n   "start": {q.start},\n   "end": {q.end},\n   "speaker": {_string(q.speaker)},'
        f'\n   "speaker_name": {_string(q.speaker_name)}\n  }}'
    )


def _nested(value: Any) -> str:
    """A small value one level down, as `json.dumps(..., indent=1)` writes it there."""
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n ")


def reading_json(reading: Reading) -> Iterator[str]:
    """`json.dumps(reading_dict(reading), ensure_ascii=False, indent=1)`, the same characters,
    in pieces: what `briefing analyze` prints, without a dict per sentence or one string of
    it all."""
    document = reading.document
    text = document.text
    yield f'{{\n "schema_version": {SCHEMA_VERSION},\n "text": "'
    for start in range(0, len(text), _TEXT_PIECE):
        yield json.dumps(text[start : start + _TEXT_PIECE], ensure_ascii=False)[1:-1]
    yield f'",\n "metadata": {_nested(metadata_dict(document))},\n "paragraphs": '
    yield from _list(document.paragraphs, _paragraph, " ")
    yield ',\n "sentences": '
    yield from _list(reading.sentences, lambda s: _span(s, "  "), " ")
    yield f',\n "sections": {_nested([_section(s) for s in reading.sections])},\n "entities": '
    yield from _list(reading.entities, _entity, " ")
    yield ',\n "quotes": '
    yield from _list(reading.quotes, _quote, " ")
    yield "\n}"


def _compact_span(span: Sentence | Mention) -> str:
    return f'{{"start":{span.start},"end":{span.end},"paragraph":{span.paragraph}}}'


def _compact_quote(q: Quote) -> str:
    speaker, name = json.dumps(q.speaker), json.dumps(q.speaker_name)
    return f'{{"start":{q.start},"end":{q.end},"speaker":{speaker},"speaker_name":{name}}}'


def _compact_entity(e: Entity) -> str:
    head = json.dumps(
        {"id": e.id, "name": e.name, "type": e.type.value, "role": e.role, "aliases": e.aliases},
        separators=(",", ":"),
    )
    mentions = ",".join(map(_compact_span, e.mentions))
    return f'{head[:-1]},"mentions":[{mentions}]}}'


def analysis_json(reading: Reading) -> Iterator[str]:
    """`json.dumps(analysis_dict(reading), separators=(",", ":"))` in pieces, a few thousand
    items at a time: what the cache stores."""

    def pieces(items: Sequence[T], item: Callable[[T], str]) -> Iterator[str]:
        yield "["
        for first in range(0, len(items), _BATCH):
            yield ("," if first else "") + ",".join(map(item, items[first : first + _BATCH]))
        yield "]"

    sections = json.dumps([_section(s) for s in reading.sections], separators=(",", ":"))
    yield '{"sentences":'
    yield from pieces(reading.sentences, _compact_span)
    yield f',"sections":{sections},"entities":'
    yield from pieces(reading.entities, _compact_entity)
    yield ',"quotes":'
    yield from pieces(reading.quotes, _compact_quote)
    yield "}"


# A document without its text, for the library's snapshot: with the text kept beside it, this
# gives back the very `Document` that was read (equal field by field), so a document whose file
# is gone, or that came from standard input, opens, analyses and keeps its notes as before.


def structure_dict(document: Document) -> dict[str, Any]:
    """Everything of `document` but its text and hash, as JSON-ready data."""
    m = document.metadata
    return {
        "paragraphs": [[p.start, p.end, p.kind.value, p.level] for p in document.paragraphs],
        "metadata": {
            "title": m.title,
            "dateline": m.dateline,
            "byline": m.byline,
            "date": m.date,
            "credits": list(m.credits),
            "tags": list(m.tags),
            "extra": [list(pair) for pair in m.extra],
        },
        "styles": [[s.start, s.end, s.kind.value, s.target] for s in document.styles],
        "section_breaks": [[i, title] for i, title in document.section_breaks],
        "tables": [
            [t.paragraph, [list(row) for row in t.rows], t.header_rows, [a.value for a in t.aligns]]
            for t in document.tables
        ],
        "source_path": document.source_path,
        "format": document.source_format,
    }


def document_from_structure(text: str, content_hash: str, data: dict[str, Any]) -> Document:
    """The `Document` of `structure_dict` output and its text (KeyError, TypeError or
    ValueError if the data is malformed)."""
    m = data["metadata"]
    return Document(
        text=text,
        paragraphs=tuple(
            Paragraph(i, int(s), int(e), ParagraphKind(kind), int(level))
            for i, (s, e, kind, level) in enumerate(data["paragraphs"])
        ),
        metadata=Metadata(
            title=m["title"],
            dateline=m["dateline"],
            byline=m["byline"],
            date=m["date"],
            credits=tuple(str(c) for c in m["credits"]),
            tags=tuple(str(t) for t in m["tags"]),
            extra=tuple((str(k), str(v)) for k, v in m["extra"]),
        ),
        content_hash=content_hash,
        source_path=data["source_path"],
        source_format=str(data["format"]),
        styles=tuple(
            InlineStyle(int(s), int(e), StyleKind(kind), target)
            for s, e, kind, target in data["styles"]
        ),
        section_breaks=tuple((int(i), str(title)) for i, title in data["section_breaks"]),
        tables=tuple(  # absent from snapshots made before tables were drawn as such
            Table(
                int(paragraph),
                tuple(tuple(int(b) for b in row) for row in rows),
                int(header_rows),
                tuple(ColumnAlign(a) for a in aligns),
            )
            for paragraph, rows, header_rows, aligns in data.get("tables", ())
        ),
    )
