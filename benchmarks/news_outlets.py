"""News from outlets PolNeAR does not have, with sub-topics marked by hand; and digests of them.

    python benchmarks/news_outlets.py prepare GROUND_TRUTH_JSON OUT_DIR
    python benchmarks/news_outlets.py build GROUND_TRUTH_JSON OUT_DIR [--marks FILE]
    python benchmarks/news_outlets.py score GROUND_TRUTH_JSON [--split tune|report|all] [-v]
    python benchmarks/news_outlets.py digests GROUND_TRUTH_JSON OUT_DIR

The articles are those of `scrapinghub/article-extraction-benchmark` (`ground-truth.json`:
the body text of 181 pages of 2019, most of them news, from 126 sites), one paragraph per line.
`prepare` chooses the English articles of 12–45 paragraphs from sites that are not among
PolNeAR's seven outlets, by a seeded shuffle (never by content), the first `TUNE` to tune
and train on and the next `REPORT` to read once at the end, and writes each as numbered
paragraphs for a marker who has not seen the segmenter's output. The marks follow the
guidelines of `data/news-subtopics.md` and are kept in `data/news-outlets.json` (paragraph
numbers, titles and key terms; no text). `build` writes the marked articles in Choi's format
into OUT_DIR/tune and OUT_DIR/report; `score` reads them as `news_subtopics.py score` reads
PolNeAR's. `digests` writes, from each part, stories in a row without their titles (three a
file, in the chosen order): digests from outlets the segmenter was not tuned on.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

TUNE = 24
REPORT = 24
MIN_PARAGRAPHS = 12
MAX_PARAGRAPHS = 45
MIN_WORDS = 4
SEED = 2019
POLNEAR_SITES = (
    "breitbart",
    "huffingtonpost",
    "huffpost",
    "nytimes",
    "politico",
    "usatoday",
    "washingtonpost",
    "westernjournal",
)
ENGLISH = frozenset("the of and to in a is that for on with was as it by at from said".split())
MARKS = Path(__file__).with_name("data") / "news-outlets.json"


def paragraphs(body: str) -> list[str]:
    """The article's paragraphs: its lines, lines under four words dropped (captions, credits)."""
    lines = [" ".join(line.split()) for line in body.splitlines()]
    return [line for line in lines if len(line.split()) >= MIN_WORDS]


def site(url: str) -> str:
    return re.sub(r"^www\.", "", url.split("/")[2])


def is_english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return bool(words) and sum(w in ENGLISH for w in words) >= 0.2 * len(words)


def name_of(url: str) -> str:
    """A file name for an article: its site and the last words of its address."""
    tail = re.sub(r"[^a-z0-9]+", "-", url.lower().rstrip("/").split("/")[-1])[:40].strip("-")
    return f"{site(url).split('.')[0]}_{tail or 'index'}.txt"


def choose(ground_truth: Path) -> dict[str, list[tuple[str, list[str]]]]:
    """(file name, paragraphs) of the articles of each part, in the chosen order."""
    data = json.loads(ground_truth.read_text(encoding="utf-8"))
    eligible = []
    for key in sorted(data):
        url, body = data[key]["url"], data[key]["articleBody"]
        blocks = paragraphs(body)
        if any(s in site(url) for s in POLNEAR_SITES) or not is_english(body):
            continue
        if MIN_PARAGRAPHS <= len(blocks) <= MAX_PARAGRAPHS:
            eligible.append((name_of(url), blocks))
    random.Random(SEED).shuffle(eligible)
    return {"tune": eligible[:TUNE], "report": eligible[TUNE : TUNE + REPORT]}


def prepare(ground_truth: Path, out: Path) -> int:
    for part, articles in choose(ground_truth).items():
        folder = out / part
        folder.mkdir(parents=True, exist_ok=True)
        for name, blocks in articles:
            lines = [f"[{i}] {p}" for i, p in enumerate(blocks)]
            (folder / name).write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        print(f"{part}: {len(articles)} articles in {folder}", file=sys.stderr)
    return 0


def build(ground_truth: Path, out: Path, marks_file: Path) -> int:
    marks = json.loads(marks_file.read_text(encoding="utf-8"))["articles"]
    count = 0
    for part, articles in choose(ground_truth).items():
        folder = out / part
        folder.mkdir(parents=True, exist_ok=True)
        for name, blocks in articles:
            mark = marks.get(name)
            if mark is None:
                continue
            starts = set(mark["starts"])
            lines: list[str] = []
            for i, block in enumerate(blocks):
                if i in starts:
                    lines.append("==========")
                lines.append(block)
            (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
            count += 1
    print(f"{count} marked articles in {out}", file=sys.stderr)
    return 0


def digests(ground_truth: Path, out: Path) -> int:
    for part, articles in choose(ground_truth).items():
        folder = out / part
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(len(articles) // 3):
            lines: list[str] = []
            for _, blocks in articles[3 * n : 3 * n + 3]:
                lines.append("==========")
                lines.extend(blocks)
            (folder / f"digest-{n:02d}.txt").write_text("\n".join(lines) + "\n", "utf-8")
        print(f"{part}: {len(articles) // 3} digests in {folder}", file=sys.stderr)
    return 0


def score(ground_truth: Path, marks_file: Path, part: str, verbose: bool) -> int:
    from benchmarks.news_subtopics import score_articles

    marks = json.loads(marks_file.read_text(encoding="utf-8"))["articles"]
    chosen = choose(ground_truth)
    parts = ("tune", "report") if part == "all" else (part,)
    articles = [(name, blocks, marks.get(name)) for p in parts for name, blocks in chosen[p]]
    return score_articles([(n, b, m) for n, b, m in articles if m is not None], part, verbose)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("command", choices=("prepare", "build", "score", "digests"))
    parser.add_argument("ground_truth", type=Path, help="the benchmark's ground-truth.json")
    parser.add_argument("out", type=Path, nargs="?", help="where prepare, build, digests write")
    parser.add_argument("--marks", type=Path, default=MARKS)
    parser.add_argument("--split", choices=("tune", "report", "all"), default="tune")
    parser.add_argument("-v", "--verbose", action="store_true", help="every article's sections")
    args = parser.parse_args()
    if args.command == "score":
        return score(args.ground_truth, args.marks, args.split, args.verbose)
    if args.out is None:
        parser.error(f"{args.command} needs OUT_DIR")
    if args.command == "prepare":
        return prepare(args.ground_truth, args.out)
    if args.command == "digests":
        return digests(args.ground_truth, args.out)
    return build(args.ground_truth, args.out, args.marks)


if __name__ == "__main__":
    sys.exit(main())
