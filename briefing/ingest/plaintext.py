"""Plain text → `Document`.

Paragraphs are separated by blank lines or by single line breaks (news copy pasted from a web
page has one paragraph per line). A block of lines that is hard-wrapped prose (lines of similar
length that do not end sentences) is joined into one paragraph instead, and in a block of
lines no wider than wrapped text, a line opening in lower case runs on from a full line
before it that ends no sentence. The first lines may
hold a title and a byline, the first paragraph a dateline, and the last ones credits: those go
to metadata, not into the body. The first line is the title when it has a heading's shape (see
below) or is set as a headline (`newscopy.headline_style`: title case, a kicker, a question, a
quoted phrase, a ";", up to 25 words, full stop or not) over a longer paragraph; a sentence-case
first line reads as a lede and stays in the body.

A short line without closing punctuation is a heading when it has a heading's shape and stands
apart (the line before ends a sentence, the one after opens one, it does not end on "the" or
"and", it is not a running header repeated through the text), and only in a document whose
prose lines end their sentences with punctuation: in text without punctuation (transcripts,
subtitles, OCR output) a short line is a short sentence.
"""

from __future__ import annotations

import itertools
import re

from briefing.ingest.builder import DocumentBuilder
from briefing.model import Document, Metadata, ParagraphKind
from briefing.text import newscopy as news

_LIST_ITEM = re.compile(r"^(?:[•·*▪‣◦–-]|\d{1,3}[.)])\s+\S")
_LIST_STARTS = frozenset("•·*▪‣◦–-0123456789")
_HEADING_MAX_CHARS = 80
_SENTENCE_END = tuple('.!?:;"”’)»')
_HEADING_MAX_WORDS = 10


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True when a block's lines are one paragraph wrapped at a fixed width."""
    if len(lines) < 2:
        return False
    widest = max(map(len, lines))
    if widest > 120:
        return False
    body = lines[:-1]
    open_ended = sum(1 for line in body if not line.rstrip().endswith(_SENTENCE_END))
    full = sum(1 for line in body if len(line) >= 0.6 * widest)
    return open_ended * 2 >= len(body) and full * 10 >= 6 * len(body)


def _blocks(text: str) -> list[list[str]]:
    """Runs of non-blank lines."""
    lines = text.split("\n")
    start, end = 0, len(lines)
    while end > start and not lines[end - 1].strip():
        end -= 1
    while start < end and not lines[start].strip():
        start += 1
    body = lines[start:end]
    if "" not in body and not any(map(str.isspace, body)):
        # One paragraph a line and no blank line between (news pasted from the web): one run.
        return [body] if body else []
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in body:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


_WRAP_WIDTH = 120
"""Widest line of a block that can be hard-wrapped prose."""
_FULL_LINE = 0.8
"""A line this close to its block's widest is full: the next word did not fit."""
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’)\]]*\s*$")


def _run_on_lines(block: list[str]) -> list[str]:
    """A block's lines, each line that opens in lower case joined to a full line before it
    that ends no sentence: a paragraph wrapped at a fixed width whose lines happened to end
    with `;`, `)` or `:`, or a short paragraph of two lines. Lines of any width are other
    text (one sentence or one paragraph a line) and stay as they are."""
    lines = [line.strip() for line in block]
    widest = max(map(len, block))
    if len(block) < 2 or widest > _WRAP_WIDTH:
        return lines
    out = [lines[0]]
    for before, line in itertools.pairwise(block):
        if (
            line.lstrip()[:1].islower()
            and len(before.rstrip()) >= _FULL_LINE * widest
            and not _ENDS_SENTENCE.search(before)
        ):
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line.strip())
    return out


def _paragraphs(text: str) -> list[str]:
    paragraphs: list[str] = []
    for block in _blocks(text):
        if _is_hard_wrapped(block) and not any(_LIST_ITEM.match(s.strip()) for s in block[1:]):
            paragraphs.append(" ".join(line.strip() for line in block))
        else:
            paragraphs.extend(_run_on_lines(block))
    return paragraphs


_WORDLIKE = re.compile(r"[^\W\d_]{2,}")
"""Two letters in a row: what a heading has and a list number or a time has not."""


_FRAGMENT_END = frozenset(
    """
    a an the and or but nor of to in on at by for with from as into than that which who whose
    is are was were be been has have had will would can could should may might must not its
    their his her our your my this these those if when while because whether so
    """.split()
)
"""Words a heading does not end with: a line ending so is a fragment of a sentence."""
PUNCTUATED_SHARE = 0.6
"""Share of a document's prose lines (longer than a heading can be) that must end a sentence
with punctuation before any short unpunctuated line counts as a heading: in text without
punctuation (transcripts, subtitles, OCR output, one sentence a line) a short line is only a
short sentence."""
_FEW_PROSE_LINES = 3
"""Fewer prose lines than this say nothing about whether a document punctuates."""
_REPEATED = 3
"""A line found this often in a document is page furniture (a running header), not a heading;
a line opening with a label found this often ("Anna: …", "Q: …") is a speaker's turn."""
_LABEL = re.compile(r"^([^:\n]{1,40}):\s")
_LABEL_END = 42
"""A label's colon is at index 1 to 40: `str.find` before the regex skips most lines."""


def _could_open_list(char: str) -> bool:
    """What `_LIST_ITEM` can start with (its `\\d` is any decimal digit)."""
    return char in _LIST_STARTS or char.isdecimal()


