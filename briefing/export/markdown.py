"""A reading and the reader's annotations as one Markdown file (CommonMark plus the Obsidian
conventions `==highlight==` and `> [!note]` callouts).

Layout (full export):

- YAML front matter: title, source, content_hash, dateline, byline, exported, tags (the sorted
  tags of all annotations), always in that order; absent values are `null`.
- `# title`, then the paragraphs before the first section (if any) under no heading, then one
  `## ` heading per section. When a section begins with a heading paragraph whose text is the
  section's title (a Markdown source's own `##`), that paragraph *is* the `## ` heading, so it
  is not shown twice.
- Paragraph kinds: headings inside a section become `###` (deeper levels keep their depth, up
  to `######`); quotes are prefixed `> ` once per nesting level; code is a backtick fence longer
  than any backtick run inside it, its text verbatim (highlights cannot be marked inside a code
  block: an annotation touching code always gets a callout). List items stay paragraphs of
  their own: their text already carries its bullet or number ("• ", "2. "), and a Markdown `- `
  in front would show a second bullet.
- Highlighted passages are marked `==…==` (or `<mark>…</mark>`, `Highlight.HTML`); overlapping
  or touching highlights are merged for marking; a highlight over several paragraphs is closed
  and reopened in each.
- After the paragraph where an annotation's passage ends comes its callout, if it has a note or
  tags (a bare highlight is only marked):

      > [!note] yellow · moved · #tag-one #tag-two
      >
      > > the passage, as in the text
      >
      > the note's own Markdown, every line prefixed

  "moved" appears only for an annotation re-anchored by a fuzzy match. When a note contains a
  tab, every line of its callout is prefixed `  > ` instead: content then starts at column 4,
  a tab stop, so tabs in the note measure the same as in the note alone.
- `## Orphaned notes`: annotations whose passage is gone (and any whose offsets no longer fit
  the text), each as a callout quoting its stored words.
- `## People and organisations` (people and organisations only, in the reading's order: name,
  type, role, the sections that mention them) and `## Quotes` (speaker: words), when the
  reading has any.

Notes-only export: front matter and title, then per section (only sections that have
annotations) a callout for every annotation, bare highlights included, since there the quote is
the content; orphans as well; no appendices, which describe the article rather than the reader's
notes.

Escaping. Article text, titles, names and tags are literal: every character that CommonMark or
Obsidian could read as syntax anywhere in a line (`` \\ ` * _ [ ] < > & = # ~ $ % | ^ ``) gets a
backslash, and so does a line's first `-`, `+` or `:` and the `.`/`)` after a line's leading
digits. White space at either end of a line (which a parser would drop, or read as code) and
tabs become numeric character references, since a backslash cannot keep them. A line break
inside a paragraph is a hard break (`\\` at the end of the line). The characters next to a `==`
are made punctuation (a reference or an escape) where CommonMark's flanking rules would
otherwise stop it opening or closing. Control characters other than tab and newline are outside
this contract (the app sanitises text on the way in).

Notes are the reader's Markdown and are kept as written (line ends normalised to "\\n"), with one
exception: link reference definitions are global in CommonMark, so a note that defines a label
some other part of the file could use is rewritten to keep them to itself. Its labels are
prefixed with a per-note namespace (`briefing-note-3 `; a shortcut `[x]` becomes
`[x][briefing-note-3 x]`); the result is checked to parse exactly as the note did, and a note
that cannot be rewritten safely has its definitions escaped instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any

import yaml

from briefing.model import (
    AnchorStatus,
    Annotation,
    Document,
    EntityType,
    Paragraph,
    ParagraphKind,
    Reading,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.parser_block import RuleFuncBlockType
    from markdown_it.parser_inline import RuleFuncInlineType
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

__all__ = ["export_markdown"]

# ---------------------------------------------------------------------------------------------
# Literal text

_ESCAPED = "\\`*_[]<>&=#~$%|^"
_TRANSLATION = {ord(c): "\\" + c for c in _ESCAPED} | {9: "&#9;", 13: "&#13;"}
_LINE_SPACE = (
    " \t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
"""Everything `str.strip()` or CommonMark drops at a line's ends, except the newline itself."""
_EDGE_SPACE = re.compile(f"^[{_LINE_SPACE}]+|[{_LINE_SPACE}]+$", re.MULTILINE)
_LINE_START = re.compile(r"^(?:[-+:]|\d+[.)])", re.MULTILINE)
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

