"""Export: Markdown whose notes and article text survive any content, Web Annotation JSON out and
back in, reproducible time stamps and all-or-nothing writes.

The Markdown is checked by parsing it with markdown-it-py (CommonMark, front matter, and a small
`==mark==` rule defined here: mdit-py-plugins has none). The depth limit is raised above the
preset's 20 so that a note nested 19 deep is not cut off inside its callout only."""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Delimiter
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from briefing.analysis.sections import structural_sections
from briefing.export import (
    AnnotationFormatError,
    ExportError,
    export_markdown,
    export_time,
    export_web_annotations,
    read_web_annotations,
    write_atomically,
)
from briefing.ingest import load_document
from briefing.model import (
    AnchorStatus,
    Annotation,
    Document,
    Entity,
    EntityType,
    Mention,
    Metadata,
    Paragraph,
    ParagraphKind,
    Quote,
    Reading,
    Section,
    TextQuote,
)
from briefing.paths import seed_path
from briefing.pipeline import read_document
from briefing.store.anchoring import quote_at
from tests.conftest import FIXTURES

GOLDEN = FIXTURES / "export"
EXPORTED_AT = "2026-01-02T03:04:05Z"
PROPERTY = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# ---------------------------------------------------------------------------------------------
# Parsing the export


def mark_plugin(md: MarkdownIt) -> None:
    """`==text==` as mark_open/mark_close, by CommonMark's delimiter rules (as for `~~`)."""
    equals = ord("=")

    def scan(state: StateInline, silent: bool) -> bool:
        if silent or state.src[state.pos] != "=":
            return False
        run = state.scanDelims(state.pos, True)
        if run.length < 2:
            return False
        if run.length % 2:
            state.push("text", "", 0).content = "="
        for _ in range(run.length // 2):
            state.push("text", "", 0).content = "=="
            index = len(state.tokens) - 1
            state.delimiters.append(Delimiter(equals, 0, index, -1, run.can_open, run.can_close))
        state.pos += run.length
        return True

    def pair(state: StateInline) -> None:
        nested = [m["delimiters"] for m in state.tokens_meta if m and "delimiters" in m]
        for delimiters in [state.delimiters, *nested]:
            for opener in delimiters:
                if opener.marker != equals or opener.end < 0:
                    continue
                closer = delimiters[opener.end]
                for index, kind, nesting in (
                    (opener.token, "open", 1),
                    (closer.token, "close", -1),
                ):
                    token = state.tokens[index]
                    token.type, token.tag, token.nesting = f"mark_{kind}", "mark", nesting
                    token.markup, token.content = "==", ""

    md.inline.ruler.before("emphasis", "mark", scan)
    md.inline.ruler2.before("emphasis", "mark", pair)


@cache
def export_parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"maxNesting": 200}).use(front_matter_plugin).use(mark_plugin)


@cache
def note_parser() -> MarkdownIt:
    """A note alone is not a document: no front matter."""
    return MarkdownIt("commonmark", {"maxNesting": 200}).use(mark_plugin)


def shape(tokens: Sequence[Token], raw_inline: bool = True) -> list[Any]:
    """Tokens as comparable data, without positions and nesting depth. Without `raw_inline`,
    the raw source of inline and image tokens is left out (their children, what they render
    as, stay in: an image's alt text is its children's text)."""
    return [
        (
            t.type,
            t.tag,
            t.nesting,
            t.content if raw_inline or t.type not in ("inline", "image") else "",
            t.markup,
            t.info,
            sorted(t.attrs.items()),
            shape(t.children or [], raw_inline),
        )
        for t in tokens
    ]


def inline_text(token: Token) -> tuple[str, list[tuple[int, int]]]:
    """An inline token's literal text and its marked ranges; anything else is a failure."""
    parts: list[str] = []
    marks: list[tuple[int, int]] = []
    opened = -1
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "mark_open":
            opened = len("".join(parts))
        elif child.type == "mark_close":
            marks.append((opened, len("".join(parts))))
        else:
            raise AssertionError(f"article text parsed as {child.type}: {token.content!r}")
    return "".join(parts), marks


def callouts(tokens: list[Token]) -> list[tuple[int, int, int]]:
    """Each callout as (its blockquote_open, where its note starts, its blockquote_close)."""
    found = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if (
            t.type == "blockquote_open"
            and t.level == 0
            and tokens[i + 2].content.startswith("[!note]")
        ):
            close = next(
                j
                for j in range(i + 1, len(tokens))
                if tokens[j].type == "blockquote_close" and tokens[j].level == 0
            )
            note = i + 4  # past the title paragraph
            if tokens[note].type == "blockquote_open":  # the quoted passage
                note = (
                    next(
                        j
                        for j in range(note, close)
                        if tokens[j].type == "blockquote_close" and tokens[j].level == 1
                    )
                    + 1
                )
            found.append((i, note, close))
            i = close
        i += 1
    return found


# ---------------------------------------------------------------------------------------------
# Building readings and annotations


