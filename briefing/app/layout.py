"""Lay a reading out as screen lines for a given width, as offsets into the text.

The reader never holds wrapped strings: each screen line is a reference to a span of
`Document.text` (or a blank / section-title line), so a 5 MB report costs a few arrays of
integers, and search hits, styles and annotations map onto lines by offset.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import IntEnum

from rich.cells import cell_len

from briefing.model import Document, ParagraphKind, Reading, Section


class LineKind(IntEnum):
    TEXT = 0
    BLANK = 1
    SECTION_TITLE = 2


MAX_MEASURE = 88
"""Widest text column, in cells: long lines are hard to read on wide terminals."""


@dataclass(frozen=True, slots=True)
class Line:
    kind: LineKind
    start: int
    """Offset of the first character (for non-text lines: of the next text)."""
    end: int
    paragraph: int
    indent: int = 0
    """Cells before the text: list bullets hang, quotes get a bar."""
    first: bool = False
    """First line of its paragraph (list items show their bullet only there)."""
    section: int = -1
    """For section-title lines, the section's index."""


@dataclass
class Layout:
    """Screen lines for one width, and indexes from offsets, paragraphs and sections to lines."""

    width: int
    measure: int
    lines: list[Line] = field(default_factory=list)
    line_offsets: list[int] = field(default_factory=list)
    paragraph_lines: list[int] = field(default_factory=list)
    section_lines: list[int] = field(default_factory=list)

    @property
    def height(self) -> int:
        return len(self.lines)

    def line_of_offset(self, offset: int) -> int:
        """The text line holding `offset` (the last line starting at or before it)."""
        return max(0, bisect.bisect_right(self.line_offsets, offset) - 1)


def wrap(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of `text[start:end]` into spans of at most `width` cells.

    Breaks after spaces; a word longer than the width is cut. Explicit newlines always break.
    Spaces at a break are dropped from both lines. Covers every non-space character once.
    """
    width = max(1, width)
    spans: list[tuple[int, int]] = []
    line_start = start
    for line_end in _newlines(text, start, end):
        _wrap_line(text, line_start, line_end, width, spans)
        line_start = line_end + 1
    return spans or [(start, start)]


def _newlines(text: str, start: int, end: int) -> list[int]:
    ends = []
    pos = text.find("\n", start, end)
    while pos != -1:
        ends.append(pos)
        pos = text.find("\n", pos + 1, end)
    ends.append(end)
    return ends


def _wrap_line(text: str, start: int, end: int, width: int, out: list[tuple[int, int]]) -> None:
    segment = text[start:end]
    if segment.isascii():
        _wrap_ascii(text, start, end, width, out)
    else:
        _wrap_cells(text, start, end, width, out)


def _wrap_ascii(text: str, start: int, end: int, width: int, out: list[tuple[int, int]]) -> None:
    pos = start
    while pos < end and text[pos] == " ":
        pos += 1
    if pos >= end:
        out.append((start, start))
        return
    while pos < end:
        if end - pos <= width:
            out.append((pos, end))
            return
        cut = text.rfind(" ", pos, pos + width + 1)
        if cut <= pos:
            out.append((pos, pos + width))  # a word longer than the line
            pos += width
        else:
            line_end = cut
            while line_end > pos and text[line_end - 1] == " ":
                line_end -= 1
            out.append((pos, line_end))
            pos = cut
        while pos < end and text[pos] == " ":
            pos += 1


def _wrap_cells(text: str, start: int, end: int, width: int, out: list[tuple[int, int]]) -> None:
    """The same for text with wide (CJK, emoji) or combining characters: widths in cells."""
    pos = start
    while pos < end and text[pos] == " ":
        pos += 1
    if pos >= end:
        out.append((start, start))
        return
    line_start = pos
    used = 0
    last_space = -1
    i = pos
    while i < end:
        ch = text[i]
        w = cell_len(ch)
        if ch == " ":
            last_space = i
        if used + w > width and i > line_start:
            if last_space > line_start:
                line_end = last_space
                while line_end > line_start and text[line_end - 1] == " ":
                    line_end -= 1
                out.append((line_start, line_end))
                i = last_space
            else:
                out.append((line_start, i))
            while i < end and text[i] == " ":
                i += 1
            line_start = i
            used = 0
            last_space = -1
            continue
        used += w
        i += 1
    if line_start < end:
        out.append((line_start, end))


def _indent(kind: ParagraphKind, level: int, text: str) -> tuple[int, int]:
    """(indent of the first line, indent of the others) for a paragraph of this kind."""
    if kind == ParagraphKind.LIST_ITEM:
        base = 2 * max(0, level - 1)
        marker_end = text.find(" ")
        hang = marker_end + 1 if 0 < marker_end <= 5 else 0
        return base, base + hang
    if kind == ParagraphKind.QUOTE:
        return 2 * max(1, level), 2 * max(1, level)
    if kind == ParagraphKind.CODE:
        return 2, 2
    return 0, 0


def _shows_banner(document: Document, section: Section) -> bool:
    """A section gets a title line unless the source's own heading opens it."""
    paragraph = document.paragraphs[section.start_paragraph]
    return paragraph.kind != ParagraphKind.HEADING


def build_layout(reading: Reading, width: int) -> Layout:
    """Screen lines of `reading` for a view `width` cells wide."""
    document = reading.document
    text = document.text
    measure = max(10, min(width - 2, MAX_MEASURE))
    layout = Layout(width=width, measure=measure)
    lines = layout.lines
    section_starts = {s.start_paragraph: i for i, s in enumerate(reading.sections)}
    layout.section_lines = [0] * len(reading.sections)
    for paragraph in document.paragraphs:
        p_index = paragraph.index
        section_index = section_starts.get(p_index)
        if lines:
            lines.append(Line(LineKind.BLANK, paragraph.start, paragraph.start, p_index))
        if section_index is not None:
            layout.section_lines[section_index] = len(lines)
            if _shows_banner(document, reading.sections[section_index]):
                lines.append(
                    Line(
                        LineKind.SECTION_TITLE,
                        paragraph.start,
                        paragraph.start,
                        p_index,
                        section=section_index,
                    )
                )
                lines.append(Line(LineKind.BLANK, paragraph.start, paragraph.start, p_index))
        elif paragraph.kind == ParagraphKind.HEADING and lines:
            lines.append(Line(LineKind.BLANK, paragraph.start, paragraph.start, p_index))
        layout.paragraph_lines.append(len(lines))
        first_indent, rest_indent = _indent(
            paragraph.kind, paragraph.level, text[paragraph.start : paragraph.start + 6]
        )
        spans = wrap(text, paragraph.start, paragraph.end, measure - rest_indent)
        for n, (start, end) in enumerate(spans):
            lines.append(
                Line(
                    LineKind.TEXT,
                    start,
                    end,
                    p_index,
                    first_indent if n == 0 else rest_indent,
                    first=n == 0,
                )
            )
    layout.line_offsets = [line.start for line in lines]
    return layout
