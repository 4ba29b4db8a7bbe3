"""The one document model every feature reads.

A `Document` is the normalised text of an article plus its paragraphs and metadata, all as
character offsets into `Document.text`. A `Reading` adds what analysis found (sentences,
sections, entities, quotes), again only as offsets. Nothing here imports a UI library, and no
feature keeps its own copy of the text or its own idea of a paragraph.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


class ParagraphKind(StrEnum):
    """What a block of the body is, so that the reader and export can show it as such."""

    TEXT = "text"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    CODE = "code"
    TABLE = "table"
    """A table's rows, one a line, cells separated by " | " (where each cell is: `Table`)."""


class StyleKind(StrEnum):
    """Inline formatting kept from a Markdown source."""

    EMPHASIS = "emphasis"
    STRONG = "strong"
    CODE = "code"
    LINK = "link"
    STRIKE = "strike"


class EntityType(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    EVENT = "event"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of the body: `text[start:end]`, never empty, with no white space at either end."""

    index: int
    start: int
    end: int
    kind: ParagraphKind = ParagraphKind.TEXT
    level: int = 0
    """Heading level (1-6) for headings, nesting depth for list items and quotes."""


@dataclass(frozen=True, slots=True)
class InlineStyle:
    """Emphasis, code or a link over `text[start:end]`; `target` is a link's address."""

    start: int
    end: int
    kind: StyleKind
    target: str | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the source says about itself, outside the body. Absent fields are None or empty."""

    title: str | None = None
    dateline: str | None = None
    byline: str | None = None
    date: str | None = None
    credits: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    """Other front-matter fields, as (key, value) strings, in source order."""


class ColumnAlign(StrEnum):
    """How a table's column is aligned in the source (Markdown's `:--`, `--:`, `:-:`)."""

    NONE = ""
    LEFT = "left"
    RIGHT = "right"
    CENTER = "center"


@dataclass(frozen=True, slots=True)
class Table:
    """Where the cells of a table paragraph are, so the reader can draw its columns without
    parsing the text again (a cell may hold " | " or a line break of its own).

    `rows[r]` holds row r's cells as flat offsets `(start, end, start, end, ...)` into
    `Document.text` (an empty cell has `start == end`); rows may differ in length.
    """

    paragraph: int
    rows: tuple[tuple[int, ...], ...]
    header_rows: int = 0
    """The first rows that head the columns."""
    aligns: tuple[ColumnAlign, ...] = ()
    """Per column, as far as the source says."""


@dataclass(frozen=True)
class Document:
    """An ingested article. Immutable: every later feature refers to it by character offsets."""

    text: str = field(repr=False)
    paragraphs: tuple[Paragraph, ...] = field(repr=False)
    metadata: Metadata
    content_hash: str
    """SHA-256 of the source bytes: finds a document again after a move, keys caches."""
    source_path: str | None = None
    source_format: str = "text"
    styles: tuple[InlineStyle, ...] = field(default=(), repr=False)
    section_breaks: tuple[tuple[int, str], ...] = ()
    """Sections the source declares itself (Markdown headings): (first paragraph, title)."""
    tables: tuple[Table, ...] = field(default=(), repr=False)
    """The cells of the table paragraphs, by paragraph (a table without one: a row a line)."""

    def paragraph_text(self, index: int) -> str:
        paragraph = self.paragraphs[index]
        return self.text[paragraph.start : paragraph.end]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> int:
        """Index of the paragraph containing `offset` (or the one before a gap)."""
        if not self.paragraphs:
            raise ValueError("document has no paragraphs")
        return max(0, bisect.bisect_right(self._paragraph_starts, offset) - 1)

    @property
    def display_title(self) -> str:
        """The title to show: the source's own, else one from the content (the dateline's
        place with the first heading, or with the opening words), never the file name."""
        if self.metadata.title:
            return self.metadata.title
        place = dateline_place(self.metadata.dateline)
        if self.section_breaks:
            heading = self.section_breaks[0][1]
            return f"{place} — {heading}" if place else heading
        if self.paragraphs:
            words = self.paragraph_text(0).split()
            lead = " ".join(words[:TITLE_WORDS]).rstrip(".,;:—–-")
            if len(words) > TITLE_WORDS:
                lead += "…"
            return f"{place} — {lead}" if place else lead
        return "Untitled briefing"


TITLE_WORDS = 8
"""Opening words a title made from the text takes."""


def dateline_place(dateline: str | None) -> str:
    """The place of a dateline as a title shows it: "SEOUL, South Korea (Reuters)" →
    "Seoul, South Korea"."""
    if not dateline:
        return ""
    place = dateline.split("(", 1)[0].strip(" ,—–-")
    return " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in place.split())


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


class TitleSource(StrEnum):
    """Where a section's title came from."""

    HEADING = "heading"
    AUTO = "auto"
    USER = "user"


