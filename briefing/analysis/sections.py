"""Sections: the source's own headings where it has them, else topical segmentation; each with
a title and a gist.

Structured sources keep their structure: Markdown `##` headings (and plain-text heading lines)
are the sections, titled by the heading; text before the first heading becomes a lead section
with an automatic title. A long headed section is not split further: the author's structure is
what the reader navigates by. Text without headings is segmented by topic
(`segmentation.py`) and every section gets an automatic title (`titles.py`).

Two shapes are read for the segmenter as their authors wrote them, and their sections mapped
back onto the paragraphs as shown: text taken from a PDF without its page furniture, its
paragraphs cut by page breaks joined (`page_reading`), and a transcript in runs of turns
(`turn_reading`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import overload

from briefing.analysis import large
from briefing.model import Document, Section, Sentence, TitleSource

LEAD_TITLE = "Introduction"
"""Title of the text before the first heading until analysis names it."""

Progress = Callable[[float, str], None]


def structural_sections(document: Document) -> tuple[Section, ...]:
    """Sections from the source's headings alone, without analysis: instant, for first display."""
    last = len(document.paragraphs) - 1
    if last < 0:
        return ()
    breaks: list[tuple[int, str]] = []
    for i, title in document.section_breaks:  # strictly increasing, titled, inside the text
        if 0 <= i <= last and title.strip():
            while breaks and i <= breaks[-1][0]:
                breaks.pop()
            breaks.append((i, title.strip()))
    if not breaks:
        return (Section(0, document.display_title, 0, last, TitleSource.AUTO),)
    starts: list[tuple[int, str, TitleSource]] = []
    if breaks[0][0] > 0:
        starts.append((0, LEAD_TITLE, TitleSource.AUTO))
    starts.extend((i, title, TitleSource.HEADING) for i, title in breaks)
    sections = []
    for n, (start, title, source) in enumerate(starts):
        end = starts[n + 1][0] - 1 if n + 1 < len(starts) else last
        sections.append(Section(n, title, start, end, source))
    return tuple(sections)


class _ParagraphTexts(Sequence[str]):
    """The paragraphs' texts, each cut from the document when asked: a list of them all would
    be a second copy of a long document's text."""

    def __init__(self, document: Document) -> None:
        self._text = document.text
        self._paragraphs = document.paragraphs

    def __len__(self) -> int:
        return len(self._paragraphs)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        paragraph = self._paragraphs[index]
        return self._text[paragraph.start : paragraph.end]


class _GroupedTexts(Sequence[str]):
    """Runs of short paragraphs read as one block each (`large.group_paragraphs`), each cut
    from the document when asked."""

    def __init__(self, document: Document, firsts: list[int]) -> None:
        self._text = document.text
        self._paragraphs = document.paragraphs
        self._firsts = firsts

    def __len__(self) -> int:
        return len(self._firsts)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        first = self._firsts[index]
        after = self._firsts[index + 1] if index + 1 < len(self._firsts) else len(self._paragraphs)
        start = self._paragraphs[first].start
        end = self._paragraphs[after - 1].end
        return self._text[start : min(end, start + large.GROUP_READ_CHARS)]


def paragraph_texts(document: Document) -> Sequence[str]:
    """The document's paragraphs' texts, each cut from its text when asked."""
    return _ParagraphTexts(document)


_LINE_BREAK_HYPHEN = re.compile(r"(?<=[^\W\d_])- (?=[^\W\d_A-Z])")
"""A word hyphenated at a line end, its halves joined by a space when the lines were."""


_SENTENCE_ENDS = (".", "!", "?", ":", "”", '"')
RUNNING_LINE_CHARS = 80
"""A running header or footer is one short line."""


def _is_running_line(text: str) -> bool:
    """A short line that ends no sentence: what a running header or footer is."""
    return len(text) <= RUNNING_LINE_CHARS and not text.rstrip().endswith(_SENTENCE_ENDS)


def _next_to(marks: Sequence[bool], i: int) -> bool:
    """Whether the block before or after block `i` is marked."""
    return (i > 0 and marks[i - 1]) or (i + 1 < len(marks) and marks[i + 1])


