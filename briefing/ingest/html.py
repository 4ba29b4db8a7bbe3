"""HTML → `Document`: the article of a web page, extracted with trafilatura.

trafilatura finds the main text and leaves out navigation, asides, related links, cookie
banners, comments and footers; its metadata gives the title, author, date and site name. Its
output tree (`head`, `p`, `list`/`item`, `quote`, `table`/`row`/`cell`, `code`, with `hi`,
`ref`, `del` and `lb` inside) becomes our paragraphs and inline styles: headings start
sections, lists keep their bullets or numbers, block quotes and tables are paragraph kinds.

The settings (no comments, `favor_precision`) were chosen on the article-extraction benchmark
(`benchmarks/article_extraction.py`). Nothing in the page is run or followed: scripts, styles
and links are dropped or kept as text, every string is sanitised like any other source.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from briefing.errors import SourceError
from briefing.ingest.builder import Cell, DocumentBuilder
from briefing.model import Document, Metadata, ParagraphKind, StyleKind
from briefing.text.safety import sanitize, shown

if TYPE_CHECKING:
    from lxml.etree import _Element

EXTRACTION_SETTINGS: dict[str, Any] = {
    "include_comments": False,
    "favor_precision": True,
    "include_tables": True,
    "include_formatting": True,
    "include_links": True,
    "include_images": False,
    "with_metadata": True,
}
"""trafilatura's settings for the body (see the module docstring for how they were chosen)."""

_STYLE_OF_REND = {
    "#b": StyleKind.STRONG,
    "#i": StyleKind.EMPHASIS,
    "#u": StyleKind.EMPHASIS,
    "#t": StyleKind.CODE,
    "#sub": None,
    "#sup": None,
}

StyleRun = tuple[int, int, StyleKind, str | None]

_SPACES = re.compile(r"[ \t\r\f\v]+")
_AROUND_BREAK = re.compile(r" ?\n ?")


def _clean(text: str) -> str:
    return _AROUND_BREAK.sub("\n", _SPACES.sub(" ", text.replace("\u00a0", " ")))


class _Inline:
    """Flattens an element's mixed content to text and the styles over it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.styles: list[StyleRun] = []

    def text(self, piece: str | None) -> None:
        if piece:
            piece = _clean(piece)
            self.parts.append(piece)
            self.length += len(piece)

    def element(self, element: _Element, *, skip_blocks: bool = False) -> None:
        """`element`'s text and children (not its tail)."""
        self.text(element.text)
        for child in element:
            if skip_blocks and child.tag in ("list", "table", "quote"):
                self.text(child.tail)
            else:
                self.child(child)

    def child(self, child: _Element) -> None:
        """An inline child, its style and its tail."""
        tag = child.tag if isinstance(child.tag, str) else ""
        start = self.length
        if tag == "lb":
            self.parts.append("\n")
            self.length += 1
        else:
            self.element(child)
        kind: StyleKind | None = None
        target: str | None = None
        if tag == "hi":
            kind = _STYLE_OF_REND.get(str(child.get("rend", "")), StyleKind.EMPHASIS)
        elif tag == "ref":
            kind = StyleKind.LINK
            href = child.get("target")
            target = shown(sanitize(str(href)))[:2000] if href else None
        elif tag == "del":
            kind = StyleKind.STRIKE
        elif tag == "code":
            kind = StyleKind.CODE
        if kind is not None and self.length > start:
            self.styles.append((start, self.length, kind, target))
        self.text(child.tail)

    def result(self) -> tuple[str, list[StyleRun]]:
        return "".join(self.parts), self.styles


def _inline(element: _Element, *, skip_blocks: bool = False) -> tuple[str, list[StyleRun]]:
    flat = _Inline()
    flat.element(element, skip_blocks=skip_blocks)
    return flat.result()