def reading_of(
    texts: Sequence[str],
    kinds: Sequence[tuple[ParagraphKind, int]] | None = None,
    sections: Sequence[tuple[str, int, int]] | None = None,
    metadata: Metadata | None = None,
) -> Reading:
    text = "\n\n".join(texts)
    paragraphs = []
    offset = 0
    for i, piece in enumerate(texts):
        kind, level = kinds[i] if kinds else (ParagraphKind.TEXT, 0)
        paragraphs.append(Paragraph(i, offset, offset + len(piece), kind, level))
        offset += len(piece) + 2
    document = Document(text, tuple(paragraphs), metadata or Metadata(), "ab" * 32)
    if sections is None:
        return Reading(document, sections=structural_sections(document))
    return Reading(document, sections=tuple(Section(n, *s) for n, s in enumerate(sections)))


def annotation(
    reading: Reading,
    n: int,
    start: int,
    end: int,
    note: str = "",
    tags: tuple[str, ...] = (),
    **fields: Any,
) -> Annotation:
    return Annotation(
        id=uuid.UUID(int=n).hex,
        start=start,
        end=end,
        quote=quote_at(reading.document.text, start, end),
        note=note,
        tags=tags,
        **fields,
    )


def in_paragraph(reading: Reading, paragraph: int, start: int, end: int) -> tuple[int, int]:
    base = reading.document.paragraphs[paragraph].start
    return base + start, base + end


# ---------------------------------------------------------------------------------------------
# (b) Article text comes back exactly, highlights exactly where they were

# fmt: off
_MARKDOWN_SIGNS = [
    *"#*_[]`=<>&\\-+.):!|~$%^{}\"' \t\n\r", "&amp;", "&#32;", "&copy", "1.", "2)", "10.", "==",
    "===", "    ", "\u00a0", "\u2003",
    "\u3000", "😀", "עברית", "العربية", "é", "e\u0301", "a", "b", "word", "---", "***", "```",
    "<div>", "<!--", "[x]: /u", "\\\n", "  \n", "€", "©", "«", "»", "“", "”", "—",
]
# fmt: on
article_text = st.lists(
    st.sampled_from(_MARKDOWN_SIGNS) | st.characters(blacklist_categories=("Cs", "Cc", "Cn")),
    min_size=1,
    max_size=30,
).map("".join)
kinds = st.sampled_from(
    [
        (ParagraphKind.TEXT, 0),
        (ParagraphKind.LIST_ITEM, 1),
        (ParagraphKind.QUOTE, 1),
        (ParagraphKind.QUOTE, 2),
        (ParagraphKind.HEADING, 2),
        (ParagraphKind.HEADING, 4),
    ]
)


def merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


@st.composite
def articles(draw: st.DrawFn) -> tuple[Reading, list[Annotation], list[list[tuple[int, int]]]]:
    texts = ["Opening", *draw(st.lists(article_text, min_size=1, max_size=4))]
    paragraph_kinds = [(ParagraphKind.TEXT, 0), *(draw(kinds) for _ in texts[1:])]
    reading = reading_of(texts, paragraph_kinds)
    annotations = []
    expected: list[list[tuple[int, int]]] = [[] for _ in texts]
    for i, text in enumerate(texts):
        for _ in range(draw(st.integers(0, 3))):
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
            expected[i].append((start, end))
            a, b = in_paragraph(reading, i, start, end)
            annotations.append(annotation(reading, len(annotations) + 1, a, b))
    return reading, annotations, [merged(e) for e in expected]


@PROPERTY
@given(articles())
def test_article_text_and_highlights_come_back_exactly(
    case: tuple[Reading, list[Annotation], list[list[tuple[int, int]]]],
) -> None:
    reading, annotations, expected = case
    markdown = export_markdown(reading, annotations, exported_at=EXPORTED_AT)
    tokens = export_parser().parse(markdown)
    inlines = [t for t in tokens if t.type == "inline"]
    body = inlines[2:]  # after the title and the section heading
    paragraphs = reading.document.paragraphs
    assert len(body) == len(paragraphs), markdown
    depth = 0
    containers = []
    for t in tokens:
        depth += {"blockquote_open": 1, "blockquote_close": -1}.get(t.type, 0)
        if t.type == "inline":
            containers.append(depth)
    for paragraph, inline, quoted, marks in zip(
        paragraphs, body, containers[2:], expected, strict=True
    ):
        text = reading.document.paragraph_text(paragraph.index)
        assert inline_text(inline) == (text, marks), markdown
        assert quoted == (paragraph.level if paragraph.kind is ParagraphKind.QUOTE else 0)


@PROPERTY
@given(st.lists(article_text, min_size=1, max_size=3))
def test_code_comes_back_verbatim_in_a_fence(texts: list[str]) -> None:
    texts = [t.replace("\r", "") or "x" for t in texts]
    reading = reading_of(
        ["Opening", *texts], [(ParagraphKind.TEXT, 0)] + [(ParagraphKind.CODE, 0)] * len(texts)
    )
    tokens = export_parser().parse(export_markdown(reading, [], exported_at=EXPORTED_AT))
    fences = [t.content for t in tokens if t.type == "fence"]
    assert fences == [t + "\n" for t in texts]


