"""Who is in the text and what they said: named entities, linked, then quotes attributed.

The glue between the passes that each do one thing: the text is tokenised and split into
sentences once (`entities.tokenized.TokenizedText`), the tagger finds name mentions in those
sentences (`ner`), the entity builder links them into entities with types, roles and aliases
(`entities`), and the quote finder attributes direct quotations to a mention (`quotes`). Here
their records become model objects, and each quote's speaker becomes an entity id.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from briefing.analysis.entities.tokenized import TokenizedText
from briefing.analysis.headline_names import headline_names
from briefing.analysis.ner.labels import ORG, PER
from briefing.cycles import cycle_collector_paused
from briefing.model import Document, Entity, EntityType, Mention, ParagraphKind, Quote

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


def tag_names(doc: TokenizedText, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
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


_NOT_PROSE = frozenset({ParagraphKind.CODE, ParagraphKind.TABLE})


def _without_code_and_tables(document: Document) -> str:
    """The text with code blocks and tables blanked out (spaces, so every offset holds): their
    words are symbols and labels ("NNP", "DT", "None"), not names of people or organisations."""
    skipped = [p for p in document.paragraphs if p.kind in _NOT_PROSE]
    text = document.text
    if not skipped:
        return text
    parts: list[str] = []
    at = 0
    for paragraph in skipped:
        parts.append(text[at : paragraph.start])
        parts.append(" " * (paragraph.end - paragraph.start))
        at = paragraph.end
    parts.append(text[at:])
    return "".join(parts)


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
        text = _without_code_and_tables(document)
        paragraphs = [(p.start, p.end) for p in document.paragraphs]
        doc = TokenizedText(text, paragraphs)
        mentions = tag_names(doc, paragraphs)
        records = build_entities(text, paragraphs, mentions, doc)
        records = backed_by_the_text(records, text, paragraphs, doc.lower_words)
        entities = tuple(
            Entity(
                id=str(record.id),
                name=record.name,
                type=record.type,
                role=record.role,
                aliases=tuple(record.aliases),
                mentions=tuple(
                    Mention(start, end, paragraph) for start, end, paragraph in record.mentions
                ),
            )
            for record in records
        )
    return entities, mentions


_SPEAKER_TYPES = {EntityType.PERSON: PER, EntityType.ORGANIZATION: ORG}


def speaker_mentions(
    entities: Sequence[Entity], mentions: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The names the quote finder may take a speaker from: the mentions of the people and
    organisations of the reading, typed as the reading types them (the tagger's "PER" on
    "Jerusalem" or on a nationality is not a speaker the sidebar lists). Without entities
    (the quote finder run alone), the tagger's mentions."""
    if not entities:
        return list(mentions)
    return sorted(
        (m.start, m.end, _SPEAKER_TYPES[entity.type])
        for entity in entities
        if entity.type in _SPEAKER_TYPES
        for m in entity.mentions
    )


def attribute_quotes(
    document: Document,
    entities: Sequence[Entity],
    mentions: Sequence[tuple[int, int, str]],
) -> tuple[Quote, ...]:
    """The direct quotations of the document, each with its speaker among `entities` (a
    person or organisation where the name is one), or none."""
    from briefing.analysis.quotes import QuoteRecord, find_quotes

    text = document.text
    paragraphs = [(p.start, p.end) for p in document.paragraphs]
    # People and organisations first: a name the quote finder read itself may also lie in
    # another entity (a person the reading typed as a place is still the one who spoke).
    ranked = sorted(entities, key=lambda entity: entity.type not in _SPEAKER_TYPES)
    other = {entity.id for entity in entities if entity.type not in _SPEAKER_TYPES}
    spans = sorted((m.start, m.end, entity.id) for entity in ranked for m in entity.mentions)
    starts = [s[0] for s in spans]
    by_name: dict[str, str] = {}
    for entity in ranked:
        for name in (entity.name, *entity.aliases):
            by_name.setdefault(name.casefold(), entity.id)

    def entity_at(start: int, end: int) -> str | None:
        found = None
        i = bisect.bisect_right(starts, end) - 1
        while i >= 0 and spans[i][1] > start - 200:
            s, e, entity_id = spans[i]
            if s < end and e > start:
                if entity_id not in other:
                    return entity_id
                found = found or entity_id
            i -= 1
        return found

    def speaker_of(q: QuoteRecord) -> str | None:
        # The entity of the name the speaker was resolved to ("he" -> the "Jane Smith" it
        # stands for), else the entity that goes by that name; an unnamed speaker ("a
        # spokesman") has none.
        if q.name_start is None or q.name_end is None:
            return None
        entity_id = entity_at(q.name_start, q.name_end)
        if entity_id is None and q.speaker_name:
            entity_id = by_name.get(q.speaker_name.casefold())
        return entity_id

    names = {entity.id: entity.name for entity in entities}
    in_headline = headline_names(document.metadata.title, text)
    with cycle_collector_paused():
        found = find_quotes(text, paragraphs, speaker_mentions(entities, mentions), in_headline)
    quotes = []
    for q in found:
        speaker = speaker_of(q)
        # The sidebar's name for a linked speaker; a description ("a police spokesman") for an
        # unnamed one; no name for a name that is no entity of the reading.
        shown = names[speaker] if speaker is not None else None
        if shown is None and q.name_start is None:
            shown = q.speaker_name
        quotes.append(Quote(q.start, q.end, speaker, shown))
    return tuple(quotes)


def named_in_headline(entities: Sequence[Entity], document: Document) -> tuple[Entity, ...]:
    """A person the body names by surname alone takes the full name the headline gives them
    ("Clinton" under "Hillary Clinton Goes After …"), when the headline has one full name with
    that surname. The headline adds no entity and no mention: every mention of the reading is
    in the body, and a person named only in the headline has nothing there to show."""
    by_surname: dict[str, set[str]] = {}
    for first, surname in headline_names(document.metadata.title, document.text):
        by_surname.setdefault(surname, set()).add(f"{first} {surname}")
    if not by_surname:
        return tuple(entities)
    taken = {entity.name for entity in entities}
    named: list[Entity] = []
    for entity in entities:
        full = by_surname.get(entity.name, set())
        if entity.type == EntityType.PERSON and len(full) == 1 and not full & taken:
            (name,) = full
            entity = replace(entity, name=name, aliases=(entity.name, *entity.aliases))
        named.append(entity)
    return tuple(named)


def entities_and_quotes(document: Document) -> tuple[tuple[Entity, ...], tuple[Quote, ...]]:
    """The entities of the document and its quotations attributed to them."""
    entities, mentions = extract_entities(document)
    entities = named_in_headline(entities, document)
    return entities, attribute_quotes(document, entities, mentions)
