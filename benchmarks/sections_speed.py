"""Sections on a long text: CPU seconds per MB for segmentation and for titles and gists.

    python benchmarks/sections_speed.py DATA_DIR [--size 1000000] [--reps 3]
    python benchmarks/sections_speed.py DATA_DIR --dump OUT.json [--limit 400]

DATA_DIR holds news articles as .txt files (PolNeAR's `text/` folders, for instance: no corpus
is part of this repository). They are joined as `benchmarks/entities.py` joins them, parsed as
one plain-text document whose paragraphs are then taken as they are (no heading lines, so the
whole text is segmented: a few short lines would otherwise make it a headed document), split
into sentences as `analyze` does, and the sections step is timed (best of `--reps`, CPU
time): segmentation alone, then the whole step (segmentation, titles and gists), against the
target of 0.8 s per MB for the whole step.

`--dump` writes, for each of the first `--limit` files read as its own document, the sections
(starts, titles, gists) as JSON: run it before and after an optimisation and compare the two
files to check that the output did not change.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.entities import read_corpus
from benchmarks.segmentation import as_document
from briefing.analysis.sections import automatic_sections
from briefing.analysis.segmentation import segment
from briefing.analysis.sentences import split_sentences
from briefing.ingest import document_from_text

TARGET_S_PER_MB = 0.8
"""Sentences to sections, titles and gists."""


def cpu_best(reps: int, run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(reps):
        t0 = time.process_time()
        run()
        best = min(best, time.process_time() - t0)
    return best


def dump(directory: Path, out: Path, limit: int) -> None:
    results = {}
    for path in sorted(directory.glob("*.txt"))[:limit]:
        document = document_from_text(path.read_text(encoding="utf-8"), "text", path.name)
        sentences = split_sentences(document)
        sections = automatic_sections(document, sentences=sentences)
        results[path.name] = [
            [s.start_paragraph, s.end_paragraph, s.title, s.gist and [s.gist.start, s.gist.end]]
            for s in sections
        ]
    out.write_text(json.dumps(results, indent=0, ensure_ascii=False), encoding="utf-8")
    print(f"{len(results)} documents -> {out}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--limit", type=int, default=400)
    args = parser.parse_args()
    if args.dump:
        dump(args.data_dir, args.dump, args.limit)
        return 0
    text = read_corpus(args.data_dir, args.size)
    parsed = document_from_text(text, "text", "corpus.txt")
    blocks = [parsed.paragraph_text(i) for i in range(len(parsed.paragraphs))]
    document = as_document(blocks, "corpus.txt")
    sentences = split_sentences(document)
    mb = len(document.text) / 1e6
    seg = cpu_best(args.reps, lambda: segment(blocks))
    whole = cpu_best(args.reps, lambda: automatic_sections(document, sentences=sentences))
    count = len(automatic_sections(document, sentences=sentences))
    print(f"{len(document.text):,} characters, {len(blocks):,} paragraphs, {count} sections")
    print(f"segmentation          {seg / mb:6.2f} s/MB CPU")
    print(f"titles and gists      {(whole - seg) / mb:6.2f} s/MB CPU")
    print(
        f"sections step         {whole / mb:6.2f} s/MB CPU (target {TARGET_S_PER_MB:.1f}: "
        f"{'met' if whole / mb <= TARGET_S_PER_MB else 'not met'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
