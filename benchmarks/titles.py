"""Automatic section titles against the headings authors wrote.

    python benchmarks/titles.py DATA_DIR [--split all|first-half|second-half] [-v]

DATA_DIR is a corpus from `benchmarks/make_articles.py`: one paragraph per line, a line
`========== HEADING` before each headed section. Each article's reference sections (not the
segmenter's, so titles are judged on their own) get automatic titles exactly as
`automatic_sections` gives them, and each title is compared with the author's heading:

- hit: the title shares a content word (stemmed, no function words) with the heading;
- overlap: shared content words over the heading's content words, averaged;
- shape: titles of 2–6 words, and titles unique in their article.

The lead (text before the first heading) has no heading and is not scored.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

# This checkout's package and benchmarks, not an installed (or another editable) briefing.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.segmentation import as_document, natural_key
from briefing.analysis.sections import describe_spans
from briefing.analysis.terms import content_terms


def read_headed(path: Path) -> tuple[list[str], list[int], list[str]]:
    """Blocks, section starts and headings ("" for the lead)."""
    blocks: list[str] = []
    starts: list[int] = []
    headings: list[str] = []
    pending: str | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("==="):
            pending = line.lstrip("=").strip()
            continue
        line = line.strip()
        if not line:
            continue
        if pending is not None:
            starts.append(len(blocks))
            headings.append(pending)
            pending = None
        blocks.append(line)
    return blocks, starts, headings


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--split", choices=("all", "first-half", "second-half"), default="all")
    parser.add_argument("-v", "--verbose", action="store_true", help="every title and heading")
    args = parser.parse_args()
    files = sorted((p for p in args.data_dir.iterdir() if p.is_file()), key=natural_key)
    half = len(files) // 2
    files = {"all": files, "first-half": files[:half], "second-half": files[half:]}[args.split]
    scored = hits = shaped = unique = titles = 0
    overlap = 0.0
    elapsed = 0.0
    for path in files:
        blocks, starts, headings = read_headed(path)
        if not blocks:
            continue
        document = as_document(blocks, path.name)
        bounds = [*starts, len(blocks)]
        spans = [(bounds[i], bounds[i + 1] - 1) for i in range(len(starts))]
        t0 = time.perf_counter()
        sections = describe_spans(document, spans)
        elapsed += time.perf_counter() - t0
        names = [s.title for s in sections]
        titles += len(names)
        unique += len({n.casefold() for n in names})
        shaped += sum(1 for n in names if 2 <= len(n.split()) <= 6)
        for section, heading in zip(sections, headings, strict=True):
            if not heading:
                continue
            want = set(content_terms(heading))
            if not want:
                continue
            got = set(content_terms(section.title))
            scored += 1
            hits += bool(want & got)
            overlap += len(want & got) / len(want)
            if args.verbose:
                mark = "+" if want & got else " "
                print(f"{mark} {section.title!r:45} heading {heading!r}")
    print(f"{len(files)} articles from {args.data_dir} ({args.split}), {scored} headed sections")
    print(
        f"title shares a content word with the heading: {hits / max(1, scored):.1%}; "
        f"mean overlap {overlap / max(1, scored):.3f}"
    )
    print(
        f"titles of 2-6 words {shaped / max(1, titles):.1%}; "
        f"unique in their article {unique / max(1, titles):.1%}; "
        f"{elapsed:.2f} s for titles and gists"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
