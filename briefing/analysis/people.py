"""Who is in the text and what they said: named entities, linked, then quotes attributed.

The glue between the passes that each do one thing: the text is tokenised and split into
sentences once (`entities.doc.Doc`), the tagger finds name mentions in those sentences (`ner`),
the entity builder links them into entities with types, roles and aliases (`entities`), and the
quote finder attributes direct quotations to a mention (`quotes`). Here their records become
model objects, and each quote's speaker becomes an entity id.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from briefing.analysis.entities.doc import Doc
from briefing.cycles import cycle_collector_paused
from briefing.model import Document, Entity, EntityType, Mention, Quote

NER_CHUNK_CHARS = 200_000
"""Tag a long report this many characters (whole paragraphs) at a time: the tagger's token
and feature lists for 5 MB at once would double the reader's memory. An article is one chunk."""


def _chunks(paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    chunks: list[tuple[int, int]] = []
    start = None
    for p_start, p_end in paragraphs:
        if start is None:
            start = p_start
        if p_end - start >= NER_CHUNK_CHARS:
            chunks.append((start, p_end))
            start = None
    if start is not None:
        chunks.append((start, paragraphs[-1][1]))
    return chunks


def tag_names(doc: Doc, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The NER tagger's (start, end, type) mentions, from the entity step's own tokens and
    sentences (the tagger's tokenizer), so the text is tokenised once for both; the surname
    rule (`tag_document_spans`) sees a chunk of whole paragraphs at a time, as `extract`
    would."""
    from briefing.analysis.ner import load_model, tag_document_spans

    model = load_model()
    toks, starts, ends = doc.toks, doc.starts, doc.ends
    mentions: list[tuple[int, int, str]] = []
    for chunk_start, chunk_end in _chunks(paragraphs):
        ranges = [doc.sentence_tokens(si) for si in doc.sentences_between(chunk_start, chunk_end)]
        found = tag_document_spans(model, [toks[r.start : r.stop] for r in ranges])
        for r, spans in zip(ranges, found, strict=True):
            base = r.start
            mentions.extend((starts[base + a], ends[base + b - 1], kind) for a, b, kind in spans)
    return mentions


def extract_entities(
    document: Document,
) -> tuple[tuple[Entity, ...], list[tuple[int, int, str]]]:
    """The document's entities (tokens, names tagged, linked, typed, with roles), and the
    tagger's mentions they were built from (the quote finder reads those too)."""
    from briefing.analysis.entities import build_entities
    from briefing.analysis.entities.evidence import backed_by_the_text

    # long_lived: what outlives the pass (the entities, the mentions, the tagger's word cache)
    # goes to the oldest generation unexamined when the collector comes back; the rest (the
    # tokens, the linking's tables) is freed by reference counting as usual. Otherwise the
    # first young collection after the pause walks the 200,000 objects alive at its end, and
    # the next one walks them again (5 % of this step on a megabyte of news, to free nothing).
    with cycle_collector_paused(long_lived=True):
        text = document.text
        paragraphs = [(p.start, p.end) for p in document.paragraphs]
        doc = Doc(text, paragraphs)
        mentions = tag_names(doc, paragraphs)
        records = build_entities(text, paragraphs, mentions, doc)
        records = backed_by_the_text(records, text, paragraphs, doc.lower_words)
        entities = tuple(
            Entity(
                id=str(record.id),
                name=record.name,
                type=EntityType(record.type),
                role=record.role,
                aliases=tuple(record.aliases),
                mentions=tuple(
                    Mention(start, end, paragraph) for start, end, paragraph in record.mentions
                ),
            )
            for record in records
        )
    return entities, mentions


def attribute_quotes(
    document: Document,
    entities: Sequence[Entity],
    mentions: Sequence[tuple[int, int, str]],
) -> tuple[Quote, ...]:
    """The direct quotations of the document, each with its speaker among `entities`."""
    from briefing.analysis.quotes import find_quotes

    text = document.text
    paragraphs = [(p.start, p.end) for p in document.paragraphs]
    spans = sorted((m.start, m.end, entity.id) for entity in entities for m in entity.mentions)
    starts = [s[0] for s in spans]
    by_name: dict[str, str] = {}
    for entity in entities:
        for name in (entity.name, *entity.aliases):
            by_name.setdefault(name.casefold(), entity.id)

    def speaker_of(start: int | None, end: int | None, name: str | None) -> str | None:
        if start is not None and end is not None:
            i = bisect.bisect_right(starts, end) - 1
            while i >= 0 and spans[i][1] > start - 200:
                s, e, entity_id = spans[i]
                if s < end and e > start:
                    return entity_id
                i -= 1
        if name:
            return by_name.get(name.casefold())
        return None

    with cycle_collector_paused():
        found = find_quotes(text, paragraphs, mentions)
    return tuple(
        Quote(
            q.start,
            q.end,
            speaker_of(q.speaker_start, q.speaker_end, q.speaker_name),
            q.speaker_name,
        )
        for q in found
    )


def entities_and_quotes(document: Document) -> tuple[tuple[Entity, ...], tuple[Quote, ...]]:
    """The entities of the document and its quotations attributed to them."""
    entities, mentions = extract_entities(document)
    return entities, attribute_quotes(document, entities, mentions)