_PAGE_NUMBER = re.compile(r"(?:page\s+)?(\d{1,4})(?:\s*(?:/|of)\s*\d{1,4})?", re.IGNORECASE)
"""A page number as `segmentation.page_furniture` knows one ("12", "Page 3", "4 of 9"), its
number a group."""
PAGE_WORDS = 100
"""Fewest words between two page numbers: a page holds text, a numbered list does not."""


def _numbered_pages(texts: Sequence[str], furniture: Sequence[bool]) -> bool:
    """Whether the text's page furniture numbers pages: two page numbers or more, most of
    them one more than the one before with a page of text (`PAGE_WORDS`) between. A number
    alone on a line is also a year, a list's number or a score; pages count up, apart."""
    numbers: list[int] = []
    steps = words = 0
    for text, marked in zip(texts, furniture, strict=True):
        number = _PAGE_NUMBER.fullmatch(text.strip()) if marked else None
        if number is None:
            words += 0 if marked else len(text.split())
            continue
        value = int(number.group(1))
        steps += bool(numbers) and value == numbers[-1] + 1 and words >= PAGE_WORDS
        numbers.append(value)
        words = 0
    return steps >= 1 and steps * 2 >= len(numbers) - 1


def page_reading(texts: Sequence[str]) -> tuple[list[str], list[int]] | None:
    """Text taken from a PDF as its author wrote it, for the segmenter: page furniture (page
    numbers, running headers and footers) left out, a paragraph cut by a page break joined
    again and words hyphenated at a line end made whole. The blocks, and the paragraph each
    starts at; None unless the text has numbered pages (`_numbered_pages`). A running header
    seen on fewer than three pages is known by its place: a short line next to a page
    number."""
    from briefing.analysis.segmentation import page_furniture

    found = page_furniture(texts)[0]
    if not _numbered_pages(texts, found):
        return None
    furniture = [
        found[i] or (_is_running_line(texts[i]) and _next_to(found, i)) for i in range(len(texts))
    ]
    blocks: list[str] = []
    firsts: list[int] = []
    after_furniture = False
    for i, is_furniture in enumerate(furniture):
        if is_furniture:
            after_furniture = bool(blocks)
            continue
        text = texts[i]
        if after_furniture and not blocks[-1].rstrip().endswith(_SENTENCE_ENDS):
            blocks[-1] = f"{blocks[-1]} {text}"  # runs on from before the page break
        else:
            blocks.append(text)
            firsts.append(i)
        after_furniture = False
    if not firsts:
        return None
    firsts[0] = 0  # furniture before the first block belongs to the first section
    return [_LINE_BREAK_HYPHEN.sub("", b) for b in blocks], firsts


TURN_GROUP_WORDS = 50
"""Words of a transcript's consecutive turns read as one block: about a paragraph. A turn is
often a word or two ("Okay.", "Mm-hmm."), and a topic lasts hundreds of them; read a turn a
block, a meeting of a thousand turns is tested for topics in windows of a few hundred turns,
each too short to show any. On the transcripts tune part, Pk 0.375 -> 0.362 (0.362–0.369
for any size from 30 to 300 words; no boundaries 0.377)."""


def turn_reading(texts: Sequence[str]) -> tuple[list[str], list[int]] | None:
    """A transcript (`segmentation.is_transcript`: speakers' turns) in blocks of consecutive
    turns of at least `TURN_GROUP_WORDS` words, for the segmenter: the blocks, and the turn
    each starts at; None for any other text. Sections start where a block does."""
    from briefing.analysis.segmentation import is_transcript

    if not is_transcript(texts):
        return None
    blocks: list[str] = []
    firsts: list[int] = []
    words = TURN_GROUP_WORDS
    for i, text in enumerate(texts):
        if words >= TURN_GROUP_WORDS:
            blocks.append(text)
            firsts.append(i)
            words = 0
        else:
            blocks[-1] = f"{blocks[-1]} {text}"
        words += len(text.split())
    return blocks, firsts


