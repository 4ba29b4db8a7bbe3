"""A `Reading` as plain JSON-ready data: what `briefing analyze --format json` prints.

The same functions feed the analysis cache, which stores everything but the text (that is
re-read from the source, so the cache never holds a second copy of it).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from briefing.model import (
    Document,
    Entity,
    EntityType,
    Mention,
    Quote,
    Reading,
    Section,
    Sentence,
    Span,
    TitleSource,
)
from briefing.safety import shown

SCHEMA_VERSION = 1


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


def _entity(e: Entity) -> dict[str, Any]:
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
        "entities": [_entity(e) for e in reading.entities],
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