@dataclass(frozen=True, slots=True)
class Section:
    """Paragraphs `start_paragraph..end_paragraph` (inclusive) under one title."""

    id: int
    title: str
    start_paragraph: int
    end_paragraph: int
    title_source: TitleSource = TitleSource.AUTO
    gist: Span | None = None

    def __contains__(self, paragraph: int) -> bool:
        return self.start_paragraph <= paragraph <= self.end_paragraph

    @property
    def paragraph_count(self) -> int:
        return self.end_paragraph - self.start_paragraph + 1


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: EntityType
    role: str | None = None
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    start: int
    end: int
    speaker: str | None = None
    speaker_name: str | None = None


@dataclass(frozen=True)
class Reading:
    """A document with what analysis found in it. Every span is an offset into `document.text`."""

    document: Document
    sentences: tuple[Sentence, ...] = field(default=(), repr=False)
    sections: tuple[Section, ...] = field(default=(), repr=False)
    entities: tuple[Entity, ...] = field(default=(), repr=False)
    quotes: tuple[Quote, ...] = field(default=(), repr=False)

    @property
    def title(self) -> str:
        """The title to show once the text is read: the source's own, else the first section's
        title with the dateline's place ("Seoul, South Korea — U.S. Forces Japan"), else the
        document's `display_title`."""
        document = self.document
        if document.metadata.title or not self.sections:
            return document.display_title
        place = dateline_place(document.metadata.dateline)
        first = self.sections[0].title
        if first == document.display_title or not place or first.startswith(place):
            return first
        return f"{place} — {first}"

    @cached_property
    def _section_starts(self) -> list[int]:
        return [s.start_paragraph for s in self.sections]

    def section_of(self, paragraph: int) -> int | None:
        """Index into `sections` of the section holding `paragraph` (None outside them all)."""
        if not self.sections:
            return None
        i = bisect.bisect_right(self._section_starts, paragraph) - 1
        if i >= 0 and paragraph in self.sections[i]:
            return i
        return None


class AnchorStatus(StrEnum):
    """How an annotation found its passage in the current text (see `store.anchoring`)."""

    EXACT = "exact"
    """The quoted words with their context, as when the annotation was made."""
    MOVED = "moved"
    """Found by partial context or a fuzzy match: the user should confirm it."""
    ORPHANED = "orphaned"
    """The quoted words are gone; kept with its quote and note, never dropped."""


class HighlightColor(StrEnum):
    """The colours a passage can be highlighted in (stored and exported by value)."""

    YELLOW = "yellow"
    GREEN = "green"
    BLUE = "blue"
    PINK = "pink"


HIGHLIGHT_COLORS: tuple[str, ...] = tuple(color.value for color in HighlightColor)
"""The highlight colours, in the order of their keys and of the export legend."""


@dataclass(frozen=True, slots=True)
class TextQuote:
    """A passage as web annotation tools describe it: the words and a little context either side
    (W3C TextQuoteSelector), so it can be found again after the text changes."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class Annotation:
    """A highlight, note and tags on a passage. `start`/`end` are where the passage is in the
    current text (its last known place for an orphan); `quote` is what the user selected."""

    id: str
    start: int
    end: int
    quote: TextQuote
    color: str = HIGHLIGHT_COLORS[0]
    note: str = ""
    tags: tuple[str, ...] = ()
    created: str = ""
    modified: str = ""
    status: AnchorStatus = AnchorStatus.EXACT
    score: float = 1.0
    """How well the passage matched when re-anchored (1.0 exact, 0 for an orphan)."""

    @property
    def orphaned(self) -> bool:
        return self.status is AnchorStatus.ORPHANED
