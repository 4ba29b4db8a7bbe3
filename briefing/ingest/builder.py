"""Assemble a `Document` block by block, so every parser computes offsets the same way."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.model import (
    ColumnAlign,
    Document,
    InlineStyle,
    Metadata,
    Paragraph,
    ParagraphKind,
    StyleKind,
    Table,
)

StyleRun = tuple[int, int, StyleKind, str | None]
Cell = tuple[str, Sequence[StyleRun]]
"""A table cell's text and the styles over it (offsets relative to it)."""
CELL_SEPARATOR = " | "
"""Between the cells of a table's row in the text (its rows are its lines)."""

PARAGRAPH_SEPARATOR = "\n\n"
_SEPARATOR_LENGTH = len(PARAGRAPH_SEPARATOR)


class DocumentBuilder:
    """Appends paragraphs (and their inline styles) to one growing text."""

    def __init__(self) -> None:
        # A plain class: a dataclass costs half a millisecond to define, before the first frame.
        self._parts: list[str] = []
        self._length = 0
        self._paragraphs: list[Paragraph] = []
        self._styles: list[InlineStyle] = []
        self._section_breaks: list[tuple[int, str]] = []
        self._tables: list[Table] = []

    @property
    def paragraph_count(self) -> int:
        return len(self._paragraphs)

    def add(
        self,
        text: str,
        kind: ParagraphKind = ParagraphKind.TEXT,
        level: int = 0,
        styles: list[StyleRun] | None = None,
    ) -> int | None:
        """Append a paragraph; `styles` are offsets relative to `text`. Returns its index."""
        if text[:1].isspace() or text[-1:].isspace():
            stripped = text.strip()
            lead = len(text) - len(text.lstrip())
        else:
            stripped, lead = text, 0
        if not stripped:
            return None
        if self._parts:
            self._parts.append(PARAGRAPH_SEPARATOR)
            self._length += len(PARAGRAPH_SEPARATOR)
        start = self._length
        self._parts.append(stripped)
        self._length += len(stripped)
        index = len(self._paragraphs)
        self._paragraphs.append(Paragraph(index, start, self._length, kind, level))
        for s_start, s_end, s_kind, target in styles or ():
            a = min(max(s_start - lead, 0), len(stripped))
            b = min(max(s_end - lead, 0), len(stripped))
            if b > a:
                self._styles.append(InlineStyle(start + a, start + b, s_kind, target))
        return index

    def add_table(
        self,
        rows: list[list[Cell]],
        header_rows: int = 0,
        aligns: tuple[ColumnAlign, ...] = (),
    ) -> int | None:
        """Append a table: each row a list of (cell text, styles relative to it), the cells
        stripped. The text is the rows a line, cells split by `CELL_SEPARATOR`; where every
        cell went is kept as a `Table`. Returns the paragraph's index (None if all empty)."""
        parts: list[str] = []
        bounds: list[list[int]] = []
        styles: list[StyleRun] = []
        length = 0
        for r, row in enumerate(rows):
            if r:
                parts.append("\n")
                length += 1
            row_bounds: list[int] = []
            for c, (cell, cell_styles) in enumerate(row):
                if c:
                    parts.append(CELL_SEPARATOR)
                    length += len(CELL_SEPARATOR)
                parts.append(cell)
                row_bounds += (length, length + len(cell))
                size = len(cell)
                styles.extend(
                    (length + min(max(a, 0), size), length + min(max(b, 0), size), k, t)
                    for a, b, k, t in cell_styles
                )
                length += len(cell)
            bounds.append(row_bounds)
        text = "".join(parts)
        index = self.add(text, ParagraphKind.TABLE, 0, styles)
        if index is None:
            return None
        start, size = self._paragraphs[index].start, len(text.strip())
        lead = len(text) - len(text.lstrip())
        self._tables.append(
            Table(
                index,
                tuple(tuple(start + min(max(b - lead, 0), size) for b in row) for row in bounds),
                header_rows,
                aligns,
            )
        )
        return index

    def add_stripped(self, text: str) -> None:
        """`add` for plain text already stripped and not empty: the hot path of long reports."""
        index = len(self._paragraphs)
        if index:
            self._parts.append(PARAGRAPH_SEPARATOR)
            self._length += _SEPARATOR_LENGTH
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        self._paragraphs.append(Paragraph(index, start, self._length))

    def break_section(self, title: str) -> None:
        """The next paragraph added starts a section the source declares (a heading). An
        empty heading declares nothing; of two headings with nothing between them (the first
        emptied of its text), the later one names the section."""
        title = title.strip()
        if not title:
            return
        index = len(self._paragraphs)
        if self._section_breaks and self._section_breaks[-1][0] == index:
            self._section_breaks[-1] = (index, title)
        else:
            self._section_breaks.append((index, title))

    def build(
        self,
        metadata: Metadata,
        content_hash: str,
        source_path: str | None,
        source_format: str,
    ) -> Document:
        breaks = tuple((i, t) for i, t in self._section_breaks if i < len(self._paragraphs))
        return Document(
            text="".join(self._parts),
            paragraphs=tuple(self._paragraphs),
            metadata=metadata,
            content_hash=content_hash,
            source_path=source_path,
            source_format=source_format,
            styles=tuple(self._styles),
            section_breaks=breaks,
            tables=tuple(self._tables),
        )