class _Walker:
    """Turns trafilatura's output tree into paragraphs."""

    def __init__(self, builder: DocumentBuilder, title: str | None) -> None:
        self.builder = builder
        self.title = _clean(title).strip() if title else None
        self.seen_body = False

    def block(self, element: _Element, quote: int = 0) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "head":
            self.heading(element)
        elif tag == "list":
            self.list(element, 1, quote)
        elif tag == "quote":
            self.quote(element, quote + 1)
        elif tag == "table":
            self.table(element)
        elif tag == "code":
            text = "".join(element.itertext()).strip("\n")
            if self.builder.add(text, ParagraphKind.CODE) is not None:
                self.seen_body = True
        elif tag in ("p", "item", "cell", "row", "hi", "ref", "del", "lb", "div", "body"):
            if tag in ("div", "body") or any(
                isinstance(c.tag, str) and c.tag in ("p", "list", "table", "quote", "head")
                for c in element
            ):
                self.mixed(element, quote)
            else:
                self.paragraph(element, quote)
        elif tag == "graphic":
            return
        else:
            self.paragraph(element, quote)

    def mixed(self, element: _Element, quote: int) -> None:
        """A container: its own loose text as paragraphs, its blocks as blocks."""
        loose = _Inline()
        loose.text(element.text)

        def flush() -> None:
            text, styles = loose.result()
            self.add_text(text, styles, quote)
            loose.parts, loose.length, loose.styles = [], 0, []

        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in ("p", "list", "table", "quote", "head", "code", "div"):
                flush()
                self.block(child, quote)
                loose.text(child.tail)
            else:
                loose.child(child)
        flush()

    def add_text(self, text: str, styles: list[StyleRun], quote: int) -> None:
        kind = ParagraphKind.QUOTE if quote else ParagraphKind.TEXT
        if self.builder.add(text, kind, quote, styles) is not None:
            self.seen_body = True

    def paragraph(self, element: _Element, quote: int) -> None:
        text, styles = _inline(element)
        self.add_text(text, styles, quote)

    def heading(self, element: _Element) -> None:
        text, styles = _inline(element)
        text = text.strip()
        if not text:
            return
        rend = str(element.get("rend", "h2"))
        level = int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1].isdigit() else 2
        if not self.seen_body and self.title and text.casefold() == self.title.casefold():
            return  # the page's headline, already the title
        if self.title is None and not self.seen_body and level == 1:
            self.title = text
            return
        self.builder.break_section(text.replace("\n", " "))
        self.builder.add(text, ParagraphKind.HEADING, level, styles)

    def list(self, element: _Element, depth: int, quote: int) -> None:
        ordered = str(element.get("rend", "")).lower() in ("ol", "1", "a", "i")
        number = 1
        for item in element:
            if not (isinstance(item.tag, str) and item.tag == "item"):
                if isinstance(item.tag, str):
                    self.block(item, quote)
                continue
            text, styles = _inline(item, skip_blocks=True)
            prefix = f"{number}. " if ordered else "• "
            if text.strip():
                stripped = text.lstrip()
                shift = len(prefix) - (len(text) - len(stripped))
                shifted = [(a + shift, b + shift, k, t) for a, b, k, t in styles]
                if self.builder.add(prefix + stripped, ParagraphKind.LIST_ITEM, depth, shifted):
                    self.seen_body = True
                number += 1
            for child in item:
                tag = child.tag if isinstance(child.tag, str) else ""
                if tag == "list":
                    self.list(child, depth + 1, quote)
                elif tag in ("table", "quote"):
                    self.block(child, quote)

    def quote(self, element: _Element, depth: int) -> None:
        if any(
            isinstance(c.tag, str) and c.tag in ("p", "list", "head", "quote", "table", "code")
            for c in element
        ):
            self.mixed(element, depth)
        else:
            self.paragraph(element, depth)

    def table(self, element: _Element) -> None:
        rows: list[list[Cell]] = []
        header_rows = 0
        for row in element.iter("row"):
            cells = [cell for cell in row if cell.tag == "cell"]
            texts = [_cell(cell) for cell in cells]
            if any(text for text, _ in texts):
                if len(rows) == header_rows and all(c.get("role") == "head" for c in cells):
                    header_rows += 1
                rows.append(texts)
        if rows and self.builder.add_table(rows, header_rows) is not None:
            self.seen_body = True