def _segment_starts(document: Document) -> list[int]:
    from briefing.analysis.segmentation import segment  # numpy: only when text is segmented

    if not large.is_large(document):
        texts = _ParagraphTexts(document)
        read = turn_reading(texts) or page_reading(texts)
        if read is None:
            return segment(texts, False)
        blocks, firsts = read
        return [firsts[i] for i in segment(blocks, False)]
    firsts = large.group_paragraphs(document)
    return [firsts[i] for i in segment(_GroupedTexts(document, firsts), True)]


def automatic_sections(
    document: Document,
    progress: Progress | None = None,
    sentences: Sequence[Sentence] | None = None,
) -> tuple[Section, ...]:
    """The sections of `document`, titled and with gists. `sentences` are the document's
    (`split_sentences`), when the caller has them already."""
    count = len(document.paragraphs)
    if count == 0:
        return ()
    spans: list[tuple[int, int, Section | None]]
    if document.section_breaks:
        spans = [(s.start_paragraph, s.end_paragraph, s) for s in structural_sections(document)]
    else:
        starts = _segment_starts(document)
        bounds = [*starts, count]
        spans = [(bounds[i], bounds[i + 1] - 1, None) for i in range(len(starts))]
    if large.is_large(document):
        return _describe_sampled(document, spans, progress)
    return _describe(document, spans, progress, sentences)


def _describe_sampled(
    document: Document, spans: list[tuple[int, int, Section | None]], progress: Progress | None
) -> tuple[Section, ...]:
    """`_describe` for a very long document: from each section's opening (`large`)."""
    from briefing.analysis.titles import TakenTitles

    headed = bool(document.section_breaks)

    def describe(
        sample: Document,
        sample_spans: list[tuple[int, int, Section | None]],
        sentences: Sequence[Sentence],
        taken: set[str],
    ) -> tuple[Section, ...]:
        return _describe(sample, sample_spans, None, sentences, taken, headed)

    def report(fraction: float) -> None:
        if progress is not None:
            progress(fraction, "titles")

    taken = TakenTitles(
        s.title for _, _, s in spans if s is not None and s.title_source == TitleSource.HEADING
    )
    return large.describe_sampled(document, spans, taken, describe, report)


def describe_spans(document: Document, spans: list[tuple[int, int]]) -> tuple[Section, ...]:
    """Automatically titled sections (with gists) for the given paragraph ranges, inclusive:
    what `automatic_sections` does once it knows where sections start."""
    return _describe(document, [(start, end, None) for start, end in spans], None)


def _describe(
    document: Document,
    spans: list[tuple[int, int, Section | None]],
    progress: Progress | None,
    sentences: Sequence[Sentence] | None = None,
    taken: set[str] | None = None,
    headed: bool | None = None,
) -> tuple[Section, ...]:
    """Titles and gists of `spans`; `taken`: titles already in use, to which it adds (by
    default those of the spans' headings); `headed`: whether the source has headings (by
    default, whether `document` has)."""
    from briefing.analysis.titles import (
        RANKED,
        DocumentCounts,
        TakenTitles,
        candidates,
        describe,
        section_gist,
    )

    counts = DocumentCounts.of(document, sentences)
    if taken is None:
        taken = TakenTitles(
            s.title for _, _, s in spans if s is not None and s.title_source == TitleSource.HEADING
        )
    if headed is None:
        headed = bool(document.section_breaks)
    lead = LEAD_TITLE if headed else None
    sections: list[Section] = []
    for n, (start, end, given) in enumerate(spans):
        if progress is not None and n % 50 == 0:
            progress(n / len(spans), "titles")
        if given is not None and given.title_source == TitleSource.HEADING:
            ranked = candidates(document, start, end, counts, RANKED)
            gist = section_gist(document, start, end, ranked, counts)
            sections.append(Section(n, given.title, start, end, TitleSource.HEADING, gist))
            continue
        title, gist = describe(document, start, end, taken, counts, lead)
        taken.add(title)
        sections.append(Section(n, title, start, end, TitleSource.AUTO, gist))
    return tuple(sections)