_SPACE, _PUNCT, _WORD, _UNSURE = range(4)
"""How a character next to a `==` counts for CommonMark's flanking rules. `_UNSURE` covers
symbols and the like, which parsers before CommonMark 0.31 count differently from later ones."""


def _class_of(c: str) -> int:
    if c == " ":
        return _SPACE
    if c in _ASCII_PUNCTUATION:
        return _PUNCT
    if c.isascii():
        return _WORD if c.isalnum() else _UNSURE
    category = unicodedata.category(c)
    if category[0] in "LMN":
        return _WORD
    if category[0] == "P":
        return _PUNCT
    return _SPACE if category == "Zs" else _UNSURE


def _reference(c: str) -> str:
    """A numeric character reference, or the character itself where CommonMark would turn the
    reference into U+FFFD (NUL, most controls, surrogates, non-characters)."""
    code = ord(c)
    invalid = (
        code < 9
        or code in (0x0B, 0x7F)
        or 0x0E <= code <= 0x1F
        or 0x80 <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or 0xFDD0 <= code <= 0xFDEF
        or (code & 0xFFFE) == 0xFFFE
    )
    return c if invalid else f"&#{code};"


def _inline(
    text: str,
    marks: Sequence[tuple[int, int]] = (),
    *,
    breaks: bool = True,
    delimiter: str | tuple[str, str] = "==",
) -> str:
    """`text` as Markdown inline content that parses back to exactly its characters, with
    `delimiter` around each of `marks` (sorted, disjoint, not touching, not empty; a pair is
    an opening and a closing one, as `<mark>` and `</mark>`).

    With `breaks`, a newline is a hard line break; without (headings, list entries) it is a
    character reference, keeping everything on one line."""
    opening, closing = (delimiter, delimiter) if isinstance(delimiter, str) else delimiter
    size = len(text)
    references: set[int] = set()
    newlines: list[int] = []
    if "\n" in text:
        for match in _EDGE_SPACE.finditer(text):
            references.update(range(match.start(), match.end()))
        escapes = {match.end() - 1 for match in _LINE_START.finditer(text)}
        newlines = [i for i, c in enumerate(text) if c == "\n"]
    else:  # one line, the common case: no need to scan it all with the patterns
        lead = size - len(text.lstrip(_LINE_SPACE))
        trail = len(text.rstrip(_LINE_SPACE)) if lead < size else size
        references.update(range(lead))
        references.update(range(trail, size))
        marker = _LINE_START.match(text)
        escapes = {marker.end() - 1} if marker else set()
        if not (references or escapes or marks):
            return text.translate(_TRANSLATION)
    opens = {start for start, _ in marks}
    closes = {end for _, end in marks}
    for i in newlines:
        # A newline as the last character would leave a bare backslash; one just before a
        # closing `==` would start the line with it, and a `==` after a line break cannot close.
        if not breaks or i + 1 == size or i + 1 in closes:
            references.add(i)

    def first_class(i: int) -> int:
        """Class of the first character written for text[i]."""
        c = text[i]
        if i in references or c == "\n" or c in "\t\r" or i in escapes or c in _ESCAPED:
            return _PUNCT  # "&", or the backslash of an escape or of a hard break
        return _class_of(c)

    def last_class(i: int) -> int:
        """Class of the last character written for text[i]."""
        c = text[i]
        if i in references or c in "\t\r" or i in escapes or c in _ESCAPED:
            return _PUNCT  # ";", or the escaped punctuation itself
        if c == "\n":
            return _SPACE  # a hard break: what follows starts a line
        return _class_of(c)

    # The passage's own first and last characters must not be white space (a `==` next to
    # space cannot open or close), then a `==` next to punctuation needs punctuation or space
    # on its other side too.
    for start, end in marks:
        if first_class(start) in (_SPACE, _UNSURE):
            references.add(start)
        if last_class(end - 1) in (_SPACE, _UNSURE):
            references.add(end - 1)
    for start, end in marks:
        if (
            first_class(start) == _PUNCT
            and start > 0
            and last_class(start - 1)
            not in (
                _SPACE,
                _PUNCT,
            )
        ):
            references.add(start - 1)
        if (
            last_class(end - 1) == _PUNCT
            and end < size
            and first_class(end)
            not in (
                _SPACE,
                _PUNCT,
            )
        ):
            references.add(end)

    specials = references | escapes | opens | closes
    specials.update(newlines)
    if not specials:
        return text.translate(_TRANSLATION)
    out: list[str] = []
    done = 0
    for i in sorted(specials):
        if i > done:
            out.append(text[done:i].translate(_TRANSLATION))
        if i in closes:
            out.append(closing)
        if i in opens:
            out.append(opening)
        if i >= size:
            done = size
            break
        c = text[i]
        if i in references:
            out.append(_reference(c))
        elif c == "\n":
            out.append("\\\n")
        elif i in escapes:
            out.append("\\" + c)
        else:
            out.append(c.translate(_TRANSLATION))
        done = i + 1
    if done < size:
        out.append(text[done:].translate(_TRANSLATION))
    return "".join(out)


