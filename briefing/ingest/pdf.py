"""PDF → `Document`: the text layer, read with pypdfium2 and laid out again.

pdfium gives the text of a page as runs ("rects": text on one line in one font, with its box).
The page's own order of runs is often not the reading order (a two-column page written line by
line across both columns), so the runs are put back in order here:

1. Runs on one baseline that nearly touch are one line segment.
2. Lines that repeat in the top or bottom margin of most pages (running headers and footers,
   digits ignored) and lone page numbers there are dropped.
3. A page with a vertical gutter that no segment crosses is read column by column; a segment
   that spans the gutter (a title, a full-width table) ends a band of columns.
4. Lines become paragraphs at a larger vertical gap, a change of font size, a bullet, or a short
   line that ends a sentence; a word hyphenated at a line's end is joined again.
5. Paragraphs in a font clearly larger than the body's, short and unpunctuated, are headings;
   the largest on the first page is the title.

A PDF without a text layer (a scan) or one pdfium cannot open is a one-line `SourceError`.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import Any

from briefing.errors import SourceError
from briefing.ingest.builder import DocumentBuilder
from briefing.model import Document, Metadata, ParagraphKind
from briefing.text.safety import sanitize

MARGIN = 0.08
"""Share of the page height at the top and at the bottom where running headers sit."""

_PAGE_NUMBER = re.compile(
    r"(?:(?:page|p\.|seite)\s*)?(?:\d{1,4}|[ivxlcdm]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]",
    re.IGNORECASE,
)
_BULLET = re.compile(r"(?:[•·▪‣◦●○■□–-]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+\S")
_SENTENCE_END = tuple('.!?:;"”’)')
_HYPHENATED = re.compile(r"[^\W\d_]-$")
_SOFT_HYPHENS = str.maketrans({"\x02": "-", "\xad": "-", "\ufffe": "-"})
_DIGITS = re.compile(r"\d+")


class _Segment:
    """Text on one line of a page, in one column: its box (PDF points, y up) and font size."""

    __slots__ = ("bottom", "left", "right", "size", "text", "top")

    def __init__(
        self, text: str, left: float, bottom: float, right: float, top: float, size: float
    ) -> None:
        self.text = text
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        self.size = size

    @property
    def height(self) -> float:
        return self.top - self.bottom


def _open(data: bytes, where: str) -> Any:
    import pypdfium2 as pdfium  # only when a PDF is opened

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise SourceError(where, "is an encrypted PDF (it needs a password)") from None
        reason = message.split("(", 1)[-1].rstrip(")") if "(" in message else message
        raise SourceError(where, f"is a damaged PDF that cannot be read ({reason})") from None


def _page_segments(page: Any) -> tuple[list[_Segment], float, float]:
    """The line segments of a page, with its width and height."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    textpage = page.get_textpage()
    raw = textpage.raw
    runs: list[_Segment] = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = text.translate(_SOFT_HYPHENS).replace("\r", " ").replace("\n", " ")
        if not text.strip():
            continue
        half_height = max((top - bottom) / 2, 1.0)
        index = textpage.get_index(
            (left + right) / 2, (bottom + top) / 2, max((right - left) / 2, 1.0), half_height
        )
        size = pdfium_c.FPDFText_GetFontSize(raw, index) if index is not None and index >= 0 else 0
        runs.append(_Segment(text, left, bottom, right, top, round(size, 1)))
    textpage.close()
    return _lines(runs), width, height


def _lines(runs: list[_Segment]) -> list[_Segment]:
    """Runs grouped into lines by their vertical overlap (glyph boxes of one line differ in
    height: a PDF that places every letter alone gives a run per letter), each line's runs
    joined where they nearly touch: a space where the gap is a space, nothing where it is less."""
    runs.sort(key=lambda s: -s.top)
    lines: list[tuple[list[_Segment], list[float]]] = []  # runs, [top, bottom]
    for run in runs:
        for members, box in reversed(lines[-6:]):
            overlap = min(box[0], run.top) - max(box[1], run.bottom)
            if overlap > 0.5 * min(box[0] - box[1], run.height):
                members.append(run)
                box[0], box[1] = max(box[0], run.top), min(box[1], run.bottom)
                break
        else:
            lines.append(([run], [run.top, run.bottom]))
    merged: list[_Segment] = []
    for members, box in lines:
        known = [m.size for m in members if m.size]
        fallback = max(known) if known else round(0.75 * (box[0] - box[1]), 1)
        for member in members:
            member.size = member.size or fallback
        members.sort(key=lambda s: s.left)
        last: _Segment | None = None
        for run in members:
            gap = run.left - last.right if last is not None else 0.0
            em = max(last.size if last else 0.0, run.size, 1.0)
            if last is not None and -0.5 * em <= gap < 0.8 * em:
                spaced = last.text.endswith(" ") or run.text.startswith(" ")
                last.text += "" if spaced or gap < 0.15 * em else " "
                last.text += run.text
                last.right = max(last.right, run.right)
                last.top, last.bottom = max(last.top, run.top), min(last.bottom, run.bottom)
                if len(run.text) > len(last.text) / 2:
                    last.size = max(last.size, run.size)
            else:
                last = run
                merged.append(run)
    for segment in merged:
        segment.text = " ".join(segment.text.split())
    return [s for s in merged if s.text]


