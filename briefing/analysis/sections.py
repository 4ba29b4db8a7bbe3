"""Sections: the source's own headings where it has them, else topical segmentation; each with
a title and a gist.

Structured sources keep their structure: Markdown `##` headings (and plain-text heading lines)
are the sections, titled by the heading; text before the first heading becomes a lead section
with an automatic title. A long headed section is not split further: the author's structure is
what the reader navigates by. Text without headings is segmented by topic
(`segmentation.py`) and every section gets an automatic title (`titles.py`).
"""

from __future__ import annotations

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


def _segment_starts(document: Document) -> list[int]:
    from briefing.analysis.segmentation import segment  # numpy: only when text is segmented

    if not large.is_large(document):
        return segment(_ParagraphTexts(document), False)
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