# ---------------------------------------------------------------------------------------------
# (a) Notes are Markdown, and stay inside their callout

# fmt: off
_NOTE_PIECES = [
    "#", "# ", "## h", "---", "***", "___", "===", "-", ">", "> ", ">>", "- ", "* ", "+ ", "1. ",
    "2) ", "```", "~~~", "```py", "```\n", "\n```", "~~~\n", "    ", "\t", " ", "\n", "\n\n",
    "\r\n", "\r", "<div>", "</div>", "<!--", "-->", "<script>", "<pre>", "<?", "<![CDATA[",
    "<a href='x'>", "[x]: /u", "[X]: /o 't'", "[y]:\n/u", "[x]", "[x][]", "[t][x]", "![x]",
    "[!note]", "[!note]: /e", "\\", "*", "_", "**", "==", "`", "``", "&amp;", "&#35;", "a", "word",
    "é", "😀", "|", "[", "]", "(", ")", ":", "<http://a.b>", "  \n", "  ", "\u00a0", "\x00", "\f",
]
# fmt: on
note_text = st.lists(
    st.sampled_from(_NOTE_PIECES) | st.characters(blacklist_categories=("Cs",)), max_size=40
).map("".join)

# fmt: off
_LABEL_PIECES = [
    "[a]: /1\n", "[A]: /2 'two'\n", "[b]: /3\n", "[ a ]: /4\n", "[a]", "[b]", "[a][]", "[t][a]",
    "[t][b]", "![a]", "![b][]", "[!note]: /x\n", "[!note]", "[!NOTE][]", "\n", "\n\n", " ", "> ",
    "- ", "    ", "text", "`[a]`", "[a](/inline)", "\\[a]", "[\na]", "[a\n]", "[*a*]", "[[a]]",
    "[a] [b]", "[briefing-note-1 a]", "[t\n][a]", "*", "==", "> [a]: /5\n", "- [a]: /6\n",
    "> [a\n> b]: /7\n", "[a\nb]", "[ß]: /8\n", "[SS]", "![[a]][b]", "[x ![a] y][b]", "[a\\]]: /9\n",
    "[a\\]]", "    [a]: /code\n", "\t", "1. ", "# [a]\n", "```\n[a]\n```\n", "[a]: /u 't' x\n",
]
# fmt: on
label_note = st.lists(st.sampled_from(_LABEL_PIECES), max_size=12).map("".join)


def assert_notes_are_kept(notes: list[str]) -> None:
    """Each note parses inside its callout as it does alone, and nothing else changes."""
    reading = reading_of([f"Paragraph {i} of the text." for i in range(len(notes))])
    annotations = [
        annotation(reading, i + 1, *in_paragraph(reading, i, 0, 9), note=note, tags=("t",))
        for i, note in enumerate(notes)
    ]
    markdown = export_markdown(reading, annotations, exported_at=EXPORTED_AT)
    tokens = export_parser().parse(markdown)
    found = callouts(tokens)
    assert len(found) == len(notes), markdown
    for note, (_, start, close) in zip(notes, found, strict=True):
        # In the file a note's last line ends with a newline, as in any file: raw blocks (HTML,
        # code) include it, so the note alone is parsed with one too.
        alone = note_parser().parse(note if note.endswith(("\n", "\r")) else note + "\n")
        # A note whose labels had to be namespaced differs only in its inline tokens' raw text.
        raw = "]:" not in note
        assert shape(tokens[start:close], raw) == shape(alone, raw), markdown

    bare = [
        annotation(reading, i + 1, *in_paragraph(reading, i, 0, 9), tags=("t",))
        for i in range(len(notes))
    ]
    plain = export_parser().parse(export_markdown(reading, bare, exported_at=EXPORTED_AT))

    def without_notes(tokens: list[Token]) -> list[Token]:
        kept: list[Token] = []
        done = 0
        for _, start, close in callouts(tokens):
            kept += tokens[done:start]
            done = close
        return kept + tokens[done:]

    assert shape(without_notes(tokens)) == shape(without_notes(plain)), markdown


@PROPERTY
@given(st.lists(note_text, min_size=1, max_size=3))
def test_notes_parse_as_alone_and_cannot_leave_their_callout(notes: list[str]) -> None:
    assert_notes_are_kept([n if n.strip() else n + "x" for n in notes])


@PROPERTY
@given(st.lists(label_note, min_size=2, max_size=3))
@example(["[a]: /1\n", "[a]: /1\n![[a]][b][a]: /1\n\n[b]: /3\n"])  # a link in an image's text
def test_link_definitions_stay_in_their_note(notes: list[str]) -> None:
    assert_notes_are_kept([n if n.strip() else "x" for n in notes])


def links_in(tokens: list[Token]) -> list[str]:
    return [
        str(child.attrs.get("href"))
        for t in tokens
        if t.type == "inline"
        for child in t.children or []
        if child.type == "link_open"
    ]


