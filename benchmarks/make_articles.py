"""Build a corpus of single articles with their authors' sub-topic structure, for segmentation.

    python benchmarks/make_articles.py OUT_DIR SOURCE=GIT_DIR:GLOB [SOURCE=GIT_DIR:GLOB ...]

Each SOURCE names a git directory (a bare clone of a public blog or newsroom repository) and a
glob of Markdown posts inside it (`content/posts/*.md`). Every post whose body has subheadings
becomes one file in OUT_DIR: one paragraph per line, a line `========== HEADING` before each
headed section (`==========` alone before the lead), the headings themselves removed from the
text. That is the format `benchmarks/segmentation.py` reads; the heading text after the
separator lets `benchmarks/titles.py` compare automatic titles with the authors'.

Prose only: code blocks, images, tables, HTML blocks and template shortcodes are dropped, a
list becomes one paragraph, paragraphs under four words are dropped. The top heading level the
body uses (`##`, or `###` in posts that use no `##`) marks sections; lower ones are dropped.
A post is kept with 8–60 paragraphs, at least three sections, no empty section and at
least three paragraphs per section on average. Nothing of
the data belongs in this repository: write OUT_DIR outside it.
"""

from __future__ import annotations

import argparse
import fnmatch
import re
import subprocess
import sys
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

MIN_PARAGRAPHS = 8
MAX_PARAGRAPHS = 60
MIN_SECTIONS = 3
MIN_WORDS = 4
MIN_MEAN_SECTION = 3.0
"""Mean paragraphs per section: news prose runs several paragraphs per sub-topic."""

_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)\s*\n.*?\n(?:---|\+\+\+)\s*\n", re.DOTALL)
_TEMPLATE = re.compile(r"\{\{[<%].*?[>%]\}\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    text = _TAG.sub("", "".join(parts))
    return " ".join(text.replace("\\", "").split())


def convert(markdown: str, subheadings: list[int] | None = None) -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) of each section; the lead has heading "". `subheadings`, when
    given, receives the number (counted over the whole post) of each paragraph that follows
    a heading of a lower level than the sections' (`benchmarks/heading_levels.py`)."""
    body = _TEMPLATE.sub("", _FRONT_MATTER.sub("", markdown, count=1))
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    levels = sorted({int(t.tag[1]) for t in tokens if t.type == "heading_open"})
    levels = [level for level in levels if level >= 2] or levels
    if not levels:
        return []
    top = levels[0]
    sections: list[tuple[str, list[str]]] = [("", [])]
    i = 0
    list_depth = 0
    list_items: list[str] = []
    quote_depth = 0
    after_subheading = False

    def add(paragraph: str) -> None:
        nonlocal after_subheading
        if after_subheading and subheadings is not None:
            subheadings.append(sum(len(p) for _, p in sections))
        after_subheading = False
        sections[-1][1].append(paragraph)

    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            level = int(token.tag[1])
            text = _inline_text(tokens[i + 1])
            if level == top:
                sections.append((text, []))
                after_subheading = False
            elif level < top:  # a title line inside the body: starts nothing
                pass
            else:
                after_subheading = True
            i += 3
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            if list_depth == 0 and list_items:
                add(" ".join(list_items))
                list_items = []
        elif token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "table_open":
            while tokens[i].type != "table_close":
                i += 1
        elif token.type == "inline" and tokens[i - 1].type == "paragraph_open":
            text = _inline_text(token)
            if len(text.split()) >= MIN_WORDS or (list_depth and text):
                if list_depth:
                    list_items.append(text if text[-1:] in ".!?:;" else text + ";")
                else:
                    add(text)
        i += 1
    return [(h, p) for h, p in sections if p or h]


def _files(git_dir: str, pattern: str) -> list[str]:
    names = subprocess.run(
        ["git", "--git-dir", git_dir, "ls-tree", "-r", "--name-only", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return sorted(
        n for n in names if fnmatch.fnmatch(n, pattern) and n.endswith((".md", ".markdown"))
    )


def post_stem(path: str) -> str:
    """The name a post's file gets (after its source's NAME and a dash)."""
    stem = re.sub(r"[^\w.-]+", "-", path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    if stem == "index" or stem.startswith("index."):  # NAME/index.md, NAME/index.es.md
        stem = re.sub(r"[^\w.-]+", "-", path.rsplit("/", 2)[-2]) + stem[len("index") :]
    return stem


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("sources", nargs="+", help="NAME=GIT_DIR:GLOB")
    parser.add_argument(
        "--per-source", type=int, default=0, help="keep at most N, evenly spaced in file order"
    )
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for source in args.sources:
        name, rest = source.split("=", 1)
        git_dir, pattern = rest.rsplit(":", 1)
        kept: list[tuple[str, list[str]]] = []
        for path in _files(git_dir, pattern):
            shown = subprocess.run(
                ["git", "--git-dir", git_dir, "show", f"HEAD:{path}"], capture_output=True
            )
            if shown.returncode:
                continue  # listed but absent from the snapshot
            raw = shown.stdout.decode("utf-8", "replace")
            sections = convert(raw)
            paragraphs = sum(len(p) for _, p in sections)
            if (
                len(sections) < MIN_SECTIONS
                or any(not p for _, p in sections)
                or not MIN_PARAGRAPHS <= paragraphs <= MAX_PARAGRAPHS
                or paragraphs < MIN_MEAN_SECTION * len(sections)
            ):
                continue
            stem = post_stem(path)
            lines: list[str] = []
            for heading, block in sections:
                lines.append(f"========== {heading}".rstrip())
                lines.extend(block)
            kept.append((stem, lines))
        if args.per_source and len(kept) > args.per_source:
            step = len(kept) / args.per_source
            kept = [kept[int(i * step)] for i in range(args.per_source)]
        for stem, lines in kept:
            (args.out_dir / f"{name}-{stem}.txt").write_text("\n".join(lines) + "\n", "utf-8")
        print(f"{name}: {len(kept)} articles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