def _margin_key(segment: _Segment) -> str:
    return _DIGITS.sub("#", segment.text.casefold())


def _drop_running_lines(pages: list[tuple[list[_Segment], float, float]]) -> None:
    """Remove running headers and footers (the same text, digits aside, in the margin of at
    least 40 % of the pages, when there are three or more) and lone page numbers there."""
    counts: Counter[str] = Counter()
    for segments, _, height in pages:
        keys = {_margin_key(s) for s in segments if _in_margin(s, height)}
        counts.update(keys)
    repeated = max(2, int(0.4 * len(pages) + 0.5))
    for segments, _, height in pages:
        segments[:] = [
            s
            for s in segments
            if not (
                _in_margin(s, height)
                and (
                    _PAGE_NUMBER.fullmatch(s.text.strip())
                    or (len(pages) >= 3 and counts[_margin_key(s)] >= repeated)
                )
            )
        ]


def _in_margin(segment: _Segment, height: float) -> bool:
    return segment.bottom > height * (1 - MARGIN) or segment.top < height * MARGIN


def _reading_order(segments: list[_Segment], width: float) -> list[list[_Segment]]:
    """The page's segments as runs to read one after another: each column of a band in turn."""
    if not segments:
        return []
    gutter = _gutter(segments, width)
    if gutter is None:
        return [segments]
    runs: list[list[_Segment]] = []
    left: list[_Segment] = []
    right: list[_Segment] = []
    for segment in segments:  # top to bottom
        if segment.left < gutter < segment.right:
            runs.extend(r for r in (left, right) if r)
            runs.append([segment])
            left, right = [], []
        elif segment.right <= gutter:
            left.append(segment)
        else:
            right.append(segment)
    runs.extend(r for r in (left, right) if r)
    return runs