def test_a_definition_in_one_note_does_not_reach_another() -> None:
    reading = reading_of(["First paragraph here.", "Second paragraph here."])
    notes = ["[x]: /mine\n\nsee [x] and [x][] and [t][x]", "see [x], [!note]", "[x]: /theirs\n[x]"]
    annotations = [
        annotation(reading, i + 1, *in_paragraph(reading, i % 2, 0, 5), note=note)
        for i, note in enumerate(notes)
    ]
    markdown = export_markdown(reading, annotations, exported_at=EXPORTED_AT)
    tokens = export_parser().parse(markdown)
    assert links_in(tokens) == ["/mine", "/mine", "/mine", "/theirs"]
    assert "[x][briefing-note-1 x]" in markdown
    assert_notes_are_kept(notes)


def test_a_note_that_cannot_be_namespaced_has_its_definitions_escaped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import briefing.export.markdown as exporter

    monkeypatch.setattr(exporter, "_namespaced", lambda *args: None)
    reading = reading_of(["First paragraph here."])
    notes = ["[x]: /mine\n[x]", "see [x]"]
    annotations = [annotation(reading, i + 1, 0, 5, note=n) for i, n in enumerate(notes)]
    markdown = export_markdown(reading, annotations, exported_at=EXPORTED_AT)
    assert links_in(export_parser().parse(markdown)) == []
    assert "> \\[x]: /mine\n> [x]\n" in markdown


def test_a_note_cannot_define_the_callout_marker() -> None:
    reading = reading_of(["First paragraph here."])
    a = annotation(reading, 1, 0, 5, note="[!note]: /evil")
    markdown = export_markdown(reading, [a], exported_at=EXPORTED_AT)
    tokens = export_parser().parse(markdown)
    assert links_in(tokens) == []
    assert tokens[callouts(tokens)[0][0] + 2].content.startswith("[!note] yellow")


# ---------------------------------------------------------------------------------------------
# (c) Front matter stays YAML


# fmt: off
_YAML_PIECES = [
    ":", "'", '"', "#", "-", "- ", ": ", "---", "...", "\n", "\n---\n", "\n...\n", "\r", "\t", " ",
    "{", "}", "[", "]", "&a", "*a", "!tag", "|", ">", "%", "@", "`", ",", "?", "null", "true",
    "1e3", "0x1", "~", "é", "😀", "\u2028", "\ufeff", "2026-01-02",
]
# fmt: on
yaml_text = st.lists(
    st.sampled_from(_YAML_PIECES) | st.characters(blacklist_categories=("Cs", "Cc")),
    max_size=20,
).map("".join)


@PROPERTY
@given(yaml_text, yaml_text, yaml_text, st.lists(yaml_text, max_size=3))
def test_front_matter_is_valid_yaml_for_any_metadata(
    title: str, byline: str, dateline: str, tags: list[str]
) -> None:
    metadata = Metadata(title=title or None, byline=byline or None, dateline=dateline or None)
    reading = reading_of(["Body text."], metadata=metadata)
    a = annotation(reading, 1, 0, 4, tags=tuple(tags))
    markdown = export_markdown(reading, [a], exported_at=EXPORTED_AT, source=title)
    tokens = export_parser().parse(markdown)
    assert tokens[0].type == "front_matter"
    assert yaml.safe_load(tokens[0].content) == {
        "title": reading.title,
        "source": title,
        "content_hash": "ab" * 32,
        "dateline": dateline or None,
        "byline": byline or None,
        "exported": EXPORTED_AT,
        "tags": sorted(set(tags)),
    }
    assert (tokens[1].type, tokens[1].tag) == ("heading_open", "h1")
    assert inline_text(tokens[2]) == (reading.document.display_title, [])


# ---------------------------------------------------------------------------------------------
# Layout


def small_reading() -> Reading:
    return reading_of(
        [
            "A lead before any section.",
            "Alpha section text, first paragraph.",
            "Second paragraph of alpha.",
            "Beta begins here.",
            "Beta ends here.",
        ],
        sections=[("Alpha", 1, 2), ("Beta", 3, 4)],
        metadata=Metadata(title="A *small* report", byline="By Someone"),
    )


def small_annotations(reading: Reading) -> list[Annotation]:
    return [
        annotation(reading, 1, *in_paragraph(reading, 1, 0, 5), note="Look: **this**", tags=("x",)),
        annotation(reading, 2, *in_paragraph(reading, 1, 2, 13), color="green"),
        annotation(
            reading,
            3,
            in_paragraph(reading, 1, 20, 0)[0],
            in_paragraph(reading, 2, 0, 6)[1],
            color="blue",
            note="Spans two paragraphs.",
        ),
        annotation(reading, 4, 3, 9, note="Gone.", status=AnchorStatus.ORPHANED, color="pink"),
    ]


