"""A very long document (beyond `LARGE_TEXT_CHARS`) analysed in bounded time and memory.

The reader accepts files up to 64 MiB. Analysed like an article, such a text took minutes and
gigabytes: the entity step keeps a Python object for every token, titles count every word of
every section. So past `LARGE_TEXT_CHARS` the analysis degrades, in ways a reader of a report
that long barely notices:

- sentences are found as for any document; sections too (the segmenter reads a window of
  blocks at a time anyway), but its blocks are runs of consecutive paragraphs of at least
  `GROUP_CHARS` characters (a list of a million short items is a hundred thousand blocks,
  not a million), a stream of one sentence a line goes in windows of 200 blocks rather than
  400, and only the first 10,000 characters of a block count;
- titles and gists are drawn from the opening `SECTION_SAMPLE_CHARS` of each section (news
  puts its subject first), a window of sections at a time, so a name counts as common or rare
  within the sections around it rather than across the whole report;
- people, organisations, places and quotes are found a chunk of about `ENTITY_CHUNK_CHARS` at
  a time (cut where a section starts when one is near), the chunks' entities of the same name
  and type merged into one, and only in the first `ENTITY_BUDGET_CHARS` of the text: past it
  the document has no entities or quotes.

The reading's contract holds as for any document: sections cover every paragraph once and in
order, titles are not empty, every span lies inside the text.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence

from briefing.ingest.builder import DocumentBuilder
from briefing.model import (
    Document,
    Entity,
    Mention,
    Metadata,
    Paragraph,
    Quote,
    Section,
    Sentence,
    Span,
)

LARGE_TEXT_CHARS = 8_000_000
"""Longest text analysed in full; a longer one is analysed as this module says."""
SECTION_SAMPLE_CHARS = 800
"""Characters of each section, from its start, that its title and gist are drawn from."""
TITLE_WINDOW_CHARS = 250_000
"""Sampled characters titled together (words are common or rare within them)."""
ENTITY_CHUNK_CHARS = 1_000_000
"""Characters whose entities are found together."""
ENTITY_BUDGET_CHARS = 12_000_000
"""Characters, from the start, in which entities and quotes are found."""

Span3 = tuple[int, int, Section | None]
Describe = Callable[
    [Document, list[Span3], Sequence[Sentence], set[str]],
    tuple[Section, ...],
]


GROUP_CHARS = 1_000
"""A very long document's paragraphs are segmented in runs of at least this many characters."""
GROUP_READ_CHARS = 10_000
"""Characters of a run that the segmenter reads."""


def is_large(document: Document) -> bool:
    return len(document.text) > LARGE_TEXT_CHARS


def group_paragraphs(document: Document) -> list[int]:
    """The first paragraph of each run of consecutive paragraphs of at least `GROUP_CHARS`
    characters (a long paragraph is a run of its own). A list or a transcript of a million short
    lines is segmented as runs of them: sections may start only where a run does, and the
    segmenter's work falls with the number of blocks it compares."""
    firsts: list[int] = []
    size = GROUP_CHARS
    for index, paragraph in enumerate(document.paragraphs):
        if size >= GROUP_CHARS:
            firsts.append(index)
            size = 0
        size += paragraph.end - paragraph.start
    return firsts


def describe_sampled(
    document: Document,
    spans: list[Span3],
    taken: set[str],
    describe: Describe,
    progress: Callable[[float], None] | None = None,
) -> tuple[Section, ...]:
    """Titles and gists of `spans` (first and last paragraph, and the section the source
    declares, if any), from a document made of each section's opening, a window at a time;
    `describe` titles the spans of such a sample as it would those of a whole document, with
    `taken` the titles already in use (it adds its own)."""
    sections: list[Section] = []
    window: list[Span3] = []
    size = 0
    for n, span in enumerate(spans):
        window.append(span)
        size += min(SECTION_SAMPLE_CHARS, _chars(document, span[0], span[1]))
        if size >= TITLE_WINDOW_CHARS or n == len(spans) - 1:
            if progress is not None:
                progress(n / len(spans))
            sections.extend(_describe_window(document, window, taken, describe, len(sections)))
            window, size = [], 0
    return tuple(sections)


def _chars(document: Document, start: int, end: int) -> int:
    return document.paragraphs[end].end - document.paragraphs[start].start


