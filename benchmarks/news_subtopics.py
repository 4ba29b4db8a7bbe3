"""News articles with their sub-topics marked by hand: choose them, and build the benchmark files.

    python benchmarks/news_subtopics.py prepare POLNEAR_DATA OUT_DIR
    python benchmarks/news_subtopics.py build POLNEAR_DATA OUT_DIR [--marks FILE]
    python benchmarks/news_subtopics.py score POLNEAR_DATA [--split train|dev|test|all] [-v]

PolNeAR (`networkdynamics/PolNeAR`, its `data/` folder) holds 2016 US news from seven outlets,
one paragraph per line. `prepare` chooses the articles to mark — 8 per outlet from `train` to
tune on, 4 per outlet from `dev` to report on while working and 4 from `test` to report on once,
articles of 15–45 paragraphs, by a seeded shuffle per outlet, never by content — and writes
each as numbered paragraphs (`[0] …`) for a marker who has not seen the segmenter's output.
The marking guidelines are `benchmarks/data/news-subtopics.md`; the marks (which paragraphs
open a sub-topic, nothing of the text) are `benchmarks/data/news-subtopics.json`.

`build` writes the marked articles in the format `benchmarks/segmentation.py` and
`scripts/train_boundaries.py` read (one paragraph per line, `==========` before each section),
into OUT_DIR/train, OUT_DIR/dev and OUT_DIR/test. Write OUT_DIR outside the repository: the text is
PolNeAR's, not ours.

`score` reads each marked article as the seed's gold reading is read
(`../shared/eval/score_analysis.py`): a marked section is found when an automatic section starts
at exactly its first paragraph, and its title is right when it holds one of the section's title
terms; automatic sections that start nowhere marked are extra. It prints those counts, Pk
against "no boundaries", and the titles of the marked spans themselves (titled as
`describe_spans` titles them), so that titles are judged apart from where sections start.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

# This checkout's package and benchmarks, not an installed (or another editable) briefing.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SPLITS = {"train": 8, "dev": 4, "test": 4}
"""Articles chosen per outlet from each PolNeAR split: train to train and tune on, dev to
report on while working, test to report on once at the end."""
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


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def _has_term(title: str, terms: list[str]) -> bool:
    return any(_norm(term) in _norm(title) for term in terms)


Marked = tuple[str, list[str], dict[str, Any]]
"""(file name, paragraphs, marks) of one marked article."""


def score(data: Path, marks_file: Path, split: str, verbose: bool) -> int:
    marks = json.loads(marks_file.read_text(encoding="utf-8"))["articles"]
    chosen = choose(data)
    files = [p for name in (SPLITS if split == "all" else (split,)) for p in chosen[name]]
    articles = [(p.name, paragraphs(p), marks[p.name]) for p in files if p.name in marks]
    return score_articles(articles, split, verbose)


def score_articles(articles: list[Marked], split: str, verbose: bool) -> int:
    """Print how the automatic sections of `articles` meet their marks."""
    from benchmarks.segmentation import as_document, pk_windowdiff
    from briefing.analysis.sections import automatic_sections, describe_spans

    totals = dict.fromkeys(("marked", "found", "extra", "titles", "span_titles", "articles"), 0)
    shapes = dict.fromkeys(("titles", "length", "dangling", "once"), 0)
    pk = base = 0.0
    for name, blocks, mark in articles:
        document = as_document(blocks, name)
        sections = automatic_sections(document)
        predicted = {s.start_paragraph: s.title for s in sections}
        starts, terms = mark["starts"], mark["title_terms"]
        found = [i for i, start in enumerate(starts) if start in predicted]
        titled = [i for i in found if _has_term(predicted[starts[i]], terms[i])]
        bounds = [*starts, len(blocks)]
        spans = [(bounds[i], bounds[i + 1] - 1) for i in range(len(starts))]
        span_titles = [s.title for s in describe_spans(document, spans)]
        totals["articles"] += 1
        totals["marked"] += len(starts)
        totals["found"] += len(found)
        totals["extra"] += len(sections) - len(found)
        totals["titles"] += len(titled)
        totals["span_titles"] += sum(map(_has_term, span_titles, terms))
        for section in sections:
            text = " ".join(blocks[section.start_paragraph : section.end_paragraph + 1])
            shapes["titles"] += 1
            for problem in title_problems(section.title, text):
                shapes[problem] += 1
        k = max(1, round(len(blocks) / len(starts) / 2))
        pk += pk_windowdiff(starts, sorted(predicted), len(blocks), k)[0]
        base += pk_windowdiff(starts, [0], len(blocks), k)[0]
        if verbose:
            print(f"{name}: marked {starts}, automatic {sorted(predicted)}")
            for start, title in sorted(predicted.items()):
                print(f"    {start:3d} {title!r}")
    count = max(1, totals["articles"])
    marked = max(1, totals["marked"])
    print(f"{totals['articles']} marked articles ({split}), {totals['marked']} marked sections")
    print(
        f"sections found {totals['found']}/{totals['marked']} ({totals['found'] / marked:.1%}), "
        f"extra {totals['extra']} ({totals['extra'] / count:.2f} per article); "
        f"titles right {totals['titles']}/{totals['marked']}"
    )
    later = max(1, totals["marked"] - totals["articles"])
    print(
        f"marked starts after the first found exactly {totals['found'] - totals['articles']}"
        f"/{later} ({(totals['found'] - totals['articles']) / later:.1%})"
    )
    print(
        f"Pk {pk / count:.4f} (no boundaries {base / count:.4f}); titles of the marked spans "
        f"right {totals['span_titles']}/{totals['marked']} ({totals['span_titles'] / marked:.1%})"
    )
    titles = max(1, shapes["titles"])
    print(
        f"automatic titles {shapes['titles']}: not 2-6 words {shapes['length'] / titles:.1%}, "
        f"dangling {shapes['dangling'] / titles:.1%}, "
        f"after a name met once {shapes['once'] / titles:.1%}"
    )
    return 0


_ARTICLES = frozenset(("the", "a", "an"))
_NAME = re.compile(r"[A-Z][\w.’'-]*(?: (?:of |de |the )?[A-Z][\w.’'-]*)+")


def title_problems(title: str, text: str) -> list[str]:
    """What is wrong with an automatic title of a section of `text`: not 2-6 words
    (`length`), opening or ending on a function word ("Whether it proves": `dangling`), or
    naming someone the section mentions once (a name of two words or more whose last word
    the section uses once: `once`)."""
    from briefing.analysis.terms import stopwords

    stop = stopwords()
    words = title.split()
    problems = []
    if not 2 <= len(words) <= 6:
        problems.append("length")
    first, last = words[0].lower(), words[-1].lower().strip(".,")
    named = len(words) > 1 and words[1][:1].isupper()  # "New York" opens a name
    if (first in stop and first not in _ARTICLES and not named) or last in stop:
        problems.append("dangling")
    for name in _NAME.findall(title):
        surname = name.split()[-1]
        if len(re.findall(rf"\b{re.escape(surname)}\b", text)) == 1:
            problems.append("once")
            break
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("command", choices=("prepare", "build", "score"))
    parser.add_argument("data", type=Path, help="PolNeAR's data/ folder")
    parser.add_argument("out", type=Path, nargs="?", help="where prepare and build write")
    parser.add_argument("--marks", type=Path, default=MARKS)
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="dev")
    parser.add_argument("-v", "--verbose", action="store_true", help="every article's sections")
    args = parser.parse_args()
    if args.command == "score":
        return score(args.data, args.marks, args.split, args.verbose)
    if args.out is None:
        parser.error(f"{args.command} needs OUT_DIR")
    if args.command == "prepare":
        return prepare(args.data, args.out)
    return build(args.data, args.out, args.marks)


if __name__ == "__main__":
    sys.exit(main())
