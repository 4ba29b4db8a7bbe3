"""Markdown → `Document`, parsed with markdown-it-py.

YAML front matter becomes metadata; the first `#` heading is the title; `##` headings (and any
later `#` heading) start the sections the source declares. Lists, block quotes, code, emphasis
and links are kept as paragraph kinds and inline styles, so the reader can show them as such,
while `Document.text` stays plain readable text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from briefing.ingest.builder import Cell, DocumentBuilder, StyleRun
from briefing.ingest.html_blocks import html_block_text, inline_html_text
from briefing.model import ColumnAlign, Document, Metadata, ParagraphKind, StyleKind
from briefing.text.safety import sanitize

_STYLE_OF = {
    "em": StyleKind.EMPHASIS,
    "strong": StyleKind.STRONG,
    "s": StyleKind.STRIKE,
    "link": StyleKind.LINK,
}

_ALIGN_OF = {f"text-align:{a.value}": a for a in ColumnAlign if a.value}


def _parser(front_matter: bool = True) -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.block.tokenize = _never_dropping(md.block.tokenize)  # type: ignore[method-assign,assignment]
    return md.use(front_matter_plugin) if front_matter else md


BlockTokenize = Callable[[StateBlock, int, int], None]


def _never_dropping(tokenize: BlockTokenize) -> BlockTokenize:
    """markdown-it's block parser, except past its nesting limit (lists or quotes nested ~10
    deep), where it skips the rest of the block, and inside a list the rest of the file: there
    the lines are read as plain paragraphs instead, so no text is ever lost."""

    def guarded(state: StateBlock, start: int, end: int) -> None:
        if state.level < state.md.options.maxNesting:
            tokenize(state, start, end)
        else:
            _plain_paragraphs(state, start, end)

    return guarded


def _plain_paragraphs(state: StateBlock, start: int, end: int) -> None:
    """Paragraph tokens for the lines of a block nested too deep, without parsing them."""
    line = start
    while line < end:
        line = state.skipEmptyLines(line)
        if line >= end or state.sCount[line] < state.blkIndent:
            break  # the block ends here, as markdown-it's own loop would end it
        first = line
        while line < end and not state.isEmpty(line) and state.sCount[line] >= state.blkIndent:
            line += 1
        opening = state.push("paragraph_open", "p", 1)
        opening.map = [first, line]
        inline = state.push("inline", "", 0)
        inline.content = state.getLines(first, line, state.blkIndent, False).strip()
        inline.map = [first, line]
        inline.children = []
        state.push("paragraph_close", "p", -1)
    state.line = line


PIECE_CHARS = 256_000
"""A longer source is parsed a piece of about this size at a time: markdown-it's tokens for a
whole 9 MB table took 1.5 GB (two hundred bytes of tokens for every byte of a cell)."""

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_DELIMITER_ROW = re.compile(r" {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*")
_TOP_ITEM = re.compile(r"[-*+] |\d{1,9}[.)] ")


def _pieces(text: str) -> Iterator[tuple[str, bool]]:
    """`text` in pieces of about `PIECE_CHARS` that parse as the whole would, each with
    whether it goes on with a table the piece before it ended in (it then starts with that
    table's header and delimiter rows again). A piece ends, outside fenced code, before a line
    at the left margin that follows a blank line, that opens a list item after another item
    or its indented content, or that goes on with a table's rows. A reference defined further
    down is not seen above the piece it is in."""
    lines = text.split("\n")
    start = size = 0  # the current piece: its first line, its length so far
    prefix = ""  # what it starts with again: a table's header and delimiter rows
    fence = ""  # the fence of the code block we are in
    header = ""  # the header and delimiter rows of the table we are in
    rows = 0  # its rows so far (with those two)
    front = 0  # lines of front matter, never cut
    if lines[0].rstrip() == "---":
        front = next((i for i, line in enumerate(lines) if i and line.rstrip() == "---"), 0)
    for i, line in enumerate(lines):
        fenced = _FENCE.match(line)
        if i <= front:
            pass
        elif fence:
            closes = (
                fenced and fenced.group(1)[0] == fence[0] and len(fenced.group(1)) >= len(fence)
            )
            if closes and not line.strip().strip(fence[0]):
                fence = ""
        else:
            if size >= PIECE_CHARS and line[:1] not in ("", " ", "\t"):
                previous = lines[i - 1]
                in_table = rows > 2 and line.startswith("|") and previous.startswith("|")
                item = _TOP_ITEM.match(line) and (
                    _TOP_ITEM.match(previous) or previous[:1] in (" ", "\t")
                )
                if in_table or item or not previous.strip():
                    yield prefix + "\n".join(lines[start:i]), bool(prefix)
                    prefix = header if in_table else ""
                    start, size = i, 0
            if fenced:
                fence = fenced.group(1)
        size += len(line) + 1
        if not line.strip() or fence:
            header, rows = "", 0
        elif rows:
            rows += 1
        elif i and "|" in lines[i - 1] and _DELIMITER_ROW.fullmatch(line):
            header, rows = f"{lines[i - 1]}\n{line}\n", 2
    yield prefix + "\n".join(lines[start:]), bool(prefix)


def _tokens(text: str) -> Iterator[Token]:
    """markdown-it's tokens for `text`, a piece at a time when it is long (`_pieces`): a
    table that goes on into the next piece is one table still."""
    if len(text) <= 2 * PIECE_CHARS:
        yield from _parser().parse(text)
        return
    env: dict[str, Any] = {}  # link references, from one piece to the next
    held: list[Token] = []
    for n, (piece, continued) in enumerate(_pieces(text)):
        tokens = _parser(front_matter=n == 0).parse(piece, env)
        if (
            continued
            and [t.type for t in held[-2:]] == ["tbody_close", "table_close"]
            and tokens
            and tokens[0].type == "table_open"
        ):
            del held[-2:]
            head = next(k for k, t in enumerate(tokens) if t.type in ("tbody_open", "table_close"))
            tokens = tokens[head + 1 :] if tokens[head].type == "tbody_open" else tokens[head:]
        yield from held
        held = tokens
    yield from held


def _inline(token: Token) -> tuple[str, list[StyleRun]]:
    """Flatten an inline token to plain text and the styles over it."""
    parts: list[str] = []
    styles: list[StyleRun] = []
    length = 0
    open_at: list[tuple[str, int, str | None]] = []
    for child in token.children or ():
        kind = child.type
        piece = ""
        if kind == "text":
            piece = child.content
        elif kind == "html_inline":
            piece = inline_html_text(child.content)
        elif kind == "softbreak":
            piece = " "
        elif kind == "hardbreak":
            piece = "\n"
        elif kind == "code_inline":
            styles.append((length, length + len(child.content), StyleKind.CODE, None))
            piece = child.content
        elif kind == "image":
            piece = f"[image: {child.content}]" if child.content else "[image]"
        elif kind.endswith("_open") and kind[:-5] in _STYLE_OF:
            href = child.attrGet("href")
            open_at.append((kind[:-5], length, str(href) if href is not None else None))
        elif kind.endswith("_close") and kind[:-6] in _STYLE_OF:
            for i in range(len(open_at) - 1, -1, -1):
                if open_at[i][0] == kind[:-6]:
                    name, start, target = open_at.pop(i)
                    styles.append((start, length, _STYLE_OF[name], target))
                    break
        parts.append(piece)
        length += len(piece)
    return "".join(parts), styles


def _metadata(front: dict[str, Any], title: str | None) -> Metadata:
    def text(*keys: str) -> str | None:
        for key in keys:
            value = front.get(key)
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            if value is not None and str(value).strip():
                return sanitize(str(value)).strip()
        return None

    tags_value = front.get("tags") or front.get("keywords") or ()
    if isinstance(tags_value, str):
        tags_value = [t for t in tags_value.replace(",", " ").split() if t]
    tags = (
        tuple(sanitize(str(t)).strip() for t in tags_value)
        if isinstance(tags_value, list | tuple)
        else ()
    )
    known = {"title", "author", "authors", "byline", "date", "dateline", "location", "tags"}
    known |= {"keywords", "credits"}
    credits_value = front.get("credits") or ()
    credits = (
        (sanitize(str(credits_value)),)
        if isinstance(credits_value, str)
        else tuple(sanitize(str(c)) for c in credits_value)
        if isinstance(credits_value, list)
        else ()
    )
    extra = tuple(
        (sanitize(str(k)), sanitize(str(v))) for k, v in front.items() if str(k) not in known
    )
    return Metadata(
        title=text("title") or title,
        dateline=text("dateline", "location"),
        byline=text("byline", "author", "authors"),
        date=text("date"),
        credits=credits,
        tags=tags,
        extra=extra,
    )


MAX_FRONT_MATTER = 64 * 1024
"""Longest front matter read (characters): metadata, not a document of its own."""
MAX_FRONT_MATTER_DEPTH = 32
"""Deepest nesting of lists and mappings read in front matter."""


class _FrontMatterLoader(yaml.BaseLoader):
    """YAML as front matter needs it and no more: every value a string (no 5,000-digit
    numbers or odd dates to convert), no aliases (400 bytes of them expand to gigabytes),
    nesting at most `MAX_FRONT_MATTER_DEPTH` deep (no recursion past Python's limit)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("aliases are not read in front matter")
        self._depth += 1
        try:
            if self._depth > MAX_FRONT_MATTER_DEPTH:
                raise yaml.YAMLError("front matter nested too deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _front_matter(content: str) -> dict[str, Any]:
    if len(content) > MAX_FRONT_MATTER:
        return {"front_matter": "too long, ignored"}
    try:
        loaded = yaml.load(content, Loader=_FrontMatterLoader)  # a safe loader (see above)
    except (yaml.YAMLError, RecursionError, ValueError):
        return {"front_matter": "unreadable YAML, ignored"}
    return loaded if isinstance(loaded, dict) else {}


def parse_markdown(text: str, content_hash: str, source_path: str | None) -> Document:
    """`text` must already be sanitised; front matter values are sanitised here."""
    tokens = _tokens(text)
    builder = DocumentBuilder()
    front: dict[str, Any] = {}
    title: str | None = None
    seen_body = False
    list_stack: list[list[int]] = []  # per open list: [next number] or [-1] for bullets
    item_fresh: list[bool] = []  # per open list item: its first paragraph is still to come
    quote_depth = 0
    heading_level = 0
    table_rows: list[list[Cell]] = []
    row: list[Cell] = []
    header_rows = 0
    aligns: list[ColumnAlign] = []
    in_cell = in_head = False

    for token in tokens:
        kind = token.type
        if kind == "front_matter":
            front = _front_matter(token.content)
        elif kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "heading_close":
            heading_level = 0
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            list_stack.append([int(start) if start is not None else 1] if kind[0] == "o" else [-1])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif kind == "list_item_open":
            item_fresh.append(True)
        elif kind == "list_item_close":
            item_fresh.pop()
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind in ("fence", "code_block"):
            builder.add(token.content.rstrip("\n"), ParagraphKind.CODE)
            seen_body = True
        elif kind == "html_block":
            content, preformatted = html_block_text(token.content)
            # a <pre> block is one piece of code; other blocks, a paragraph per line of text
            for part in [content] if preformatted else content.split("\n"):
                if part.strip():
                    builder.add(part, ParagraphKind.CODE if preformatted else ParagraphKind.TEXT)
                    seen_body = True
        elif kind in ("th_open", "td_open"):
            in_cell = True
            if in_head and not table_rows:
                aligns.append(_ALIGN_OF.get(str(token.attrGet("style")), ColumnAlign.NONE))
        elif kind in ("th_close", "td_close"):
            in_cell = False
        elif kind in ("thead_open", "thead_close"):
            in_head = kind == "thead_open"
        elif kind == "tr_close":
            table_rows.append(row)
            header_rows += in_head
            row = []
        elif kind == "table_close":
            builder.add_table(table_rows, header_rows, tuple(aligns))
            table_rows, header_rows, aligns = [], 0, []
            seen_body = True
        elif kind == "inline":
            content, styles = _inline(token)
            if in_cell:
                lead = len(content) - len(content.lstrip())
                shifted = [(a - lead, b - lead, k, t) for a, b, k, t in styles] if styles else ()
                row.append((content.strip(), shifted))
                continue
            if heading_level:
                if heading_level == 1 and title is None and not seen_body:
                    title = content.strip()
                    continue
                if heading_level <= 2:
                    builder.break_section(content.strip())
                builder.add(content, ParagraphKind.HEADING, heading_level, styles)
            elif list_stack and item_fresh:
                prefix = ""
                if item_fresh[-1]:
                    counter = list_stack[-1]
                    prefix = "• " if counter[0] < 0 else f"{counter[0]}. "
                    if counter[0] >= 0:
                        counter[0] += 1
                    item_fresh[-1] = False
                shifted = [(a + len(prefix), b + len(prefix), k, t) for a, b, k, t in styles]
                builder.add(prefix + content, ParagraphKind.LIST_ITEM, len(list_stack), shifted)
            elif quote_depth:
                builder.add(content, ParagraphKind.QUOTE, quote_depth, styles)
            else:
                builder.add(content, ParagraphKind.TEXT, 0, styles)
            seen_body = True
    return builder.build(_metadata(front, title), content_hash, source_path, "markdown")