def _gutter(segments: list[_Segment], width: float) -> float | None:
    """An x in the middle of the page that at most a few segments cross, with text on both
    sides of it over the same height: the gutter of a two-column page."""
    if len(segments) < 6:
        return None
    best: tuple[int, float] | None = None
    step = max(width / 200, 1.0)
    x = width * 0.3
    while x <= width * 0.7:
        crossing = sum(1 for s in segments if s.left < x < s.right)
        if best is None or crossing < best[0]:
            best = (crossing, x)
        x += step
    if best is None or best[0] > max(2, len(segments) // 8):
        return None
    x = best[1]
    left = [s for s in segments if s.right <= x]
    right = [s for s in segments if s.left >= x]
    if len(left) < 3 or len(right) < 3:
        return None
    # The two sides must stand beside each other, not one above the other.
    left_span = (min(s.bottom for s in left), max(s.top for s in left))
    right_span = (min(s.bottom for s in right), max(s.top for s in right))
    overlap = min(left_span[1], right_span[1]) - max(left_span[0], right_span[0])
    shorter = min(left_span[1] - left_span[0], right_span[1] - right_span[0])
    if shorter <= 0 or overlap < 0.5 * shorter:
        return None
    # Short labels at the left (a form, a table of two columns) are no column of text.
    widths = sorted(s.right - s.left for s in left + right)
    if widths[len(widths) // 2] < width * 0.15:
        return None
    return x


class _Block:
    """A paragraph being assembled from lines."""

    __slots__ = ("ends_run", "lines", "size")

    def __init__(self, line: _Segment) -> None:
        self.lines = [line]
        self.size = line.size
        self.ends_run = False
        """The last block of a column or page: its paragraph may go on in the next one."""

    def text(self) -> str:
        out = ""
        for line in self.lines:
            piece = line.text
            if not out:
                out = piece
            elif _HYPHENATED.search(out) and piece[:1].islower():
                out = out[:-1] + piece
            else:
                out += " " + piece
        return out


def _blocks(run: list[_Segment], body_size: float) -> list[_Block]:
    blocks: list[_Block] = []
    pitch = _line_pitch(run)
    right_edge = max(s.right for s in run)
    left_edge = min(s.left for s in run)
    previous: _Segment | None = None
    for line in run:
        if previous is None:
            blocks.append(_Block(line))
        else:
            gap = (previous.top + previous.bottom) / 2 - (line.top + line.bottom) / 2
            size_change = abs(line.size - previous.size) > 0.6
            short_end = previous.right < right_edge - 0.15 * (
                right_edge - left_edge
            ) and previous.text.endswith(_SENTENCE_END)
            indented = line.left > left_edge + 0.8 * body_size and previous.left <= left_edge + 2
            if (
                gap > 1.45 * pitch
                or gap < 0
                or size_change
                or short_end
                or _BULLET.match(line.text)
                or (indented and previous.text.endswith(_SENTENCE_END))
            ):
                blocks.append(_Block(line))
            else:
                blocks[-1].lines.append(line)
        previous = line
    return blocks


def _line_pitch(run: list[_Segment]) -> float:
    gaps = sorted(
        round((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2, 1)
        for a, b in itertools.pairwise(run)
        if abs(a.size - b.size) < 0.6 and (a.top + a.bottom) > (b.top + b.bottom)
    )
    if not gaps:
        return max((s.size for s in run), default=10.0) * 1.2
    return gaps[len(gaps) // 2]


def parse_pdf(data: bytes, content_hash: str, source_path: str | None, where: str) -> Document:
    """The document of a text PDF's bytes; `where` names it in errors."""
    pdf = _open(data, where)
    try:
        pages = [_page_segments(pdf[i]) for i in range(len(pdf))]
        info = pdf.get_metadata_dict()
    except Exception as exc:  # pdfium on a damaged page
        if isinstance(exc, SourceError):
            raise
        raise SourceError(where, f"is a damaged PDF that cannot be read ({exc})") from None
    finally:
        pdf.close()
    if not any(segments for segments, _, _ in pages):
        raise SourceError(
            where, "has no text layer (a scanned PDF?); briefing reads PDFs that have text"
        )
    _drop_running_lines(pages)
    sizes: Counter[float] = Counter()
    for segments, _, _ in pages:
        for s in segments:
            sizes[s.size] += len(s.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    blocks: list[_Block] = []
    first_page_blocks = 0
    for number, (segments, width, _) in enumerate(pages):
        for run in _reading_order(segments, width):
            run_blocks = _blocks(run, body_size)
            if run_blocks:
                run_blocks[-1].ends_run = True
            blocks.extend(run_blocks)
        if number == 0:
            first_page_blocks = len(blocks)
    return _build(blocks, body_size, first_page_blocks, info, content_hash, source_path)


def _is_heading(block: _Block, text: str, body_size: float) -> bool:
    return (
        block.size >= body_size * 1.15
        and len(block.lines) <= 3
        and len(text) <= 160
        and not text.endswith((".", ",", ";"))
    )


def _build(
    blocks: list[_Block],
    body_size: float,
    first_page_blocks: int,
    info: dict[str, str],
    content_hash: str,
    source_path: str | None,
) -> Document:
    texts = [sanitize(b.text()) for b in blocks]
    heading_sizes = sorted(
        {b.size for b, t in zip(blocks, texts, strict=True) if _is_heading(b, t, body_size)},
        reverse=True,
    )
    title: str | None = None
    first_heads = [
        i
        for i in range(min(first_page_blocks, len(blocks)))
        if _is_heading(blocks[i], texts[i], body_size)
    ]
    if first_heads:
        top = max(first_heads, key=lambda i: blocks[i].size)
        if top == first_heads[0] and blocks[top].size == heading_sizes[0]:
            title = " ".join(texts[top].split())
            texts[top] = ""
    builder = DocumentBuilder()
    pending = ""  # a paragraph cut by a column or page break, not yet ended
    for block, text in zip(blocks, texts, strict=True):
        if not text:
            continue
        if _is_heading(block, text, body_size):
            if pending:
                builder.add(pending)
                pending = ""
            level = min(6, 1 + heading_sizes.index(block.size)) if len(heading_sizes) > 1 else 2
            builder.break_section(" ".join(text.split()))
            builder.add(text, ParagraphKind.HEADING, max(level, 2))
            continue
        if pending:
            if text[:1].islower() or not pending.endswith(_SENTENCE_END):
                if _HYPHENATED.search(pending) and text[:1].islower():
                    text = pending[:-1] + text
                else:
                    text = pending + " " + text
            else:
                builder.add(pending)
            pending = ""
        if _BULLET.match(text):
            builder.add(text, ParagraphKind.LIST_ITEM, 1)
        elif block.ends_run and not text.endswith(_SENTENCE_END) and len(text) >= 40:
            pending = text
        else:
            builder.add(text)
    if pending:
        builder.add(pending)
    metadata = Metadata(
        title=title or _info_title(info),
        byline=_info(info, "Author"),
        date=_pdf_date(info.get("CreationDate", "")),
    )
    return builder.build(metadata, content_hash, source_path, "pdf")


def _info(info: dict[str, str], key: str) -> str | None:
    value = " ".join(sanitize(info.get(key) or "").split())
    return value or None


def _info_title(info: dict[str, str]) -> str | None:
    """The document information's title, unless it is a file name or a program's label."""
    title = _info(info, "Title")
    if not title or re.search(r"\.(?:docx?|pdf|indd|tex|rtf|odt)$|^Microsoft Word", title, re.I):
        return None
    return title


def _pdf_date(value: str) -> str | None:
    match = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", value or "")
    if not match:
        return None
    return "-".join(part for part in match.groups() if part)
