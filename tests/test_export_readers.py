"""The Markdown export as other readers take it: a note's callout header stays apart from its
quoted passage, and `--highlight html` marks passages with `<mark>`.

CommonMark (markdown-it-py, a dependency) is checked always. pandoc is a system program that CI
does not install: where it is present, the same export also goes through it, in the same test,
so the test never skips — without pandoc it still asserts the CommonMark reading, and the
CommonMark rule it relies on (a blank `>` line before the quoted passage) is the one pandoc
needs (`blank_before_blockquote`).
"""

from __future__ import annotations

import shutil
import subprocess

from markdown_it import MarkdownIt

from briefing.export.markdown import Highlight, export_markdown
from tests.test_export import EXPORTED_AT, small_annotations, small_reading

PANDOC = shutil.which("pandoc")


def pandoc(markdown: str, to: str) -> str:
    assert PANDOC is not None
    done = subprocess.run(
        [PANDOC, "-f", "markdown", "-t", to],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def notes_only(highlight: Highlight = Highlight.MARKDOWN) -> str:
    reading = small_reading()
    return export_markdown(
        reading,
        small_annotations(reading),
        notes_only=True,
        exported_at=EXPORTED_AT,
        highlight=highlight,
    )


def full(highlight: Highlight) -> str:
    reading = small_reading()
    return export_markdown(
        reading, small_annotations(reading), exported_at=EXPORTED_AT, highlight=highlight
    )


def test_a_callout_header_and_its_passage_are_two_blocks() -> None:
    markdown = notes_only()
    tokens = MarkdownIt("commonmark").parse(markdown)
    # The header is a paragraph of its own inside the callout, the passage a quote inside it.
    headers = [
        i for i, t in enumerate(tokens) if t.type == "inline" and t.content.startswith("[!note]")
    ]
    assert headers
    for i in headers:
        assert "\n" not in tokens[i].content  # the passage did not run into it
        assert tokens[i + 1].type == "paragraph_close"
    assert "> [!note] yellow · #x\n>\n> > Alpha\n" in markdown
    if PANDOC:
        plain = pandoc(markdown, "plain")
        assert "[!note] yellow · #x" in plain
        assert "> Alpha" not in plain  # a literal mark was the bug
        header = plain.index("[!note] yellow · #x")
        passage = plain.index("Alpha", header)
        assert "\n\n" in plain[header:passage]  # two paragraphs


def test_highlight_html_marks_passages_with_mark() -> None:
    markdown = full(Highlight.HTML)
    assert "==" not in markdown
    assert "<mark>Alpha section</mark> text, <mark>first paragraph.</mark>" in markdown
    html = MarkdownIt("commonmark").render(markdown)
    assert "<mark>Alpha section</mark>" in html
    if PANDOC:
        out = pandoc(markdown, "html")
        assert "<mark>Alpha section</mark>" in out
        assert "==" not in out


def test_highlight_markdown_is_the_default() -> None:
    markdown = full(Highlight.MARKDOWN)
    assert "==Alpha section== text, ==first paragraph.==" in markdown
    assert "<mark>" not in markdown