def _prefix_lines(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else prefix.rstrip() for line in text.split("\n"))


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text}\n{fence}"


def _tag(tag: str) -> str:
    """A tag as Obsidian writes one: `#` and no white space (a run becomes "-")."""
    return "#" + _inline("-".join(tag.split()), breaks=False)


def _merge(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching ranges joined, sorted."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


# ---------------------------------------------------------------------------------------------
# Notes: keep each note's link reference definitions to itself

_MAX_NESTING = 100
"""markdown-it's default depth limit; notes nested deeper are analysed only this far."""
_NAMESPACE = "briefing-note-"
_CALLOUT_MARKER = "[!note]"


class Highlight(StrEnum):
    """How highlighted passages are marked."""

    MARKDOWN = "markdown"
    """`==…==`: Obsidian and other notes apps (pandoc and CommonMark show the marks)."""
    HTML = "html"
    """`<mark>…</mark>`: raw HTML that pandoc, CommonMark renderers and mail readers show."""


HIGHLIGHT_DELIMITERS: dict[Highlight, str | tuple[str, str]] = {
    Highlight.MARKDOWN: "==",
    Highlight.HTML: ("<mark>", "</mark>"),
}


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _LookupRecorder(dict[str, Any]):
    """The parser's reference table, remembering every label a link tried to resolve."""

    def __init__(self) -> None:
        super().__init__()
        self.looked_up: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.looked_up.add(key)
        return super().get(key, default)


@dataclass
class _NoteParse:
    """What one parse of a note found about link references."""

    tokens: list[Token] = field(default_factory=list)
    defined: set[str] = field(default_factory=set)
    looked_up: set[str] = field(default_factory=set)
    uses: dict[int, list[tuple[str, int, int]]] = field(default_factory=dict)
    """Resolved reference links per inline token (by id of its children): (form, opening
    bracket, closing bracket of the first label), offsets into the token's content."""


_SourceMap = tuple[list[tuple[int, int, int]], int]
"""Where an inline token's content is in the note: per line (padding, first, last), as
`StateBlock.getLines` took it, and how many characters trimming took off the front."""


def _line_parts(state: StateBlock, begin: int, end: int) -> list[tuple[int, int, int]] | None:
    """Per line, what `StateBlock.getLines(begin, end, blkIndent, False)` takes: (padding,
    first, last) as source offsets. None if that differs from what the parser took."""
    indent = state.blkIndent
    parts = []
    for line in range(begin, end):
        seen = 0
        line_start = first = state.bMarks[line]
        last = state.eMarks[line] + 1 if line + 1 < end else state.eMarks[line]
        while first < last and seen < indent:
            c = state.src[first]
            if c == "\t":
                seen += 4 - (seen + state.bsCount[line]) % 4
            elif c == " " or first - line_start < state.tShift[line]:
                seen += 1
            else:
                break
            first += 1
        parts.append((max(0, seen - indent), first, last))
    taken = "".join(" " * pad + state.src[a:b] for pad, a, b in parts)
    return parts if taken == state.getLines(begin, end, indent, False) else None


def _content_source(state: StateBlock, opener: Token, inline: Token) -> _SourceMap | None:
    """Where an inline token's content is in the source, or None if that cannot be told."""
    from markdown_it.common.utils import MD_TRIM_CHARS

    content = inline.content
    if inline.map is None:
        return None
    first_line, last_line = inline.map
    if opener.type == "heading_open" and opener.markup.startswith("#"):
        pos = state.bMarks[first_line] + state.tShift[first_line] + len(opener.markup)
        rest = state.src[pos : state.eMarks[first_line]]
        pos += len(rest) - len(rest.lstrip(MD_TRIM_CHARS))
        if state.src.startswith(content, pos):
            return [(0, pos, pos + len(content))], 0
        return None
    for end in (last_line, last_line - 1):  # a setext heading's underline is not content
        parts = _line_parts(state, first_line, end)
        if parts is None:
            continue
        taken = "".join(" " * pad + state.src[a:b] for pad, a, b in parts)
        if taken.strip(MD_TRIM_CHARS) == content:
            return parts, len(taken) - len(taken.lstrip(MD_TRIM_CHARS))
    return None


def _to_source(source: _SourceMap, offset: int) -> int | None:
    """The source offset of a character of the content (None for padding)."""
    parts, trimmed = source
    offset += trimmed
    for pad, first, last in parts:
        length = pad + last - first
        if offset < length:
            return first + offset - pad if offset >= pad else None
        offset -= length
    return None


def _record_blocks(rule: RuleFuncBlockType) -> RuleFuncBlockType:
    """The block rule, noting on what it makes where in the source its text was: only the
    block parser knows the lines' offsets, and they are gone once it is done."""

    def recorded(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        count = len(state.tokens)
        found = rule(state, start, end, silent)
        if found and not silent:
            for token in state.tokens[count:]:
                if token.type == "inline":
                    token.meta["source"] = _content_source(state, state.tokens[count], token)
                elif token.type == "definition":
                    token.meta["bracket"] = state.bMarks[start] + state.tShift[start]
        return found

    return recorded


def _record_links(rule: RuleFuncInlineType, image: bool) -> RuleFuncInlineType:
    """The link or image rule, noting every reference link it resolves and its form."""

    def recorded(state: StateInline, silent: bool) -> bool:
        bracket = state.pos + 1 if image else state.pos
        found = rule(state, silent)
        if not found or silent:
            return found
        uses: dict[int, list[tuple[str, int, int]]] = state.env["briefing_uses"]
        here = uses.setdefault(id(state.tokens), [])
        if image:  # the description was parsed on its own: move what it found here
            for form, a, b in uses.pop(id(state.tokens[-1].children), []):
                here.append((form, a + bracket + 1, b + bracket + 1))
        end = state.pos
        if state.src[end - 1] == ")":
            return found  # an inline link: no label
        label_end = state.md.helpers.parseLinkLabel(state, bracket, not image)
        state.pos = end
        if label_end < 0:
            return found
        form = (
            "shortcut" if end == label_end + 1 else "collapsed" if end == label_end + 3 else "full"
        )
        here.append((form, bracket, label_end))
        return found

    return recorded


@cache
def _analysis_parser() -> MarkdownIt:
    """CommonMark that also reports definitions, lookups and where reference links are."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING, "inline_definitions": True})
    md.disable("text_join")  # it replaces the children lists the uses are filed under
    for rule in list(md.block.ruler.__rules__):
        if rule.name in ("paragraph", "heading", "lheading", "reference"):
            md.block.ruler.at(rule.name, _record_blocks(rule.fn), {"alt": list(rule.alt)})
    for inline_rule in list(md.inline.ruler.__rules__):
        if inline_rule.name in ("link", "image"):
            wrapped = _record_links(inline_rule.fn, inline_rule.name == "image")
            md.inline.ruler.at(inline_rule.name, wrapped)
    return md


def _parse_note(text: str) -> _NoteParse:
    if "[" not in text:
        return _NoteParse()
    recorder = _LookupRecorder()
    env: dict[str, Any] = {"references": recorder, "briefing_uses": {}}
    tokens = _analysis_parser().parse(text, env)
    return _NoteParse(tokens, set(recorder), recorder.looked_up, env["briefing_uses"])


_RAW_SOURCE = frozenset({"inline", "image"})
"""Tokens whose content is their raw source, which a rewrite of labels changes while their
children (what they render as: an image's alt text is its children's text) stay the same."""


def _shape(tokens: Sequence[Token]) -> list[Any]:
    """Tokens as comparable data, without source positions (and without the raw source of the
    tokens that carry it, `_RAW_SOURCE`)."""
    return [
        (
            t.type,
            t.tag,
            t.nesting,
            "" if t.type in _RAW_SOURCE else t.content,
            t.markup,
            t.info,
            sorted(t.attrs.items()),
            _shape(t.children or ()),
        )
        for t in tokens
    ]


def _insert(text: str, insertions: list[tuple[int, str]]) -> str:
    for at, piece in sorted(insertions, key=lambda item: item[0], reverse=True):
        text = text[:at] + piece + text[at:]
    return text


def _namespaced(text: str, parse: _NoteParse, prefix: str) -> tuple[str, _NoteParse] | None:
    """The note with every label it defines and uses prefixed (and its parse), or None if the
    result would not parse exactly as the note did."""
    insertions: list[tuple[int, str]] = []
    for token in parse.tokens:
        if token.type == "definition":
            insertions.append((token.meta["bracket"] + 1, prefix))
        elif token.type == "inline" and id(token.children) in parse.uses:
            source = token.meta.get("source")
            if source is None:
                return None
            for form, bracket, label_end in parse.uses[id(token.children)]:
                label = token.content[bracket + 1 : label_end].replace("\n", " ")
                at = _to_source(source, label_end if form == "shortcut" else label_end + 1)
                if at is None:
                    return None
                if form == "shortcut":
                    insertions.append((at + 1, f"[{prefix}{label}]"))
                elif form == "collapsed":
                    insertions.append((at + 1, prefix + label))
                else:
                    insertions.append((at + 1, prefix))
    rewritten = _insert(text, insertions)
    new = _parse_note(rewritten)
    return (rewritten, new) if _shape(new.tokens) == _shape(parse.tokens) else None


def _neutralised(text: str) -> str:
    """The note with its definitions escaped, so that they define nothing."""
    for _ in range(20):
        parse = _parse_note(text)
        if not parse.defined:
            return text
        brackets = [t.meta["bracket"] for t in parse.tokens if t.type == "definition"]
        text = _insert(text, [(at, "\\") for at in brackets])
    return _inline(text)  # give up on its Markdown: literal text defines nothing


def _isolated_notes(notes: Sequence[str]) -> list[str]:
    """The notes, each rewritten where needed so that no link reference definition in one
    changes how another note, or anything else in the export, parses."""
    from markdown_it.common.utils import normalizeReference

    texts = [_normalise_newlines(note) for note in notes]
    if not any("]:" in text for text in texts):
        return texts  # no definitions anywhere: nothing to isolate
    parses = [_parse_note(text) for text in texts]
    ours = {normalizeReference(_CALLOUT_MARKER[1:-1])}
    namespace = _NAMESPACE
    folded = [normalizeReference(text) for text in texts]
    while any(normalizeReference(namespace) in text for text in folded):
        namespace += "x"
    rewritten = [False] * len(texts)
    while True:
        users = Counter(label for p in parses for label in p.looked_up | p.defined)
        clashing = [
            i
            for i, p in enumerate(parses)
            if any(users[label] > 1 or label in ours for label in p.defined)
        ]
        if not clashing:
            return texts
        for i in clashing:
            new = None
            if not rewritten[i]:
                rewritten[i] = True
                new = _namespaced(texts[i], parses[i], f"{namespace}{i + 1} ")
            if new is None:
                texts[i] = _neutralised(texts[i])
                parses[i] = _parse_note(texts[i])
            else:
                texts[i], parses[i] = new


# ---------------------------------------------------------------------------------------------
# Blocks


def _callout(annotation: Annotation, passage: str, note: str, *, moved: bool = False) -> str:
    """The callout block for an annotation: title, quoted passage, note."""
    title = f"{_CALLOUT_MARKER} {_inline(annotation.color, breaks=False)}"
    if moved:
        title += " · moved"
    tags = [tag for tag in annotation.tags if tag.strip()]
    if tags:
        title += " · " + " ".join(_tag(tag) for tag in tags)
    lines = [title]
    pieces = [piece for piece in passage.split("\n\n") if piece]
    if pieces:
        # A blank line between the title and the quoted passage: CommonMark lets a block quote
        # interrupt a paragraph, pandoc does not (it read the `>` marks as text).
        lines.append("")
        lines.append("\n>\n".join(_prefix_lines(_inline(piece), "> ") for piece in pieces))
    if note.strip():
        # Every line of the callout ends with a newline: the note's last one is that newline.
        lines += ["", note[:-1] if note.endswith("\n") else note]
    prefix = "  > " if "\t" in note else "> "
    return _prefix_lines("\n".join(lines), prefix)


def _paragraph(
    paragraph: Paragraph,
    text: str,
    marks: Sequence[tuple[int, int]],
    delimiter: str | tuple[str, str] = "==",
) -> str:
    kind = paragraph.kind
    if kind is ParagraphKind.CODE:
        return _fence(text)
    if kind is ParagraphKind.HEADING:
        level = min(6, max(3, paragraph.level + 1))
        return "#" * level + " " + _inline(text, marks, breaks=False, delimiter=delimiter)
    if kind is ParagraphKind.QUOTE:
        quoted = _inline(text, marks, delimiter=delimiter)
        return _prefix_lines(quoted, "> " * max(1, paragraph.level))
    return _inline(text, marks, delimiter=delimiter)


def _list_item(content: str) -> str:
    return "- " + content.replace("\n", "\n  ")


def _front_matter(data: dict[str, Any]) -> str:
    text = yaml.dump(
        data,
        Dumper=_FrontMatterDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=2**31 - 1,
    )
    return f"---\n{text}---"


class _FrontMatterDumper(yaml.SafeDumper):
    """Safe YAML that writes every string on one line: a folded or block scalar could put a
    `---` line inside the front matter, which would end it early."""


def _represent_string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    one_line = not any(c in value for c in "\n\r\x85\u2028\u2029")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=None if one_line else '"')


_FrontMatterDumper.add_representer(str, _represent_string)


# ---------------------------------------------------------------------------------------------
# The export


@dataclass
class _Layout:
    """Where each annotation goes: marks per paragraph, callouts after paragraphs, orphans."""

    marks: dict[int, list[tuple[int, int]]]
    after: dict[int, list[Annotation]]
    touches_code: set[str]
    orphans: list[Annotation]


def _layout(document: Document, annotations: Sequence[Annotation]) -> _Layout:
    paragraphs = document.paragraphs
    ranges: dict[int, list[tuple[int, int]]] = defaultdict(list)
    after: dict[int, list[Annotation]] = defaultdict(list)
    touches_code: set[str] = set()
    orphans: list[Annotation] = []
    for annotation in sorted(annotations, key=lambda a: (a.start, a.end, a.id)):
        start, end = annotation.start, annotation.end
        if annotation.orphaned or not paragraphs or not 0 <= start < end <= len(document.text):
            orphans.append(annotation)
            continue
        first, last = document.paragraph_at(start), document.paragraph_at(end - 1)
        for i in range(first, last + 1):
            paragraph = paragraphs[i]
            low, high = max(start, paragraph.start), min(end, paragraph.end)
            if low < high:
                ranges[i].append((low - paragraph.start, high - paragraph.start))
                if paragraph.kind is ParagraphKind.CODE:
                    touches_code.add(annotation.id)
        after[last].append(annotation)
    marks = {i: _merge(r) for i, r in ranges.items()}
    return _Layout(marks, after, touches_code, orphans)


def _entity_lines(reading: Reading) -> list[str]:
    sections = reading.sections
    lines = []
    for entity in reading.entities:
        if entity.type not in (EntityType.PERSON, EntityType.ORGANIZATION):
            continue
        where = sorted(
            {i for m in entity.mentions if (i := reading.section_of(m.paragraph)) is not None}
        )
        marks = [(0, len(entity.name))] if entity.name else []
        name = _inline(entity.name, marks, breaks=False, delimiter="**")
        detail = entity.type.value + (f", {entity.role}" if entity.role else "")
        line = f"{name} ({_inline(detail, breaks=False)})"
        if where:
            titles = "; ".join(sections[i].title for i in where)
            line += " — " + _inline(titles, breaks=False)
        lines.append(_list_item(line))
    return lines


def _quote_lines(reading: Reading) -> list[str]:
    text = reading.document.text
    lines = []
    for quote in reading.quotes:
        speaker = f"{quote.speaker_name or 'Unattributed'}:"
        bold = _inline(speaker, [(0, len(speaker))], breaks=False, delimiter="**")
        lines.append(_list_item(f"{bold} {_inline(text[quote.start : quote.end])}"))
    return lines


def export_markdown(
    reading: Reading,
    annotations: Sequence[Annotation],
    *,
    notes_only: bool = False,
    exported_at: str,
    source: str | None = None,
    highlight: Highlight = Highlight.MARKDOWN,
) -> str:
    """The reading with its annotations as Markdown (see the module docstring for the format).
    The same arguments always give the same text, ending with a newline. `highlight`: how
    highlighted passages are marked (`==…==`, or `<mark>…</mark>` for pandoc and email)."""
    delimiter = HIGHLIGHT_DELIMITERS[highlight]
    document = reading.document
    text = document.text
    layout = _layout(document, annotations)
    ordered = [a for group in layout.after.values() for a in group] + layout.orphans
    isolated = _isolated_notes([a.note for a in ordered])
    notes = {id(a): note for a, note in zip(ordered, isolated, strict=True)}
    title = reading.title
    front = {
        "title": title,
        "source": source if source is not None else document.source_path,
        "content_hash": document.content_hash,
        "dateline": document.metadata.dateline,
        "byline": document.metadata.byline,
        "exported": exported_at,
        "tags": sorted({tag for a in annotations for tag in a.tags}),
    }
    blocks = [_front_matter(front), "# " + _inline(title, breaks=False)]

    def callout(annotation: Annotation, always: bool) -> None:
        if not (always or annotation.note.strip() or annotation.tags):
            return
        passage = text[annotation.start : annotation.end]
        moved = annotation.status is AnchorStatus.MOVED
        blocks.append(_callout(annotation, passage, notes[id(annotation)], moved=moved))

    if notes_only:
        _notes_only(reading, layout, blocks, callout)
    else:
        starts: dict[int, int] = {}
        for i, section in enumerate(reading.sections):
            starts.setdefault(section.start_paragraph, i)
        for paragraph in document.paragraphs:
            index = paragraph.index
            body = text[paragraph.start : paragraph.end]
            marks = layout.marks.get(index, [])
            shown = False
            if index in starts:
                heading = reading.sections[starts[index]].title
                if paragraph.kind is ParagraphKind.HEADING and body == heading:
                    blocks.append("## " + _inline(body, marks, breaks=False, delimiter=delimiter))
                    shown = True
                else:
                    blocks.append("## " + _inline(heading, breaks=False))
            if not shown:
                blocks.append(_paragraph(paragraph, body, marks, delimiter))
            for annotation in layout.after.get(index, ()):
                callout(annotation, annotation.id in layout.touches_code)

    if layout.orphans:
        blocks.append("## Orphaned notes")
        for annotation in layout.orphans:
            blocks.append(_callout(annotation, annotation.quote.exact, notes[id(annotation)]))
    if not notes_only:
        people = _entity_lines(reading)
        if people:
            blocks += ["## People and organisations", "\n".join(people)]
        quotes = _quote_lines(reading)
        if quotes:
            blocks += ["## Quotes", "\n".join(quotes)]
    return "\n\n".join(blocks) + "\n"


def _notes_only(
    reading: Reading,
    layout: _Layout,
    blocks: list[str],
    callout: Callable[[Annotation, bool], None],
) -> None:
    """Per section, only the callouts: a section without annotations is left out."""
    shown_section: int | None = None
    for index in sorted(layout.after):
        section = reading.section_of(index)
        if section is not None and section != shown_section:
            blocks.append("## " + _inline(reading.sections[section].title, breaks=False))
            shown_section = section
        for annotation in layout.after[index]:
            callout(annotation, True)
    if not layout.after and not layout.orphans:
        blocks.append("No highlights or notes.")


# ---------------------------------------------------------------------------------------------
# For other Markdown documents made of readings and notes (the library's memo)


def markdown_text(text: str, *, one_line: bool = True) -> str:
    """Literal text as Markdown inline content that parses back to exactly its characters
    (`one_line`: a line break becomes a character reference)."""
    return _inline(text, breaks=not one_line)


def markdown_callout(annotation: Annotation, passage: str, note: str) -> str:
    """The `> [!note]` callout of an annotation (`note`: its Markdown, as `isolated_notes`
    gives it)."""
    return _callout(annotation, passage, note, moved=annotation.status is AnchorStatus.MOVED)


def isolated_notes(notes: Sequence[str]) -> list[str]:
    """Notes rewritten where needed so that no link reference definition in one changes how
    another, or anything else in the file, parses."""
    return _isolated_notes(notes)


def front_matter(data: dict[str, Any]) -> str:
    """YAML front matter (`---` lines included), every string on one line."""
    return _front_matter(data)
