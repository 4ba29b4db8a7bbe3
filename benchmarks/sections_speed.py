"""Sections on a long text: CPU seconds per MB for segmentation and for titles and gists.

    python benchmarks/sections_speed.py DATA_DIR [--size 1000000] [--reps 3] [--baseline CHECKOUT]
    python benchmarks/sections_speed.py DATA_DIR --dump OUT.json [--limit 400]

DATA_DIR holds news articles as .txt files (PolNeAR's `text/` folders, for instance: no corpus
is part of this repository). They are joined as `benchmarks/entities.py` joins them, parsed as
one plain-text document whose paragraphs are then taken as they are (no heading lines, so the
whole text is segmented: a few short lines would otherwise make it a headed document), split
into sentences as `analyze` does, and the sections step is timed (best of `--reps`, CPU
time): segmentation alone, then the whole step (segmentation, titles and gists), against the
target of 1 s per MB for the whole step. `--baseline CHECKOUT` measures another checkout's
`briefing` (say the main branch's) on the same text in the same run, the two taking turns
(`--rounds`), so that a figure taken on a loaded machine is read against its baseline.

`--dump` writes, for each of the first `--limit` files read as its own document, the sections
(starts, titles, gists) as JSON: run it before and after an optimisation and compare the two
files to check that the output did not change.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

# This checkout's package and benchmarks, not an installed (or another editable) briefing.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.entities import read_corpus
from benchmarks.segmentation import as_document
from briefing.analysis.sections import automatic_sections
from briefing.analysis.segmentation import segment
from briefing.analysis.sentences import split_sentences
from briefing.ingest import document_from_text

TARGET_S_PER_MB = 1.0
"""Sentences to sections, titles and gists (issue 17)."""


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


def measure(data_dir: Path, size: int, reps: int) -> tuple[float, float, int, int, int]:
    """(segmentation, whole step) CPU seconds per MB, characters, paragraphs, sections."""
    text = read_corpus(data_dir, size)
    parsed = document_from_text(text, "text", "corpus.txt")
    blocks = [parsed.paragraph_text(i) for i in range(len(parsed.paragraphs))]
    document = as_document(blocks, "corpus.txt")
    sentences = split_sentences(document)
    mb = len(document.text) / 1e6
    seg = cpu_best(reps, lambda: segment(blocks))
    whole = cpu_best(reps, lambda: automatic_sections(document, sentences=sentences))
    count = len(automatic_sections(document, sentences=sentences))
    return seg / mb, whole / mb, len(document.text), len(blocks), count


def measure_checkout(checkout: Path, data_dir: Path, size: int, reps: int) -> tuple[float, float]:
    """`measure` (of this file) run on the `briefing` of another checkout, in a process of its
    own started in that checkout (so its `briefing` and `benchmarks` are the ones imported)."""
    code = (
        "import json, pathlib, runpy, sys;"
        f"m = runpy.run_path({str(Path(__file__).resolve())!r}, run_name='baseline');"
        f"print(json.dumps(m['measure'](pathlib.Path({str(data_dir.resolve())!r}),"
        f" {size}, {reps})[:2]))"
    )
    env = {**os.environ, "PYTHONPATH": str(checkout.resolve())}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=checkout,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        last = (out.stderr.strip().splitlines() or ["failed"])[-1]
        raise SystemExit(f"baseline {checkout}: {last}")
    seg, whole = json.loads(out.stdout.strip().splitlines()[-1])
    return float(seg), float(whole)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another checkout to measure alongside")
    parser.add_argument("--rounds", type=int, default=2, help="turns of each, with --baseline")
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--limit", type=int, default=400)
    args = parser.parse_args()
    if args.dump:
        dump(args.data_dir, args.dump, args.limit)
        return 0
    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    for _ in range(args.rounds if args.baseline else 1):
        if args.baseline:
            theirs.append(measure_checkout(args.baseline, args.data_dir, args.size, args.reps))
        seg, whole, chars, paragraphs, count = measure(args.data_dir, args.size, args.reps)
        ours.append((seg, whole))
    seg, whole = min(s for s, _ in ours), min(w for _, w in ours)
    print(f"{chars:,} characters, {paragraphs:,} paragraphs, {count} sections")
    print(f"segmentation          {seg:6.2f} s/MB CPU")
    print(f"titles and gists      {whole - seg:6.2f} s/MB CPU")
    print(
        f"sections step         {whole:6.2f} s/MB CPU (target {TARGET_S_PER_MB:.1f}: "
        f"{'met' if whole <= TARGET_S_PER_MB else 'not met'})"
    )
    if theirs:
        base_seg, base_whole = min(s for s, _ in theirs), min(w for _, w in theirs)
        print(
            f"baseline {args.baseline}: segmentation {base_seg:.2f}, sections step "
            f"{base_whole:.2f} s/MB CPU (this checkout: {whole / base_whole:.0%} of it)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