def _cell(cell: _Element) -> Cell:
    """A table cell's text, its runs of white space made one space (as it always was), and
    its links."""
    parts: list[str] = []
    links: list[tuple[int, int, str]] = []
    length = 0

    def add(piece: str | None) -> None:
        nonlocal length
        if piece:
            parts.append(piece)
            length += len(piece)

    def walk(element: _Element) -> None:
        start = length
        add(element.text)
        for child in element:
            walk(child)
            add(child.tail)
        href = element.get("target") if element.tag == "ref" else None
        if href and length > start:
            links.append((start, length, shown(sanitize(str(href)))[:2000]))

    walk(cell)
    raw, every_text = "".join(parts), "".join(cell.itertext())
    text = " ".join(every_text.split())
    if not links or raw != every_text:  # links only where the walk read what a cell shows
        return text, ()
    kept = [0] * (len(raw) + 1)  # where each raw offset lands in `text`
    position, pending_space = 0, False
    for i, char in enumerate(raw):
        if char.isspace():
            pending_space = position > 0
            kept[i] = position
            continue
        if pending_space:
            position += 1
            pending_space = False
        kept[i] = position
        position += 1
    kept[len(raw)] = position
    styles = [(kept[a], kept[b], StyleKind.LINK, url) for a, b, url in links]
    return text, [(a, b, k, t) for a, b, k, t in styles if b > a]


def _metadata(extracted: Any, title: str | None, url: str | None) -> Metadata:
    def text(value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        cleaned = " ".join(sanitize(str(value)).split())
        return cleaned or None

    extra: list[tuple[str, str]] = []
    for key, label in (("sitename", "site_name"), ("url", "url"), ("description", "description")):
        value = text(getattr(extracted, key, None))
        if value and not (key == "url" and value == url):
            extra.append((label, value))
    tags: list[str] = []
    for value in (getattr(extracted, "categories", None) or []) + (
        getattr(extracted, "tags", None) or []
    ):
        for tag in str(value).split(","):
            tag = " ".join(sanitize(tag).split())
            if tag and tag not in tags and len(tags) < 32:
                tags.append(tag)
    return Metadata(
        title=text(title),
        byline=text(getattr(extracted, "author", None)),
        date=text(getattr(extracted, "date", None)),
        tags=tuple(tags),
        extra=tuple(extra),
    )


def extract(html: str, url: str | None = None) -> Any:
    """trafilatura's extraction of `html` (None when it finds no article)."""
    import trafilatura  # heavy (0.3 s): only when a page is opened

    extracted: Any = trafilatura.bare_extraction(html, url=url, **EXTRACTION_SETTINGS)
    if extracted is None or extracted.body is None or not len(extracted.body):
        # favor_precision can leave a short page empty: try once more without it.
        settings = {**EXTRACTION_SETTINGS, "favor_precision": False}
        extracted = trafilatura.bare_extraction(html, url=url, **settings)
    return extracted


def parse_html(
    html: str, content_hash: str, source_path: str | None, url: str | None = None
) -> Document:
    """`html` must already be sanitised. Raises `SourceError` when the page has no article."""
    where = shown(source_path) if source_path else "the page"
    try:
        extracted = extract(html, url)
    except (ValueError, TypeError, RecursionError) as exc:  # lxml on broken markup
        raise SourceError(where, f"cannot be read as HTML ({shown(str(exc))[:80]})") from None
    if extracted is None or extracted.body is None:
        raise SourceError(where, "has no article text that could be found (an empty page?)")
    title = getattr(extracted, "title", None)
    builder = DocumentBuilder()
    walker = _Walker(builder, title)
    walker.mixed(extracted.body, 0)
    metadata = _metadata(extracted, walker.title, url)
    return builder.build(metadata, content_hash, source_path, "html")