def _describe_window(
    document: Document, window: list[Span3], taken: set[str], describe: Describe, first_id: int
) -> list[Section]:
    text = document.text
    builder = DocumentBuilder()
    origins: list[int] = []
    """The document's paragraph of each paragraph of the sample."""
    sample_spans: list[Span3] = []
    for start, end, given in window:
        first = builder.paragraph_count
        room = SECTION_SAMPLE_CHARS
        for index in range(start, end + 1):
            paragraph = document.paragraphs[index]
            piece = text[paragraph.start : min(paragraph.end, paragraph.start + room)]
            if len(piece) < paragraph.end - paragraph.start:
                cut = piece.rfind(" ")
                piece = piece[:cut] if cut > len(piece) // 2 else piece
            if builder.add(piece, paragraph.kind, paragraph.level) is not None:
                origins.append(index)
            room -= len(piece)
            if room <= 0:
                break
        sample_spans.append((first, builder.paragraph_count - 1, given))
    sample = builder.build(Metadata(), "", None, document.source_format)
    from briefing.analysis.sentences import split_sentences

    described = describe(sample, sample_spans, split_sentences(sample), taken)
    sections = []
    for n, ((start, end, _), section) in enumerate(zip(window, described, strict=True)):
        gist = section.gist
        if gist is not None:
            # a sample paragraph is the start of the document's paragraph: same text
            local = sample.paragraphs[sample.paragraph_at(gist.start)]
            shift = document.paragraphs[origins[local.index]].start - local.start
            gist = Span(gist.start + shift, gist.end + shift)
        sections.append(
            Section(first_id + n, section.title, start, end, section.title_source, gist)
        )
    return sections


def entity_chunks(
    document: Document, sentences: Sequence[Sentence], section_starts: Sequence[int]
) -> Iterator[tuple[int, int]]:
    """Character ranges of at least `ENTITY_CHUNK_CHARS` (but the last), in order from the
    start of the text until `ENTITY_BUDGET_CHARS` are covered: each ends where a section
    starts if one does within another chunk's length, else where a paragraph does, else
    (inside a long paragraph) where a sentence does, else anywhere."""
    length = len(document.text)
    limit = min(length, ENTITY_BUDGET_CHARS)
    paragraphs = document.paragraphs
    cuts = (
        [paragraphs[i].start for i in sorted(set(section_starts)) if 0 <= i < len(paragraphs)],
        [p.start for p in paragraphs],
        [s.start for s in sentences],
    )
    position = 0
    while position < limit:
        target = position + ENTITY_CHUNK_CHARS
        if target >= length:
            yield position, length
            return
        cut = target
        for offsets in cuts:
            k = bisect_left(offsets, target)
            if k < len(offsets) and offsets[k] <= target + ENTITY_CHUNK_CHARS:
                cut = offsets[k]
                break
        yield position, cut
        position = cut


def chunk_document(document: Document, start: int, end: int) -> tuple[Document, int]:
    """The text `start..end` as a document of its own (the paragraphs, or parts of them,
    inside it), and the index of the document's paragraph that is its first."""
    text = document.text
    pieces = []
    for paragraph in document.paragraphs[document.paragraph_at(start) :]:
        if paragraph.start >= end:
            break
        a, b = max(paragraph.start, start), min(paragraph.end, end)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            pieces.append((paragraph, a - start, b - start))
    first = pieces[0][0].index if pieces else 0
    chunk = Document(
        text=text[start:end],
        paragraphs=tuple(Paragraph(p.index - first, a, b, p.kind, p.level) for p, a, b in pieces),
        metadata=Metadata(),
        content_hash="",
        source_format=document.source_format,
    )
    return chunk, first


def entities_and_quotes(
    document: Document,
    sentences: Sequence[Sentence],
    sections: Sequence[Section],
    progress: Callable[[float], None] | None = None,
) -> tuple[tuple[Entity, ...], tuple[Quote, ...]]:
    """People, organisations, places and quotes, a chunk at a time (`entity_chunks`), the
    same name and type in several chunks one entity."""
    from briefing.analysis.people import entities_and_quotes as whole

    merged: dict[tuple[str, str], int] = {}
    found: list[tuple[Entity, list[str], list[Mention]]] = []
    quotes: list[Quote] = []
    starts = [s.start_paragraph for s in sections]
    limit = min(len(document.text), ENTITY_BUDGET_CHARS)
    for start, end in entity_chunks(document, sentences, starts):
        if progress is not None:
            progress(start / limit)
        chunk, first = chunk_document(document, start, end)
        if not chunk.paragraphs:
            continue
        entities, chunk_quotes = whole(chunk)
        ids: dict[str, str] = {}
        for entity in entities:
            key = (entity.name, entity.type.value)
            if key not in merged:
                merged[key] = len(found)
                found.append((entity, [], []))
            number = merged[key]
            ids[entity.id] = f"e{number + 1}"
            _, aliases, mentions = found[number]
            aliases.extend(a for a in entity.aliases if a not in aliases)
            mentions.extend(
                Mention(m.start + start, m.end + start, m.paragraph + first)
                for m in entity.mentions
            )
        quotes.extend(
            Quote(
                q.start + start,
                q.end + start,
                ids.get(q.speaker) if q.speaker is not None else None,
                q.speaker_name,
            )
            for q in chunk_quotes
        )
    entities = tuple(
        Entity(
            f"e{n + 1}",
            entity.name,
            entity.type,
            entity.role,
            tuple(aliases),
            tuple(mentions),
        )
        for n, (entity, aliases, mentions) in enumerate(found)
    )
    return entities, tuple(quotes)
