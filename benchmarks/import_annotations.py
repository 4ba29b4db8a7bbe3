"""Importing 100,000 annotations with `briefing notes import` (target: ≤ 60 s), the way a user
moves a large notebook between machines: export as W3C JSON from one data directory, import
into a fresh one, onto the same text and onto an edited copy.

    python benchmarks/import_annotations.py [--count 100000] [--keep DIR]

The document is the generated 5 MB report of the start-up benchmark. Prints wall and CPU time
of the import process and its peak memory, and checks that every annotation arrived.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.startup import generate_report
from briefing.export.web_annotation import export_web_annotations
from briefing.ingest import load_document
from briefing.model import Annotation
from briefing.store.anchoring import quote_at

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 60.0


def _annotations(path: Path, count: int) -> str:
    """W3C JSON of `count` annotations on whole-word passages spread over the text."""
    document = load_document(path)
    text = document.text
    rng = random.Random(7)
    made: list[Annotation] = []
    spans: set[tuple[int, int]] = set()
    while len(made) < count:
        i = len(made)
        start = rng.randrange(0, len(text) - 200)
        while start > 0 and not (text[start - 1].isspace() and text[start].isalnum()):
            start -= 1
        end = start + rng.randrange(20, 160)
        while end < len(text) and text[end].isalnum():
            end += 1
        if (start, end) in spans:
            continue  # the same passage twice with no note is one annotation
        spans.add((start, end))
        made.append(
            Annotation(
                id=f"{i:032x}",
                start=start,
                end=end,
                quote=quote_at(text, start, end),
                color=("yellow", "green", "blue", "pink")[i % 4],
                note=f"note {i}" if i % 3 == 0 else "",
                tags=(f"tag{i % 7}",) if i % 2 else (),
                created="2026-01-01T00:00:00Z",
                modified="2026-01-01T00:00:00Z",
            )
        )
    return export_web_annotations(document, made, source=str(path), exported_at="x")


def _import(data: Path, document: Path, notes: Path) -> tuple[float, float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "notes", "import", str(document), str(notes)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_DATA_DIR": str(data)},
        check=False,
    )
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"import failed: {result.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024, result.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="work in DIR and keep its files")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="briefing-import-"))
    folder.mkdir(parents=True, exist_ok=True)
    report = folder / "report.txt"
    generate_report(report)
    notes = folder / "notes.json"
    notes.write_text(_annotations(report, args.count), encoding="utf-8")
    print(f"{args.count:,} annotations, {notes.stat().st_size / 1e6:.1f} MB of JSON")
    edited = folder / "edited.txt"
    edited.write_text(
        "An inserted opening paragraph shifts every offset.\n\n" + report.read_text("utf-8"),
        encoding="utf-8",
    )
    failed = False
    for name, target in (("same text", report), ("edited copy", edited)):
        data = folder / f"data-{name.replace(' ', '-')}"
        shutil.rmtree(data, ignore_errors=True)  # a fresh data directory every run
        wall, cpu, peak, said = _import(data, target, notes)
        listed = subprocess.run(
            [sys.executable, "-m", "briefing", "notes", str(target), "--format", "json"],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_DATA_DIR": str(data)},
            check=True,
        )
        arrived = len(json.loads(listed.stdout))
        ok = wall <= TARGET_S and arrived == args.count
        failed |= not ok
        print(
            f"{name:<12} import {wall:6.1f} s wall, {cpu:6.1f} s CPU, peak {peak:5.0f} MB "
            f"(target ≤ {TARGET_S:.0f} s): {arrived:,} listed  {'ok' if ok else 'FAILED'}  "
            f"[{said}]"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