def test_full_layout() -> None:
    reading = small_reading()
    markdown = export_markdown(
        reading, small_annotations(reading), exported_at=EXPORTED_AT, source="small.md"
    )
    assert markdown == (
        "---\n"
        "title: A *small* report\n"
        "source: small.md\n"
        f"content_hash: {'ab' * 32}\n"
        "dateline: null\n"
        "byline: By Someone\n"
        "exported: '2026-01-02T03:04:05Z'\n"
        "tags:\n"
        "- x\n"
        "---\n"
        "\n"
        "# A \\*small\\* report\n"
        "\n"
        "A lead before any section.\n"
        "\n"
        "## Alpha\n"
        "\n"
        "==Alpha section== text, ==first paragraph.==\n"
        "\n"
        "> [!note] yellow · #x\n"
        ">\n"
        "> > Alpha\n"
        ">\n"
        "> Look: **this**\n"
        "\n"
        "==Second== paragraph of alpha.\n"
        "\n"
        "> [!note] blue\n"
        ">\n"
        "> > first paragraph.\n"
        "> >\n"
        "> > Second\n"
        ">\n"
        "> Spans two paragraphs.\n"
        "\n"
        "## Beta\n"
        "\n"
        "Beta begins here.\n"
        "\n"
        "Beta ends here.\n"
        "\n"
        "## Orphaned notes\n"
        "\n"
        "> [!note] pink\n"
        ">\n"
        "> > ead be\n"
        ">\n"
        "> Gone.\n"
    )


def test_notes_only_layout() -> None:
    reading = small_reading()
    markdown = export_markdown(
        reading, small_annotations(reading), notes_only=True, exported_at=EXPORTED_AT
    )
    body = markdown.split("---\n\n", 1)[1]
    assert body == (
        "# A \\*small\\* report\n"
        "\n"
        "## Alpha\n"
        "\n"
        "> [!note] yellow · #x\n"
        ">\n"
        "> > Alpha\n"
        ">\n"
        "> Look: **this**\n"
        "\n"
        "> [!note] green\n"
        ">\n"
        "> > pha section\n"
        "\n"
        "> [!note] blue\n"
        ">\n"
        "> > first paragraph.\n"
        "> >\n"
        "> > Second\n"
        ">\n"
        "> Spans two paragraphs.\n"
        "\n"
        "## Orphaned notes\n"
        "\n"
        "> [!note] pink\n"
        ">\n"
        "> > ead be\n"
        ">\n"
        "> Gone.\n"
    )
    empty = export_markdown(reading, [], notes_only=True, exported_at=EXPORTED_AT)
    assert empty.endswith("# A \\*small\\* report\n\nNo highlights or notes.\n")


def test_annotations_that_no_longer_fit_the_text_are_kept_as_orphans() -> None:
    reading = small_reading()
    size = len(reading.document.text)
    stale = [
        annotation(reading, 1, 0, 4, note="one"),
        Annotation(uuid.UUID(int=2).hex, size - 2, size + 40, TextQuote("words past the end")),
        Annotation(uuid.UUID(int=3).hex, 8, 8, TextQuote("empty range"), note="three"),
    ]
    markdown = export_markdown(reading, stale, exported_at=EXPORTED_AT)
    orphans = markdown.split("## Orphaned notes\n\n", 1)[1]
    assert "> > words past the end\n" in orphans
    assert "> > empty range\n>\n> three\n" in orphans
    assert "==A le==ad" in markdown


def test_tags_moved_status_and_heading_paragraphs() -> None:
    reading = reading_of(
        ["Intro text.", "Alpha", "Under a heading.", "Sub heading", "More."],
        [
            (ParagraphKind.TEXT, 0),
            (ParagraphKind.HEADING, 2),
            (ParagraphKind.TEXT, 0),
            (ParagraphKind.HEADING, 3),
            (ParagraphKind.TEXT, 0),
        ],
        sections=[("Lead", 0, 0), ("Alpha", 1, 4)],
    )
    moved = annotation(
        reading,
        1,
        *in_paragraph(reading, 1, 0, 5),
        tags=("two words", "b_c"),
        status=AnchorStatus.MOVED,
    )
    markdown = export_markdown(reading, [moved], exported_at=EXPORTED_AT)
    assert "## ==Alpha==\n\n> [!note] yellow · moved · #two-words #b\\_c\n>\n" in markdown
    assert markdown.count("Alpha") == 2  # the heading once, and the quote
    assert "#### Sub heading\n" in markdown


def test_code_paragraphs_are_fenced_and_their_highlights_get_a_callout() -> None:
    code = "x = `tick` ```` four\n    indented"
    reading = reading_of(["Intro.", code], [(ParagraphKind.TEXT, 0), (ParagraphKind.CODE, 0)])
    a = annotation(reading, 1, *in_paragraph(reading, 1, 0, 5))
    markdown = export_markdown(reading, [a], exported_at=EXPORTED_AT)
    assert f"`````\n{code}\n`````\n\n> [!note] yellow\n>\n> > x \\= \\`\n" in markdown