def _looks_like_heading(line: str, following: str | None) -> bool:
    """A short unpunctuated line before a longer paragraph has a heading's shape."""
    if len(line) > _HEADING_MAX_CHARS:
        return False
    words = line.split()
    if not words or len(words) > _HEADING_MAX_WORDS:
        return False
    if line.endswith((*_SENTENCE_END, ",", "—", "-")) or _LIST_ITEM.match(line):
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    if not _WORDLIKE.search(line):
        return False  # "1", "8:30 p.m.", "***": list numbers, times, rules
    if words[-1].lower() in _FRAGMENT_END:
        return False  # "The minister said that the": a sentence runs on
    return following is not None and len(following) > 2 * len(line)


def _punctuates(paragraphs: list[str]) -> bool:
    """Whether the document ends its sentences with punctuation: most of its prose lines
    (longer than a heading can be, opening with a capital, not list items) do, or it has
    almost none."""
    prose = ended = 0
    for paragraph in paragraphs:
        if len(paragraph) > _HEADING_MAX_CHARS or len(paragraph.split()) > _HEADING_MAX_WORDS:
            first = paragraph[0]
            if first.islower() or (_could_open_list(first) and _LIST_ITEM.match(paragraph)):
                continue  # list items need no full stop; a lower-case line runs on from another
            prose += 1
            ended += paragraph.rstrip().endswith(_SENTENCE_END)
    # a document of lists and short lines gives too few to tell: its headings stand
    return prose < _FEW_PROSE_LINES or ended >= PUNCTUATED_SHARE * prose


def _heading_lines(paragraphs: list[str], first: int = 0) -> set[int]:
    """Indices of the paragraphs (from `first`) that are headings: short unpunctuated lines of
    a heading's shape in a document that punctuates its sentences, standing apart from their
    neighbours (the line before ends a sentence or is a heading, the one after opens one), and
    not repeated through the document like a running header."""
    if not _punctuates(paragraphs):
        return set()
    found: set[int] = set()
    counts: dict[str, int] = {}
    labels: dict[str, int] = {}
    for paragraph in paragraphs:
        if len(paragraph) <= _HEADING_MAX_CHARS:
            counts[paragraph] = counts.get(paragraph, 0) + 1
        if paragraph.find(":", 1, _LABEL_END) > 0:  # the regex only where it can match
            label = _LABEL.match(paragraph)
            if label is not None:
                labels[label.group(1)] = labels.get(label.group(1), 0) + 1
    last = len(paragraphs) - 1
    for i in range(first, last + 1):
        line = paragraphs[i]
        if len(line) > _HEADING_MAX_CHARS or not line:
            continue
        following = paragraphs[i + 1] if i < last else None
        if not _looks_like_heading(line, following) or counts.get(line, 0) >= _REPEATED:
            continue
        label = _LABEL.match(line)
        if label is not None and labels.get(label.group(1), 0) >= _REPEATED:
            continue  # a speaker's turn in a transcript or interview
        before = paragraphs[i - 1].rstrip() if i > 0 else ""
        if (
            before
            and i - 1 not in found
            and not before.endswith((*_SENTENCE_END, "…"))
            and not _LIST_ITEM.match(before.lstrip())
        ):
            continue  # the line before runs on into this one
        if following is not None and following[:1].islower():
            continue  # this line runs on into the next
        found.add(i)
    return found


def _headline(line: str) -> str:
    """A first line as a headline: wire and archive copy end headlines with a semicolon
    ("Mayor Vows to Fight Cuts;"), which makes them no sentence."""
    return line[:-1].rstrip() if line.endswith(";") and not line.endswith(";;") else line


_HEADLINE_LOOKAHEAD = 3
"""Paragraphs a headline may stand over before the longer one it heads: a deck, a label
("Abstract"), a byline or a short dateline line come between."""


def _is_headline(line: str, after: list[str]) -> bool:
    """A first line set as a headline (`newscopy.headline_style`) over a longer paragraph
    within the next `_HEADLINE_LOOKAHEAD`."""
    return news.headline_style(line) and any(
        len(p) > len(line) for p in after[:_HEADLINE_LOOKAHEAD]
    )


def parse_plain_text(text: str, content_hash: str, source_path: str | None) -> Document:
    paragraphs = _paragraphs(text)
    title = byline = dateline = None
    credits: list[str] = []

    # Leading title and byline, in either order, each at most once.
    for _ in range(2):
        if len(paragraphs) < 2:
            break
        first = paragraphs[0]
        following = next((p for p in paragraphs[1:3] if not news.is_byline(p)), None)
        if byline is None and news.is_byline(first):
            byline = first
            paragraphs.pop(0)
        elif (
            title is None
            and not news.DATELINE.match(first)
            and not news.has_address(first)
            and (
                (_looks_like_heading(_headline(first), following) and _punctuates(paragraphs))
                or _is_headline(first, paragraphs[1:])
            )
        ):
            title = _headline(first)
            paragraphs.pop(0)

    # Trailing credits, scanning back from the end; the body keeps at least one paragraph.
    while len(paragraphs) > 1 and news.is_credit(paragraphs[-1]):
        credits.insert(0, news.strip_bullet(paragraphs.pop()))

    if paragraphs:
        dateline, rest = news.split_dateline(paragraphs[0])
        paragraphs[0] = rest

    builder = DocumentBuilder()
    add_text = builder.add_stripped
    headings = _heading_lines(paragraphs, 1)
    for i, paragraph in enumerate(paragraphs):
        # Cheap tests first: most lines are long and start with a letter.
        if not paragraph:
            continue
        if paragraph[0] in _LIST_STARTS and _LIST_ITEM.match(paragraph):
            builder.add(paragraph, ParagraphKind.LIST_ITEM, 1)
        elif i in headings:
            builder.break_section(paragraph)
            builder.add(paragraph, ParagraphKind.HEADING, 2)
        else:
            add_text(paragraph)
    metadata = Metadata(title=title, dateline=dateline, byline=byline, credits=tuple(credits))
    return builder.build(metadata, content_hash, source_path, "text")
