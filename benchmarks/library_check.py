"""The issue's outside check of the library, as a script runs it.

    python benchmarks/library_check.py WORKDIR [--runs 9]

In a new library (WORKDIR/check-data): three articles, two of them about one person, a note
holding a rare word on one, a tag on two; then 1,000 generated articles (WORKDIR/articles-1000,
made if missing). Then `briefing search` for the rare word, the shared person and the tag must
name exactly the expected documents, and each search (a fresh process) is timed against
`briefing --version`, medians of `--runs` runs interleaved. Exits 1 if a search names other
documents.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.library_articles import write_articles  # noqa: E402

ARTICLES = {
    "port.txt": (
        "Port authority names a new chief\n\n"
        "The port authority on Monday named Ilse Vandermolen as its chief executive. "
        "Vandermolen, who ran the river ferries for six years, said the docks needed new "
        "cranes before the winter.\n\n"
        "Unions welcomed the choice, the authority said.\n"
    ),
    "tunnel.txt": (
        "Tunnel plan returns to the council\n\n"
        "A plan for a road tunnel under the estuary returned to the city council on "
        "Wednesday. Ilse Vandermolen, the port authority's chief executive, told members the "
        "tunnel would take lorries off the quay roads.\n\n"
        "A vote is due in March.\n"
    ),
    "museum.txt": (
        "Museum reopens after a long repair\n\n"
        "The maritime museum reopened on Saturday after three years of repairs. Its director, "
        "Tomas Oyelaran, said visitor numbers had doubled in the first weekend.\n"
    ),
}
RARE_WORD = "quillwort"


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args], env=env, capture_output=True, text=True
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("work", type=Path)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    work: Path = args.work
    data = work / "check-data"
    shutil.rmtree(data, ignore_errors=True)
    three = work / "check-three"
    shutil.rmtree(three, ignore_errors=True)
    three.mkdir(parents=True)
    for name, text in ARTICLES.items():
        (three / name).write_text(text, encoding="utf-8")
    generated = work / "articles-1000"
    if not generated.exists():
        write_articles(generated, 1000, seed=1, size=5000)
    env = {**os.environ, "BRIEFING_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    museum = str(three / "museum.txt")
    steps = [
        ["add", str(three)],
        ["notes", "add", museum, "--quote", "maritime museum", "--note", f"ask: {RARE_WORD}"],
        ["library", "tag", str(three / "port.txt"), str(three / "tunnel.txt"), "--tag", "docks"],
    ]
    for step in steps:
        done = _run(step, env)
        if done.returncode != 0:
            raise SystemExit(f"briefing {' '.join(step[:2])} failed: {done.stderr.strip()}")
    started = time.monotonic()
    done = _run(["add", str(generated)], env)
    print(
        f"add 1,000 generated articles: {time.monotonic() - started:.0f} s; {done.stdout.strip()}"
    )
    expected = {
        RARE_WORD: {"museum.txt"},
        "Vandermolen": {"port.txt", "tunnel.txt"},
        "#docks": {"port.txt", "tunnel.txt"},
    }
    failures = 0
    for query, names in expected.items():
        found = json.loads(_run(["search", query, "--format", "json", "--limit", "0"], env).stdout)
        got = {Path(hit["source"]).name for hit in found["results"]}
        ok = got == names
        failures += not ok
        print(f"search {query}: {sorted(got)} {'= expected' if ok else f'!= {sorted(names)}'}")
    times: dict[str, list[float]] = {"--version": [], **{q: [] for q in expected}}
    for _ in range(args.runs):
        for query in times:
            command = ["--version"] if query == "--version" else ["search", query]
            started = time.monotonic()
            subprocess.run(
                [sys.executable, "-m", "briefing", *command],
                env=env,
                stdout=subprocess.DEVNULL,
                check=True,
            )
            times[query].append(time.monotonic() - started)
    version = statistics.median(times["--version"])
    print(f"briefing --version: {version * 1000:.0f} ms")
    for query in expected:
        median = statistics.median(times[query])
        print(f"briefing search {query}: {median * 1000:.0f} ms, {median / version:.2f}x (<= 2x)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
