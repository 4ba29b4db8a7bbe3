"""Where the sections of posts start, against their authors' headings of every level.

    python benchmarks/heading_levels.py POSTS_DIR SOURCE=GIT_DIR:GLOB [SOURCE=GIT_DIR:GLOB ...]

POSTS_DIR is a folder `make_articles.py` wrote from the same SOURCEs: its reference sections
are the posts' top heading level only, and a post that files several subjects under one
heading (release notes, a summit's report) counts a start at one of its lower headings as an
error. For each post this finds its Markdown again (by its file name, checking that the
paragraphs are the same), reads the paragraphs that follow a heading of any level, segments the
post as `segmentation.py` does, and prints per source how many of the starts after the first
fall exactly at a top-level heading, at a heading of any level, or within one paragraph of
one, beside the share of paragraphs that are such a start (a start placed at random).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

# This checkout's package and benchmarks, not an installed (or another editable) briefing.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.make_articles import _files, convert, post_stem
from benchmarks.segmentation import as_document, read_reference
from briefing.analysis.sections import automatic_sections


def _source_headings(git_dir: str, paths: list[str], paragraphs: list[str]) -> list[int] | None:
    """Paragraphs after a lower heading of the first of `paths` whose post has `paragraphs`."""
    for path in paths:
        shown = subprocess.run(
            ["git", "--git-dir", git_dir, "show", f"HEAD:{path}"], capture_output=True
        )
        if shown.returncode:
            continue
        lower: list[int] = []
        sections = convert(shown.stdout.decode("utf-8", "replace"), lower)
        if [p for _, block in sections for p in block] == paragraphs:
            return lower
    return None


def _near(start: int, marks: set[int]) -> bool:
    return any(abs(start - mark) <= 1 for mark in marks)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("posts", type=Path)
    parser.add_argument("sources", nargs="+", help="NAME=GIT_DIR:GLOB")
    args = parser.parse_args()
    for source in args.sources:
        name, rest = source.split("=", 1)
        git_dir, pattern = rest.rsplit(":", 1)
        by_stem: dict[str, list[str]] = {}
        for path in _files(git_dir, pattern):
            by_stem.setdefault(post_stem(path), []).append(path)
        counts = dict.fromkeys(("posts", "missing", "starts", "top", "top1", "any", "any1"), 0)
        places = tops = anys = 0
        for post in sorted(args.posts.glob(f"{name}-*.txt")):
            paragraphs, top_starts = read_reference(post)
            lower = _source_headings(
                git_dir, by_stem.get(post.stem[len(name) + 1 :], []), paragraphs
            )
            if lower is None:
                counts["missing"] += 1
                continue
            top = set(top_starts) - {0}
            every = top | set(lower)
            document = as_document(paragraphs, post.stem)
            starts = [s.start_paragraph for s in automatic_sections(document)][1:]
            counts["posts"] += 1
            counts["starts"] += len(starts)
            counts["top"] += sum(s in top for s in starts)
            counts["top1"] += sum(_near(s, top) for s in starts)
            counts["any"] += sum(s in every for s in starts)
            counts["any1"] += sum(_near(s, every) for s in starts)
            places += len(paragraphs) - 1
            tops += len(top)
            anys += len(every)
        found = max(1, counts["starts"])
        print(
            f"{name}: {counts['posts']} posts ({counts['missing']} not found in the source), "
            f"{counts['starts']} starts after the first: at a top-level heading "
            f"{counts['top'] / found:.0%} (within one paragraph {counts['top1'] / found:.0%}), "
            f"at a heading of any level {counts['any'] / found:.0%} "
            f"(within one {counts['any1'] / found:.0%}); at random "
            f"{tops / max(1, places):.0%} and {anys / max(1, places):.0%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
