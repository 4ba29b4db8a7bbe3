"""Where a fresh `briefing analyze FILE --no-cache --format json` spends its CPU, step by step.

    python benchmarks/analyze_steps.py FILE [--rounds 7] [--baseline CHECKOUT]

Each round runs the command in a new process (its own empty data and cache folders, byte-code
caches allowed, as `cold_start.py` does) with the steps of the analysis wrapped in CPU timers:
the CLI's imports, segmentation (numpy's import included), titles and gists, the tagger (its
model's records read as words come), the rest of the entities, quotes, and the whole
process (user + system, from the parent). `--baseline CHECKOUT` runs another checkout's
`briefing` (the tree before a change) in the same rounds, the two taking turns, so that a
figure taken on a shared machine is read against its baseline. Medians (and ranges) in ms.

FILE is any text `briefing analyze` reads; for the 256 KB news file of issue 15, see
`benchmarks/CORPORA.md` (Cold start). Nothing is compared for speed in the tests.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

STEPS = (
    ("briefing.analysis.sections", "_segment_starts", "sections: segmentation"),
    ("briefing.analysis.sections", "_describe", "sections: titles and gists"),
    ("briefing.analysis.people", "tag_names", "entities: tagger"),
    ("briefing.analysis.people", "extract_entities", "entities, all"),
    ("briefing.analysis.people", "attribute_quotes", "quotes"),
    ("briefing.pipeline", "analyze", "analysis, all"),
)
"""(module, function, label): the functions timed (their first call imports what they need)."""


def _child(path: str) -> None:
    """Run the command in this process with the steps timed; print {label: ms} as JSON."""
    clock = time.process_time
    start = clock()
    import briefing.cli as cli

    spent: dict[str, float] = {"imports of the CLI": clock() - start}

    def timed(function: Callable[..., Any], label: str) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            begin = clock()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + clock() - begin

        return run

    for module_name, name, label in STEPS:
        module = importlib.import_module(module_name)
        setattr(module, name, timed(getattr(module, name), label))
    begin = clock()
    with contextlib.redirect_stdout(io.StringIO()):
        cli.main(["analyze", path, "--no-cache", "--format", "json"])
    spent["the command, all"] = clock() - begin
    print(json.dumps({label: round(seconds * 1000, 1) for label, seconds in spent.items()}))


def _run(checkout: Path, path: Path, env: dict[str, str]) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path)],
        cwd=checkout,
        env={**env, "PYTHONPATH": str(checkout)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise SystemExit(f"{checkout}: {out.stderr.strip()[-400:]}")
    found: dict[str, float] = json.loads(out.stdout.splitlines()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    found["whole process (user + system)"] = round(cpu * 1000, 1)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--baseline", type=Path, help="another checkout, timed in turn")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(str(args.path))
        return 0
    trees = {"this tree": ROOT}
    if args.baseline is not None:
        trees["baseline"] = args.baseline.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["BRIEFING_DATA_DIR"] = str(Path(tmp) / "data")
        env["BRIEFING_CACHE_DIR"] = str(Path(tmp) / "cache")
        path = args.path.resolve()
        for tree in trees.values():
            _run(tree, path, env)  # untimed: byte-code caches written, files in memory
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
        for _ in range(args.rounds):
            for name, tree in trees.items():
                runs[name].append(_run(tree, path, env))
    size = args.path.stat().st_size / 1000
    print(
        f"{args.path.name} ({size:.0f} KB), {args.rounds} fresh processes each, "
        "CPU ms, median (range):"
    )
    labels = list(runs["this tree"][0])
    print(f"  {'':<32}" + "".join(f"{name:>22}" for name in trees))
    for label in labels:
        cells = []
        for name in trees:
            values = [run[label] for run in runs[name]]
            median = statistics.median(values)
            cells.append(f"{median:7.0f} ({min(values):.0f}–{max(values):.0f})")
        print(f"  {label:<32}" + "".join(f"{cell:>22}" for cell in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
