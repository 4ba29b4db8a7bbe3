"""Loading and anchoring 1,000 annotations (target: ≤ 200 ms), on the bundled briefing and on a
generated 5 MB report, for an unchanged document and for one edited since the notes were made.

    python benchmarks/annotations.py [--runs 5] [--count 1000]

Prints medians of `--runs` runs in milliseconds. Each case opens a fresh `Store` and `Notebook`
(as the app does), so SQLite's connection, the query and the re-anchoring are all counted; the
edited case re-anchors in memory only (`persist=False`) so every run does the same work.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.startup import generate_report
from briefing.ingest import load_document
from briefing.paths import seed_path
from briefing.store.anchoring import AnchorSummary
from briefing.store.database import Store
from briefing.store.notebook import Notebook

TARGET_MS = 200.0


def _annotate(db: Path, path: Path, count: int) -> None:
    """`count` annotations on whole words spread over the text, some with notes and tags."""
    notebook = Notebook(Store(db), load_document(path))
    notebook.open()
    text = notebook.document.text
    rng = random.Random(3)
    for i in range(count):
        start = rng.randrange(0, len(text) - 200)
        while start > 0 and not (text[start - 1].isspace() and text[start].isalnum()):
            start -= 1
        end = start + rng.randrange(20, 160)
        while end < len(text) and text[end].isalnum():
            end += 1
        notebook.add(
            start,
            end,
            color=("yellow", "green", "blue", "pink")[i % 4],
            note=f"note {i}" if i % 3 == 0 else "",
            tags=[f"tag{i % 7}"] if i % 2 else [],
        )


def _edit(path: Path) -> None:
    """Insert a paragraph at the top and change a word in every 50th line: every offset moves."""
    lines = path.read_text(encoding="utf-8").splitlines()
    edited = ["An inserted opening paragraph shifts every offset below it.", ""]
    for n, line in enumerate(lines):
        edited.append(line.replace(" the ", " this ", 1) if n % 50 == 25 else line)
    path.write_text("\n".join(edited) + "\n", encoding="utf-8")


def _time_open(db: Path, path: Path, runs: int) -> tuple[float, AnchorSummary]:
    document = load_document(path)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        notebook = Notebook(Store(db), document)
        notebook.open(persist=False)
        times.append((time.perf_counter() - started) * 1000)
        notebook.store.close()
    return statistics.median(times), AnchorSummary.of(notebook.annotations)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seed = folder / "seed.txt"
        seed.write_text(seed_path().read_text(encoding="utf-8"), encoding="utf-8")
        report = folder / "report.md"
        generate_report(report)
        print(
            f"{'document':<18} {'case':<10} {'exact':>6} {'moved':>6} {'orphan':>6} "
            f"{'median ms':>10}  target ≤ {TARGET_MS:.0f}"
        )
        for name, path in (("bundled briefing", seed), ("5 MB report", report)):
            db = folder / f"{path.stem}.sqlite3"
            _annotate(db, path, args.count)
            for case in ("unchanged", "edited"):
                if case == "edited":
                    _edit(path)
                ms, got = _time_open(db, path, args.runs)
                verdict = "ok" if ms <= TARGET_MS else "OVER"
                print(
                    f"{name:<18} {case:<10} {got.exact:>6} {got.moved:>6} {got.orphaned:>6} "
                    f"{ms:>10.1f}  {verdict}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