def test_a_note_with_a_tab_is_indented_to_a_tab_stop() -> None:
    reading = reading_of(["Some words here."])
    a = annotation(reading, 1, 0, 4, note="\tcode\n- item\n\tmore")
    markdown = export_markdown(reading, [a], exported_at=EXPORTED_AT)
    assert "  > [!note] yellow\n  >\n  > > Some\n  >\n  > \tcode\n" in markdown
    assert_notes_are_kept(["\tcode\n- item\n\tmore", "-\tx\n\n  \t\ty"])


def test_appendices_list_people_organisations_and_quotes() -> None:
    texts = ["Ann Example spoke for the Union.", "“We will [not] *wait*,” she said."]
    reading = reading_of(texts, sections=[("Start", 0, 0), ("Quote_s", 1, 1)])
    document = reading.document
    entities = (
        Entity(
            "e1",
            "Ann Example",
            EntityType.PERSON,
            role="chair *elect*",
            mentions=(Mention(0, 11, 0), Mention(36, 38, 1)),
        ),
        Entity("e2", "Union", EntityType.ORGANIZATION, mentions=(Mention(26, 31, 0),)),
        Entity("e3", "Somewhere", EntityType.PLACE),
    )
    quote_end = document.paragraphs[1].start + texts[1].index(",”") + 2
    quotes = (
        Quote(document.paragraphs[1].start, quote_end, "e1", "Ann Example"),
        Quote(document.paragraphs[1].start, quote_end),
    )
    reading = Reading(document, sections=reading.sections, entities=entities, quotes=quotes)
    markdown = export_markdown(reading, [], exported_at=EXPORTED_AT)
    assert markdown.endswith(
        "## People and organisations\n\n"
        "- **Ann Example** (person, chair \\*elect\\*) — Start; Quote\\_s\n"
        "- **Union** (organization) — Start\n\n"
        "## Quotes\n\n"
        "- **Ann Example:** “We will \\[not\\] \\*wait\\*,”\n"
        "- **Unattributed:** “We will \\[not\\] \\*wait\\*,”\n"
    )
    assert "Somewhere" not in markdown
    notes_only = export_markdown(reading, [], notes_only=True, exported_at=EXPORTED_AT)
    assert "People" not in notes_only
    tokens = export_parser().parse(markdown)
    entries = [
        [c.type for c in t.children or [] if c.content or c.type != "text"]
        for t in tokens
        if t.type == "inline" and t.level == 3
    ]  # in list items
    assert [e[:3] for e in entries] == [["strong_open", "text", "strong_close"]] * 4


def test_the_same_input_gives_the_same_bytes() -> None:
    reading = small_reading()
    annotations = small_annotations(reading)
    first = export_markdown(reading, annotations, exported_at=EXPORTED_AT)
    again = export_markdown(reading, list(reversed(annotations)), exported_at=EXPORTED_AT)
    assert first == again
    assert first.endswith("\n")
    assert not first.endswith("\n\n")
    assert "\r" not in first
    document = reading.document
    assert export_web_annotations(document, annotations, exported_at=EXPORTED_AT) == (
        export_web_annotations(document, annotations[::-1], exported_at=EXPORTED_AT)
    )


