"""News articles with their sub-topics marked by hand: choose them, and build the benchmark files.

    python benchmarks/news_subtopics.py prepare POLNEAR_DATA OUT_DIR
    python benchmarks/news_subtopics.py build POLNEAR_DATA OUT_DIR [--marks FILE]

PolNeAR (`networkdynamics/PolNeAR`, its `data/` folder) holds 2016 US news from seven outlets,
one paragraph per line. `prepare` chooses the articles to mark — 8 per outlet from `train` to
tune on, 4 per outlet from `dev` to report on, articles of 15–45 paragraphs, by a seeded shuffle
per outlet, never by content — and writes each as numbered paragraphs (`[0] …`) for a marker
who has not seen the segmenter's output. The marking guidelines are
`benchmarks/data/news-subtopics.md`; the marks (which paragraphs open a sub-topic, nothing of
the text) are `benchmarks/data/news-subtopics.json`.

`build` writes the marked articles in the format `benchmarks/segmentation.py` and
`scripts/train_boundaries.py` read (one paragraph per line, `==========` before each section),
into OUT_DIR/train and OUT_DIR/dev. Write OUT_DIR outside the repository: the text is
PolNeAR's, not ours.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

SPLITS = {"train": 8, "dev": 4}
"""Articles chosen per outlet from each PolNeAR split."""
MIN_PARAGRAPHS = 15
MAX_PARAGRAPHS = 45
MIN_WORDS = 4
SEED = 2016
MARKS = Path(__file__).with_name("data") / "news-subtopics.json"


def paragraphs(path: Path) -> list[str]:
    """An article's body paragraphs: its lines after the title, lines under four words dropped
    (bylines, photo credits), as `make_digests.py` reads the same files."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    body = [line for line in lines if line][1:]
    return [p for p in body if len(p.split()) >= MIN_WORDS]


def outlet(path: Path) -> str:
    return path.name.split("_", 1)[0]


def choose(data: Path) -> dict[str, list[Path]]:
    """The articles to mark, per split: a seeded shuffle of each outlet's eligible articles."""
    chosen: dict[str, list[Path]] = {}
    for split, per_outlet in SPLITS.items():
        files = sorted((data / split / "text").glob("*.txt"))
        eligible = [p for p in files if MIN_PARAGRAPHS <= len(paragraphs(p)) <= MAX_PARAGRAPHS]
        picked: list[Path] = []
        for name in sorted({outlet(p) for p in eligible}):
            pool = [p for p in eligible if outlet(p) == name]
            random.Random(f"{SEED}-{split}-{name}").shuffle(pool)
            picked.extend(pool[:per_outlet])
        chosen[split] = sorted(picked)
    return chosen


def prepare(data: Path, out: Path) -> int:
    for split, files in choose(data).items():
        folder = out / split
        folder.mkdir(parents=True, exist_ok=True)
        for path in files:
            lines = [f"[{i}] {p}" for i, p in enumerate(paragraphs(path))]
            (folder / path.name).write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        print(f"{split}: {len(files)} articles in {folder}", file=sys.stderr)
    return 0


def build(data: Path, out: Path, marks_file: Path) -> int:
    marks = json.loads(marks_file.read_text(encoding="utf-8"))["articles"]
    count = 0
    for split, files in choose(data).items():
        folder = out / split
        folder.mkdir(parents=True, exist_ok=True)
        for path in files:
            mark = marks.get(path.name)
            if mark is None:
                continue
            blocks = paragraphs(path)
            starts = {0, *mark["starts"]}
            lines: list[str] = []
            for i, block in enumerate(blocks):
                if i in starts:
                    lines.append("==========")
                lines.append(block)
            (folder / path.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
            count += 1
    print(f"{count} marked articles in {out}", file=sys.stderr)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("command", choices=("prepare", "build"))
    parser.add_argument("data", type=Path, help="PolNeAR's data/ folder")
    parser.add_argument("out", type=Path)
    parser.add_argument("--marks", type=Path, default=MARKS)
    args = parser.parse_args()
    if args.command == "prepare":
        return prepare(args.data, args.out)
    return build(args.data, args.out, args.marks)


if __name__ == "__main__":
    sys.exit(main())