def test_export_never_imports_a_ui_library() -> None:
    code = (
        "import sys\n"
        "from briefing.export import export_markdown, export_web_annotations\n"
        "from briefing.ingest import document_from_text\n"
        "from briefing.model import Reading, Annotation, TextQuote\n"
        "d = document_from_text('One [x].\\n\\nTwo.')\n"
        "a = Annotation('0' * 32, 0, 3, TextQuote('One'), note='[x]: /u\\n[x]')\n"
        "b = Annotation('1' * 32, 5, 8, TextQuote('[x]'), note='[x]')\n"
        "export_markdown(Reading(d), [a, b], exported_at='now')\n"
        "export_web_annotations(d, [a], exported_at='now')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


# ---------------------------------------------------------------------------------------------
# Web Annotation JSON


def test_web_annotations_round_trip() -> None:
    reading = small_reading()
    annotations = small_annotations(reading)
    annotations[0] = replace(
        annotations[0],
        created="2026-01-01T00:00:00Z",
        modified="2026-01-01T00:05:00Z",
        tags=("x", "y z"),
    )
    text = export_web_annotations(reading.document, annotations, exported_at=EXPORTED_AT)
    data = json.loads(text)
    assert data["type"] == "AnnotationCollection"
    assert data["total"] == len(annotations) == len(data["first"]["items"])
    assert data["label"] == "A *small* report"
    assert data["generated"] == EXPORTED_AT
    first = next(i for i in data["first"]["items"] if i["id"].endswith("0001"))
    assert first["motivation"] == "commenting"
    assert first["target"]["source"] == "urn:sha256:" + "ab" * 32
    orphan = next(i for i in data["first"]["items"] if i["briefing:status"] == "orphaned")
    assert [s["type"] for s in orphan["target"]["selector"]] == ["TextQuoteSelector"]

    back = {a.id: a for a in read_web_annotations(text)}
    assert set(back) == {a.id for a in annotations}
    for a in annotations:
        got = back[a.id]
        assert got.quote == a.quote
        assert (got.start, got.end) == ((None, None) if a.orphaned else (a.start, a.end))
        assert (got.note, got.tags, got.color) == (a.note, a.tags, a.color)
        assert (got.created, got.modified) == (a.created or None, a.modified or None)


def test_web_annotations_from_other_tools() -> None:
    one = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "http://example.org/anno1",
        "type": "Annotation",
        "motivation": "tagging",
        "body": {"type": "TextualBody", "value": "policy"},
        "target": {
            "source": "http://example.org/page",
            "selector": {"type": "TextQuoteSelector", "exact": "words", "prefix": "some "},
        },
    }
    two = {
        "type": "Annotation",
        "bodyValue": "A plain comment",
        "target": [
            "http://example.org/other",
            {
                "selector": [{"type": "TextPositionSelector", "start": 3, "end": 8}],
                "styleClass": "green",
            },
        ],
    }
    three = {
        "type": ["oa:Annotation"],
        "body": [
            "First part",
            {"value": "tagged", "purpose": ["tagging"]},
            {"type": "SpecificResource", "source": "http://x"},
        ],
        "target": {"selector": [{"type": "oa:TextQuoteSelector", "exact": "e"}]},
    }
    (a,) = read_web_annotations(json.dumps(one))
    assert (a.id, a.quote, a.start, a.tags, a.note) == (
        "http://example.org/anno1",
        TextQuote("words", "some ", ""),
        None,
        ("policy",),
        "",
    )
    (b,) = read_web_annotations(json.dumps(two))
    assert (b.note, b.start, b.end, b.color, b.quote.exact) == (
        "A plain comment",
        3,
        8,
        "green",
        "",
    )
    assert [x.note for x in read_web_annotations(json.dumps([one, two, three]))] == [
        "",
        "A plain comment",
        "First part",
    ]
    page = {"type": "AnnotationPage", "items": [one, three]}
    assert len(read_web_annotations(json.dumps(page))) == 2
    collection = {"type": "AnnotationCollection", "first": {**page, "next": {"items": [two]}}}
    assert [x.tags for x in read_web_annotations(json.dumps(collection))] == [
        ("policy",),
        ("tagged",),
        (),
    ]
    hypothesis_api = {
        "rows": [
            {
                "id": "abc",
                "text": "note",
                "tags": ["t"],
                "updated": "u",
                "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "q"}]}],
            }
        ]
    }
    (h,) = read_web_annotations(json.dumps(hypothesis_api))
    assert (h.id, h.note, h.tags, h.modified, h.quote.exact) == ("abc", "note", ("t",), "u", "q")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not JSON"),
        ('"a string"', "expected a Web Annotation"),
        ('{"type": "Thing"}', "expected a Web Annotation"),
        ('{"type": "AnnotationCollection", "first": "http://x/page1"}', "only a link"),
        (
            '[{"target": {"selector": {"type": "TextQuoteSelector", "exact": "a"}}},'
            ' {"id": "n2", "target": {"selector": {"type": "FragmentSelector"}}}]',
            "item 2 (n2): no TextQuoteSelector or TextPositionSelector",
        ),
        (
            '[{"target": {"selector": {"type": "TextPositionSelector", "start": -1, "end": 2}}}]',
            "item 1: TextPositionSelector start is not a whole number",
        ),
        (
            '[{"target": {"selector": {"type": "TextPositionSelector", "start": 5, "end": 2}}}]',
            "ends before it starts",
        ),
        (
            '[{"target": {"selector": {"type": "TextQuoteSelector", "exact": 3}}}]',
            "exact is not a string",
        ),
        ("[1]", "item 1 is not an object"),
        ("[" * 100_000, "not JSON"),
    ],
)
def test_bad_web_annotations_are_refused_in_one_line(text: str, message: str) -> None:
    with pytest.raises(AnnotationFormatError) as caught:
        read_web_annotations(text)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


# ---------------------------------------------------------------------------------------------
# Files


def test_export_time_honours_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    stamp = int(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(stamp))
    assert export_time() == EXPORTED_AT
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert export_time() == "1970-01-01T00:00:00Z"
    # Set but not a time: an error, as the reproducible-builds specification asks (a silent
    # fallback to now would give another file than the one asked for).
    for bad in ("yesterday", "-5", "1.5", "99999999999999999999", "\x1b[2J"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", bad)
        with pytest.raises(ExportError, match="SOURCE_DATE_EPOCH") as info:
            export_time()
        assert "\x1b" not in str(info.value)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")  # empty: unset
    before = datetime.now(UTC).replace(microsecond=0)
    now = datetime.strptime(export_time(), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert before <= now <= datetime.now(UTC)


def test_write_atomically_creates_refuses_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_atomically(target, "first\n", force=False)
    assert target.read_bytes() == b"first\n"
    with pytest.raises(ExportError, match=r"out\.md exists; use --force to overwrite$"):
        write_atomically(target, "second\n", force=False)
    assert target.read_text() == "first\n"
    target.chmod(0o640)
    write_atomically(target, "second ✓\n", force=True)
    assert target.read_bytes() == "second ✓\n".encode()
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_write_atomically_reports_unwritable_places_in_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(ExportError) as caught:
        write_atomically(blocker / "out.md", "text", force=True)
    message = str(caught.value)
    assert message.startswith(f"{blocker / 'out.md'}: cannot write: ")
    assert "\n" not in message
    with pytest.raises(ExportError, match="is a directory"):
        write_atomically(tmp_path, "text", force=True)
    with pytest.raises(ExportError, match="No such file or directory"):
        write_atomically(tmp_path / "missing" / "out.md", "text", force=False)
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            with pytest.raises(ExportError, match="Permission denied"):
                write_atomically(locked / "out.md", "text", force=False)
            assert list(locked.iterdir()) == []
        finally:
            locked.chmod(0o700)
    assert (
        sorted(p.name for p in tmp_path.iterdir())
        == ["a-file", "locked"][: 1 + (os.geteuid() != 0)]
    )


def test_write_atomically_leaves_nothing_when_the_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(ExportError, match="No space left on device"):
        write_atomically(tmp_path / "out.md", "text", force=False)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------------------------
# Golden files: the bundled seed with a fixed set of annotations


@cache
def seed_reading() -> Reading:
    return read_document(load_document(seed_path()))


def words(reading: Reading, paragraph: int, first: int, count: int) -> tuple[int, int]:
    """Offsets of `count` words of a paragraph from word `first` (negative: from the end)."""
    text = reading.document.paragraph_text(paragraph)
    spans = []
    start = None
    for i, c in enumerate(text + " "):
        if c.isspace() and start is not None:
            spans.append((start, i))
            start = None
        elif not c.isspace() and start is None:
            start = i
    chosen = spans[first:][:count]
    return in_paragraph(reading, paragraph, chosen[0][0], chosen[-1][1])


def seed_annotations(reading: Reading) -> list[Annotation]:
    when = {"created": "2026-01-01T09:00:00Z", "modified": "2026-01-01T09:30:00Z"}
    spanning = (words(reading, 4, -5, 5)[0], words(reading, 5, 0, 4)[1])
    orphan_at = words(reading, 20, 0, 3)
    return [
        annotation(
            reading,
            1,
            *words(reading, 2, 2, 12),
            note="**Why now?** Compare with [the budget note][budget].\n\n"
            '[budget]: https://example.org/budget "Budget"\n',
            tags=("follow-up", "numbers"),
            **when,
        ),
        annotation(
            reading,
            2,
            *words(reading, 2, 10, 12),
            color="green",
            note="- one reading\n- another, unlike [budget]\n\n> an aside",
            tags=("context",),
            **when,
        ),
        annotation(
            reading,
            3,
            *spanning,
            color="blue",
            note="# not a heading of the export\n\n```\ncode with ``` inside\n```\n",
        ),
        annotation(reading, 4, *words(reading, 9, 0, 6), color="pink"),
        annotation(
            reading,
            5,
            *words(reading, 13, 3, 6),
            tags=("check",),
            status=AnchorStatus.MOVED,
            score=0.8,
        ),
        Annotation(
            id=uuid.UUID(int=6).hex,
            start=orphan_at[0],
            end=orphan_at[1],
            quote=TextQuote("words that were cut from the text", "before the ", " and after"),
            color="green",
            note="Was this removed in an update?",
            tags=("follow-up",),
            status=AnchorStatus.ORPHANED,
            score=0.0,
            **when,
        ),
    ]


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("seed.md", lambda r, a, s: export_markdown(r, a, exported_at=EXPORTED_AT, source=s)),
        (
            "seed-notes.md",
            lambda r, a, s: export_markdown(
                r, a, notes_only=True, exported_at=EXPORTED_AT, source=s
            ),
        ),
        (
            "seed.json",
            lambda r, a, s: export_web_annotations(
                r.document, a, exported_at=EXPORTED_AT, source=s
            ),
        ),
    ],
)
def test_golden_exports_of_the_seed(name: str, render: Any) -> None:
    reading = seed_reading()
    source = f"seeds/{seed_path().name}"
    produced = render(reading, seed_annotations(reading), source)
    golden = GOLDEN / name
    if os.environ.get("BRIEFING_REGEN_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(produced.encode("utf-8"))
    expected = golden.read_bytes().decode("utf-8") if golden.exists() else ""
    if produced != expected:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    produced.splitlines(keepends=True),
                    f"expected {name}",
                    "produced",
                )
            )[:60]
        )
        pytest.fail(
            f"the export of the seed differs from tests/fixtures/export/{name}. The seed's "
            "analysis (sections, entities, quotes) feeds the export, so an analysis change "
            "shows here too. If the change is intended, regenerate with\n"
            "    BRIEFING_REGEN_GOLDEN=1 pytest tests/test_export.py -k golden\n"
            f"and review the diff:\n{diff}"
        )
